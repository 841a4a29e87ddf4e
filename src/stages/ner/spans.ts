// The span pass: an optional third, span-level step after the token passes (model.ts). Where the
// token passes left every token of a stretch O, it proposes candidate spans (a run between
// quotation marks; the words after, or including, a head word such as نادي / صحيفة / برنامج;
// gazetteer and knowledge-base names; words with a strong organisation trigger statistic; Latin
// runs; the same string tagged as an entity elsewhere in the document, or found after a head word
// or between quotation marks elsewhere in it) and scores each as a whole with a multi-class
// averaged perceptron over whole-span features (its words, length, the words around it, exact
// gazetteer match, how the same string and words were tagged elsewhere in the document, how often
// it recurs, optionally the token pass's emission scores summed over it). A candidate whose best
// class is an entity type is added, the highest margin over O first, where it overlaps no span
// added before.
//
// Trained (train.ts, trainSpanModel) on candidates found from the training data's jackknifed
// token-pass tags, so that it learns what the token passes miss on unseen text. Off by default
// (`--spans`): it gained nothing on the held-out blocks (docs/ner.md, session 6).
import { normalizeString } from '../../text/normalize.js';
import { NUM_LABELS } from './labels.js';
import { docKey, phraseMatches, quoteRuns, type Lexicon, type TokenInfo } from './features.js';

/** Span classes: 0 none, then the entity types in labels.ts order (class c ↔ labels 2c-1, 2c). */
export const SPAN_CLASSES = ['O', 'PER', 'LOC', 'ORG', 'MISC'] as const;
const C = SPAN_CLASSES.length;
/** Longest candidate span, in tokens. */
const MAX_SPAN = 8;
/** Words after a head word taken as candidates (1..HEAD_SPAN). */
const HEAD_SPAN = 3;

// where a candidate came from (bits)
const SRC_QUOTE = 1;
const SRC_AFTER_HEAD = 2;
const SRC_WITH_HEAD = 4;
const SRC_GAZ = 8;
const SRC_DOC = 16;
const SRC_LATIN = 32;
const SRC_TRIG = 64;
const SRC_ECHO = 128;
const SRC_LAST = SRC_ECHO;
/** The organisation kind of the trigger statistics (triggers.ts TRIGGER_KINDS). */
const TRIGGER_ORG = 2;

const norm = (ws: string) => new Set(ws.split(/\s+/).filter(Boolean).map((w) => normalizeString(w)));
/** Words that often stand before or at the start of an organisation, a title or a place name. */
const HEADS = norm(`نادي فريق منتخب صحيفة جريدة مجلة وكالة قناة تلفزيون إذاعة شبكة موقع حزب حركة جبهة تنظيم جماعة
  شركة مجموعة بنك مصرف مؤسسة منظمة جمعية اتحاد رابطة هيئة مجلس وزارة جامعة كلية معهد مركز مستشفى مصنع محطة
  برنامج فيلم مسلسل كتاب رواية ديوان مسرحية أغنية ألبوم مهرجان بطولة كأس دوري مسابقة جائزة عملية مؤتمر معرض
  ملعب استاد مطار ميناء مدينة محافظة ولاية إقليم منطقة قرية بلدة جزيرة نهر جبل شارع حي مخيم`);

export interface SpanCandidate {
  /** Sentence index in the document. */
  s: number;
  start: number;
  end: number;
  /** Where it came from (SRC_* bits). */
  src: number;
  feats: string[];
}

/** The span class (SPAN_CLASSES index) of a label index (labels.ts). */
export const spanTypeOf = (y: number) => (y === 0 ? 0 : ((y - 1) >> 1) + 1);

const headCache = new WeakMap<TokenInfo, boolean>();
/** Whether the token is a head word (any clitic form); remembered per analysed token. */
function isHead(t: TokenInfo): boolean {
  let h = headCache.get(t);
  if (h === undefined) {
    h = HEADS.has(t.bare) || t.forms.some((f) => HEADS.has(f));
    headCache.set(t, h);
  }
  return h;
}
const isWord = (t: TokenInfo) => t.shape === 'a' || t.shape === 'l' || t.shape === 'm';

/**
 * Candidate spans of a document (sentences `infos`, token-pass labels `labels`), each with its
 * features: only spans of words every one of which the token passes tagged O. The document for
 * "the same string elsewhere" is sentences s-window..s+window.
 */
export function spanCandidates(
  infos: readonly TokenInfo[][],
  labels: readonly ArrayLike<number>[],
  lex: Lexicon,
  window: number,
  scores?: readonly ArrayLike<number>[],
): SpanCandidate[] {
  const S = infos.length;
  // per sentence: the tagged spans' strings with their type, and each tagged word's types
  const spanKeys: Array<Array<[string, number]>> = new Array(S);
  const wordTypes: Array<Array<[string, number]>> = new Array(S);
  for (let s = 0; s < S; s++) {
    const inf = infos[s];
    const y = labels[s];
    const sk: Array<[string, number]> = [];
    const wt: Array<[string, number]> = [];
    for (let i = 0; i < inf.length; i++) {
      if (y[i] === 0) continue;
      const k = docKey(inf[i]);
      if (k) wt.push([k, spanTypeOf(y[i])]);
      if (y[i] & 1) {
        let j = i + 1;
        while (j < inf.length && y[j] === y[i] + 1) j++;
        const key = keyOf(inf, i, j);
        if (key) sk.push([key, spanTypeOf(y[i])]);
      }
    }
    spanKeys[s] = sk;
    wordTypes[s] = wt;
  }
  // per sentence: the candidates found in the sentence alone (start * (n + 1) + end → src bits),
  // their strings, and the strings of those after a head word or between quotation marks with
  // that word (or the word before the opening mark)
  const local: Array<Map<number, number>> = new Array(S);
  // per sentence: the type bits of multi-word entries of the gazetteers and of the second gazetteer, by span
  const phrases: Array<[Map<number, number>, Map<number, number>]> = new Array(S);
  const echoes: Array<Array<[string, string]>> = new Array(S);
  const localStrings: string[][] = new Array(S);
  for (let s = 0; s < S; s++) {
    const inf = infos[s];
    const y = labels[s];
    const n = inf.length;
    const cands = new Map<number, number>();
    const echo: Array<[string, string]> = [];
    const strings: string[] = [];
    const add = (start: number, end: number, src: number) => {
      if (!free(inf, y, start, end)) return;
      const key = start * (n + 1) + end;
      const k = keyOf(inf, start, end);
      if (k && !cands.has(key)) strings.push(k);
      cands.set(key, (cands.get(key) ?? 0) | src);
      if (k && src & (SRC_QUOTE | SRC_AFTER_HEAD)) echo.push([k, wordBefore(inf, src & SRC_QUOTE ? start - 2 : start - 1)]);
    };
    for (const [open, close] of quoteRuns(inf)) add(open + 1, close, SRC_QUOTE);
    for (let i = 0; i < n; i++) {
      const t = inf[i];
      if (!isWord(t)) continue;
      if (isHead(t)) {
        for (let k = 1; k <= HEAD_SPAN && i + k < n && isWord(inf[i + k]); k++) {
          add(i + 1, i + 1 + k, SRC_AFTER_HEAD);
          add(i, i + 1 + k, SRC_WITH_HEAD);
        }
      }
      if (t.gaz || t.agaz) add(i, i + 1, SRC_GAZ);
      if (((t.trig >> (3 * TRIGGER_ORG)) & 7) >= 2) add(i, i + 1, SRC_TRIG);
      if (t.shape === 'l') {
        let j = i + 1;
        while (j < n && inf[j].shape === 'l') j++;
        add(i, j, SRC_LATIN);
      }
    }
    const bits: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
    [lex, lex.auto].forEach((g, k) => {
      for (const [i, end, b] of phraseMatches(inf, g)) {
        add(i, end, SRC_GAZ);
        const key = i * (n + 1) + end;
        bits[k].set(key, (bits[k].get(key) ?? 0) | b);
      }
    });
    phrases[s] = bits;
    local[s] = cands;
    echoes[s] = echo;
    localStrings[s] = strings;
  }
  const out: SpanCandidate[] = [];
  const doc = new DocumentWindow(spanKeys, wordTypes, echoes, localStrings);
  let lo = 0;
  let hi = -1;
  for (let s = 0; s < S; s++) {
    const inf = infos[s];
    const y = labels[s];
    const n = inf.length;
    // the document around sentence s (the window slides: sentences added and taken off)
    while (hi < Math.min(S - 1, s + window)) doc.add(++hi, 1);
    while (lo < s - window) doc.add(lo++, -1);
    // the same string tagged, or found after a head word or between quotation marks, elsewhere
    const cands = new Map(local[s]);
    for (let i = 0; i < n; i++) {
      const d0 = docKey(inf[i]);
      if (!d0 || !doc.firsts.has(d0)) continue;
      let k = d0;
      for (let end = i + 1; end <= n && end - i <= MAX_SPAN; end++) {
        // free(): all O, words at both ends (a word with a docKey is one)
        const d = end === i + 1 ? d0 : docKey(inf[end - 1]);
        if (!d || y[end - 1] !== 0) break;
        if (end > i + 1) k += ' ' + d;
        const key = i * (n + 1) + end;
        const own = (cands.get(key) ?? 0) & (SRC_QUOTE | SRC_AFTER_HEAD) ? 1 : 0;
        const src = (doc.spans.has(k) ? SRC_DOC : 0) | ((doc.echoes.get(k) ?? 0) > own ? SRC_ECHO : 0);
        if (src) cands.set(key, (cands.get(key) ?? 0) | src);
      }
    }
    const keys = [...cands.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const start = Math.floor(key / (n + 1));
      const end = key % (n + 1);
      const src = cands.get(key)!;
      out.push({ s, start, end, src, feats: spanFeatures(inf, y, start, end, src, phrases[s], doc, scores?.[s]) });
    }
  }
  return out;
}

/** Whether tokens start..end-1 may be a candidate: 1 to MAX_SPAN tokens, all O, words at both ends. */
function free(inf: readonly TokenInfo[], y: ArrayLike<number>, start: number, end: number): boolean {
  if (end - start < 1 || end - start > MAX_SPAN || start < 0 || end > inf.length) return false;
  for (let k = start; k < end; k++) if (y[k] !== 0) return false;
  return isWord(inf[start]) && isWord(inf[end - 1]);
}

/** The bare form of the word at i, or a placeholder at the sentence start and for punctuation. */
function wordBefore(inf: readonly TokenInfo[], i: number): string {
  if (i < 0) return '<s>';
  const t = inf[i];
  return t.core ? t.bare : `p${t.quote}`;
}

/** The document key of tokens start..end-1 (their docKey()s joined), null if one has none. */
function keyOf(inf: readonly TokenInfo[], start: number, end: number): string | null {
  let k = '';
  for (let i = start; i < end; i++) {
    const d = docKey(inf[i]);
    if (!d) return null;
    k = i === start ? d : k + ' ' + d;
  }
  return k;
}

/** The commonest type (1..4) in counts c, 0 when none is tagged; with the count, bucketed. */
function commonest(c: Int32Array | undefined): string {
  if (!c) return 'none';
  let arg = 0;
  for (let t = 1; t < C; t++) if (c[t] > c[arg]) arg = t;
  return c[arg] ? `${SPAN_CLASSES[arg]}${c[arg] >= 3 ? '+' : c[arg]}` : 'none';
}

/**
 * What the sentences of the window around a sentence say about strings (keyOf) and words (docKey),
 * kept as the window slides.
 */
class DocumentWindow {
  /** Spans the token passes tagged: counts per class, the total last. */
  readonly spans = new Map<string, Int32Array>();
  /** Words the token passes tagged: counts per class, the total last. */
  readonly words = new Map<string, Int32Array>();
  /** Strings found after a head word or between quotation marks: that word → occurrences. */
  readonly echo = new Map<string, Map<string, number>>();
  /** The same strings: occurrences. */
  readonly echoes = new Map<string, number>();
  /** Strings proposed in the sentences on their own (local candidates): occurrences. */
  readonly cands = new Map<string, number>();
  /** First words of the strings in `spans` and `echo`: occurrences. */
  readonly firsts = new Map<string, number>();

  constructor(
    private readonly spanKeys: ReadonlyArray<ReadonlyArray<[string, number]>>,
    private readonly wordTypes: ReadonlyArray<ReadonlyArray<[string, number]>>,
    private readonly echoLists: ReadonlyArray<ReadonlyArray<[string, string]>>,
    private readonly localStrings: ReadonlyArray<readonly string[]>,
  ) {}

  /** Add sentence t to the window (sign 1) or take it off (-1). */
  add(t: number, sign: 1 | -1): void {
    for (const [k, ty] of this.spanKeys[t]) {
      count(this.spans, k, ty, sign);
      bump(this.firsts, firstWord(k), sign);
    }
    for (const [k, ty] of this.wordTypes[t]) count(this.words, k, ty, sign);
    for (const k of this.localStrings[t]) bump(this.cands, k, sign);
    for (const [k, head] of this.echoLists[t]) {
      let h = this.echo.get(k);
      if (!h) this.echo.set(k, (h = new Map()));
      bump(h, head, sign);
      if (!h.size) this.echo.delete(k);
      bump(this.echoes, k, sign);
      bump(this.firsts, firstWord(k), sign);
    }
  }
}

/** Add d to m's count of k, forgetting k at 0. */
function bump<K>(m: Map<K, number>, k: K, d: number): void {
  const v = (m.get(k) ?? 0) + d;
  if (v) m.set(k, v);
  else m.delete(k);
}

/** Add d to m's count of k for class ty and to its total, forgetting k at 0. */
function count(m: Map<string, Int32Array>, k: string, ty: number, d: number): void {
  let c = m.get(k);
  if (!c) m.set(k, (c = new Int32Array(C + 1)));
  c[ty] += d;
  c[C] += d;
  if (!c[C]) m.delete(k);
}

const firstWord = (k: string) => {
  const sp = k.indexOf(' ');
  return sp < 0 ? k : k.slice(0, sp);
};

/** The features of candidate start..end-1 of a sentence (token-pass labels y). */
function spanFeatures(
  inf: readonly TokenInfo[],
  y: ArrayLike<number>,
  start: number,
  end: number,
  src: number,
  phrases: readonly [Map<number, number>, Map<number, number>],
  doc: DocumentWindow,
  scores: ArrayLike<number> | undefined,
): string[] {
  const n = inf.length;
  const len = end - start;
  const first = inf[start];
  const last = inf[end - 1];
  const prev = start > 0 ? inf[start - 1] : null;
  const L = Math.min(len, 5);
  const f: string[] = ['b', `src=${src}`, `len=${L}`, `src|len=${src}|${L}`];
  for (let b = 1; b <= SRC_LAST; b <<= 1) if (src & b) f.push(`s${b}`, `s${b}|len=${L}`);
  const defs: string[] = [];
  for (let i = start; i < end; i++) {
    defs.push(inf[i].def);
    f.push(`w=${inf[i].def}`, `k5=${inf[i].cluster.slice(0, 5)}`);
  }
  f.push(`all=${defs.join(' ')}`, `f=${first.def}`, `l=${last.def}`, `fb=${first.bare}`, `lb=${last.bare}`, `fcl=${first.clitics}|${L}`);
  f.push(`fk=${first.cluster.slice(0, 10)}`, `lk=${last.cluster.slice(0, 10)}`, `lsuf=${last.bare.slice(-2)}`);
  f.push(`fq=${first.stat < 0 ? -1 : first.stat >> 3}|${L}`, `sh=${first.shape}${last.shape}`);
  const pw = wordBefore(inf, start - 1);
  const nw = end < n ? wordBefore(inf, end) : '<s>';
  f.push(`p=${pw}`, `p|len=${pw}|${L}`, `pp=${wordBefore(inf, start - 2)}|${pw}`, `n=${nw}`, `p|n=${pw}|${nw}`, `p|f=${pw}|${first.def}`);
  if (prev) f.push(`pcl=${prev.clitics}`, `pk=${prev.cluster.slice(0, 5)}`);
  f.push(`pl=${start > 0 ? SPAN_CLASSES[spanTypeOf(y[start - 1])] : '<s>'}`, `nl=${end < n ? SPAN_CLASSES[spanTypeOf(y[end])] : '<s>'}`);
  // gazetteers: each word's types, and an exact multi-word entry
  let gz = '';
  for (let i = start; i < end; i++) gz += `${inf[i].gaz}.${inf[i].agaz},`;
  f.push(`gz=${gz}`);
  for (let g = 0; g < 2; g++) {
    const tag = g ? 'ax' : 'gx';
    const bits = len === 1 ? (g ? first.agaz : first.gaz) : (phrases[g].get(start * (n + 1) + end) ?? 0);
    if (bits) f.push(`${tag}=${bits}`, `${tag}|p=${bits}|${pw}`);
  }
  for (const [t, tag] of [[first, 'ft'], [last, 'lt'], [prev, 'pt']] as const) {
    if (!t || !t.trig) continue;
    for (let k = 0; k < 4; k++) {
      const b = (t.trig >> (3 * k)) & 7;
      if (b) f.push(`${tag}${k}=${b}`);
    }
  }
  // the same string and the same words elsewhere in the document
  const key = keyOf(inf, start, end);
  const ds = commonest(key ? doc.spans.get(key) : undefined);
  f.push(`d=${ds}`, `d|len=${ds}|${L}`);
  const fk = docKey(first);
  const lk = docKey(last);
  f.push(`dwf=${commonest(fk ? doc.words.get(fk) : undefined)}`, `dwl=${commonest(lk ? doc.words.get(lk) : undefined)}`);
  if (src & SRC_QUOTE) {
    const before = wordBefore(inf, start - 2);
    f.push(`q|p=${before}`, `q|p|len=${before}|${L}`);
  }
  // the same string after a head word or between quotation marks elsewhere: which words
  const heads = key ? doc.echo.get(key) : undefined;
  if (heads) for (const h of heads.keys()) f.push(`e=${h}`);
  // how often the same string is a candidate in the document (a repeated multi-word name)
  const rep = key ? Math.min((doc.cands.get(key) ?? 1) - 1, 3) : 0;
  f.push(`rep=${rep}|${L}`, `rep|src=${rep}|${src}`);
  // the token pass's emission scores: how far each type's labels over the span are from O
  if (scores) {
    let best = 1;
    let bestM = -Infinity;
    for (let c = 1; c < C; c++) {
      let m = 0;
      for (let k = start; k < end; k++) m += scores[k * NUM_LABELS + (k === start ? 2 * c - 1 : 2 * c)] - scores[k * NUM_LABELS];
      if (m > bestM) {
        bestM = m;
        best = c;
      }
      f.push(`m${c}=${marginBucket(m)}`);
    }
    f.push(`mt=${best}|${marginBucket(bestM)}`, `mt|src=${best}|${src}`);
  }
  return f;
}

/** A score margin in a few buckets. */
function marginBucket(m: number): number {
  return m >= 0 ? 0 : m >= -2 ? 1 : m >= -5 ? 2 : m >= -10 ? 3 : m >= -20 ? 4 : 5;
}

/** Class scores of a candidate's features. */
export function scoresOf(w: Map<string, Float64Array | Float32Array>, feats: readonly string[], out: Float64Array): void {
  out.fill(0);
  for (const x of feats) {
    const r = w.get(x);
    if (r) for (let c = 0; c < C; c++) out[c] += r[c];
  }
}

/** The span pass's weights: feature → C class weights. */
export class SpanModel {
  constructor(readonly weights: Map<string, Float32Array>) {}

  /**
   * Add the entity spans it finds to the token passes' labels (label indices, changed in place):
   * the candidates whose best class is an entity type, the highest margin over O first, each where
   * no span added before overlaps it.
   */
  apply(infos: readonly TokenInfo[][], labels: Array<Int32Array | number[]>, lex: Lexicon, window: number, scores?: readonly ArrayLike<number>[]): void {
    const cands = spanCandidates(infos, labels, lex, window, scores);
    const sc = new Float64Array(C);
    const found: Array<{ c: SpanCandidate; cls: number; margin: number }> = [];
    for (const c of cands) {
      scoresOf(this.weights, c.feats, sc);
      let cls = 0;
      for (let k = 1; k < C; k++) if (sc[k] > sc[cls]) cls = k;
      if (cls) found.push({ c, cls, margin: sc[cls] - sc[0] });
    }
    found.sort((a, b) => b.margin - a.margin || a.c.s - b.c.s || a.c.start - b.c.start || a.c.end - b.c.end);
    for (const { c, cls } of found) {
      const y = labels[c.s];
      let free = true;
      for (let k = c.start; k < c.end && free; k++) free = y[k] === 0;
      if (!free) continue;
      y[c.start] = 2 * cls - 1;
      for (let k = c.start + 1; k < c.end; k++) y[k] = 2 * cls;
    }
  }
}
