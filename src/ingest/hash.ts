// Fingerprints of an article: a content hash (same article = same hash), a SimHash of its word
// 3-shingles (a republished story with small edits lands a few bits away), and hashes of its long
// sentences (shared sentences reveal a page that embeds another story).
import { createHash } from 'node:crypto';
import type { ArticleInput } from '../pipeline/doc.js';
import { normalizeString } from '../text/normalize.js';

/** SHA-256 of the text and the metadata the analysis depends on. */
export function contentHash(a: Pick<ArticleInput, 'text' | 'title' | 'source' | 'published' | 'url'>): string {
  const h = createHash('sha256');
  h.update(a.text);
  for (const x of [a.title, a.source, a.published, a.url]) h.update('\u0000' + (x ?? ''));
  return h.digest('hex');
}

/** 32-bit FNV-1a of a string (signed, as SQLite stores it). */
export function fnv32(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The normalised words of a text. */
export function normWords(text: string): string[] {
  return normalizeString(text).match(WORD) ?? [];
}

/** 64-bit SimHash (16 hex digits) of the word 3-shingles of a text: each shingle «w1 w2 w3» (fewer
 *  words when the text has fewer) hashed by two FNV-1a (fnv32 with two seeds), fed word by word
 *  instead of building the shingle's string. */
export function simhash(text: string): string {
  const words = normWords(text);
  const v = new Int32Array(64);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    let lo = 0x811c9dc5;
    let hi = 0x2f1a9b37;
    const end = Math.min(i + 3, words.length);
    for (let j = i; j < end; j++) {
      if (j > i) {
        lo = Math.imul(lo ^ 0x20, 0x01000193); // the space between words
        hi = Math.imul(hi ^ 0x20, 0x01000193);
      }
      const w = words[j];
      for (let k = 0; k < w.length; k++) {
        const c = w.charCodeAt(k);
        lo = Math.imul(lo ^ c, 0x01000193);
        hi = Math.imul(hi ^ c, 0x01000193);
      }
    }
    for (let b = 0; b < 32; b++) {
      v[b] += (((lo >>> b) & 1) << 1) - 1;
      v[32 + b] += (((hi >>> b) & 1) << 1) - 1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b] > 0) lo |= 1 << b;
    if (v[32 + b] > 0) hi |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Hashes of the sentences of at least `minWords` words (normalised, punctuation dropped). */
export function sentenceHashes(text: string, sentences: { start: number; end: number }[], skip: (s: { start: number; end: number }) => boolean = () => false, minWords = 6): number[] {
  const out = new Set<number>();
  for (const s of sentences) {
    if (skip(s)) continue;
    const w = normWords(text.slice(s.start, s.end));
    if (w.length >= minWords) out.add(fnv32(w.join(' ')));
  }
  return [...out];
}
