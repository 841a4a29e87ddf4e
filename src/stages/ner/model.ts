// The tagger's model: a linear-chain scorer (feature × label weights plus label-transition weights)
// decoded with Viterbi under IOB2 constraints, and its on-disk form (gzipped TSV).
//
// Two passes share one feature index. Pass 1 tags every sentence from its own features. Pass 2
// ("stacked") adds features saying how pass 1 tagged the same words elsewhere in the document
// (features.ts, documentFeatures) and tags again: a name recognised in one sentence helps recognise
// it in another.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { createError } from '../../errors.js';
import { ALLOWED, LABELS, NUM_LABELS } from './labels.js';
import { analyseToken, clearAnalysisCache, documentKeys, groupFeatures, groupKey, ownFeatures, PAD, pairKeysTo, phraseMarks, QUOTE_OPEN, quoteMarks, roleKeys, ROLES, SELF_GROUPS, type Lexicon, type TokenInfo } from './features.js';
import { KeyIndex, keyHex, parseKeyHex } from './hashing.js';
import { SpanModel, SPAN_CLASSES } from './spans.js';

const L = NUM_LABELS;
export const MODEL_MAGIC = '#marsad-ner-model';
/** Weights are stored as integers: round(weight * SCALE). */
const SCALE = 100;
/** Sentences either side whose pass-1 tags feed pass 2, when no document boundary is known. */
export const DEFAULT_WINDOW = 10;

/** What the tagger keeps per distinct token string (NerModel.tagSentences). */
interface TokenEntry {
  info: TokenInfo;
  /**
   * For pass p, from p * ENTRY: the summed weights of the token's own features (L values), then of
   * the features it gives the token 2 before it, 1 before, 1 after and 2 after (role -2, -1, +1,
   * +2; L values each).
   */
  sums: Float64Array;
  /** Whether a multi-word gazetteer entry may start at this token (any of its forms begins one). */
  phrase: boolean;
}
const ENTRY = L * (1 + ROLES.length);
const NO_MARKS: string[][] = [];
/** phraseMarks() of a sentence where no multi-word entry starts: n empty lists (shared). */
function noMarks(n: number): string[][] {
  while (NO_MARKS.length < n) NO_MARKS.push([]);
  return NO_MARKS;
}
/** phraseMarks() of a sentence where no multi-word gazetteer entry starts: its quote marks only. */
function onlyQuoteMarks(inf: TokenInfo[]): string[][] {
  const marks: string[][] = new Array(inf.length);
  for (let i = 0; i < inf.length; i++) marks[i] = [];
  quoteMarks(inf, marks);
  return marks;
}
/** Distinct tokens remembered before the cache starts afresh. */
const CACHE_LIMIT = 200_000;

export interface ModelMeta {
  [key: string]: unknown;
}

/** Weights of one pass. */
export interface PassWeights {
  /** Row-major feature × label weights (row f holds labels 0..L-1). */
  w: Float32Array;
  /** (prev + 1) * L + y: weight of label y after label prev (prev = -1 at sentence start). */
  t: Float32Array;
}

export class NerModel {
  /** Feature string → row. */
  readonly index: Map<string, number>;
  /** Numeric feature key → row (hashing.ts); rows are shared with `index`. */
  readonly keys: KeyIndex;
  readonly passes: PassWeights[];
  meta: ModelMeta;
  /** The span pass (spans.ts) run after the token passes, or null. */
  spans: SpanModel | null = null;

  constructor(index: Map<string, number>, keys: KeyIndex, passes: PassWeights[], meta: ModelMeta = {}) {
    this.index = index;
    this.keys = keys;
    this.passes = passes;
    this.meta = meta;
  }

  /**
   * Subtracted from the score of O in the last pass: > 0 trades precision for recall (meta.oBias;
   * `npm run eval:ner -- --o-bias X` tries a value). The shipped model uses 0: no value helped on
   * held-out training data.
   */
  get oBias(): number {
    return typeof this.meta.oBias === 'number' ? this.meta.oBias : 0;
  }

  /** Number of feature rows. */
  get size(): number {
    return this.index.size + this.keys.size;
  }

  /** Feature rows of a sentence's tokens (unknown features dropped), flat with offsets. */
  featureIds(feats: string[][], keys?: number[][], extra?: number[][]): { ids: Int32Array; offs: Int32Array } {
    let total = 0;
    for (const f of feats) total += f.length;
    if (keys) for (const f of keys) total += f.length >> 1;
    if (extra) for (const f of extra) total += f.length >> 1;
    const ids = new Int32Array(total);
    const offs = new Int32Array(feats.length + 1);
    let j = 0;
    const lookup = (k: number[] | undefined) => {
      if (!k) return;
      for (let m = 0; m < k.length; m += 2) {
        const id = this.keys.get(k[m], k[m + 1]);
        if (id >= 0) ids[j++] = id;
      }
    };
    for (let i = 0; i < feats.length; i++) {
      offs[i] = j;
      for (const s of feats[i]) {
        const id = this.index.get(s);
        if (id !== undefined) ids[j++] = id;
      }
      lookup(keys?.[i]);
      lookup(extra?.[i]);
    }
    offs[feats.length] = j;
    return { ids: ids.subarray(0, j), offs };
  }

  /**
   * Tag the sentences of one document (or a run of CoNLL sentences): IOB2 tags per token.
   * `window`: how many sentences either side count as the document for pass 2.
   *
   * Emission scores are sums of weights, and every weight of a loaded model is a float32 of
   * k / 100 (|k| < 2^15): a whole multiple of 2^-30, so every partial sum of a token's weights is
   * exact in float64 and the order of the additions does not matter. That lets each distinct token
   * carry the summed weights of its own features and of what it gives its neighbours (TokenEntry),
   * computed once; a token then costs four vector additions plus its pair and document features.
   */
  tagSentences(sentences: readonly (readonly string[])[], lex: Lexicon, window = Infinity): string[][] {
    const P = this.passes.length;
    const S = sentences.length;
    let N = 0;
    for (const s of sentences) N += s.length;
    const cache = this.entries(lex);
    const pad = this.padEntry(lex, cache);
    const W = this.fused();
    const PL = P * L;
    const ENT = ENTRY;
    // E[p * N * L + token * L + y]: emission scores of pass p, tokens of all sentences in a row
    const E = this.scratch(N * PL);
    E.fill(0, 0, N * PL);
    const keys = this.keys;
    const infos: TokenInfo[][] = new Array(S);
    // the rows of a pair feature of token `at` (all passes), of a document feature (pass `dpass`)
    let at = 0;
    const addPair = (k1: number, k2: number) => {
      const id = keys.get(k1, k2);
      if (id < 0) return;
      const r = id * PL;
      for (let p = 0; p < P; p++) {
        const base = p * N * L + at * L;
        const rp = r + p * L;
        for (let y = 0; y < L; y++) E[base + y] += W[rp + y];
      }
    };
    let dpass = 1;
    const addDoc = (t: number, k1: number, k2: number) => {
      const id = keys.get(k1, k2);
      if (id < 0) return;
      const base = dpass * N * L + t * L;
      const r = id * PL + dpass * L;
      for (let y = 0; y < L; y++) E[base + y] += W[r + y];
    };
    let g = 0;
    for (let s = 0; s < S; s++) {
      const toks = sentences[s];
      const n = toks.length;
      const ents: TokenEntry[] = new Array(n);
      const inf: TokenInfo[] = new Array(n);
      let phrase = false;
      let quote = false;
      for (let i = 0; i < n; i++) {
        const raw = toks[i];
        let ent = cache.get(raw);
        if (!ent) {
          ent = this.makeEntry(raw, analyseToken(raw, lex), lex);
          if (cache.size >= CACHE_LIMIT) cache.clear();
          cache.set(raw, ent);
        }
        ents[i] = ent;
        inf[i] = ent.info;
        if (ent.phrase) phrase = true;
        if (ent.info.quote & QUOTE_OPEN) quote = true;
      }
      infos[s] = inf;
      // phraseMarks() gives the same marks as quoteMarks() alone where no gazetteer phrase can start
      const marks = phrase ? phraseMarks(inf, lex) : quote ? onlyQuoteMarks(inf) : noMarks(n);
      for (let i = 0; i < n; i++) {
        const a = ents[i].sums;
        const b0 = i >= 2 ? ents[i - 2].sums : pad.sums;
        const b1 = i >= 1 ? ents[i - 1].sums : pad.sums;
        const b2 = i + 1 < n ? ents[i + 1].sums : pad.sums;
        const b3 = i + 2 < n ? ents[i + 2].sums : pad.sums;
        for (let p = 0; p < P; p++) {
          const base = p * N * L + (g + i) * L;
          const o = p * ENT;
          for (let y = 0; y < L; y++) {
            E[base + y] = a[o + y] + b0[o + L + y] + b1[o + 2 * L + y] + b2[o + 3 * L + y] + b3[o + 4 * L + y];
          }
        }
        at = g + i;
        pairKeysTo(inf, marks, i, lex, addPair);
      }
      g += n;
    }
    // pass 1
    const Y = this.labels(N);
    const viterbiAll = (pass: number) => {
      const t = this.passes[pass].t;
      let from = 0;
      for (let s = 0; s < S; s++) {
        const n = sentences[s].length;
        viterbiAt(E, pass * N * L + from * L, t, n, Y, from);
        from += n;
      }
    };
    viterbiAll(0);
    for (let pass = 1; pass < P; pass++) {
      // pass 2: the document features from the previous pass's tags
      const prev: Int32Array[] = new Array(S);
      let from = 0;
      for (let s = 0; s < S; s++) {
        const n = sentences[s].length;
        prev[s] = Y.subarray(from, from + n);
        from += n;
      }
      dpass = pass;
      documentKeys(infos, prev, window, addDoc);
      if (pass === P - 1 && this.oBias) for (let i = 0; i < N; i++) E[pass * N * L + i * L] -= this.oBias;
      viterbiAll(pass);
    }
    if (this.spans) {
      // the last pass's labels and emission scores, per sentence
      const last: Int32Array[] = new Array(S);
      const scores: Float64Array[] = new Array(S);
      const eo = (P - 1) * N * L;
      let from = 0;
      for (let s = 0; s < S; s++) {
        const n = sentences[s].length;
        last[s] = Y.subarray(from, from + n);
        scores[s] = E.subarray(eo + from * L, eo + (from + n) * L);
        from += n;
      }
      this.spans.apply(infos, last, lex, window, this.meta.spanScores ? scores : undefined);
    }
    const out: string[][] = new Array(S);
    let from = 0;
    for (let s = 0; s < S; s++) {
      const n = sentences[s].length;
      const tags: string[] = new Array(n);
      for (let i = 0; i < n; i++) tags[i] = LABELS[Y[from + i]];
      out[s] = tags;
      from += n;
    }
    return out;
  }

  /** Forget the per-token caches (for honest timing, or to free memory). */
  clearCaches(lex?: Lexicon): void {
    this.tokenCache = new WeakMap();
    this.groupCache = new WeakMap();
    if (lex) clearAnalysisCache(lex);
  }

  /** Per lexicon: token string → its analysis and summed weights. */
  private tokenCache = new WeakMap<Lexicon, Map<string, TokenEntry>>();
  /** Per lexicon and self-feature group: group key → the group's summed weights (all passes). */
  private groupCache = new WeakMap<Lexicon, Map<string, Float64Array>[]>();

  private groupSums(lex: Lexicon): Map<string, Float64Array>[] {
    let g = this.groupCache.get(lex);
    if (!g) this.groupCache.set(lex, (g = Array.from({ length: SELF_GROUPS }, () => new Map<string, Float64Array>())));
    return g;
  }
  private padCache = new WeakMap<Map<string, TokenEntry>, TokenEntry>();
  private fusedW: Float32Array | null = null;
  private scratchE = new Float64Array(0);
  private scratchY = new Int32Array(0);

  private entries(lex: Lexicon): Map<string, TokenEntry> {
    let cache = this.tokenCache.get(lex);
    if (!cache) this.tokenCache.set(lex, (cache = new Map()));
    return cache;
  }

  private padEntry(lex: Lexicon, cache: Map<string, TokenEntry>): TokenEntry {
    let pad = this.padCache.get(cache);
    if (!pad) this.padCache.set(cache, (pad = this.makeEntry('\u0000<pad>', PAD, lex)));
    return pad;
  }

  /** The weights of all passes side by side: row f holds pass 0's L labels, then pass 1's… */
  private fused(): Float32Array {
    if (this.fusedW) return this.fusedW;
    const P = this.passes.length;
    const rows = P ? this.passes[0].w.length / L : 0;
    const f = new Float32Array(rows * P * L);
    for (let r = 0; r < rows; r++) {
      for (let p = 0; p < P; p++) {
        const w = this.passes[p].w;
        for (let y = 0; y < L; y++) f[(r * P + p) * L + y] = w[r * L + y];
      }
    }
    return (this.fusedW = f);
  }

  private scratch(size: number): Float64Array {
    if (this.scratchE.length < size) this.scratchE = new Float64Array(Math.max(size, 2 * this.scratchE.length));
    return this.scratchE;
  }

  private labels(size: number): Int32Array {
    if (this.scratchY.length < size) this.scratchY = new Int32Array(Math.max(size, 2 * this.scratchY.length));
    return this.scratchY;
  }

  /** The summed weights of a token's own features and of what it gives each neighbour role. */
  private makeEntry(raw: string, info: TokenInfo, lex: Lexicon): TokenEntry {
    const P = this.passes.length;
    const W = this.fused();
    const PL = P * L;
    const sums = new Float64Array(P * ENTRY);
    const addRow = (id: number, at: number) => {
      for (let p = 0; p < P; p++) {
        const o = p * ENTRY + at;
        const r = id * PL + p * L;
        for (let y = 0; y < L; y++) sums[o + y] += W[r + y];
      }
    };
    // selfFeatures(): the token's own features, then each group's summed weights (made once per key)
    for (const f of ownFeatures(info, raw)) {
      const id = this.index.get(f);
      if (id !== undefined) addRow(id, 0);
    }
    const groups = this.groupSums(lex);
    for (let g = 0; g < SELF_GROUPS; g++) {
      const key = groupKey(info, lex, g);
      if (key === null) continue;
      let gs = groups[g].get(key);
      if (!gs) {
        gs = new Float64Array(P * L);
        for (const f of groupFeatures(info, lex, g)) {
          const id = this.index.get(f);
          if (id === undefined) continue;
          for (let p = 0; p < P; p++) {
            const r = id * PL + p * L;
            for (let y = 0; y < L; y++) gs[p * L + y] += W[r + y];
          }
        }
        if (groups[g].size >= CACHE_LIMIT) groups[g].clear();
        groups[g].set(key, gs);
      }
      for (let p = 0; p < P; p++) for (let y = 0; y < L; y++) sums[p * ENTRY + y] += gs[p * L + y];
    }
    const k: number[] = [];
    for (let r = 0; r < ROLES.length; r++) {
      k.length = 0;
      roleKeys(info, ROLES[r], k);
      for (let m = 0; m < k.length; m += 2) {
        const id = this.keys.get(k[m], k[m + 1]);
        if (id >= 0) addRow(id, L + r * L);
      }
    }
    let phrase = false;
    for (const f of info.forms) if (lex.phrases.has(f) || lex.auto.phrases.has(f)) phrase = true;
    return { info, sums, phrase };
  }

  /** Tag one sentence on its own. */
  tag(tokens: readonly string[], lex: Lexicon): string[] {
    return this.tagSentences([tokens], lex)[0];
  }

  /**
   * Serialise: gzipped TSV; features whose rounded weights are all zero are dropped, and with
   * `prune` > 0 also those whose weights are all within ±prune hundredths (a smaller, faster model).
   */
  save(path: string, prune = 0): { features: number; bytes: number } {
    const P = this.passes.length;
    const lines: string[] = [`${MODEL_MAGIC}\t2\tscale=${SCALE}\tpasses=${P}`, `labels\t${LABELS.join('\t')}`];
    lines.push(`meta\t${JSON.stringify(this.meta)}`);
    for (let k = 0; k < P; k++) {
      for (let p = -1; p < L; p++) {
        const row: number[] = [];
        for (let y = 0; y < L; y++) row.push(Math.round(this.passes[k].t[(p + 1) * L + y] * SCALE));
        lines.push(`T${k + 1}\t${p}\t${row.join(' ')}`);
      }
    }
    let kept = 0;
    // sorted for a deterministic file; numeric keys are written as # + 16 hex digits
    const entries = [...this.index.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const numeric = [...this.keys.entries()].map(([a, b, row]): [string, number] => ['#' + keyHex(a, b), row]);
    numeric.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [feat, row] of [...entries, ...numeric]) {
      const cols: string[] = [];
      let any = false;
      for (let k = 0; k < P; k++) {
        const parts: string[] = [];
        for (let y = 0; y < L; y++) {
          const v = Math.round(this.passes[k].w[row * L + y] * SCALE);
          if (v !== 0) parts.push(`${y}:${v}`);
        }
        if (parts.length) any = true;
        cols.push(parts.join(' '));
      }
      if (!any) continue;
      if (prune > 0) {
        let big = false;
        for (let k = 0; k < P && !big; k++) for (let y = 0; y < L && !big; y++) if (Math.abs(Math.round(this.passes[k].w[row * L + y] * SCALE)) > prune) big = true;
        if (!big) continue;
      }
      lines.push(`${feat}\t${cols.join('\t')}`);
      kept++;
    }
    if (this.spans) {
      // the span pass: `span<TAB>feature<TAB>class:weight …`, sorted
      const feats = [...this.spans.weights.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const feat of feats) {
        const v = this.spans.weights.get(feat)!;
        const parts: string[] = [];
        for (let c = 0; c < SPAN_CLASSES.length; c++) {
          const k = Math.round(v[c] * SCALE);
          if (k !== 0) parts.push(`${c}:${k}`);
        }
        if (parts.length) lines.push(`span\t${feat}\t${parts.join(' ')}`);
      }
    }
    const buf = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
    writeFileSync(path, buf);
    return { features: kept, bytes: buf.length };
  }

  static load(path: string): NerModel {
    let text: string;
    try {
      text = gunzipSync(readFileSync(path)).toString('utf8');
    } catch (e) {
      throw createError('E_DATA', path, 0, `cannot read the NER model (${(e as Error).message})`);
    }
    return NerModel.parse(text, path);
  }

  static parse(text: string, origin = '<model>'): NerModel {
    const lines = text.split('\n');
    if (!lines[0]?.startsWith(MODEL_MAGIC)) throw createError('E_DATA', origin, 1, 'not a Marsad NER model');
    const scale = Number(/scale=(\d+)/.exec(lines[0])?.[1] ?? SCALE);
    const P = Number(/passes=(\d+)/.exec(lines[0])?.[1] ?? 1);
    const labels = lines[1]?.split('\t').slice(1) ?? [];
    if (labels.join(',') !== LABELS.join(',')) {
      throw createError('E_DATA', origin, 2, `labels ${labels.join(',')} differ from ${LABELS.join(',')}`);
    }
    let meta: ModelMeta = {};
    const trans = Array.from({ length: P }, () => new Float32Array((L + 1) * L));
    const index = new Map<string, number>();
    const keys = new KeyIndex();
    let nRows = 0;
    const rows: number[][] = Array.from({ length: P }, () => []);
    let spans: Map<string, Float32Array> | null = null;
    for (let li = 2; li < lines.length; li++) {
      const line = lines[li];
      if (!line) continue;
      const cols = line.split('\t');
      const head = cols[0];
      if (li === 2 && head === 'meta') {
        meta = JSON.parse(cols[1]) as ModelMeta;
        continue;
      }
      if (head === 'span') {
        const v = new Float32Array(SPAN_CLASSES.length);
        for (const pair of (cols[2] ?? '').split(' ')) {
          const c = pair.indexOf(':');
          const y = Number(pair.slice(0, c));
          const x = Number(pair.slice(c + 1));
          if (!(y >= 0 && y < v.length) || !Number.isFinite(x)) throw createError('E_DATA', origin, li + 1, `bad span weight «${pair}»`);
          v[y] = x / scale;
        }
        (spans ??= new Map()).set(cols[1], v);
        continue;
      }
      const tm = /^T(\d+)$/.exec(head);
      if (tm) {
        const k = Number(tm[1]) - 1;
        const v = cols[2].split(' ').map(Number);
        if (k < 0 || k >= P || v.length !== L) throw createError('E_DATA', origin, li + 1, 'bad transition row');
        for (let y = 0; y < L; y++) trans[k][(Number(cols[1]) + 1) * L + y] = v[y] / scale;
        continue;
      }
      const row = nRows++;
      if (head.length === 17 && head[0] === '#') {
        const [a, b] = parseKeyHex(head.slice(1));
        keys.set(a, b, row);
      } else index.set(head, row);
      for (let k = 0; k < P; k++) {
        const col = cols[k + 1];
        if (!col) continue;
        for (const pair of col.split(' ')) {
          const c = pair.indexOf(':');
          const y = Number(pair.slice(0, c));
          const v = Number(pair.slice(c + 1));
          if (!(y >= 0 && y < L) || !Number.isFinite(v)) throw createError('E_DATA', origin, li + 1, `bad weight «${pair}»`);
          rows[k].push(row * L + y, v);
        }
      }
    }
    const passes = rows.map((r, k) => {
      const w = new Float32Array(nRows * L);
      for (let j = 0; j < r.length; j += 2) w[r[j]] = r[j + 1] / scale;
      return { w, t: trans[k] };
    });
    const model = new NerModel(index, keys, passes, meta);
    if (spans) model.spans = new SpanModel(spans);
    return model;
  }
}

/** Emission scores e[i * L + y] for n tokens. */
export function emissions(w: Float32Array | Float64Array, ids: Int32Array, offs: Int32Array, n: number): Float64Array {
  const e = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    const base = i * L;
    for (let j = offs[i]; j < offs[i + 1]; j++) {
      const r = ids[j] * L;
      for (let y = 0; y < L; y++) e[base + y] += w[r + y];
    }
  }
  return e;
}

/** Predecessors allowed before each label, in increasing order (ALLOWED). */
const PREV: Int32Array[] = Array.from({ length: L }, (_, y) => {
  const ps: number[] = [];
  for (let p = 0; p < L; p++) if (ALLOWED[(p + 1) * L + y]) ps.push(p);
  return Int32Array.from(ps);
});
let vScore = new Float64Array(0);
let vBack = new Int32Array(0);

/**
 * viterbi() on e[eo + i * L + y], writing the labels to out[oo + i]; the same arithmetic and the
 * same choice between equal scores, without allocating.
 */
function viterbiAt(e: Float64Array, eo: number, trans: Float32Array | Float64Array, n: number, out: Int32Array, oo: number): void {
  if (n === 0) return;
  if (vScore.length < n * L) {
    vScore = new Float64Array(Math.max(n * L, 2 * vScore.length));
    vBack = new Int32Array(vScore.length);
  }
  const score = vScore;
  const back = vBack;
  for (let y = 0; y < L; y++) score[y] = ALLOWED[y] ? trans[y] + e[eo + y] : -Infinity;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    for (let y = 0; y < L; y++) {
      const ps = PREV[y];
      let best = -Infinity;
      let arg = 0;
      for (let q = 0; q < ps.length; q++) {
        const p = ps[q];
        const s = score[prev + p] + trans[(p + 1) * L + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + y] = best + e[eo + i * L + y];
      back[i * L + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    const s = score[(n - 1) * L + y];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[oo + n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[oo + i - 1] = back[i * L + out[oo + i]];
}

/** Best label sequence under the IOB2 constraints (ALLOWED). */
export function viterbi(e: Float64Array, trans: Float32Array | Float64Array, n: number): Int32Array {
  const out = new Int32Array(n);
  viterbiAt(e, 0, trans, n, out, 0);
  return out;
}
