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
}

// Every form any claim lexicon can look up. A word's variants are kept only when a lexicon knows
// them, so most words carry an empty list and lexicon lookups skip them at once.
const KEYS = new Set<string>();
let keyGen = 0;
const filteredCache = new Map<string, Variant[]>();
const NONE: Variant[] = [];
/** Declare forms a lexicon or a word set of the claim stages looks up (with vs()). */
export function registerKeys(keys: Iterable<string>): void {
  let added = false;
  for (const k of keys) {
    if (!KEYS.has(k)) {
      KEYS.add(k);
      added = true;
    }
  }
  if (added) {
    keyGen++;
    filteredCache.clear();
  }
}

/** The clitic variants of a word that some registered lexicon knows, cached on the word. */
export function vs(w: Word): Variant[] {
  if (w.v && w.vg === keyGen) return w.v;
  let v = filteredCache.get(w.t);
  if (!v) {
    if (filteredCache.size > 200_000) filteredCache.clear();
    const all = computeVariants(w.t, KEYS);
    v = all.length ? all : NONE;
    filteredCache.set(w.t, v);
  }
  w.v = v;
  w.vg = keyGen;
  return v;
}

const WORD_RE = /[0-9]+(?:[.,][0-9]+)*|[\u0621-\u064a]+|[a-z]+|[^\s\u0621-\u064a0-9a-z]/g;

/** Scan the normalised text into words, numbers and punctuation, with sentence indexes. */
export function scanWords(doc: Doc): Word[] {
  const text = doc.norm.text;
  const toOrig = doc.norm.toOrig;
  const sents = doc.sentences ?? [];
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
    out.push({ s, e: s + t.length, t, k, sent, bp, v: undefined, vg: -1 });
    if (!sents.length) {
      // a line break ends a sentence too
      const nl = text.indexOf('\n', s + t.length);
      const next = WORD_RE.lastIndex;
      if (nl >= 0 && nl < next) fallbackSent++;
    }
  }
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
}

const SUFFIXES = ['هما', 'هم', 'ها', 'ه', 'نا', 'كم'];

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
    out.push({ f: fs[k], conj: (g & CONJ) !== 0, prep: PREP_OF[(g >> 8) & 3], fut: (g & FUT) !== 0, suf: (g & SUF) !== 0 });
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

/** A lexicon of one- or multi-word phrases, matched word by word with clitic stripping. */
export class PhraseLexicon<T> {
  private first = new Map<string, { rest: string[]; value: T }[]>();
  add(phrase: string, value: T): void {
    const ws = normEntry(phrase).split(' ').filter(Boolean);
    if (!ws.length) return;
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
  match(words: Word[], i: number, opts: { strip?: boolean } = {}): LexHit<T> | null {
    const w = words[i];
    if (!w || w.k === 'p') return null;
    const vars = opts.strip === false ? [{ f: w.t, conj: false, prep: null, fut: false, suf: false }] : vs(w);
    for (const v of vars) {
      const list = this.first.get(v.f);
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

const ctxCache = new WeakMap<Doc, Ctx>();

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
  indexEntities(): void {
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
    const w = this.words[i];
    if (!w || w.k !== 'w') return null;
    let row: NisbaRow | undefined;
    for (const v of vs(w)) {
      if (v.suf) continue;
      row = nisbaTable().get(v.f);
      if (row) break;
    }
    if (!row) return null;
    const have = this.entityByKb(row.kb);
    if (have) return have.id;
    if (!create) return null;
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
    const ms = this.mentions;
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid].i < i) lo = mid + 1;
      else hi = mid;
    }
    const out: EntRef[] = [];
    for (let k = lo; k < ms.length && ms[k].i < j; k++) out.push(ms[k]);
    return out;
  }

  /** The index of an article, shared by the claim stages (rebuilt when the entities change). */
  static for(doc: Doc): Ctx {
    let c = ctxCache.get(doc);
    if (!c || c.doc.norm !== doc.norm || c.timesRef !== doc.times) {
      c = new Ctx(doc);
      ctxCache.set(doc, c);
    } else if (c.entArray !== doc.entities || c.entCount !== doc.entities.length) {
      c.indexEntities();
    }
    return c;
  }

  /** The most mentioned entity of a type among `types` (ties: earliest), or null. */
  salient(types: EntityType[], exclude: (e: Entity) => boolean = () => false): string | null {
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
