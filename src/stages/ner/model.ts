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
import { analyseTokenCached, clearAnalysisCache, documentFeatures, PAD, pairKeys, phraseMarks, roleKeys, ROLES, selfFeatures, type Lexicon, type TokenInfo } from './features.js';
import { KeyIndex, keyHex, parseKeyHex } from './hashing.js';

const L = NUM_LABELS;
export const MODEL_MAGIC = '#marsad-ner-model';
/** Weights are stored as integers: round(weight * SCALE). */
const SCALE = 100;
/** Sentences either side whose pass-1 tags feed pass 2, when no document boundary is known. */
export const DEFAULT_WINDOW = 10;

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
   */
  tagSentences(sentences: readonly (readonly string[])[], lex: Lexicon, window = Infinity): string[][] {
    const infos = sentences.map((s) => s.map((t) => analyseTokenCached(t, lex)));
    const p1 = this.passes[0];
    const enc = sentences.map((s, k) => this.sentenceIds(s, infos[k], lex));
    let y = enc.map(({ ids, offs }, s) => viterbi(emissions(p1.w, ids, offs, sentences[s].length), p1.t, sentences[s].length));
    if (this.passes.length > 1) {
      const p2 = this.passes[1];
      const extra = documentFeatures(infos, y, window);
      y = enc.map((base, s) => {
        const { ids, offs } = this.appendIds(base, extra[s]);
        const n = sentences[s].length;
        const e = emissions(p2.w, ids, offs, n);
        if (this.oBias) for (let i = 0; i < n; i++) e[i * L] -= this.oBias;
        return viterbi(e, p2.t, n);
      });
    }
    return y.map((ys) => Array.from(ys, (k) => LABELS[k]));
  }

  /** Forget the per-token caches (for honest timing, or to free memory). */
  clearCaches(lex?: Lexicon): void {
    this.tokenCache = new WeakMap();
    if (lex) clearAnalysisCache(lex);
  }

  /** Per lexicon: token → feature rows [self, as word -2, -1, +1, +2] (see features.ts). */
  private tokenCache = new WeakMap<Lexicon, Map<string, Int32Array[]>>();

  private rowsOf(list: string[]): Int32Array {
    const out: number[] = [];
    for (const f of list) {
      const id = this.index.get(f);
      if (id !== undefined) out.push(id);
    }
    return Int32Array.from(out);
  }

  private rowsOfKeys(info: TokenInfo, role: number): Int32Array {
    const k: number[] = [];
    roleKeys(info, role, k);
    const out: number[] = [];
    for (let m = 0; m < k.length; m += 2) {
      const id = this.keys.get(k[m], k[m + 1]);
      if (id >= 0) out.push(id);
    }
    return Int32Array.from(out);
  }

  private tokenRows(raw: string, info: TokenInfo, lex: Lexicon, cache: Map<string, Int32Array[]>): Int32Array[] {
    let rows = cache.get(raw);
    if (!rows) {
      rows = [this.rowsOf(selfFeatures(info, raw, lex)), ...ROLES.map((r) => this.rowsOfKeys(info, r))];
      if (cache.size >= 200_000) cache.clear();
      cache.set(raw, rows);
    }
    return rows;
  }

  /** Feature rows of one sentence: cached per-token rows plus the pair features. */
  private sentenceIds(tokens: readonly string[], infos: TokenInfo[], lex: Lexicon): { ids: Int32Array; offs: Int32Array } {
    let cache = this.tokenCache.get(lex);
    if (!cache) this.tokenCache.set(lex, (cache = new Map()));
    const marks = phraseMarks(infos, lex);
    const n = tokens.length;
    const rows = tokens.map((t, i) => this.tokenRows(t, infos[i], lex, cache));
    const pad = this.tokenRows('\u0000<pad>', PAD, lex, cache);
    // capacity: every cached row of the token and its neighbours, plus the pair keys
    const pairs: number[][] = new Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const k: number[] = [];
      pairKeys(infos, marks, i, lex, k);
      pairs[i] = k;
      total += rows[i][0].length + (k.length >> 1);
      for (let r = 0; r < ROLES.length; r++) {
        const q = i + ROLES[r];
        total += (q >= 0 && q < n ? rows[q][r + 1] : pad[r + 1]).length;
      }
    }
    const ids = new Int32Array(total);
    const offs = new Int32Array(n + 1);
    const keys = this.keys;
    let j = 0;
    for (let i = 0; i < n; i++) {
      offs[i] = j;
      const self = rows[i][0];
      ids.set(self, j);
      j += self.length;
      for (let r = 0; r < ROLES.length; r++) {
        const q = i + ROLES[r];
        const a = q >= 0 && q < n ? rows[q][r + 1] : pad[r + 1];
        ids.set(a, j);
        j += a.length;
      }
      const k = pairs[i];
      for (let m = 0; m < k.length; m += 2) {
        const id = keys.get(k[m], k[m + 1]);
        if (id >= 0) ids[j++] = id;
      }
    }
    offs[n] = j;
    return { ids: ids.subarray(0, j), offs };
  }

  /** Rows `base` plus the rows of extra feature strings per token. */
  private appendIds(base: { ids: Int32Array; offs: Int32Array }, extra: number[][]): { ids: Int32Array; offs: Int32Array } {
    const n = extra.length;
    let total = base.ids.length;
    for (const e of extra) total += e.length >> 1;
    const ids = new Int32Array(total);
    const offs = new Int32Array(n + 1);
    let j = 0;
    for (let i = 0; i < n; i++) {
      offs[i] = j;
      ids.set(base.ids.subarray(base.offs[i], base.offs[i + 1]), j);
      j += base.offs[i + 1] - base.offs[i];
      const e = extra[i];
      for (let m = 0; m < e.length; m += 2) {
        const id = this.keys.get(e[m], e[m + 1]);
        if (id >= 0) ids[j++] = id;
      }
    }
    offs[n] = j;
    return { ids: ids.subarray(0, j), offs };
  }

  /** Tag one sentence on its own. */
  tag(tokens: readonly string[], lex: Lexicon): string[] {
    return this.tagSentences([tokens], lex)[0];
  }

  /** Serialise: gzipped TSV; features whose rounded weights are all zero are dropped. */
  save(path: string): { features: number; bytes: number } {
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
      lines.push(`${feat}\t${cols.join('\t')}`);
      kept++;
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
    for (let li = 2; li < lines.length; li++) {
      const line = lines[li];
      if (!line) continue;
      const cols = line.split('\t');
      const head = cols[0];
      if (li === 2 && head === 'meta') {
        meta = JSON.parse(cols[1]) as ModelMeta;
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
    return new NerModel(index, keys, passes, meta);
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

/** Best label sequence under the IOB2 constraints (ALLOWED). */
export function viterbi(e: Float64Array, trans: Float32Array | Float64Array, n: number): Int32Array {
  const out = new Int32Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) score[y] = ALLOWED[y] ? trans[y] + e[y] : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!ALLOWED[(p + 1) * L + y]) continue;
        const s = score[(i - 1) * L + p] + trans[(p + 1) * L + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + y] = best + e[i * L + y];
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
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
  return out;
}
