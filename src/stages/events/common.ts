// Shared machinery of the claim stages (quantities, events, quotes): the data files under
// data/claims/, a light word scanner over the normalised text, clitic stripping, a phrase
// lexicon, and an index of the article's entities, times and boilerplate by word.
//
// Everything is matched on `doc.norm.text`; spans are mapped back with `toOriginal()`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createError } from '../../errors.js';
import { normalizeString, toNormalized, toOriginal } from '../../text/normalize.js';
import type { Doc, Entity, EntityType, Span } from '../../pipeline/doc.js';

// ---------------------------------------------------------------- data files

let dataDirCache: string | null = null;
/** data/claims/, found by walking up from this file (works from src/ and from dist/). */
export function claimsDataDir(): string {
  if (dataDirCache) return dataDirCache;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const p = path.join(dir, 'data', 'claims');
    if (fs.existsSync(p)) return (dataDirCache = p);
    dir = path.dirname(dir);
  }
  throw createError('E_DATA', 'data/claims', 0, 'folder not found');
}

/** Rows of a TSV file in data/claims (comments `#` and blank lines skipped), each with its line. */
export function readTsv(name: string, minCols = 1): { cols: string[]; line: number }[] {
  const file = path.join(claimsDataDir(), name);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw createError('E_DATA', `data/claims/${name}`, 0, 'cannot read the file');
  }
  const out: { cols: string[]; line: number }[] = [];
  raw.split('\n').forEach((l, i) => {
    const t = l.replace(/\r$/, '');
    if (!t.trim() || t.startsWith('#')) return;
    const cols = t.split('\t').map((c) => c.trim());
    if (cols.length < minCols) throw createError('E_DATA', `data/claims/${name}`, i + 1, `expected ${minCols} columns`);
    out.push({ cols, line: i + 1 });
  });
  return out;
}

/** Normalise a lexicon entry the way the text is normalised (plus hamza-less alef for safety). */
export function normEntry(s: string): string {
  return normalizeString(s).replace(/\s+/g, ' ').trim();
}

/** A set of words to test the normalised text's words against, each normalised as the text is:
 *  written as one would spell them («الرئيس», «فصائل», «رأي»), they match «الرييس», «فصايل»,
 *  «راي» (a set of raw spellings would silently never match them). */
export function wordSet(words: readonly string[]): Set<string> {
  return new Set(words.map(normEntry));
}

// ---------------------------------------------------------------- words

export type WordKind = 'w' | 'n' | 'p';
export interface Word {
  /** [s, e) in doc.norm.text */
  s: number;
  e: number;
  t: string;
  k: WordKind;
  /** sentence index */
  sent: number;
  /** inside boilerplate */
  bp: boolean;
  /** the word's clitic variants that some lexicon knows, filled on first use (see vs()) */
  v?: Variant[];
  vg?: number;
  /** all the word's clitic variants (variants(t)), filled on first use (see allVariants()) */
  va?: Variant[];
}

// Every form any claim lexicon can look up. A word's variants are kept only when a lexicon knows
// them, so most words carry an empty list and lexicon lookups skip them at once.
const KEYS = new Set<string>();
let keyGen = 0;
const NONE: Variant[] = [];
/** Declare forms a lexicon or a word set of the claim stages looks up (with vs()). */
export function registerKeys(keys: Iterable<string>): void {
  let added = false;
  for (const k of keys) {
    if (!KEYS.has(k)) {
      KEYS.add(k);
      bloomAdd(k);
      added = true;
    }
  }
  if (added) {
    keyGen++;
    formCache.clear();
  }
}

/** The forms the claim lexicons look up (for tests). */
export function registeredKeys(): ReadonlySet<string> {
  return KEYS;
}

/** The clitic variants of a word that some registered lexicon knows, cached on the word. */
export function vs(w: Word): Variant[] {
  if (w.v && w.vg === keyGen) return w.v;
  let v: Variant[] | undefined;
  if (!mayHaveKey(w.t)) v = NONE;
  else {
    v = formCache.get(w.t);
    if (!v) {
      const all = computeVariants(w.t, KEYS);
      v = all.length ? all : NONE;
      formCache.set(w.t, v);
    }
  }
  w.v = v;
  w.vg = keyGen;
  return v;
}

/**
 * Word form → its filtered variants, for the forms that pass the filter below. An open-addressing
 * table hashed in JavaScript: a Map would compute the hash of each word string (new for every
 * article) in the runtime, which costs more than the whole lookup here. Cleared when half full.
 */
class FormCache {
  private readonly keys: (string | undefined)[];
  private readonly vals: Variant[][];
  private size = 0;
  constructor(private readonly mask: number) {
    this.keys = new Array<string | undefined>(mask + 1).fill(undefined);
    this.vals = new Array<Variant[]>(mask + 1).fill(NONE);
  }
  private static hash(w: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
    return h ^ (h >>> 15);
  }
  get(w: string): Variant[] | undefined {
    const m = this.mask;
    for (let i = FormCache.hash(w) & m; ; i = (i + 1) & m) {
      const k = this.keys[i];
      if (k === undefined) return undefined;
      if (k === w) return this.vals[i];
    }
  }
  set(w: string, v: Variant[]): void {
    if (2 * (this.size + 1) > this.mask) this.clear();
    const m = this.mask;
    let i = FormCache.hash(w) & m;
    while (this.keys[i] !== undefined && this.keys[i] !== w) i = (i + 1) & m;
    if (this.keys[i] === undefined) this.size++;
    this.keys[i] = w;
    this.vals[i] = v;
  }
  clear(): void {
    this.keys.fill(undefined);
    this.vals.fill(NONE);
    this.size = 0;
  }
}
const formCache = new FormCache((1 << 16) - 1);

// ---- a filter in front of vs(): most words have no variant any lexicon knows, and deciding that
// through a cache of every word form seen (hundreds of thousands of entries) costs a cache miss
// or three per word. A Bloom filter over the registered keys (one hash, 2^16 bits) and the forms
// computeVariants can make (a superset: the same starts and ends, not deduplicated) says «none»
// for most words at the price of a few integer operations; it never says «none» wrongly.
const BLOOM_BITS = 16;
const bloom = new Int32Array(1 << (BLOOM_BITS - 5));
const BLOOM_MASK = (1 << BLOOM_BITS) - 1;
function bloomAdd(k: string): void {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 16777619);
  const b = (h ^ (h >>> 16)) & BLOOM_MASK;
  bloom[b >>> 5] |= 1 << (b & 31);
}
/** Might w[p, e) (preceded by «ال» when `al`, followed by the letter `last` when > 0) be a key? */
function bloomHas(w: string, al: boolean, p: number, e: number, last: number): boolean {
  let h = 0x811c9dc5 | 0;
  if (al) {
    h = Math.imul(h ^ 0x627, 16777619);
    h = Math.imul(h ^ 0x644, 16777619);
  }
  for (let i = p; i < e; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
  if (last) h = Math.imul(h ^ last, 16777619);
  const b = (h ^ (h >>> 16)) & BLOOM_MASK;
  return (bloom[b >>> 5] & (1 << (b & 31))) !== 0;
}
const C_WAW = 0x648;
const C_FA = 0x641;
const C_BA = 0x628;
const C_LAM = 0x644;
const C_KAF = 0x643;
const C_SIN = 0x633;
const C_YA = 0x64a;
const C_TA = 0x62a;
const C_NUN = 0x646;
const C_ALEF = 0x627;
const C_HA = 0x647;
const C_TEH = 0x62a;
const C_HAMZA = 0x621;
/** The start of each form computeVariants makes (p: offset in w; al: «ال» put before it), max 12. */
const startP = new Int32Array(12);
const startAl = new Uint8Array(12);
/**
 * False only when no form computeVariants(w) makes can be a registered key: each form is w[p..)
 * or «ال» + w[p..), p from the proclitic rules, then (when w ends with a pronoun suffix) the same
 * without the suffix, or with its last letter ت → ه / ي → ء.
 */
function mayHaveKey(w: string): boolean {
  const L = w.length;
  let n = 0;
  const c0 = w.charCodeAt(0);
  const c1 = L > 1 ? w.charCodeAt(1) : 0;
  const c2 = L > 2 ? w.charCodeAt(2) : 0;
  startP[n] = 0;
  startAl[n++] = 0;
  // stage(w)
  if (L > 4 && c0 === C_LAM && c1 === C_LAM) {
    startP[n] = 2;
    startAl[n++] = 1;
  }
  if (((c0 === C_BA || c0 === C_LAM || c0 === C_KAF) && L > 3) || (c0 === C_SIN && L > 4 && (c1 === C_YA || c1 === C_TA || c1 === C_NUN))) {
    startP[n] = 1;
    startAl[n++] = 0;
  }
  // stage(w without و/ف)
  if ((c0 === C_WAW || c0 === C_FA) && L > 3) {
    startP[n] = 1;
    startAl[n++] = 0;
    if (L - 1 > 4 && c1 === C_LAM && c2 === C_LAM) {
      startP[n] = 3;
      startAl[n++] = 1;
    }
    if (((c1 === C_BA || c1 === C_LAM || c1 === C_KAF) && L - 1 > 3) || (c1 === C_SIN && L - 1 > 4 && (c2 === C_YA || c2 === C_TA || c2 === C_NUN))) {
      startP[n] = 2;
      startAl[n++] = 0;
    }
  }
  // «ال» stripped from any of those
  for (let k = 0, m = n; k < m; k++) {
    if (startAl[k]) {
      startP[n] = startP[k];
      startAl[n++] = 0;
    } else {
      const p = startP[k];
      if (L - p > 4 && w.charCodeAt(p) === C_ALEF && w.charCodeAt(p + 1) === C_LAM) {
        startP[n] = p + 2;
        startAl[n++] = 0;
      }
    }
  }
  // the pronoun suffix w ends with, if any (at most one of SUFFIXES can end a word)
  let s = 0;
  const z1 = L > 0 ? w.charCodeAt(L - 1) : 0;
  const z2 = L > 1 ? w.charCodeAt(L - 2) : 0;
  const z3 = L > 2 ? w.charCodeAt(L - 3) : 0;
  if (z1 === C_ALEF && z2 === 0x645 && z3 === C_HA) s = 3; // هما
  else if (z1 === 0x645 && z2 === C_HA) s = 2; // هم
  else if (z1 === C_ALEF && z2 === C_HA) s = 2; // ها
  else if (z1 === C_HA) s = 1; // ه
  else if (z1 === C_ALEF && z2 === C_NUN) s = 2; // نا
  else if (z1 === 0x645 && z2 === C_KAF) s = 2; // كم
  const sub = s ? w.charCodeAt(L - s - 1) : 0;
  for (let k = 0; k < n; k++) {
    const p = startP[k];
    const al = startAl[k] === 1;
    if (bloomHas(w, al, p, L, 0)) return true;
    if (s && L - s > p) {
      if (bloomHas(w, al, p, L - s, 0)) return true;
      if (sub === C_TEH && bloomHas(w, al, p, L - s - 1, C_HA)) return true;
      if (sub === C_YA && bloomHas(w, al, p, L - s - 1, C_HAMZA)) return true;
    }
  }
  return false;
}

const WORD_RE = /[0-9]+(?:[.,][0-9]+)*|[\u0621-\u064a]+|[a-z]+|[^\s\u0621-\u064a0-9a-z]/g;

/** Scan the normalised text into words, numbers and punctuation, with sentence indexes. */
export function scanWords(doc: Doc): Word[] {
  if (doc.sentences?.length && doc.tokens?.length) {
    const fromTokens = wordsFromTokens(doc);
    if (fromTokens) return fromTokens;
  }
  return scanWordsRegex(doc);
}

/** scanWords() with WORD_RE over the normalised text (what wordsFromTokens() must equal). */
export function scanWordsRegex(doc: Doc): Word[] {
  const text = doc.norm.text;
  const sents = doc.sentences ?? [];
  const toOrig = doc.norm.toOrig;
  const bps = [...(doc.boilerplate ?? [])].sort((a, b) => a.start - b.start);
  const out: Word[] = [];
  let si = 0;
  let bi = 0;
  // fallback sentence numbering when the text layer gave none
  let fallbackSent = 0;
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(text))) {
    const s = m.index;
    const t = m[0];
    const c = t.charCodeAt(0);
    const k: WordKind = c >= 0x30 && c <= 0x39 ? 'n' : (c >= 0x621 && c <= 0x64a) || (c >= 0x61 && c <= 0x7a) ? 'w' : 'p';
    const o = toOrig[s];
    let sent: number;
    if (sents.length) {
      while (si < sents.length - 1 && sents[si].end <= o) si++;
      sent = si;
    } else {
      sent = fallbackSent;
      if (k === 'p' && (t === '.' || t === '!' || t === '?' || t === '؟' || t === '\n')) fallbackSent++;
    }
    while (bi < bps.length && bps[bi].end <= o) bi++;
    const bp = bi < bps.length && bps[bi].start <= o && o < bps[bi].end;
    // v and vg are set by vs(); made here so that every word has the same shape from the start
    out.push({ s, e: s + t.length, t, k, sent, bp, v: undefined, vg: -1, va: undefined });
    if (!sents.length) {
      // a line break ends a sentence too
      const nl = text.indexOf('\n', s + t.length);
      const next = WORD_RE.lastIndex;
      if (nl >= 0 && nl < next) fallbackSent++;
    }
  }
  return out;
}

/** Per UTF-16 code unit of the normalised text: what WORD_RE makes of it. */
const S_SPACE = 1; // \s: never part of a word
const S_AR = 2; // [\u0621-\u064a]
const S_LATIN = 3; // [a-z]
const S_DIGIT = 4; // [0-9]
const S_OTHER = 5; // a word of its own (punctuation)
const SCAN_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000).fill(S_OTHER);
  // JavaScript's \s
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) t[c] = S_SPACE;
  for (let c = 0x2000; c <= 0x200a; c++) t[c] = S_SPACE;
  for (let c = 0x621; c <= 0x64a; c++) t[c] = S_AR;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = S_LATIN;
  for (let c = 0x30; c <= 0x39; c++) t[c] = S_DIGIT;
  return t;
})();

/**
 * scanWords() from the tokens the text layer already made (their normalised strings are reused,
 * no regex runs): each token must be exactly one WORD_RE match (an Arabic run, a run of [a-z], a
 * number, one punctuation character) and the gaps between tokens whitespace only; otherwise
 * (Latin capitals or digits in a Latin token, letters outside [\u0621-\u064a], a character
 * the tokenizer skips that \s does not) null, and the regex scan runs. The same words result.
 */
function wordsFromTokens(doc: Doc): Word[] | null {
  const text = doc.norm.text;
  const toOrig = doc.norm.toOrig;
  const sents = doc.sentences;
  const toks = doc.tokens;
  const nb = doc.boilerplate?.length ?? 0;
  const bps = nb ? [...doc.boilerplate].sort((a, b) => a.start - b.start) : [];
  const out: Word[] = [];
  const C = SCAN_CLASS;
  let si = 0;
  let bi = 0;
  let prevEnd = 0;
  const ns = sents.length - 1;
  for (let x = 0; x < toks.length; x++) {
    const tok = toks[x];
    const s = tok.nStart;
    const e = tok.nEnd;
    const t = tok.norm;
    if (s < prevEnd || e <= s || t.length !== e - s) return null;
    // the gap before: whitespace only
    for (let g = prevEnd; g < s; g++) if (C[text.charCodeAt(g)] !== S_SPACE) return null;
    prevEnd = e;
    // the token's string is the text there
    for (let g = s; g < e; g++) if (t.charCodeAt(g - s) !== text.charCodeAt(g)) return null;
    const cls = C[text.charCodeAt(s)];
    let k: WordKind;
    if (cls === S_AR || cls === S_LATIN) {
      for (let g = s + 1; g < e; g++) if (C[text.charCodeAt(g)] !== cls) return null;
      // WORD_RE's run would not go on into the next token
      if (e < text.length && C[text.charCodeAt(e)] === cls) return null;
      k = 'w';
    } else if (cls === S_DIGIT) {
      // [0-9]+(?:[.,][0-9]+)*
      for (let g = s + 1; g < e; g++) {
        const c = text.charCodeAt(g);
        if (C[c] === S_DIGIT) continue;
        if ((c === 0x2e || c === 0x2c) && g + 1 < e && C[text.charCodeAt(g + 1)] === S_DIGIT && C[text.charCodeAt(g - 1)] === S_DIGIT) continue;
        return null;
      }
      if (e < text.length) {
        const c = text.charCodeAt(e);
        if (C[c] === S_DIGIT || ((c === 0x2e || c === 0x2c) && e + 1 < text.length && C[text.charCodeAt(e + 1)] === S_DIGIT)) return null;
      }
      k = 'n';
    } else if (cls === S_OTHER) {
      if (e !== s + 1) return null;
      k = 'p';
    } else return null;
    const o = toOrig[s];
    while (si < ns && sents[si].end <= o) si++;
    let bp = false;
    if (nb) {
      while (bi < bps.length && bps[bi].end <= o) bi++;
      bp = bi < bps.length && bps[bi].start <= o && o < bps[bi].end;
    }
    // v and vg are set by vs(); made here so that every word has the same shape from the start
    out.push({ s, e, t, k, sent: si, bp, v: undefined, vg: -1, va: undefined });
  }
  for (let g = prevEnd; g < text.length; g++) if (C[text.charCodeAt(g)] !== S_SPACE) return null;
  return out;
}

/** The span of the original text for normalised [s, e). */
export function origSpan(doc: Doc, s: number, e: number): Span {
  const r = toOriginal(doc.norm, doc.text, s, e);
  return { start: r.start, end: r.end, text: doc.text.slice(r.start, r.end) };
}

// ---------------------------------------------------------------- clitics

export interface Variant {
  f: string;
  /** a proclitic و/ف was stripped */
  conj: boolean;
  /** a preposition ب/ل/ك (or لل) was stripped */
  prep: string | null;
  /** the future prefix س was stripped */
  fut: boolean;
  /** a pronoun suffix was stripped */
  suf: boolean;
  /** what each PhraseLexicon holds under `f` (by lexicon id), filled on first use; valid while `lg` is lexGen */
  lx?: unknown[];
  lg?: number;
}

const SUFFIXES = ['هما', 'هم', 'ها', 'ه', 'نا', 'كم'];

/** variants(w.t), kept on the word (a word is asked again and again; the cache's lookup is not free). */
export function allVariants(w: Word): Variant[] {
  return (w.va ??= variants(w.t));
}

const variantCache = new Map<string, Variant[]>();
/** Forms of a word with its clitics stripped, the bare word first (memoised). */
export function variants(w: string): Variant[] {
  let v = variantCache.get(w);
  if (v) return v;
  if (variantCache.size > 200_000) variantCache.clear();
  v = computeVariants(w);
  variantCache.set(w, v);
  return v;
}

const PREP_CODE: Record<string, number> = { ب: 1, ل: 2, ك: 3 };
const PREP_OF = [null, 'ب', 'ل', 'ك'] as const;
const CONJ = 1;
const FUT = 2;
const SUF = 4;

/**
 * Variants as parallel arrays of forms and flags (no objects until the end); with `keep`, only the
 * forms it holds become Variant objects.
 */
function computeVariants(w: string, keep?: Set<string>): Variant[] {
  const fs: string[] = [w];
  const fl: number[] = [0];
  const add = (f: string, flags: number) => {
    if (f.length >= 2 && fs.indexOf(f) < 0) {
      fs.push(f);
      fl.push(flags);
    }
  };
  const stage = (cur: string, conj: number) => {
    if (cur !== w) add(cur, conj);
    if (cur.length > 4 && cur.charCodeAt(0) === 0x644 && cur.charCodeAt(1) === 0x644) add('ال' + cur.slice(2), conj | (2 << 8));
    const p = cur[0];
    const code = PREP_CODE[p];
    if (code && cur.length > 3) add(cur.slice(1), conj | (code << 8));
    if (p === 'س' && cur.length > 4 && (cur[1] === 'ي' || cur[1] === 'ت' || cur[1] === 'ن')) add(cur.slice(1), conj | FUT);
  };
  stage(w, 0);
  if ((w[0] === 'و' || w[0] === 'ف') && w.length > 3) stage(w.slice(1), CONJ);
  // «ال» + word for nouns listed bare
  for (let k = 0, n = fs.length; k < n; k++) {
    const f = fs[k];
    if (f.length > 4 && f.charCodeAt(0) === 0x627 && f.charCodeAt(1) === 0x644) add(f.slice(2), fl[k]);
  }
  // pronoun suffixes (لقائه، مهامهم)
  for (let k = 0, n = fs.length; k < n; k++) {
    const f = fs[k];
    for (const suf of SUFFIXES) {
      if (f.length - suf.length >= 3 && f.endsWith(suf)) {
        const base = f.slice(0, -suf.length);
        const flags = fl[k] | SUF;
        add(base, flags);
        // تاء مربوطة before a suffix: مهمته → مهمة (normalised ه)
        if (base.endsWith('ت')) add(base.slice(0, -1) + 'ه', flags);
        // a hamza carried on ي before a suffix (لقائه → لقاء)
        if (base.endsWith('ي') && base.length >= 4) add(base.slice(0, -1) + 'ء', flags);
        break;
      }
    }
  }
  const out: Variant[] = [];
  for (let k = 0; k < fs.length; k++) {
    if (keep && !keep.has(fs[k])) continue;
    const g = fl[k];
    out.push({ f: fs[k], conj: (g & CONJ) !== 0, prep: PREP_OF[(g >> 8) & 3], fut: (g & FUT) !== 0, suf: (g & SUF) !== 0, lx: undefined, lg: -1 });
  }
  return out;
}

// ---------------------------------------------------------------- phrase lexicon

export interface LexHit<T> {
  value: T;
  /** index of the first and one past the last word */
  i: number;
  j: number;
  /** clitic info of the first word */
  v: Variant;
}

/** Bumped whenever a PhraseLexicon gains a phrase (what variants remember of lexicons is then stale). */
let lexGen = 0;
let lexIds = 0;

/** A lexicon of one- or multi-word phrases, matched word by word with clitic stripping. */
export class PhraseLexicon<T> {
  private first = new Map<string, { rest: string[]; value: T }[]>();
  private readonly id = lexIds++;
  add(phrase: string, value: T): void {
    const ws = normEntry(phrase).split(' ').filter(Boolean);
    if (!ws.length) return;
    lexGen++;
    registerKeys(ws);
    const list = this.first.get(ws[0]) ?? [];
    list.push({ rest: ws.slice(1), value });
    list.sort((a, b) => b.rest.length - a.rest.length);
    this.first.set(ws[0], list);
  }
  get size(): number {
    return this.first.size;
  }
  /** Longest phrase starting at word i (punctuation never starts or continues a phrase). */
  match(words: Word[], i: number, opts?: { strip?: boolean }): LexHit<T> | null {
    const w = words[i];
    if (!w || w.k === 'p') return null;
    const plain = opts?.strip === false;
    const vars = plain ? [{ f: w.t, conj: false, prep: null, fut: false, suf: false }] : vs(w);
    for (const v of vars) {
      const list = plain ? this.first.get(v.f) : this.firstOf(v);
      if (!list) continue;
      for (const cand of list) {
        let ok = true;
        let j = i + 1;
        for (const r of cand.rest) {
          const x = words[j];
          if (!x || x.k === 'p' || !(x.t === r || vs(x).some((y) => y.f === r))) {
            ok = false;
            break;
          }
          j++;
        }
        if (ok) return { value: cand.value, i, j, v };
      }
    }
    return null;
  }
  /**
   * this.first.get(v.f), remembered on the (cached, shared) variant: the same variants come back
   * word after word, and a Map lookup is not free.
   */
  private firstOf(v: Variant): { rest: string[]; value: T }[] | null {
    let lx = v.lx;
    if (!lx || v.lg !== lexGen) {
      lx = v.lx = [];
      v.lg = lexGen;
    }
    let l = lx[this.id] as { rest: string[]; value: T }[] | null | undefined;
    if (l === undefined) lx[this.id] = l = this.first.get(v.f) ?? null;
    return l;
  }
  /** Whether word i matches a phrase (any length). */
  has(words: Word[], i: number): boolean {
    return this.match(words, i) !== null;
  }
}

// ---------------------------------------------------------------- entities, times, nisba

export interface EntRef {
  id: string;
  type: EntityType;
  kb: string | null;
  /** first and one-past-last word of this mention */
  i: number;
  j: number;
  /** what the first word holds before the mention (proclitics: «و», «ب», «لل» …), normalised */
  pre: string;
}

interface NisbaRow {
  kb: string;
  type: EntityType;
  name: string;
  name_en: string;
}

let nisbaCache: Map<string, NisbaRow> | null = null;
export function nisbaTable(): Map<string, NisbaRow> {
  if (nisbaCache) return nisbaCache;
  const m = new Map<string, NisbaRow>();
  for (const { cols } of readTsv('nisba.tsv', 5)) {
    m.set(normEntry(cols[0]), { kb: cols[1], type: cols[2] as EntityType, name: cols[3], name_en: cols[4] });
  }
  registerKeys(m.keys());
  return (nisbaCache = m);
}

let capitalCache: Map<string, string> | null = null;
export function capitalTable(): Map<string, string> {
  if (capitalCache) return capitalCache;
  const m = new Map<string, string>();
  for (const { cols } of readTsv('capitals.tsv', 2)) m.set(cols[0], cols[1]);
  return (capitalCache = m);
}

// The index of the article the claim stages are reading (they run one after another on one Doc).
// One entry, not a WeakMap keyed by Doc: a WeakMap entry per article is costly to make and to
// collect, and an index made again for an earlier Doc is the same index.
let lastDoc: Doc | null = null;
let lastCtx: Ctx | null = null;

/** Per-article index shared by the three stages. */
export class Ctx {
  readonly words: Word[];
  /** entity mention covering word i, if any */
  readonly entAt: (EntRef | undefined)[];
  /** index into doc.times of the time expression covering word i, or -1 */
  readonly timeAt: Int32Array;
  readonly mentions: EntRef[];
  /** word index range of each sentence */
  readonly sentRange: { i: number; j: number }[];
  readonly timesRef: unknown;
  constructor(readonly doc: Doc) {
    this.timesRef = doc.times;
    this.words = scanWords(doc);
    const n = this.words.length;
    this.entAt = new Array(n);
    this.timeAt = new Int32Array(n).fill(-1);
    this.mentions = [];
    this.sentRange = [];
    for (let i = 0; i < n; i++) {
      const s = this.words[i].sent;
      while (this.sentRange.length <= s) this.sentRange.push({ i, j: i });
      this.sentRange[s].j = i + 1;
    }
    this.indexEntities();
    this.indexTimes();
  }

  /** First word whose start is >= normalised offset ns. */
  wordAtOrAfter(ns: number): number {
    const ws = this.words;
    let lo = 0;
    let hi = ws.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ws[mid].e <= ns) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private wordRange(start: number, end: number): [number, number] {
    const ns = toNormalized(this.doc.norm, start);
    const ne = toNormalized(this.doc.norm, end);
    const i = this.wordAtOrAfter(ns);
    let j = i;
    while (j < this.words.length && this.words[j].s < ne) j++;
    return [i, j];
  }

  private entCount = -1;
  private entArray: Entity[] | null = null;
  /** Bumped each time the entity index is made (what was read from entAt/mentions may be stale). */
  gen = 0;
  indexEntities(): void {
    this.gen++;
    this.entCount = this.doc.entities.length;
    this.entArray = this.doc.entities;
    this.byId = new Map(this.doc.entities.map((e) => [e.id, e]));
    this.mentions.length = 0;
    this.entAt.fill(undefined);
    for (const e of this.doc.entities ?? []) {
      for (const m of e.mentions) {
        const [i, j] = this.wordRange(m.start, m.end);
        if (j <= i) continue;
        const ns = toNormalized(this.doc.norm, m.start);
        const w0 = this.words[i];
        const pre = ns > w0.s && ns < w0.e ? w0.t.slice(0, ns - w0.s) : '';
        const ref: EntRef = { id: e.id, type: e.type, kb: e.kb, i, j, pre };
        this.mentions.push(ref);
        for (let k = i; k < j; k++) if (!this.entAt[k] || this.entAt[k]!.j - this.entAt[k]!.i < j - i) this.entAt[k] = ref;
      }
    }
    this.mentions.sort((a, b) => a.i - b.i);
  }

  private indexTimes(): void {
    (this.doc.times ?? []).forEach((t, ti) => {
      const [i, j] = this.wordRange(t.start, t.end);
      for (let k = i; k < j; k++) this.timeAt[k] = ti;
    });
  }

  private byId = new Map<string, Entity>();
  entityById(id: string | null): Entity | undefined {
    if (!id) return undefined;
    return this.byId.get(id);
  }

  entityByKb(kb: string): Entity | undefined {
    return this.doc.entities.find((e) => e.kb === kb);
  }

  /**
   * The entity a nisba adjective at word i stands for («الأمريكية» → the United States): an entity
   * of the article with that kb id, else (when `create`) a new one with this word as its mention.
   */
  nisbaEntity(i: number, create: boolean): string | null {
    const row = this.nisbaAt(i);
    if (!row) return null;
    const have = this.entityByKb(row.kb);
    if (have) return have.id;
    if (!create) return null;
    const w = this.words[i];
    const span = origSpan(this.doc, w.s, w.e);
    let max = 0;
    for (const e of this.doc.entities) {
      const k = /^e(\d+)$/.exec(e.id);
      if (k) max = Math.max(max, Number(k[1]));
    }
    const ent: Entity = {
      id: `e${max + 1}`,
      kb: row.kb,
      type: row.type,
      name: row.name,
      name_en: row.name_en,
      mentions: [span],
    };
    this.doc.entities.push(ent);
    this.indexEntities();
    return ent.id;
  }

  /** The nisba row of word i («الأمريكية» → usa), if it is one; nothing is created. */
  nisbaAt(i: number): NisbaRow | null {
    const w = this.words[i];
    if (!w || w.k !== 'w') return null;
    for (const v of vs(w)) {
      if (v.suf) continue;
      const row = nisbaTable().get(v.f);
      if (row) return row;
    }
    return null;
  }

  /** A capital acting for its state («أعلنت بغداد») → the state's entity when the article has one. */
  stateFor(id: string | null): string | null {
    if (!id) return id;
    const e = this.entityById(id);
    if (!e || !e.kb) return id;
    const country = capitalTable().get(e.kb);
    if (!country) return id;
    return this.entityByKb(country)?.id ?? id;
  }

  /** Entity mentions whose first word lies in [i, j). */
  mentionsIn(i: number, j: number): EntRef[] {
    const [lo, hi] = this.mentionRange(i, j);
    return this.mentions.slice(lo, hi);
  }

  /** [lo, hi): the positions in `mentions` of the mentions whose first word lies in [i, j). */
  mentionRange(i: number, j: number): [number, number] {
    const lo = this.firstMentionFrom(i);
    return [lo, j <= i ? lo : Math.max(lo, this.firstMentionFrom(j))];
  }

  /** Whether a mention starts in [i, j) (mentionsIn(i, j).length > 0 without the copy). */
  hasMentionIn(i: number, j: number): boolean {
    const lo = this.firstMentionFrom(i);
    return lo < this.mentions.length && this.mentions[lo].i < j;
  }

  /** The position in `mentions` (sorted by first word) of the first mention starting at or after word i. */
  private firstMentionFrom(i: number): number {
    const ms = this.mentions;
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid].i < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of an article, shared by the claim stages (rebuilt when the entities change). */
  static for(doc: Doc): Ctx {
    let c = lastDoc === doc ? lastCtx : null;
    if (!c || c.doc.norm !== doc.norm || c.timesRef !== doc.times) {
      c = new Ctx(doc);
      lastDoc = doc;
      lastCtx = c;
    } else if (c.entArray !== doc.entities || c.entCount !== doc.entities.length) {
      c.indexEntities();
    }
    return c;
  }

  /**
   * The most mentioned entity of a type among `types` (ties: earliest), or null. Remembered for
   * the same types and `exclude` function while the entities stay the same: the stages ask for
   * each figure and event, and a long article has thousands of entities (issue 9).
   */
  salient(types: EntityType[], exclude: (e: Entity) => boolean = excludeNone): string | null {
    let memo = this.salientMemo;
    if (!memo || memo.gen !== this.gen || memo.ents !== this.doc.entities || memo.n !== this.doc.entities.length) {
      memo = this.salientMemo = { gen: this.gen, ents: this.doc.entities, n: this.doc.entities.length, byExclude: new Map() };
    }
    let byTypes = memo.byExclude.get(exclude);
    if (!byTypes) memo.byExclude.set(exclude, (byTypes = new Map()));
    const key = types.join('|');
    let id = byTypes.get(key);
    if (id === undefined) byTypes.set(key, (id = this.salientScan(types, exclude)));
    return id;
  }
  private salientMemo: { gen: number; ents: Entity[]; n: number; byExclude: Map<(e: Entity) => boolean, Map<string, string | null>> } | null = null;

  private salientScan(types: EntityType[], exclude: (e: Entity) => boolean): string | null {
    let best: Entity | null = null;
    let bestN = 0;
    for (const e of this.doc.entities) {
      if (!types.includes(e.type) || exclude(e)) continue;
      const n = e.mentions.length;
      if (n > bestN) {
        best = e;
        bestN = n;
      }
    }
    return best?.id ?? null;
  }
}

/**
 * The nearest words of a sentence where a test holds, for queries that move forward through the
 * text as the claim stages read it (issue 9: a stage that scanned the whole sentence for each
 * figure or quote took time quadratic in the length of a sentence). Each word is tested at most
 * once per sentence for each direction while the entity index stays the same (`Ctx.gen`): n
 * queries over a sentence of m words cost O(n + m), not O(n·m). A query behind the previous one
 * is answered by a plain scan, so every answer is what the scan would give. The test may read
 * entAt, timeAt and the entities; it must not change them.
 */
export class NearestScan {
  private ctx: Ctx | null = null;
  private gen = -1;
  private sent = -1;
  /** backwards: every word of [sentence start, upTo) was tested; last = the last that passed, or -1 */
  private upTo = 0;
  private last = -1;
  /** forwards: the first word at or after `from` that passes (sentence end when none) */
  private from = -1;
  private next = -1;
  /** words tested so far (for tests: at most twice the sentence per entity index) */
  tested = 0;
  constructor(private readonly test: (k: number) => boolean) {}

  private sync(ctx: Ctx, sent: number): void {
    if (this.ctx === ctx && this.gen === ctx.gen && this.sent === sent) return;
    this.ctx = ctx;
    this.gen = ctx.gen;
    this.sent = sent;
    this.upTo = ctx.sentRange[sent].i;
    this.last = -1;
    this.from = -1;
    this.next = -1;
  }
  private pass(k: number): boolean {
    this.tested++;
    return this.test(k);
  }

  /** The last word k of sentence `sent` with k ≤ x that passes, or -1. */
  lastAtOrBefore(ctx: Ctx, sent: number, x: number): number {
    this.sync(ctx, sent);
    const sr = ctx.sentRange[sent];
    const end = Math.min(x + 1, sr.j);
    if (end <= sr.i) return -1;
    if (end < this.upTo) {
      // behind the words already read: a plain scan
      for (let k = end - 1; k >= sr.i; k--) if (this.pass(k)) return k;
      return -1;
    }
    for (; this.upTo < end; this.upTo++) if (this.pass(this.upTo)) this.last = this.upTo;
    return this.last;
  }

  /** The first word k of sentence `sent` with k ≥ x that passes, or -1. */
  firstAtOrAfter(ctx: Ctx, sent: number, x: number): number {
    this.sync(ctx, sent);
    const sr = ctx.sentRange[sent];
    const from = Math.max(x, sr.i);
    if (from >= sr.j) return -1;
    if (from < this.from) {
      for (let k = from; k < sr.j; k++) if (this.pass(k)) return k;
      return -1;
    }
    if (this.next < from) {
      // the answer for an earlier start lies before this one: read on from here
      let k = Math.max(from, this.next + 1, this.from);
      while (k < sr.j && !this.pass(k)) k++;
      this.next = k;
    }
    this.from = from;
    return this.next < sr.j ? this.next : -1;
  }
}

const excludeNone = (): boolean => false;

/** True for punctuation that closes a clause (comma, full stop, colon, semicolon, brackets). */
export function isClauseBreak(w: Word | undefined): boolean {
  if (!w || w.k !== 'p') return false;
  return '،,.:؛;!?؟()\n'.includes(w.t);
}
export function isQuoteMark(w: Word | undefined): boolean {
  return !!w && w.k === 'p' && (w.t === '"' || w.t === "'");
}

/** The dateline as a TIMEX value: the day, else what every day of the window shares (a month, a year). */
export function datelineValue(doc: Doc): string | null {
  const p = doc.published;
  if (!p) return null;
  if (p.date) return p.date;
  const a = p.earliest;
  const b = p.latest;
  if (!a || !b) return null;
  if (a.slice(0, 7) === b.slice(0, 7)) return a.slice(0, 7);
  if (a.slice(0, 4) === b.slice(0, 4)) return a.slice(0, 4);
  return null;
}

/** Compare a TIMEX date value with the dateline: >0 when it lies after it. Non-dates give 0. */
export function afterDateline(value: string | null, doc: Doc): number {
  // calendar values only (2025, 2025-09, 2025-09-27); weeks, seasons and references compare as 0
  if (!value || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return 0;
  const d = doc.published?.date ?? doc.published?.latest ?? doc.published?.earliest;
  if (!d) return 0;
  const v = value.slice(0, 10);
  const cmpLen = Math.min(v.length, d.length);
  const a = v.slice(0, cmpLen);
  const b = d.slice(0, cmpLen);
  return a > b ? 1 : a < b ? -1 : 0;
}
