// The tokens the time matcher reads: the text layer's tokens (doc.tokens) as they are, with two
// adjustments that keep the matcher's view of the text (a line break ends a clause; a number
// like «27.9.2024» or «2,500» is digit runs and marks): line breaks become '\n' tokens, and
// number (or Latin) tokens holding '.', ',' or digits after letters are split into runs.
// Tokens are shared, never copied, so reading a document costs one array of references.
// `ttokenize` tokenises a bare normalised string the same way (tests, texts without a Doc).
// Each word knows its clitic readings (و ف ب ل ك, لل→ال, ال dropped) for lexicon look-ups.
import { formHash } from '../../text/forms.js';
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
  /** for a word, formHash(norm) (the text layer's Token.hash); 0 for other tokens */
  hash: number;
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
    const w = norm.slice(i, j);
    out.push({ norm: w, nStart: i, nEnd: j, kind: KIND[k], hash: k === 1 ? formHash(w) : 0 });
    i = j;
  }
  return out;
}

/** Does a number or Latin token need splitting into runs (a '.', ',' or a digit after letters)? */
function mixed(norm: string, t: Token): boolean {
  // (read from the doc's normalised text, which the text layer has just read, not the token's string)
  const want = t.kind === 'number' ? 2 : t.kind === 'latin' ? 3 : 0;
  if (want === 0) return false;
  for (let i = t.nStart; i < t.nEnd; i++) if (CLS[norm.charCodeAt(i)] !== want) return true;
  return false;
}

/**
 * The matcher's tokens of a document, in one pass over its text-layer tokens: '\n' tokens at line
 * breaks and mixed numbers split (the same tokens `ttokenize` gives for nearly all text), with the
 * candidates (see `Scan`).
 */
export function scanDoc(norm: string, tokens: readonly Token[]): Scan {
  // the matcher's tokens are the text layer's with a few more (line breaks, split numbers): made
  // at about their final size and cut to it at the end, not grown by pushes (which copy the
  // array several times over and leave the copies as garbage)
  // (a copy of the tokens with SLACK more after them, overwritten: an array made by `new
  // Array(n)` is holey, and every reader of a holey array pays a check on each read)
  const out: TTok[] = (tokens as readonly TTok[]).concat(PAD);
  let o = 0;
  const sc: Scan = { toks: out, starts: [], startTrig: [], nums: [], facts: [], factTrig: [], quotes: [], lines: [], need: null };
  const index = indexed ? INDEX : indexTriggers();
  // line breaks: tokens hold none (a line break is a space to the text layer), so only the gaps
  // between tokens are read, a character at a time (most gaps are one space); each line break
  // before a token becomes a '\n' token. (indexOf for each line break cost more than the rest of
  // the scan: a call into the runtime each time.) A line break also ends the text layer's sentence
  // (a '\n' of the normalised text is one of the original's, which splitSentences breaks at), so
  // only the gap before a sentence's first token can hold one: the others are not read.
  // p: the characters before it have been read or skipped.
  let p = 0;
  let sent = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.sentence !== sent) {
      sent = t.sentence;
      const s = t.nStart;
      for (; p < s; p++) {
        if (norm.charCodeAt(p) !== 10) continue;
        sc.lines.push(o);
        out[o++] = { norm: '\n', nStart: p, nEnd: p + 1, kind: 'punct', hash: 0 };
      }
    }
    if (t.nEnd > p) p = t.nEnd;
    const kind = t.kind;
    if (kind === 'word') {
      // the word's hash, taken by the text layer: no letter of it is read unless it passes the filters
      const h = t.hash;
      const hm = index.probe(h);
      // A word the hot cache files by its hash as only a second word of deferred triggers (60% of
      // the trigger words of running text: «العام»، «الماضي»), after a word the pair filter says
      // completes none of them, makes no candidate whichever form it is: its letters are not
      // compared (a form sharing its hash with another form of the index is never passed over so).
      if (hm >= 0 && (hm & (TRIGGER_START | TRIGGER_FACT | M_SHARED)) === 0 && (o === 0 || !hasPair(out[o - 1].hash, h))) {
        // nothing
      } else if (hm !== -1) {
        const f = index.getProbed(t.norm, h);
        if (f !== undefined) wordCands(sc, o, f, index.meta, h);
      }
      out[o++] = t;
    } else if (kind === 'number' || kind === 'latin') {
      if (mixed(norm, t)) {
        const runs = ttokenize(norm, t.nStart, t.nEnd);
        for (let r = 0; r < runs.length; r++) {
          if (runs[r].kind === 'number') {
            sc.starts.push(o);
            sc.startTrig.push(undefined);
            sc.nums.push(o);
          }
          out[o++] = runs[r];
        }
      } else {
        if (kind === 'number') {
          sc.starts.push(o);
          sc.startTrig.push(undefined);
          sc.nums.push(o);
        }
        out[o++] = t;
      }
    } else {
      if (t.nEnd - t.nStart === 1 && norm.charCodeAt(t.nStart) === 0x22) sc.quotes.push(o);
      out[o++] = t;
    }
  }
  for (const end = norm.length; p < end; p++) {
    if (norm.charCodeAt(p) !== 10) continue;
    sc.lines.push(o);
    out[o++] = { norm: '\n', nStart: p, nEnd: p + 1, kind: 'punct', hash: 0 };
  }
  out.length = o;
  dropUnfollowed(sc);
  return sc;
}
/** Room for this many tokens more than the text layer's in a new token array (line breaks and
 *  split numbers: 99% of bulk articles have fewer, the median 5; past it the array grows as it
 *  is written). */
const SLACK = 32;
const PAD: TTok[] = Array.from({ length: SLACK }, () => ({ norm: '', nStart: 0, nEnd: 0, kind: 'punct', hash: 0 }) as TTok);

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

const HOT = 4096;
const fnv = formHash;
/**
 * Word forms with a value, looked up behind a cheap pre-test: a 32 KB Bloom filter (three hashes
 * from one FNV-1a pass over the word) rejects nearly every word of running text that is not a
 * form (measured: 17.6% of the words of the bulk corpus pass it, 18% are forms) without a look-up
 * in the large, cache-missing map; a direct-mapped cache in front of the map serves the forms that
 * running text repeats (في، ان، علي …: four in five of the forms found) with one string compare.
 */
export class FormIndex<V> {
  /** form → its entry (the form's own string, kept for the hot cache, and its value) */
  private readonly map = new Map<string, { k: string; v: V; m: number }>();
  /** the meta number stored with the form found by the last successful get (see set) */
  meta = 0;
  /** the last form found in each slot (by hash) and its value */
  private readonly hotKey: string[] = new Array<string>(HOT).fill('');
  /** the hashes of hotKey's forms and their metas, side by side (hot[2 * slot], hot[2 * slot + 1]:
   *  one cache line): a slot holding another form is told by its hash, without reading the form's
   *  string (one memory access less); an empty slot's meta is -2 */
  private readonly hot = new Int32Array(2 * HOT).fill(-2);
  private readonly hotVal: (V | undefined)[] = new Array<V | undefined>(HOT).fill(undefined);
  private hotUsed = false;
  /** a 4 KB first filter (one probe, the hash's low bits): the words of running text are tested
   *  against it first, and it stays in the CPU cache while the 32 KB one would not (the text
   *  layer's tables push it out between documents: a probe of it cost a memory access) */
  private readonly first = new Uint32Array((1 << 15) >>> 5);
  private readonly bits: Uint32Array;
  /** 32 - log2 of the filter's size in bits */
  private readonly shift: number;
  /** `bloomBits`: log2 of the filter's size (18: 32 KB, for some 16,000 forms; fewer forms, a
   *  smaller filter, which stays in the CPU cache) */
  constructor(bloomBits = 18) {
    this.bits = new Uint32Array((1 << bloomBits) >>> 5);
    this.shift = 32 - bloomBits;
  }
  /** Set the value of a form (`merge` combines it with a value already there); `meta`, a number
   *  kept beside it, is read from `this.meta` after a get, without touching the value's memory. */
  set(f: string, v: V, merge?: (old: V, v: V) => V, meta = 0): void {
    if (!f.length) return;
    const old = this.map.get(f);
    if (old) {
      old.v = merge ? merge(old.v, v) : v;
      old.m = meta;
    } else this.map.set(f, { k: f, v, m: meta });
    if (this.hotUsed) {
      this.hotKey.fill('');
      this.hotVal.fill(undefined);
      this.hot.fill(-2);
      this.hotUsed = false;
    }
    const h = fnv(f);
    const k0 = h & 0x7fff;
    this.first[k0 >>> 5] |= 1 << (k0 & 31);
    const k1 = h >>> this.shift;
    const k2 = Math.imul(h, 0x85ebca6b) >>> this.shift;
    const k3 = Math.imul(h, 0xc2b2ae35) >>> this.shift;
    this.bits[k1 >>> 5] |= 1 << (k1 & 31);
    this.bits[k2 >>> 5] |= 1 << (k2 & 31);
    this.bits[k3 >>> 5] |= 1 << (k3 & 31);
  }
  get(s: string): V | undefined {
    return s.length === 0 ? undefined : this.getHashed(s, fnv(s));
  }
  /** get(s) when the caller has s's hash (formHash: the text layer's Token.hash) */
  getHashed(s: string, h: number): V | undefined {
    return this.passes(h) ? this.getProbed(s, h) : undefined;
  }
  /** Do the filters let a word of hash h through (false: it is surely not a form)? */
  private passes(h: number): boolean {
    const k0 = h & 0x7fff;
    if ((this.first[k0 >>> 5] & (1 << (k0 & 31))) === 0) return false;
    const k1 = h >>> this.shift;
    if ((this.bits[k1 >>> 5] & (1 << (k1 & 31))) === 0) return false;
    const k2 = Math.imul(h, 0x85ebca6b) >>> this.shift;
    if ((this.bits[k2 >>> 5] & (1 << (k2 & 31))) === 0) return false;
    const k3 = Math.imul(h, 0xc2b2ae35) >>> this.shift;
    return (this.bits[k3 >>> 5] & (1 << (k3 & 31))) !== 0;
  }
  /**
   * The filters and the hot cache by hash alone, without reading the word's letters: -1 if the
   * filters reject hash h; the meta of the form the hot cache holds under h, which may be another
   * form than the word (the same hash); -2 if the slot holds no form of that hash. Unless -1,
   * `getProbed` tells the word's own entry.
   */
  probe(h: number): number {
    if (!this.passes(h)) return -1;
    const at = 2 * (h & (HOT - 1));
    return this.hot[at] === h ? this.hot[at + 1] : -2;
  }
  /** get(s) for a word whose hash h passed the filters (`probe` did not answer -1). */
  getProbed(s: string, h: number): V | undefined {
    const slot = h & (HOT - 1);
    if (this.hot[2 * slot] === h && this.hotKey[slot] === s) {
      this.meta = this.hot[2 * slot + 1];
      return this.hotVal[slot];
    }
    const en = this.map.get(s);
    if (en === undefined) return undefined;
    this.meta = en.m;
    this.hot[2 * slot + 1] = en.m;
    // the map's own string is kept, not the token's (which could hold its whole text alive)
    this.hot[2 * slot] = h;
    this.hotKey[slot] = en.k;
    this.hotVal[slot] = en.v;
    this.hotUsed = true;
    return en.v;
  }
}

/** What a trigger form is to the loaded lexicons and facts files: flags, and for each of them
 *  (its owner) what it keeps for the form, so that the scan's one look-up serves them all. */
export interface Trigger {
  flags: number;
  owners: object[];
  values: unknown[];
  /** the first two owners and their values again, read without going through the arrays (the
   *  default lexicon and facts file: one object load instead of three cache-missing ones) */
  o0: object | null;
  v0: unknown;
  o1: object | null;
  v1: unknown;
  /** For a TRIGGER_START form all of whose lexicon entries have two words or more («في» only
   *  starts «في موعد أقصاه»): their second words. The scan keeps such a word as a candidate only
   *  when the next token is one of them (else it starts nothing). null: it can start an entry alone. */
  need2: string[] | null;
  /** For a TRIGGER_START form: all its lexicon entries are relative words (الماضي، المقبل) or
   *  tense cues, which no expression starts with (they only follow a unit or a month): the matcher
   *  passes over it as a start (it still reads its entries after a unit or a month). */
  noStart: boolean;
  /** The same as need2 for TRIGGER_FACT forms (the second words of the names the form starts, when
   *  they all have two words or more and there are few of them: «ان» only starts «ان ليندي»). */
  need2f: string[] | null;
  /** In the scan's index (see `indexTriggers`): the deferred triggers this word is a second word
   *  of, or null. An entry that is only a second word has flags 0. */
  follow: Follow[] | null;
  /** `follow` by the hash of the deferred trigger (formHash(first)), each list in follow's order:
   *  a common second word completes a hundred triggers or more («العام»), of which the word before
   *  names one at most */
  followBy: Map<number, Follow[]> | null;
}
/** A deferred trigger (`first`, a form that starts something only before one of a few words) and
 *  which of its roles the word it is filed under completes. */
interface Follow {
  first: string;
  /** formHash(first): the key of `Trigger.followBy`, matched against the word before's Token.hash */
  h: number;
  trig: Trigger;
  start: boolean;
  fact: boolean;
}
/** The value an owner keeps for a trigger (undefined if none). */
export function triggerValue<V>(t: Trigger | undefined, owner: object): V | undefined {
  if (!t) return undefined;
  if (t.o0 === owner) return t.v0 as V;
  if (t.o1 === owner) return t.v1 as V;
  for (let k = 2; k < t.owners.length; k++) if (t.owners[k] === owner) return t.values[k] as V;
  return undefined;
}

/**
 * The forms that can start something the time stages look for: TRIGGER_START for a time
 * expression (data/time/words.tsv), TRIGGER_FACT for the first word of a dated fact's name
 * (data/time/facts.tsv). Each loader adds its forms (with what it keeps for each); a token outside
 * all is passed over at once (the flags only let candidates through: the matchers check every
 * candidate exactly).
 */
const REGISTRY = new Map<string, Trigger>();
export const TRIGGER_START = 1;
export const TRIGGER_FACT = 2;
/** The trigger registered for a form (undefined if none). */
export function triggerOf(form: string): Trigger | undefined {
  return REGISTRY.get(form);
}
/** Register `form` as a trigger of kind `flag` for `owner`, which keeps `value` for it. */
export function addTrigger(form: string, flag: number, owner: object, value: unknown): void {
  let t = REGISTRY.get(form);
  if (!t) {
    t = { flags: 0, owners: [], values: [], o0: null, v0: undefined, o1: null, v1: undefined, need2: [], noStart: true, need2f: [], follow: null, followBy: null };
    REGISTRY.set(form, t);
  }
  indexed = false;
  if (flag === TRIGGER_START && t.noStart) {
    for (const h of value as { e: { kind: string } }[]) {
      const k = h.e.kind;
      if (k !== 'rel' && k !== 'future' && k !== 'past') {
        t.noStart = false;
        break;
      }
    }
  }
  if (flag === TRIGGER_FACT && t.need2f !== null) {
    for (const st of value as { cands: { words: string[] }[] }[]) {
      for (const c of st.cands) {
        if (c.words.length < 2 || t.need2f.length >= NEED2F_MAX) {
          t.need2f = null;
          break;
        }
        if (!t.need2f.includes(c.words[1])) t.need2f.push(c.words[1]);
      }
      if (t.need2f === null) break;
    }
  }
  if (flag === TRIGGER_START && t.need2 !== null) {
    // (over every lexicon that registers the form: the scan serves them all)
    for (const h of value as { e: { words: string[] } }[]) {
      if (h.e.words.length < 2) {
        t.need2 = null;
        break;
      }
      if (!t.need2.includes(h.e.words[1])) t.need2.push(h.e.words[1]);
    }
  }
  t.flags |= flag;
  const k = t.owners.indexOf(owner);
  if (k >= 0) t.values[k] = value;
  else {
    t.owners.push(owner);
    t.values.push(value);
  }
  if (t.o0 === null || t.o0 === owner) {
    t.o0 = owner;
    t.v0 = value;
  } else if (t.o1 === null || t.o1 === owner) {
    t.o1 = owner;
    t.v1 = value;
  }
}

// What the scan looks each word up in, built from the registry when a loader has added to it.
// A trigger that starts something only before one of a few second words («في» only starts
// «في موعد أقصاه», «ان» only «ان ليندي»: a quarter of the words of running text that are
// triggers) is deferred: it is not in the index, its second words are (with `follow`), and the
// scan makes it a candidate when it meets one of them right after it. Running text's commonest
// trigger words then cost the scan nothing but a filter probe.
let INDEX = new FormIndex<Trigger>();
let indexed = false;
/** Arabic letters only: a word the text layer and `ttokenize` both keep as one 'word' token. */
const ARABIC_WORD = /^[\u0621-\u064a]+$/;
function deferred(t: Trigger): boolean {
  if (t.flags & TRIGGER_START && t.need2 === null) return false;
  if (t.flags & TRIGGER_FACT && t.need2f === null) return false;
  if (t.flags & TRIGGER_START && !t.need2!.every((w) => ARABIC_WORD.test(w))) return false;
  if (t.flags & TRIGGER_FACT && !t.need2f!.every((w) => ARABIC_WORD.test(w))) return false;
  return true;
}
/**
 * A bit for each (deferred trigger, second word) pair of the scan's index, by the two forms'
 * hashes: a word filed with `follow` (64% of the trigger words of running text: «العام»، «الماضي»)
 * completes a deferred trigger only after one (5% of them), and this 8 KB filter tells the others
 * without reading the word's `followBy` map (measured: 10% of the scan's time). False positives
 * only cost the map look-up, which decides.
 */
const PAIR_BITS = 16;
let PAIRS = new Uint32Array(1 << (PAIR_BITS - 5));
function pairBit(first: number, second: number): number {
  return Math.imul(first ^ Math.imul(second, 0x9e3779b1), 0x85ebca6b) >>> (32 - PAIR_BITS);
}
function hasPair(first: number, second: number): boolean {
  const k = pairBit(first, second);
  return (PAIRS[k >>> 5] & (1 << (k & 31))) !== 0;
}
/** What the scan's index keeps beside each entry (FormIndex meta): the trigger's flags and these. */
const M_FOLLOW = 4;
/** a start (M_NEED2S) or a fact (M_NEED2F) candidate only before one of a few second words
 *  (Trigger.need2, need2f; dropUnfollowed checks it) */
const M_NEED2S = 8;
const M_NEED2F = 32;
/** the form's hash is another form's of the index too (so the scan reads its letters, see scanDoc) */
const M_SHARED = 16;
/**
 * Build the scan's index now if a loader has added to the registry since it was last built (the
 * stages call this when they are made). Built lazily by the first scan instead, it was made while
 * that document was live: the tens of thousands of objects it allocates cost several scavenges
 * during one document, so every object of that document survived them, and V8's allocation-site
 * pretenuring took the text layer's token sites for long-lived ones. From then on each document's
 * tokens were allocated in the old generation and, dead there, kept their young strings alive
 * through every scavenge (measured: 4–6 MB promoted per scavenge, scavenges of 20–55 ms instead of
 * 1–3 ms, the text layer twice as slow; the whole pipeline pays it, not only the time stages).
 */
export function prepareScan(): void {
  if (!indexed) indexTriggers();
}

/** (Re)build the scan's index from the registry. */
function indexTriggers(): FormIndex<Trigger> {
  const index = new FormIndex<Trigger>();
  const entries = new Map<string, Trigger>();
  const follows = new Map<string, Follow[]>();
  const pairs = new Uint32Array(1 << (PAIR_BITS - 5));
  for (const [form, t] of REGISTRY) {
    t.follow = null;
    t.followBy = null;
    if (!deferred(t)) {
      entries.set(form, t);
      continue;
    }
    const seconds = new Set([...(t.flags & TRIGGER_START ? t.need2! : []), ...(t.flags & TRIGGER_FACT ? t.need2f! : [])]);
    for (const w of seconds) {
      const f: Follow = { first: form, h: formHash(form), trig: t, start: (t.flags & TRIGGER_START) !== 0 && t.need2!.includes(w), fact: (t.flags & TRIGGER_FACT) !== 0 && t.need2f!.includes(w) };
      const l = follows.get(w);
      if (l) l.push(f);
      else follows.set(w, [f]);
    }
  }
  for (const [w, l] of follows) {
    let t = entries.get(w);
    if (!t) {
      t = { flags: 0, owners: [], values: [], o0: null, v0: undefined, o1: null, v1: undefined, need2: null, noStart: true, need2f: null, follow: null, followBy: null };
      entries.set(w, t);
    }
    t.follow = l;
    t.followBy = new Map();
    const hw = formHash(w);
    for (const f of l) {
      const k = pairBit(f.h, hw);
      pairs[k >>> 5] |= 1 << (k & 31);
    }
    for (const f of l) {
      const b = t.followBy.get(f.h);
      if (b) b.push(f);
      else t.followBy.set(f.h, [f]);
    }
  }
  const hashes = new Map<number, number>();
  for (const form of entries.keys()) {
    const h = formHash(form);
    hashes.set(h, (hashes.get(h) ?? 0) + 1);
  }
  for (const [form, t] of entries) {
    const need2s = t.flags & TRIGGER_START && t.need2 !== null;
    const need2f = t.flags & TRIGGER_FACT && t.need2f !== null;
    // the (trigger, second word) pairs go in the pair filter too: dropUnfollowed probes it first
    const hf = formHash(form);
    for (const w of [...(need2s ? t.need2! : []), ...(need2f ? t.need2f! : [])]) {
      const k = pairBit(hf, formHash(w));
      pairs[k >>> 5] |= 1 << (k & 31);
    }
    const shared = hashes.get(hf)! > 1;
    index.set(form, t, undefined, (t.flags & (TRIGGER_START | TRIGGER_FACT)) | (t.follow ? M_FOLLOW : 0) | (need2s ? M_NEED2S : 0) | (need2f ? M_NEED2F : 0) | (shared ? M_SHARED : 0));
  }
  INDEX = index;
  PAIRS = pairs;
  indexed = true;
  return index;
}

/** The matcher's tokens of a text with the indices of its candidate tokens. */
export interface Scan {
  toks: TTok[];
  /** tokens that may start a time expression: TRIGGER_START words and digit runs, in order */
  starts: number[];
  /** their triggers (undefined for digits) */
  startTrig: (Trigger | undefined)[];
  /** the digit-run tokens, in order (the starts without a trigger) */
  nums: number[];
  /** tokens that may start the name in a dated fact, in order */
  facts: number[];
  factTrig: Trigger[];
  /** the '"' tokens and the line break tokens, in order (whether a token is inside a quotation) */
  quotes: number[];
  lines: number[];
  /** the candidates whose trigger needs a second word (for dropUnfollowed; null if none): 2k for
   *  starts[k], 2k + 1 for facts[k] */
  need: number[] | null;
}

/** Candidates of a token list (for texts tokenised by `ttokenize`). */
export function scanTokens(toks: TTok[]): Scan {
  const sc: Scan = { toks, starts: [], startTrig: [], nums: [], facts: [], factTrig: [], quotes: [], lines: [], need: null };
  const index = indexed ? INDEX : indexTriggers();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'number') {
      sc.starts.push(i);
      sc.startTrig.push(undefined);
      sc.nums.push(i);
    } else if (t.kind === 'word') {
      const f = index.getHashed(t.norm, t.hash);
      if (f !== undefined) wordCands(sc, i, f, index.meta, t.hash);
    }
    else if (t.norm.length === 1) {
      const c = t.norm.charCodeAt(0);
      if (c === 0x22) sc.quotes.push(i);
      else if (c === 10) sc.lines.push(i);
    }
  }
  dropUnfollowed(sc);
  return sc;
}
/** Up to how many second words a fact trigger is filtered on (a list, compared one by one). */
const NEED2F_MAX = 6;

/** Drop the start and fact candidates whose trigger needs a second word that does not follow.
 *  Only the candidates the scan listed in `need` are read, and a trigger's list of second words
 *  only when the pair filter lets the next word through (the index's meta told the scan which
 *  candidates need a second word, so no other trigger's record is touched here). */
function dropUnfollowed(sc: Scan): void {
  const need = sc.need;
  if (need === null) return;
  const { facts, factTrig, starts, startTrig, toks } = sc;
  let dropF = false;
  let dropS = false;
  for (let q = 0; q < need.length; q++) {
    const k = need[q] >> 1;
    const fact = (need[q] & 1) === 1;
    const at = fact ? facts[k] : starts[k];
    const nx = toks[at + 1];
    // (the filter knows word tokens by their hash, formHash(norm); any other token is compared)
    let ok = nx !== undefined && (nx.kind !== 'word' || hasPair(toks[at].hash, nx.hash));
    if (ok) ok = (fact ? factTrig[k].need2f! : startTrig[k]!.need2!).includes(nx.norm);
    if (ok) continue;
    if (fact) {
      facts[k] = -1;
      dropF = true;
    } else {
      starts[k] = -1;
      dropS = true;
    }
  }
  if (dropF) compactDropped(facts, factTrig);
  if (dropS) compactDropped(starts, startTrig);
}

/** Takes out the entries marked -1 in `at`, and their partners in `trig`, keeping the order. */
function compactDropped<T>(at: number[], trig: T[]): void {
  let w = 0;
  for (let k = 0; k < at.length; k++) {
    if (at[k] < 0) continue;
    at[w] = at[k];
    trig[w] = trig[k];
    w++;
  }
  at.length = w;
  trig.length = w;
}

/** The candidates a word at token i (sc.toks[i] or, in scanDoc, the next one) makes, with its
 *  index entry f, its meta m and its hash h: those of a deferred trigger just before it that it completes,
 *  then its own. The flags are read from m, not from f (one memory access less per trigger word). */
function wordCands(sc: Scan, i: number, f: Trigger, m: number, h: number): void {
  const pt = m & M_FOLLOW && i > 0 ? sc.toks[i - 1] : undefined;
  if (pt !== undefined && hasPair(pt.hash, h)) {
    // the deferred triggers whose hash is the word before's (Token.hash), then by their letters
    const fl = f.followBy!.get(pt.hash);
    if (fl !== undefined) for (let k = 0; k < fl.length; k++) {
      const x = fl[k];
      if (x.first !== pt.norm) continue;
      if (x.start) {
        sc.starts.push(i - 1);
        sc.startTrig.push(x.trig);
      }
      if (x.fact) {
        sc.facts.push(i - 1);
        sc.factTrig.push(x.trig);
      }
    }
  }
  if (m & TRIGGER_START) {
    if (m & M_NEED2S) (sc.need ??= []).push(2 * sc.starts.length);
    sc.starts.push(i);
    sc.startTrig.push(f);
  }
  if (m & TRIGGER_FACT) {
    if (m & M_NEED2F) (sc.need ??= []).push(2 * sc.facts.length + 1);
    sc.facts.push(i);
    sc.factTrig.push(f);
  }
}
