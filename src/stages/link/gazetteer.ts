// Dictionary matching of knowledge-base names over the normalised text, word by word. A name may
// carry leading clitics in the text (و ف ب ك ل, لل for ل+ال); the match then starts after them
// (except لل, which stays, as the spelling does). Words of a name may be separated by spaces,
// quotes or a hyphen, never by other punctuation or a line break.
import { nameKey, strippedForms, type Stripped } from '../../kb/names.js';
import type { NameEntry } from '../../kb/kb.js';

export interface Word {
  /** offsets into doc.norm.text */
  s: number;
  e: number;
  w: string;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** Per UTF-16 code unit: 1 a letter or digit, 0 not, 2 a surrogate (decided with its pair). */
let wordTable: Uint8Array | null = null;
function table(): Uint8Array {
  if (wordTable) return wordTable;
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  return (wordTable = t);
}

/** Length of the letter or digit at i (1, or 2 for one outside the BMP), 0 when there is none. */
function wordCharAt(text: string, i: number, t: Uint8Array): number {
  const c = text.charCodeAt(i);
  const k = t[c];
  if (k !== 2) return k;
  if (c > 0xdbff || i + 1 >= text.length) return 0;
  const d = text.charCodeAt(i + 1);
  if (d < 0xdc00 || d > 0xdfff) return 0;
  return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
}

/**
 * The words of the normalised text: maximal runs of letters and digits (/[\p{L}\p{N}]+/u). With
 * the text layer's tokens (offsets into the same text), a word that is exactly a token takes the
 * token's string instead of a new slice (the same characters; made once, and already hashed by
 * the stages before, so Map and Set lookups with it are cheaper).
 */
export function tokenizeNorm(normText: string, tokens?: readonly { nStart: number; nEnd: number; norm: string }[]): Word[] {
  const out: Word[] = [];
  const t = table();
  const n = normText.length;
  const nt = tokens?.length ?? 0;
  let ti = 0;
  let i = 0;
  while (i < n) {
    let k = wordCharAt(normText, i, t);
    if (!k) {
      i++;
      continue;
    }
    const s = i;
    while (k) {
      i += k;
      k = i < n ? wordCharAt(normText, i, t) : 0;
    }
    let w: string | null = null;
    if (nt) {
      while (ti < nt && tokens![ti].nStart < s) ti++;
      if (ti < nt && tokens![ti].nStart === s && tokens![ti].nEnd === i) {
        const tw = tokens![ti].norm;
        if (tw.length === i - s && normText.startsWith(tw, s)) w = tw;
      }
    }
    out.push({ s, e: i, w: w ?? normText.slice(s, i) });
  }
  return out;
}

/** Characters allowed between two words of one name: spaces, tabs, quotes, hyphens. */
function gapChar(c: number): boolean {
  return c === 32 || c === 9 || c === 34 || c === 39 || c === 45;
}

/** May words i and i+1 belong to one name? */
export function joinable(normText: string, words: Word[], i: number): boolean {
  if (i + 1 >= words.length) return false;
  const e = words[i + 1].s;
  for (let k = words[i].e; k < e; k++) if (!gapChar(normText.charCodeAt(k))) return false;
  return true;
}

/**
 * strippedForms(word) written out flat: appends each reading's word and skip, in the same order.
 * (A test checks the two agree.)
 */
export function pushStripped(word: string, words: string[], skips: number[]): void {
  words.push(word);
  skips.push(0);
  let w = word;
  let skip = 0;
  const c0 = w.charCodeAt(0);
  if ((c0 === 0x648 || c0 === 0x641) && w.length > 2) {
    // و ف
    w = w.slice(1);
    skip = 1;
    words.push(w);
    skips.push(skip);
  }
  if (w.length > 3 && w.charCodeAt(0) === 0x644 && w.charCodeAt(1) === 0x644) {
    // لل → ال
    words.push('ال' + w.slice(2));
    skips.push(skip);
  }
  const c1 = w.charCodeAt(0);
  if ((c1 === 0x628 || c1 === 0x643 || c1 === 0x644) && w.length > 2) {
    // ب ك ل
    words.push(w.slice(1));
    skips.push(skip + 1);
  }
}

/**
 * What the matchers need per document, computed once: the words as strings, each word's clitic
 * readings (strippedForms, flat: readings of word i are formWord[formAt[i] .. formAt[i + 1]))
 * and whether each word may join the next one.
 */
export class DocWords {
  readonly forms: string[];
  readonly formWord: string[] = [];
  readonly formSkip: number[] = [];
  readonly formAt: Int32Array;
  private readonly stripped: (Stripped[] | undefined)[];
  private readonly join: Int8Array;
  constructor(
    readonly normText: string,
    readonly words: Word[],
  ) {
    const n = words.length;
    this.forms = new Array(n);
    this.formAt = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const w = words[i].w;
      this.forms[i] = w;
      this.formAt[i] = this.formWord.length;
      pushStripped(w, this.formWord, this.formSkip);
    }
    this.formAt[n] = this.formWord.length;
    this.stripped = new Array(n);
    this.join = new Int8Array(n).fill(-1);
  }
  /** strippedForms(words[i].w), shared: do not modify. */
  strippedAt(i: number): Stripped[] {
    return (this.stripped[i] ??= strippedForms(this.forms[i]));
  }
  /** The skip of the first reading of word i that is `word` (strippedAt(i).find(…)?.skip), or -1. */
  skipOf(i: number, word: string): number {
    for (let f = this.formAt[i]; f < this.formAt[i + 1]; f++) if (this.formWord[f] === word) return this.formSkip[f];
    return -1;
  }
  /**
   * The words with a reading `word`, in text order, as pairs [i, skip, i, skip, …] (skip:
   * skipOf(i, word)). A short article is scanned; a long one is indexed once (every reading of
   * every word), so that looking up many words stays linear in the article's length.
   */
  wordsWithForm(word: string): number[] {
    const n = this.words.length;
    if (n < 4096) {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const skip = this.skipOf(i, word);
        if (skip >= 0) out.push(i, skip);
      }
      return out;
    }
    if (!this.formIndex) {
      const idx = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        for (let f = this.formAt[i]; f < this.formAt[i + 1]; f++) {
          const w = this.formWord[f];
          let l = idx.get(w);
          if (!l) idx.set(w, (l = []));
          // only the first reading of word i that is w (skipOf's answer)
          if (l.length && l[l.length - 2] === i) continue;
          l.push(i, this.formSkip[f]);
        }
      }
      this.formIndex = idx;
    }
    return this.formIndex.get(word) ?? [];
  }
  private formIndex: Map<string, number[]> | null = null;
  joinable(i: number): boolean {
    let j = this.join[i];
    if (j < 0) this.join[i] = j = joinable(this.normText, this.words, i) ? 1 : 0;
    return j === 1;
  }
}

/**
 * A Bloom filter over a trie's first words (one hash, 2^16 bits), asked before the root's Map:
 * a Map lookup of a string made for this article computes the string's hash in the runtime
 * (hundreds of ns), most words start no name, and this check costs a few integer operations. It
 * never says no to a word the Map holds.
 */
export class WordBloom {
  private readonly bits = new Int32Array(1 << 11);
  add(w: string): void {
    const b = WordBloom.hash(w);
    this.bits[b >>> 5] |= 1 << (b & 31);
  }
  has(w: string): boolean {
    const b = WordBloom.hash(w);
    return (this.bits[b >>> 5] & (1 << (b & 31))) !== 0;
  }
  private static hash(w: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
    return (h ^ (h >>> 16)) & 0xffff;
  }
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: NameEntry[] | null;
}
export class NameTrie {
  private readonly root: TrieNode = { next: new Map(), entries: null };
  private readonly first = new WordBloom();
  add(key: string, entries: NameEntry[]): void {
    let node = this.root;
    this.first.add(key.split(' ')[0]);
    for (const w of key.split(' ')) {
      let n = node.next.get(w);
      if (!n) node.next.set(w, (n = { next: new Map(), entries: null }));
      node = n;
    }
    node.entries = [...(node.entries ?? []), ...entries];
  }
  static fromNames(names: Map<string, NameEntry[]>, keep: (e: NameEntry) => boolean): NameTrie {
    const t = new NameTrie();
    for (const [key, entries] of names) {
      const k = entries.filter(keep);
      if (k.length && key) t.add(key, k);
    }
    return t;
  }
  /**
   * Every match starting at word i (with any clitic reading of that word), longest first.
   * `end` is exclusive (a word index).
   */
  matchAt(normText: string, words: Word[], i: number, forms: string[] = words.map((w) => w.w)): GazMatch[] {
    return this.matchSeq(forms, i, (k) => joinable(normText, words, k));
  }
  /** Matches over a plain word list; `canJoin(k)` says whether words k and k+1 may be one name. */
  matchSeq(words: string[], i: number, canJoin: (k: number) => boolean = () => true): GazMatch[] {
    const out: GazMatch[] = [];
    for (const { word, skip } of strippedForms(words[i])) {
      let node = this.root.next.get(word);
      let j = i;
      while (node) {
        if (node.entries) out.push({ start: i, end: j + 1, skip, entries: node.entries });
        if (j + 1 >= words.length || !canJoin(j)) break;
        j++;
        node = node.next.get(words[j]);
      }
    }
    out.sort((a, b) => b.end - a.end || a.skip - b.skip);
    return out;
  }
  /** matchAt() over a DocWords, appending to `out` (longest first, as matchAt orders them). */
  matchDoc(d: DocWords, i: number, out: GazMatch[]): void {
    const words = d.forms;
    const root = this.root.next;
    const from = out.length;
    for (let f = d.formAt[i]; f < d.formAt[i + 1]; f++) {
      const skip = d.formSkip[f];
      if (!this.first.has(d.formWord[f])) continue;
      let node = root.get(d.formWord[f]);
      let j = i;
      while (node) {
        if (node.entries) out.push({ start: i, end: j + 1, skip, entries: node.entries });
        if (j + 1 >= words.length || !d.joinable(j)) break;
        j++;
        node = node.next.get(words[j]);
      }
    }
    if (out.length - from > 1) {
      const part = out.splice(from).sort((a, b) => b.end - a.end || a.skip - b.skip);
      for (const m of part) out.push(m);
    }
  }
  /**
   * The end of the longest match at word i that ends at or before word `limit` (words need not
   * be joinable), or -1: matchSeq(words, i, (k) => k + 1 < limit)[0]?.end.
   */
  longestEnd(d: DocWords, i: number, limit: number): number {
    const words = d.forms;
    let best = -1;
    for (let f = d.formAt[i]; f < d.formAt[i + 1]; f++) {
      if (!this.first.has(d.formWord[f])) continue;
      let node = this.root.next.get(d.formWord[f]);
      let j = i;
      while (node) {
        if (node.entries && j + 1 > best) best = j + 1;
        if (j + 1 >= words.length || !(j + 1 < limit)) break;
        j++;
        node = node.next.get(words[j]);
      }
    }
    return best;
  }
  /** Any match at word i? (matchDoc(d, i, …) finds something) */
  hasMatch(d: DocWords, i: number): boolean {
    const words = d.forms;
    for (let f = d.formAt[i]; f < d.formAt[i + 1]; f++) {
      if (!this.first.has(d.formWord[f])) continue;
      let node = this.root.next.get(d.formWord[f]);
      let j = i;
      while (node) {
        if (node.entries) return true;
        if (j + 1 >= words.length || !d.joinable(j)) break;
        j++;
        node = node.next.get(words[j]);
      }
    }
    return false;
  }
}

export interface GazMatch {
  start: number;
  end: number;
  skip: number;
  entries: NameEntry[];
}

interface MultiNode {
  next: Map<string, MultiNode>;
  /** entries[k]: what trie k holds here (null: none) */
  entries: (NameEntry[] | null)[] | null;
}

/**
 * Several NameTries over one set of paths (the KB's names split by kind), so that one walk over
 * the text finds the matches of all of them: matchAll(multi, d)[k] equals matchAll(trie k, d).
 */
export class MultiTrie {
  private readonly root: MultiNode = { next: new Map(), entries: null };
  private readonly first = new WordBloom();
  constructor(private readonly kinds: number) {}
  static fromNames(names: Map<string, NameEntry[]>, keeps: ((e: NameEntry) => boolean)[]): MultiTrie {
    const t = new MultiTrie(keeps.length);
    for (const [key, entries] of names) {
      if (!key) continue;
      keeps.forEach((keep, k) => {
        const kept = entries.filter(keep);
        if (kept.length) t.add(key, k, kept);
      });
    }
    return t;
  }
  private add(key: string, kind: number, entries: NameEntry[]): void {
    let node = this.root;
    this.first.add(key.split(' ')[0]);
    for (const w of key.split(' ')) {
      let n = node.next.get(w);
      if (!n) node.next.set(w, (n = { next: new Map(), entries: null }));
      node = n;
    }
    node.entries ??= new Array<NameEntry[] | null>(this.kinds).fill(null);
    node.entries[kind] = [...(node.entries[kind] ?? []), ...entries];
  }
  /** Every match of each trie over the text, in matchAll's order. */
  matchAll(d: DocWords): GazMatch[][] {
    const K = this.kinds;
    const out: GazMatch[][] = [];
    for (let k = 0; k < K; k++) out.push([]);
    const words = d.forms;
    const root = this.root.next;
    const first = this.first;
    const from = new Array<number>(K);
    for (let i = 0; i < words.length; i++) {
      for (let k = 0; k < K; k++) from[k] = out[k].length;
      for (let f = d.formAt[i]; f < d.formAt[i + 1]; f++) {
        const skip = d.formSkip[f];
        if (!first.has(d.formWord[f])) continue;
        let node = root.get(d.formWord[f]);
        let j = i;
        while (node) {
          const e = node.entries;
          if (e) for (let k = 0; k < K; k++) if (e[k]) out[k].push({ start: i, end: j + 1, skip, entries: e[k]! });
          if (j + 1 >= words.length || !d.joinable(j)) break;
          j++;
          node = node.next.get(words[j]);
        }
      }
      for (let k = 0; k < K; k++) {
        const o = out[k];
        if (o.length - from[k] > 1) {
          const part = o.splice(from[k]).sort((a, b) => b.end - a.end || a.skip - b.skip);
          for (const m of part) o.push(m);
        }
      }
    }
    return out;
  }
}

/** All matches over the text (overlapping ones included). */
export function matchAll(trie: NameTrie, d: DocWords): GazMatch[] {
  const out: GazMatch[] = [];
  for (let i = 0; i < d.words.length; i++) trie.matchDoc(d, i, out);
  return out;
}

export { nameKey };
