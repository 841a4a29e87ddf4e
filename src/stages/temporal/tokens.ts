// The tokens the time matcher reads: the text layer's tokens (doc.tokens) as they are, with two
// adjustments that keep the matcher's view of the text (a line break ends a clause; a number
// like «27.9.2024» or «2,500» is digit runs and marks): line breaks become '\n' tokens, and
// number (or Latin) tokens holding '.', ',' or digits after letters are split into runs.
// Tokens are shared, never copied, so reading a document costs one array of references.
// `ttokenize` tokenises a bare normalised string the same way (tests, texts without a Doc).
// Each word knows its clitic readings (و ف ب ل ك, لل→ال, ال dropped) for lexicon look-ups.
import type { Token } from '../../text/tokens.js';

/** A token of the normalised text: the fields of the text layer's Token the matcher reads. */
export interface TTok {
  /** normalised text */
  norm: string;
  /** start, end in the normalised text */
  nStart: number;
  nEnd: number;
  /** 'word' Arabic word, 'number' digits, 'latin', 'punct'/'symbol' (line breaks: '\n' punct) */
  kind: Token['kind'];
}

// character classes of the normalised text: 1 Arabic letter, 2 digit, 3 Latin, 4 space, 0 other
const CLS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0x621; c <= 0x64a; c++) t[c] = 1;
  for (let c = 0x30; c <= 0x39; c++) t[c] = 2;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = 3;
  for (const c of [0x09, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x2028, 0x2029]) t[c] = 4;
  return t;
})();
const KIND = ['punct', 'word', 'number', 'latin'] as const;

/** Tokenise a normalised string into runs of one class (line breaks and marks one by one). */
export function ttokenize(norm: string, from = 0, to = norm.length, out: TTok[] = []): TTok[] {
  let i = from;
  while (i < to) {
    const c = norm.charCodeAt(i);
    const k = CLS[c];
    if (k === 4) {
      i++;
      continue;
    }
    let j = i + 1;
    if (k !== 0) while (j < to && CLS[norm.charCodeAt(j)] === k) j++;
    out.push({ norm: norm.slice(i, j), nStart: i, nEnd: j, kind: KIND[k] });
    i = j;
  }
  return out;
}

/** Does a number or Latin token need splitting into runs (a '.', ',' or a digit after letters)? */
function mixed(t: Token): boolean {
  const s = t.norm;
  if (t.kind === 'number') {
    for (let i = 0; i < s.length; i++) if (CLS[s.charCodeAt(i)] !== 2) return true;
    return false;
  }
  if (t.kind === 'latin') {
    for (let i = 0; i < s.length; i++) if (CLS[s.charCodeAt(i)] !== 3) return true;
  }
  return false;
}

/**
 * The matcher's tokens of a document, in one pass over its text-layer tokens: '\n' tokens at line
 * breaks and mixed numbers split (the same tokens `ttokenize` gives for nearly all text), with the
 * candidates (see `Scan`).
 */
export function scanDoc(norm: string, tokens: readonly Token[]): Scan {
  const out: TTok[] = [];
  const sc: Scan = { toks: out, starts: [], startTrig: [], facts: [], factTrig: [] };
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // line breaks in the space before the token
    for (let p = prevEnd; p < t.nStart; p++) if (norm.charCodeAt(p) === 10) out.push({ norm: '\n', nStart: p, nEnd: p + 1, kind: 'punct' });
    prevEnd = t.nEnd;
    const kind = t.kind;
    if (kind === 'word') {
      addCands(sc, out.length, TRIGGERS.get(t.norm));
      out.push(t);
    } else if (kind === 'number' || kind === 'latin') {
      if (mixed(t)) {
        const from = out.length;
        ttokenize(norm, t.nStart, t.nEnd, out);
        for (let k = from; k < out.length; k++) {
          if (out[k].kind !== 'number') continue;
          sc.starts.push(k);
          sc.startTrig.push(undefined);
        }
      } else {
        if (kind === 'number') {
          sc.starts.push(out.length);
          sc.startTrig.push(undefined);
        }
        out.push(t);
      }
    } else out.push(t);
  }
  for (let p = prevEnd; p < norm.length; p++) if (norm.charCodeAt(p) === 10) out.push({ norm: '\n', nStart: p, nEnd: p + 1, kind: 'punct' });
  return sc;
}

export interface Reading {
  /** the word without its clitics */
  form: string;
  /** how many leading characters were proclitics (و ف ب ل ك; the article ال is not counted) */
  cut: number;
  /** the article ال was dropped */
  def: boolean;
}

/** The readings of an Arabic word: itself, without و/ف, without ب/ل/ك, لل→ال, without ال. */
export function readings(w: string): Reading[] {
  const out: Reading[] = [{ form: w, cut: 0, def: false }];
  const len = w.length;
  const c0 = w.charCodeAt(0);
  // و ف
  let b1: string | null = null;
  if ((c0 === 0x648 || c0 === 0x641) && len > 3) {
    b1 = w.slice(1);
    out.push({ form: b1, cut: 1, def: false });
  }
  pushBL(out, w, 0);
  if (b1 !== null) pushBL(out, b1, 1);
  const k = out.length;
  for (let i = 0; i < k; i++) {
    const f = out[i].form;
    if (f.length > 4 && f.charCodeAt(0) === 0x627 && f.charCodeAt(1) === 0x644) out.push({ form: f.slice(2), cut: out[i].cut, def: true });
  }
  return out;
}
function pushBL(out: Reading[], f: string, cut: number): void {
  if (f.length <= 3) return;
  const c = f.charCodeAt(0);
  if (c === 0x644 && f.charCodeAt(1) === 0x644) out.push({ form: 'ال' + f.slice(2), cut: cut + 1, def: false });
  else if (c === 0x628 || c === 0x644 || c === 0x643) out.push({ form: f.slice(1), cut: cut + 1, def: false });
}

const PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك'];
/**
 * Every surface form a word can take with the clitics `readings` undoes (و ف ب ل ك, لل, ال):
 * a token whose text is not in this set has no reading among `words`, so it is skipped without
 * computing its readings.
 */
export function surfaceForms(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const f of words) {
    const bases = [f];
    if (f.length >= 3) bases.push('ال' + f); // the article, dropped by a reading
    for (const b of bases) {
      for (const p of PREFIXES) out.add(p + b);
      if (b.startsWith('ال')) for (const p of ['', 'و', 'ف']) out.add(p + 'لل' + b.slice(2));
    }
  }
  return out;
}

const letterIdx = (c: number) => (c >= 0x621 && c <= 0x65f ? c - 0x620 : 63);
/** The first and last letters and the length of a word, in 16 bits. */
function endsKey(s: string, n: number): number {
  return (((letterIdx(s.charCodeAt(0)) << 6) | letterIdx(s.charCodeAt(n - 1))) << 4) | (n < 15 ? n : 15);
}
/** FNV-1a over the UTF-16 units of a word. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
/**
 * Word forms with a value, looked up behind a cheap pre-test: a 16 KB Bloom filter (two hashes)
 * rejects nearly every word of running text without a look-up in the (large, cache-missing) map.
 */
export class FormIndex<V> {
  readonly map = new Map<string, V>();
  private readonly bits = new Uint32Array((1 << 17) >>> 5);
  /** (first letter, last letter, length) of the forms: a test cheaper than hashing */
  private readonly ends = new Uint32Array((1 << 16) >>> 5);
  /** Set the value of a form (`merge` combines it with a value already there). */
  set(f: string, v: V, merge?: (old: V, v: V) => V): void {
    if (!f.length) return;
    const old = this.map.get(f);
    this.map.set(f, old !== undefined && merge ? merge(old, v) : v);
    const e = endsKey(f, f.length);
    this.ends[e >>> 5] |= 1 << (e & 31);
    const h = fnv(f);
    const k1 = h >>> 15;
    const k2 = Math.imul(h, 0x85ebca6b) >>> 15;
    this.bits[k1 >>> 5] |= 1 << (k1 & 31);
    this.bits[k2 >>> 5] |= 1 << (k2 & 31);
  }
  get(s: string): V | undefined {
    const n = s.length;
    if (n === 0) return undefined;
    const e = endsKey(s, n);
    if ((this.ends[e >>> 5] & (1 << (e & 31))) === 0) return undefined;
    const h = fnv(s);
    const k1 = h >>> 15;
    if ((this.bits[k1 >>> 5] & (1 << (k1 & 31))) === 0) return undefined;
    const k2 = Math.imul(h, 0x85ebca6b) >>> 15;
    if ((this.bits[k2 >>> 5] & (1 << (k2 & 31))) === 0) return undefined;
    return this.map.get(s);
  }
}

/** What a trigger form is to the loaded lexicons and facts files: flags, and for each of them
 *  (its owner) what it keeps for the form, so that the scan's one look-up serves them all. */
export interface Trigger {
  flags: number;
  owners: object[];
  values: unknown[];
}
/** The value an owner keeps for a trigger (undefined if none). */
export function triggerValue<V>(t: Trigger | undefined, owner: object): V | undefined {
  if (!t) return undefined;
  for (let k = 0; k < t.owners.length; k++) if (t.owners[k] === owner) return t.values[k] as V;
  return undefined;
}

/**
 * The forms that can start something the time stages look for: TRIGGER_START for a time
 * expression (data/time/words.tsv), TRIGGER_FACT for the first word of a dated fact's name
 * (data/time/facts.tsv). Each loader adds its forms (with what it keeps for each); a token outside
 * all is passed over at once (the flags only let candidates through: the matchers check every
 * candidate exactly).
 */
export const TRIGGERS = new FormIndex<Trigger>();
export const TRIGGER_START = 1;
export const TRIGGER_FACT = 2;
/** Register `form` as a trigger of kind `flag` for `owner`, which keeps `value` for it. */
export function addTrigger(form: string, flag: number, owner: object, value: unknown): void {
  let t = TRIGGERS.get(form);
  if (!t) {
    t = { flags: 0, owners: [], values: [] };
    TRIGGERS.set(form, t);
  }
  t.flags |= flag;
  const k = t.owners.indexOf(owner);
  if (k >= 0) t.values[k] = value;
  else {
    t.owners.push(owner);
    t.values.push(value);
  }
}

/** The matcher's tokens of a text with the indices of its candidate tokens. */
export interface Scan {
  toks: TTok[];
  /** tokens that may start a time expression: TRIGGER_START words and digit runs, in order */
  starts: number[];
  /** their triggers (undefined for digits) */
  startTrig: (Trigger | undefined)[];
  /** tokens that may start the name in a dated fact, in order */
  facts: number[];
  factTrig: Trigger[];
}

/** Candidates of a token list (for texts tokenised by `ttokenize`). */
export function scanTokens(toks: TTok[]): Scan {
  const sc: Scan = { toks, starts: [], startTrig: [], facts: [], factTrig: [] };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'number') {
      sc.starts.push(i);
      sc.startTrig.push(undefined);
    } else if (t.kind === 'word') addCands(sc, i, TRIGGERS.get(t.norm));
  }
  return sc;
}
function addCands(sc: Scan, i: number, f: Trigger | undefined): void {
  if (!f) return;
  if (f.flags & TRIGGER_START) {
    sc.starts.push(i);
    sc.startTrig.push(f);
  }
  if (f.flags & TRIGGER_FACT) {
    sc.facts.push(i);
    sc.factTrig.push(f);
  }
}
