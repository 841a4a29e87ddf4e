// Feature extraction for the NER tagger. The core works on one sentence given as a list of token
// strings (CoNLL tokens or the text layer's tokens), so training and the pipeline share it.
//
// Every token is first analysed once (normalised core, clitic-stripped forms, shape, gazetteer and
// cluster hits); the feature strings of token i are then made from the analyses of tokens i-2..i+2.
import { normalizeString } from '../../text/normalize.js';
import { hash1, hash2, key1, key2 } from './hashing.js';

/** Single words and phrases with type bits (1 PER, 2 LOC, 4 ORG, 8 MISC). */
export interface Gazetteer {
  /** Single-word entries: form → type bits. */
  words: Map<string, number>;
  /** Multi-word entries by their first word: list of [rest tokens, type bits]. */
  phrases: Map<string, Array<[string[], number]>>;
}

/** Gazetteers and word clusters the features consult. All keys are normalised (normalizeString). */
export interface Lexicon extends Gazetteer {
  /** Names harvested from tagging unlabelled news (data/ner/gazetteer-auto.tsv); separate features. */
  auto: Gazetteer;
  /** Word → cluster path (a bit string, e.g. "0110100"). */
  clusters: Map<string, string>;
  /** A second clustering (other vocabulary size and seed): word → path. */
  clusters2: Map<string, string>;
  /** Word → corpus statistics packed as freqLog2 * 8 + (alFifths + 1). */
  stats: Map<string, number>;
  /** Word → trigger buckets (triggers.ts), 3 bits per kind, packed; absent when all are 0. */
  triggers: Map<string, number>;
}

export function emptyLexicon(): Lexicon {
  return { words: new Map(), phrases: new Map(), auto: { words: new Map(), phrases: new Map() }, clusters: new Map(), clusters2: new Map(), stats: new Map(), triggers: new Map() };
}

export const GAZ_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export function gazBit(type: string): number {
  const i = GAZ_TYPES.indexOf(type as (typeof GAZ_TYPES)[number]);
  return i < 0 ? 0 : 1 << i;
}

/** Add one gazetteer entry (any spelling; it is normalised here). */
export function addGazetteerEntry(lex: Gazetteer, entry: string, type: string): void {
  const bit = gazBit(type);
  const parts = normalizeString(entry).split(/\s+/).filter(Boolean);
  if (!parts.length || !bit) return;
  if (parts.length === 1) {
    lex.words.set(parts[0], (lex.words.get(parts[0]) ?? 0) | bit);
    return;
  }
  let list = lex.phrases.get(parts[0]);
  if (!list) lex.phrases.set(parts[0], (list = []));
  const rest = parts.slice(1);
  const same = list.find(([r]) => r.length === rest.length && r.every((x, k) => x === rest[k]));
  if (same) same[1] |= bit;
  else list.push([rest, bit]);
}

/** What the features need to know about one token. */
export interface TokenInfo {
  /** Normalised token with surrounding punctuation removed ('' for pure punctuation). */
  core: string;
  /** Coarse shape: a Arabic, l Latin, d digits, p punctuation, m mixed. */
  shape: string;
  /** Core without a leading و/ف and preposition ب/ك/ل when a definite article follows (وال… → ال…). */
  def: string;
  /** `def` without the article (الاردن → اردن); equal to core for indefinite words. */
  bare: string;
  /** Forms the token may be after stripping proclitics (includes core). */
  forms: string[];
  /** Proclitic signature: which of و/ف, ب/ك/ل, ال were stripped for `def` (e.g. "و+ال"). */
  clitics: string;
  /** Gazetteer type bits for the token alone (any form). */
  gaz: number;
  /** Type bits from the harvested gazetteer. */
  agaz: number;
  /** Cluster path of the token ('' when unknown). */
  cluster: string;
  /** Path in the second clustering ('' when unknown). */
  cluster2: string;
  /** Corpus statistics of the token (Lexicon.stats), -1 when not in the corpus vocabulary. */
  stat: number;
  /** Trigger buckets of the token (Lexicon.triggers), 0 when none. */
  trig: number;
  /** Quotation mark or bracket (QUOTE_OPEN/QUOTE_CLOSE bits, kind in QUOTE_KIND), 0 when none. */
  quote: number;
  /** Hashes of core and of the 5-bit cluster prefix, shape as a number, log-frequency (for numeric keys). */
  hc1: number;
  hc2: number;
  hk1: number;
  hk2: number;
  shapeId: number;
  fq: number;
}

const ARABIC = /[\u0621-\u064a\u0671-\u06d3]/;
const LATIN = /[a-z]/;
const DIGIT = /[0-9]/;
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function shapeOf(core: string, raw: string): string {
  if (!core) return raw.length ? 'p' : 'o';
  const a = ARABIC.test(core);
  const l = LATIN.test(core);
  const d = DIGIT.test(core);
  if (a && !l && !d) return 'a';
  if (l && !a && !d) return 'l';
  if (d && !a && !l) return 'd';
  return 'm';
}

const DEF = /^([وف]?)([بكل]?)ال(..+)$/;
const LIL = /^([وف]?)لل(..+)$/;

/** Analyse one token (without sentence context). */
export function analyseToken(raw: string, lex: Lexicon): TokenInfo {
  const norm = normalizeString(raw);
  const core = norm.replace(EDGE, '');
  const shape = shapeOf(core, raw);
  let def = core;
  let bare = core;
  let clitics = '';
  const forms = [core];
  let m: RegExpExecArray | null;
  if (shape === 'a') {
    if ((m = DEF.exec(core))) {
      def = 'ال' + m[3];
      bare = m[3];
      clitics = `${m[1]}+${m[2]}+ال`;
    } else if ((m = LIL.exec(core))) {
      def = 'ال' + m[2];
      bare = m[2];
      clitics = `${m[1]}+ل+ال`;
    }
    if (def !== core) forms.push(def, bare);
    else {
      // indefinite: و/ف and ب/ك/ل may or may not be clitics (وزير, لبنان); offer both readings
      if (core.length >= 4 && (core[0] === 'و' || core[0] === 'ف')) {
        const r = core.slice(1);
        forms.push(r);
        if (r.length >= 4 && (r[0] === 'ب' || r[0] === 'ك' || r[0] === 'ل')) forms.push(r.slice(1));
      }
      if (core.length >= 4 && (core[0] === 'ب' || core[0] === 'ك' || core[0] === 'ل')) forms.push(core.slice(1));
    }
  }
  const gaz = gazBits(lex, forms, bare, def);
  const agaz = lex.auto.words.size ? gazBits(lex.auto, forms, bare, def) : 0;
  let cluster = lex.clusters.get(core) ?? '';
  if (!cluster) {
    for (let k = 1; k < forms.length && !cluster; k++) cluster = lex.clusters.get(forms[k]) ?? '';
  }
  let cluster2 = lex.clusters2.get(core) ?? '';
  if (!cluster2) {
    for (let k = 1; k < forms.length && !cluster2; k++) cluster2 = lex.clusters2.get(forms[k]) ?? '';
  }
  let stat = lex.stats.get(core) ?? -1;
  if (stat < 0 && bare !== core) stat = lex.stats.get(bare) ?? -1;
  let trig = 0;
  if (lex.triggers.size) {
    trig = lex.triggers.get(core) ?? 0;
    for (let k = 1; k < forms.length && !trig; k++) trig = lex.triggers.get(forms[k]) ?? 0;
  }
  return withHashes({ core, shape, def, bare, forms, clitics, gaz, agaz, cluster, cluster2, stat, trig, quote: quoteOf(raw), hc1: 0, hc2: 0, hk1: 0, hk2: 0, shapeId: 0, fq: 0 });
}

function withHashes(t: TokenInfo): TokenInfo {
  t.hc1 = hash1(t.core);
  t.hc2 = hash2(t.core);
  const k5 = t.cluster.slice(0, 5);
  t.hk1 = hash1(k5);
  t.hk2 = hash2(k5);
  t.shapeId = 'adlmpo'.indexOf(t.shape) + 1;
  t.fq = t.stat < 0 ? -1 : t.stat >> 3;
  return t;
}

function gazBits(g: Gazetteer, forms: string[], bare: string, def: string): number {
  let bits = 0;
  for (const f of forms) {
    bits |= g.words.get(f) ?? 0;
    if (f === bare && f !== def) bits |= g.words.get('ال' + f) ?? 0;
  }
  return bits;
}

const infoCache = new WeakMap<Lexicon, Map<string, TokenInfo>>();
/** analyseToken, remembered per lexicon (news vocabulary repeats: most lookups hit). */
export function analyseTokenCached(raw: string, lex: Lexicon): TokenInfo {
  let cache = infoCache.get(lex);
  if (!cache) infoCache.set(lex, (cache = new Map()));
  let info = cache.get(raw);
  if (!info) {
    info = analyseToken(raw, lex);
    if (cache.size >= 200_000) cache.clear();
    cache.set(raw, info);
  }
  return info;
}

export function clearAnalysisCache(lex: Lexicon): void {
  infoCache.delete(lex);
}

const GAZ_NAMES: string[][] = Array.from({ length: 16 }, (_, bits) => GAZ_TYPES.filter((_, k) => bits & (1 << k)));
function gazNames(bits: number): string[] {
  return GAZ_NAMES[bits & 15];
}

/** Multi-word gazetteer matches: per token, a list like ["B-LOC", "I-LOC"]; then quote marks (quoteMarks). */
export function phraseMarks(infos: TokenInfo[], lex: Lexicon): string[][] {
  const marks: string[][] = infos.map(() => []);
  matchPhrases(infos, lex, '', marks);
  matchPhrases(infos, lex.auto, 'a', marks);
  quoteMarks(infos, marks);
  return marks;
}

export const QUOTE_OPEN = 1;
export const QUOTE_CLOSE = 2;
/** Kinds of quotation marks and brackets (× 4 in TokenInfo.quote): «», "", “”, (). */
const QUOTES: Record<string, number> = { '«': 4 + QUOTE_OPEN, '»': 4 + QUOTE_CLOSE, '"': 8 + QUOTE_OPEN + QUOTE_CLOSE, '“': 12 + QUOTE_OPEN, '”': 12 + QUOTE_CLOSE, '(': 16 + QUOTE_OPEN, ')': 16 + QUOTE_CLOSE };
/** Longest run of tokens between a quotation mark and its closing mark that gets quote marks. */
export const MAX_QUOTED = 8;

function quoteOf(raw: string): number {
  return QUOTES[raw.trim()] ?? 0;
}

/**
 * Marks of the tokens between an opening quotation mark (or bracket) and its closing one at most
 * MAX_QUOTED tokens on (titles of programmes, films and books, newspapers and companies in
 * quotes, abbreviations in brackets): the token's place in the run (S single, B, I, E) with the
 * run's length, and with the word just before the opening mark (برنامج «…», صحيفة «…»).
 */
export function quoteMarks(infos: readonly TokenInfo[], marks: string[][]): void {
  for (const [open, close, kind] of quoteRuns(infos)) {
    const len = close - open - 1;
    const before = open > 0 ? infos[open - 1].bare : '<s>';
    for (let k = open + 1; k < close; k++) {
      const pos = len === 1 ? 'S' : k === open + 1 ? 'B' : k === close - 1 ? 'E' : 'I';
      marks[k].push(`q${kind}${pos}${Math.min(len, 5)}`, `q${pos}|${before}`);
    }
  }
}

/**
 * Runs of 1 to MAX_QUOTED tokens between an opening quotation mark (or bracket) and its closing
 * mark of the same kind: [index of the opening mark, index of the closing mark, kind], left to right.
 */
export function quoteRuns(infos: readonly TokenInfo[]): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  const n = infos.length;
  for (let i = 0; i < n; i++) {
    const q = infos[i].quote;
    if (!(q & QUOTE_OPEN)) continue;
    const kind = q >> 2;
    let j = i + 1;
    while (j < n && j <= i + MAX_QUOTED + 1 && !((infos[j].quote & QUOTE_CLOSE) && infos[j].quote >> 2 === kind)) j++;
    if (j >= n || j > i + MAX_QUOTED + 1 || j === i + 1) continue;
    out.push([i, j, kind]);
    i = j;
  }
  return out;
}

function matchPhrases(infos: TokenInfo[], lex: Gazetteer, tag: string, marks: string[][]): void {
  for (const [i, end, bits] of phraseMatches(infos, lex)) {
    for (const t of gazNames(bits)) {
      marks[i].push(`${tag}B-${t}`);
      for (let k = i + 1; k < end; k++) marks[k].push(`${tag}I-${t}`);
    }
  }
}

/** Multi-word gazetteer entries found in the sentence: [first token, one past the last, type bits]. */
export function phraseMatches(infos: readonly TokenInfo[], lex: Gazetteer): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  if (!lex.phrases.size) return out;
  for (let i = 0; i < infos.length; i++) {
    for (const f of infos[i].forms) {
      const list = lex.phrases.get(f);
      if (!list) continue;
      for (const [rest, bits] of list) {
        if (i + rest.length >= infos.length) continue;
        let ok = true;
        for (let k = 0; k < rest.length && ok; k++) ok = infos[i + 1 + k].core === rest[k];
        if (ok) out.push([i, i + 1 + rest.length, bits]);
      }
    }
  }
  return out;
}

export const PAD: TokenInfo = withHashes({ core: '<s>', shape: 'o', def: '<s>', bare: '<s>', forms: [], clitics: '', gaz: 0, agaz: 0, cluster: '', cluster2: '', stat: -2, trig: 0, quote: 0, hc1: 0, hc2: 0, hk1: 0, hk2: 0, shapeId: 0, fq: 0 });

export interface AnalysedSentence {
  infos: TokenInfo[];
  /** Per token: string features of the token itself. */
  feats: string[][];
  /** Per token: numeric keys of the features that look at neighbours, flat (key1, key2, …). */
  keys: number[][];
}

/** Token analyses and feature strings of a sentence. */
export function analyseSentence(tokens: readonly string[], lex: Lexicon): AnalysedSentence {
  const infos = tokens.map((t) => analyseTokenCached(t, lex));
  const marks = phraseMarks(infos, lex);
  const keys = infos.map((_, i) => {
    const k: number[] = [];
    pairKeys(infos, marks, i, lex, k);
    for (const role of ROLES) roleKeys(neighbour(infos, i, role), role, k);
    return k;
  });
  return { infos, feats: tokenFeatures(tokens, infos, lex), keys };
}

function tokenFeatures(tokens: readonly string[], infos: TokenInfo[], lex: Lexicon): string[][] {
  const out: string[][] = new Array(infos.length);
  for (let i = 0; i < infos.length; i++) {
    out[i] = selfFeatures(infos[i], tokens[i], lex);
  }
  return out;
}

const isWordShape = (shape: string) => shape === 'a' || shape === 'l' || shape === 'm';
const fqOf = (t: TokenInfo) => (t.stat < 0 ? -1 : t.stat >> 3);

/**
 * Features of a token on its own (the same wherever it occurs, so they can be cached): its
 * ownFeatures(), then the features of each group (SELF_GROUPS) it has.
 */
export function selfFeatures(t: TokenInfo, raw: string, lex: Lexicon): string[] {
  const f = ownFeatures(t, raw);
  for (let g = 0; g < SELF_GROUPS; g++) if (groupKey(t, lex, g) !== null) f.push(...groupFeatures(t, lex, g));
  return f;
}

/** The features that depend on the token itself: word, shape, definite form, clitics, forms, prefixes of the word. */
export function ownFeatures(t: TokenInfo, raw: string): string[] {
  const w = t.core;
  const f: string[] = ['b', `w=${w}`, `sh=${t.shape}`];
  if (isWordShape(t.shape)) {
    f.push(`d=${t.def}`, `cl=${t.clitics}`);
    for (let k = 1; k < t.forms.length; k++) f.push(`fm=${t.forms[k]}`);
    const s = t.bare;
    if (w !== s) for (let k = 1; k <= 3 && k < w.length; k++) f.push(`wpre${k}=${w.slice(0, k)}`);
  } else if (t.shape === 'd') {
    f.push(`dlen=${Math.min(w.length, 5)}`);
  } else if (t.shape === 'p') {
    f.push(`p=${normRaw(raw)}`);
  }
  return f;
}

/**
 * The other self features fall in groups that each depend on one property that many tokens share
 * (0 the bare stem, 1 the gazetteer types, 2 the cluster, 3 the second cluster, 4 the corpus
 * statistics): the tagger sums each group's weights once per key.
 */
export const SELF_GROUPS = 6;

/** The key that determines group g's features for token t, or null when t has none of them. */
export function groupKey(t: TokenInfo, lex: Lexicon, g: number): string | null {
  switch (g) {
    case 0:
      return isWordShape(t.shape) ? t.bare : null;
    case 1:
      return t.gaz || t.agaz ? `${t.gaz}|${t.agaz}|${t.clitics !== ''}` : null;
    case 2:
      return t.cluster ? 'c' + t.cluster : 'n' + t.shape;
    case 3:
      return lex.clusters2.size ? (t.cluster2 ? 'c' + t.cluster2 : 'n' + t.shape) : null;
    case 5:
      return t.trig ? `${t.trig}|${t.clitics !== ''}` : null;
    default:
      return lex.stats.size && (t.shape === 'a' || t.shape === 'l') ? `${t.stat}|${t.clitics}` : null;
  }
}

/** The features of group g (which depend on groupKey(t, lex, g) only). */
export function groupFeatures(t: TokenInfo, lex: Lexicon, g: number): string[] {
  const f: string[] = [];
  switch (g) {
    case 0: {
      const s = t.bare;
      f.push(`r=${s}`, `len=${Math.min(s.length, 9)}`);
      for (let k = 1; k <= 4 && k < s.length; k++) f.push(`pre${k}=${s.slice(0, k)}`, `suf${k}=${s.slice(-k)}`);
      break;
    }
    case 1:
      for (const x of gazNames(t.gaz)) f.push(`g=${x}`, `g|cl=${x}|${t.clitics !== ''}`);
      for (const x of gazNames(t.agaz)) f.push(`ag=${x}`);
      break;
    case 2:
      if (t.cluster) {
        const c = t.cluster;
        f.push(`k=${c}`, `k5=${c.slice(0, 5)}`, `k10=${c.slice(0, 10)}`);
      } else f.push(`k=none|${t.shape}`);
      break;
    case 5:
      for (let k = 0; k < 10; k++) {
        const b = (t.trig >> (3 * k)) & 7;
        if (b) f.push(`tg${k}=${b}`, `tg${k}|cl=${b}|${t.clitics !== ''}`);
      }
      break;
    case 3: {
      const c = t.cluster2;
      if (c) f.push(`q=${c}`, `q5=${c.slice(0, 5)}`, `q10=${c.slice(0, 10)}`);
      else f.push(`q=none|${t.shape}`);
      break;
    }
    default: {
      const fq = fqOf(t);
      const al = t.stat < 0 ? -2 : (t.stat & 7) - 1;
      f.push(`fq=${fq}`, `al=${al}`, `fqal=${fq}|${al}|${t.clitics}`);
    }
  }
  return f;
}

/** Offsets of the neighbours whose own properties become features of a token. */
export const ROLES = [-2, -1, 1, 2] as const;

// numeric templates of what a neighbour contributes (role -2, -1, +1, +2)
const R_WORD = 40;
const R_BARE = 41;
const R_SUFFIX = 42;
const R_CLITICS = 43;
const R_CLUSTER10 = 44;
const R_CLUSTER5 = 45;
const R_GAZ = 46;
const R_AUTOGAZ = 47;
const R_CLUSTER2 = 48;
const R_TRIG = 49;

/**
 * Keys of what a token contributes to the features of the token `role` positions away from it
 * (role -1: it is the previous word): its word, bare form, last two letters, clitics, cluster
 * prefixes and gazetteer types (±1), word and bare form (±2). Depends on the token only, so it
 * is cached like selfFeatures. Appended to `out` as (key1, key2) pairs.
 */
export function roleKeys(t: TokenInfo, role: number, out: number[]): void {
  const add = (tmpl: number, v1: number, v2: number) => out.push(key1(tmpl, v1, role), key2(tmpl, v2, role));
  add(R_WORD, t.hc1, t.hc2);
  add(R_BARE, hash1(t.bare), hash2(t.bare));
  if (role === -2 || role === 2) return;
  const s2 = suffix(t.bare, 2);
  add(R_SUFFIX, hash1(s2), hash2(s2));
  add(R_CLITICS, hash1(t.clitics), hash2(t.clitics));
  const c10 = t.cluster.slice(0, 10);
  add(R_CLUSTER10, hash1(c10), hash2(c10));
  add(R_CLUSTER5, t.hk1, t.hk2);
  if (t.cluster2) {
    const q = t.cluster2.slice(0, 10);
    add(R_CLUSTER2, hash1(q), hash2(q));
  }
  if (t.trig) {
    for (let k = 0; k < 10; k++) {
      const b = (t.trig >> (3 * k)) & 7;
      if (b) add(R_TRIG, k * 8 + b, k * 8 + b);
    }
  }
  for (let k = 0; k < 4; k++) {
    if (t.gaz & (1 << k)) add(R_GAZ, k, k);
    if (t.agaz & (1 << k)) add(R_AUTOGAZ, k, k);
  }
}

/** The neighbour of token i at offset `role` (PAD beyond the sentence). */
export function neighbour(infos: readonly TokenInfo[], i: number, role: number): TokenInfo {
  const j = i + role;
  return j >= 0 && j < infos.length ? infos[j] : PAD;
}

// numeric templates (hashing.ts)
const T_SHAPES = 1;
const T_W_LEFT = 2;
const T_W_RIGHT = 3;
const T_W_AROUND = 4;
const T_W_LEFT2 = 5;
const T_W_RIGHT2 = 6;
const T_K_LEFT = 7;
const T_K_RIGHT = 8;
const T_PHRASE = 9;
const T_FREQ = 10;

/** Receives one numeric feature key (its two halves). */
export type KeySink = (k1: number, k2: number) => void;

/**
 * Keys of the features of token i that combine it with its neighbours: word pairs (-1|0, 0|+1,
 * -1|+1, -2|-1, +1|+2), cluster pairs, the shapes around it, multi-word gazetteer matches and the
 * frequency pair. Appended to `out` as (key1, key2) pairs.
 */
export function pairKeys(infos: readonly TokenInfo[], marks: readonly string[][], i: number, lex: Lexicon, out: number[]): void {
  pairKeysTo(infos, marks, i, lex, (k1, k2) => out.push(k1, k2));
}

/** pairKeys(), each key handed to `emit` in the same order instead of appended to a list. */
export function pairKeysTo(infos: readonly TokenInfo[], marks: readonly string[][], i: number, lex: Lexicon, emit: KeySink): void {
  const n = infos.length;
  const t = infos[i];
  const p1 = i >= 1 ? infos[i - 1] : PAD;
  const p2 = i >= 2 ? infos[i - 2] : PAD;
  const n1 = i + 1 < n ? infos[i + 1] : PAD;
  const n2 = i + 2 < n ? infos[i + 2] : PAD;
  const sh = p1.shapeId | (t.shapeId << 4) | (n1.shapeId << 8);
  emit(key1(T_SHAPES, sh, 0), key2(T_SHAPES, sh, 0));
  emit(key1(T_W_LEFT, p1.hc1, t.hc1), key2(T_W_LEFT, p1.hc2, t.hc2));
  emit(key1(T_W_RIGHT, t.hc1, n1.hc1), key2(T_W_RIGHT, t.hc2, n1.hc2));
  emit(key1(T_W_AROUND, p1.hc1, n1.hc1), key2(T_W_AROUND, p1.hc2, n1.hc2));
  emit(key1(T_W_LEFT2, p2.hc1, p1.hc1), key2(T_W_LEFT2, p2.hc2, p1.hc2));
  emit(key1(T_W_RIGHT2, n1.hc1, n2.hc1), key2(T_W_RIGHT2, n1.hc2, n2.hc2));
  emit(key1(T_K_LEFT, p1.hk1, t.hk1), key2(T_K_LEFT, p1.hk2, t.hk2));
  emit(key1(T_K_RIGHT, t.hk1, n1.hk1), key2(T_K_RIGHT, t.hk2, n1.hk2));
  const mk = marks[i];
  for (let m = 0; m < mk.length; m++) emit(key1(T_PHRASE, hash1(mk[m]), 0), key2(T_PHRASE, hash2(mk[m]), 0));
  if (lex.stats.size && (t.shape === 'a' || t.shape === 'l')) emit(key1(T_FREQ, p1.fq, t.fq), key2(T_FREQ, p1.fq, t.fq));
}

function suffix(s: string, k: number): string {
  return s.length > k ? s.slice(-k) : s;
}
function normRaw(s: string): string {
  return normalizeString(s).slice(0, 4);
}

/** The key under which a token's other occurrences in the document are looked up. */
export function docKey(t: TokenInfo): string | null {
  if (t.shape !== 'a' && t.shape !== 'l' && t.shape !== 'm') return null;
  return t.bare.length >= 2 ? t.bare : null;
}

// numeric templates of the second-pass features
const D_P0 = 20; // first-pass type of the token
const D_LEFT = 21; // first-pass labels of the previous token and the token
const D_RIGHT = 22; // … of the token and the next
const D_DOC = 23; // commonest first-pass type of the same word elsewhere in the document
const D_DOC_P0 = 24; // that, with the token's own first-pass type
const D_ENT = 25; // commonest entity type of the same word elsewhere
const D_ENT_SHARE = 26; // that, with the share (in quarters) of occurrences tagged as entities
const D_FIRST = 27; // the word begins a multi-word entity of this type elsewhere
const D_LAST = 28; // the word ends one (a surname)

/**
 * Second-pass ("stacked") features: what a first-pass tagging says about the same word elsewhere in
 * the document (sentences s-window..s+window), and the first-pass labels around the token.
 * labels[s][i] are label indices (labels.ts order).
 */
export function documentFeatures(infos: TokenInfo[][], labels: ArrayLike<number>[], window: number): number[][][] {
  const out: number[][][] = infos.map((inf) => inf.map((): number[] => []));
  const flat: number[][] = out.flat();
  documentKeys(infos, labels, window, (g, k1, k2) => flat[g].push(k1, k2));
  return out;
}

/**
 * documentFeatures(), each key handed to `emit` with the token's position g counted over the
 * whole document (sentence by sentence), in the same order. The same word's counts are kept per
 * document word id in flat arrays, added and taken off as the window of sentences moves.
 */
export function documentKeys(infos: TokenInfo[][], labels: ArrayLike<number>[], window: number, emit: (g: number, k1: number, k2: number) => void): void {
  const S = infos.length;
  const typeIdx = (y: number) => (y === 0 ? 0 : ((y - 1) >> 1) + 1);
  // ids of the document's words (docKey) and, per sentence, its occurrences (id * 5 + type) and
  // the first and last words of its multi-word spans
  const ids = new Map<string, number>();
  let N = 0;
  for (const inf of infos) N += inf.length;
  const tokId = new Int32Array(N);
  const occ: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const occAt = new Int32Array(S + 1);
  const firstAt = new Int32Array(S + 1);
  const lastAt = new Int32Array(S + 1);
  const idOf = (k: string): number => {
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    return id;
  };
  let g = 0;
  for (let s = 0; s < S; s++) {
    occAt[s] = occ.length;
    firstAt[s] = first.length;
    lastAt[s] = last.length;
    const inf = infos[s];
    const y = labels[s];
    for (let i = 0; i < inf.length; i++) {
      const k = docKey(inf[i]);
      const id = k ? idOf(k) : -1;
      tokId[g + i] = id;
      if (id >= 0) occ.push(id * 5 + typeIdx(y[i]));
      if (y[i] !== 0 && (y[i] & 1) === 1) {
        // a span starts here: find its end
        let j = i + 1;
        while (j < inf.length && y[j] === y[i] + 1) j++;
        if (j - i >= 2) {
          const kf = docKey(inf[i]);
          const kl = docKey(inf[j - 1]);
          if (kf) first.push(idOf(kf) * 5 + typeIdx(y[i]));
          if (kl) last.push(idOf(kl) * 5 + typeIdx(y[i]));
        }
      }
    }
    g += inf.length;
  }
  occAt[S] = occ.length;
  firstAt[S] = first.length;
  lastAt[S] = last.length;
  // running sums over the window of sentences [lo, hi]
  const K = ids.size;
  const aggOcc = new Int32Array(K * 5);
  const aggFirst = new Int32Array(K * 5);
  const aggLast = new Int32Array(K * 5);
  const shift = (s: number, sign: number) => {
    for (let m = occAt[s]; m < occAt[s + 1]; m++) aggOcc[occ[m]] += sign;
    for (let m = firstAt[s]; m < firstAt[s + 1]; m++) aggFirst[first[m]] += sign;
    for (let m = lastAt[s]; m < lastAt[s + 1]; m++) aggLast[last[m]] += sign;
  };
  const add = (g: number, t: number, a: number, b: number) => emit(g, key1(t, a, b), key2(t, a, b));
  let lo = 0;
  let hi = -1;
  g = 0;
  for (let s = 0; s < S; s++) {
    const wantHi = Math.min(S - 1, s + window);
    while (hi < wantHi) shift(++hi, 1);
    while (lo < s - window) shift(lo++, -1);
    const inf = infos[s];
    const y = labels[s];
    for (let i = 0; i < inf.length; i++, g++) {
      const ty = typeIdx(y[i]);
      add(g, D_P0, ty, 0);
      add(g, D_LEFT, i ? y[i - 1] : -1, y[i]);
      add(g, D_RIGHT, y[i], i + 1 < inf.length ? y[i + 1] : -1);
      const id = tokId[g];
      if (id < 0) continue;
      const c = id * 5;
      // counts of the other occurrences (not this one)
      let n = -1;
      for (let t = 0; t < 5; t++) n += aggOcc[c + t];
      if (n > 0) {
        let arg = -1;
        let best = -1;
        for (let t = 0; t < 5; t++) {
          const v = aggOcc[c + t] - (t === ty ? 1 : 0);
          if (v > best) {
            best = v;
            arg = t;
          }
        }
        const ent = n - (aggOcc[c] - (ty === 0 ? 1 : 0));
        add(g, D_DOC, arg, 0);
        add(g, D_DOC_P0, arg, ty);
        if (ent > 0) {
          let a2 = 1;
          let b2 = -1;
          for (let t = 1; t < 5; t++) {
            const v = aggOcc[c + t] - (t === ty ? 1 : 0);
            if (v > b2) {
              b2 = v;
              a2 = t;
            }
          }
          add(g, D_ENT, a2, 0);
          add(g, D_ENT_SHARE, a2, Math.round((4 * ent) / n));
        }
      }
      for (let t = 1; t < 5; t++) {
        if (aggFirst[c + t]) add(g, D_FIRST, t, 0);
        if (aggLast[c + t]) add(g, D_LAST, t, 0);
      }
    }
  }
}
