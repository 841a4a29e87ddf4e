// Word clusters learned from unlabelled news (shared/corpora/bulk/*.jsonl.gz), used as features so
// that words never seen in the NER training data (most foreign names) share weights with words that
// occur in the same contexts.
//
// Method (simple distributional clusters, deterministic for a seed):
//   1. tokenise every article (normalizeString, split on spaces, punctuation split off);
//   2. vocabulary = the V most frequent words seen ≥ minCount times; contexts = the C most frequent
//      words, at offsets −2, −1, +1, +2 (4·C dimensions);
//   3. count word×context co-occurrences, weight with positive PMI, L2-normalise each row;
//   4. truncated SVD (randomised, seeded) to D dimensions, rows U·Σ^½, normalised again;
//   5. hierarchical spherical k-means: K1 clusters, each split into K2, each split into K3.
//   A word's cluster path is its three choices written in binary (e.g. 5+5+4 bits).
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { normalizeString } from '../../text/normalize.js';
import { rng } from './train.js';

export interface ClusterOptions {
  vocab?: number;
  minCount?: number;
  contexts?: number;
  dims?: number;
  levels?: number[];
  iterations?: number;
  seed?: number;
  maxArticles?: number;
  log?: (s: string) => void;
}

const SPLIT = /[^\p{L}\p{N}\u0640\u064b-\u065f\u0670]+/u;
const DIGITS = /^[0-9]+$/;

/** Tokenise a normalised text the way the clustering sees it (digits folded to "0"). */
export function clusterTokens(text: string): string[] {
  const out: string[] = [];
  for (const t of normalizeString(text).split(SPLIT)) {
    if (!t) continue;
    out.push(DIGITS.test(t) ? '0' : t);
  }
  return out;
}

/** What the clustering learns about one word: its cluster path and two corpus statistics. */
export interface WordStats {
  /** Cluster path (bits). */
  path: string;
  /** floor(log2(corpus frequency)). */
  freq: number;
  /** Share of the word's occurrences that carry the article ال, in fifths (0..4); -1 unknown. */
  al: number;
}

export async function buildClusters(files: string[], opts: ClusterOptions = {}): Promise<Map<string, WordStats>> {
  const log = opts.log ?? (() => {});
  const V = opts.vocab ?? 100000;
  const minCount = opts.minCount ?? 5;
  const C = opts.contexts ?? 500;
  const D = opts.dims ?? 100;
  const levels = opts.levels ?? [32, 32, 16];
  const iters = opts.iterations ?? 12;
  const random = rng(opts.seed ?? 1);

  // 1. token stream as ids (−1 = article/line break)
  const ids = new Map<string, number>();
  const names: string[] = [];
  let freq = new Int32Array(1 << 20);
  let stream = new Int32Array(1 << 24);
  let len = 0;
  const push = (v: number) => {
    if (len === stream.length) {
      const s = new Int32Array(stream.length * 2);
      s.set(stream);
      stream = s;
    }
    stream[len++] = v;
  };
  const read = (file: string, articles: number) => log(`read ${file}: ${articles} articles, ${len} tokens, ${names.length} types`);
  for await (const para of newsParagraphs(files, opts.maxArticles, read)) {
    for (const t of clusterTokens(para)) {
      let id = ids.get(t);
      if (id === undefined) {
        id = names.length;
        ids.set(t, id);
        names.push(t);
        if (id >= freq.length) {
          const f = new Int32Array(freq.length * 2);
          f.set(freq);
          freq = f;
        }
      }
      freq[id]++;
      push(id);
    }
    push(-1);
  }

  // 2. vocabulary and contexts by frequency (ties by string, for determinism)
  const byFreq = names.map((_, i) => i).sort((a, b) => freq[b] - freq[a] || (names[a] < names[b] ? -1 : 1));
  const vocab = byFreq.filter((i) => freq[i] >= minCount && names[i] !== '0').slice(0, V);
  const row = new Int32Array(names.length).fill(-1);
  vocab.forEach((w, r) => (row[w] = r));
  const ctx = new Int32Array(names.length).fill(-1);
  byFreq.slice(0, C).forEach((w, k) => (ctx[w] = k));
  const nV = vocab.length;
  const dims = 4 * C;
  log(`vocabulary ${nV}, contexts ${C}×4`);

  // 3. co-occurrence counts (dense, Float32), then PPMI
  const M = new Float32Array(nV * dims);
  const offsets = [-2, -1, 1, 2];
  for (let i = 0; i < len; i++) {
    const r = stream[i] >= 0 ? row[stream[i]] : -1;
    if (r < 0) continue;
    for (let o = 0; o < 4; o++) {
      const j = i + offsets[o];
      if (j < 0 || j >= len) continue;
      // do not look across a break
      let broken = false;
      for (let k = Math.min(i, j); k <= Math.max(i, j); k++) if (stream[k] < 0) broken = true;
      if (broken) continue;
      const c = ctx[stream[j]];
      if (c >= 0) M[r * dims + o * C + c]++;
    }
  }
  const rowSum = new Float64Array(nV);
  const colSum = new Float64Array(dims);
  for (let r = 0; r < nV; r++) {
    for (let d = 0; d < dims; d++) {
      const v = M[r * dims + d];
      rowSum[r] += v;
      colSum[d] += v;
    }
  }
  // context distribution smoothing (α = 0.75), as in Levy et al. 2015
  let colPow = 0;
  const colP = new Float64Array(dims);
  for (let d = 0; d < dims; d++) colPow += (colP[d] = Math.pow(colSum[d], 0.75));
  for (let r = 0; r < nV; r++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const k = r * dims + d;
      const v = M[k];
      if (v === 0) continue;
      const pmi = Math.log((v / rowSum[r]) / (colP[d] / colPow));
      M[k] = pmi > 0 ? pmi : 0;
      norm += M[k] * M[k];
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) M[r * dims + d] /= norm;
  }
  log('PPMI done');

  // 4. truncated SVD (randomised, Halko et al. 2011): rows of U·Σ^½, top D dimensions
  const X = svdEmbed(M, nV, dims, D, random);
  for (let r = 0; r < nV; r++) normalizeRow(X, r * D, D);
  log(`SVD to ${D} dimensions`);

  // 5. hierarchical spherical k-means
  const paths: string[] = new Array(nV).fill('');
  const bits = levels.map((k) => Math.ceil(Math.log2(k)));
  const split = (members: Int32Array, level: number) => {
    if (level >= levels.length) return;
    const K = Math.min(levels[level], members.length);
    const assign = kmeans(X, D, members, K, iters, random);
    for (let k = 0; k < K; k++) {
      const sub = members.filter((_, i) => assign[i] === k);
      const code = k.toString(2).padStart(bits[level], '0');
      for (const m of sub) paths[m] += code;
      if (sub.length) split(sub, level + 1);
    }
  };
  split(Int32Array.from(vocab.keys()), 0);
  log('clustered');
  const out = new Map<string, WordStats>();
  const count = (w: string) => {
    const id = ids.get(w);
    return id === undefined ? 0 : freq[id];
  };
  vocab.forEach((w, r) => {
    const word = names[w];
    const bare = word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
    const withAl = count('ال' + bare);
    const without = count(bare);
    const al = withAl + without > 0 ? Math.min(4, Math.floor((5 * withAl) / (withAl + without))) : -1;
    out.set(word, { path: paths[r].padEnd(bits.reduce((a, b) => a + b, 0), '0'), freq: Math.floor(Math.log2(freq[w])), al });
  });
  return out;
}

function gauss(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function normalizeRow(X: Float32Array, o: number, D: number): void {
  let s = 0;
  for (let e = 0; e < D; e++) s += X[o + e] * X[o + e];
  s = Math.sqrt(s) || 1;
  for (let e = 0; e < D; e++) X[o + e] /= s;
}

/** Spherical k-means on the rows `members` of X; returns the cluster of each member. */
function kmeans(X: Float32Array, D: number, members: Int32Array, K: number, iters: number, random: () => number): Int32Array {
  const n = members.length;
  const assign = new Int32Array(n);
  if (K <= 1) return assign;
  const cent = new Float32Array(K * D);
  // k-means++-lite: first centre random, the rest the farthest-by-sampling
  const chosen = new Set<number>();
  for (let k = 0; k < K; k++) {
    let pick = Math.floor(random() * n);
    while (chosen.has(pick)) pick = (pick + 1) % n;
    chosen.add(pick);
    cent.set(X.subarray(members[pick] * D, members[pick] * D + D), k * D);
  }
  for (let it = 0; it < iters; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const xo = members[i] * D;
      let best = -Infinity;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        let s = 0;
        const co = k * D;
        for (let e = 0; e < D; e++) s += X[xo + e] * cent[co + e];
        if (s > best) {
          best = s;
          arg = k;
        }
      }
      if (assign[i] !== arg || it === 0) moved++;
      assign[i] = arg;
    }
    cent.fill(0);
    const size = new Int32Array(K);
    for (let i = 0; i < n; i++) {
      const xo = members[i] * D;
      const co = assign[i] * D;
      size[assign[i]]++;
      for (let e = 0; e < D; e++) cent[co + e] += X[xo + e];
    }
    for (let k = 0; k < K; k++) {
      if (!size[k]) {
        const pick = members[Math.floor(random() * n)];
        cent.set(X.subarray(pick * D, pick * D + D), k * D);
      }
      normalizeRow(cent, k * D, D);
    }
    if (moved === 0) break;
  }
  return assign;
}

/** Orthonormalise the K columns of the row-major n×K matrix A in place (modified Gram–Schmidt). */
function orthonormalize(A: Float64Array, n: number, K: number): void {
  // work on columns
  const cols: Float64Array[] = [];
  for (let j = 0; j < K; j++) {
    const c = new Float64Array(n);
    for (let r = 0; r < n; r++) c[r] = A[r * K + j];
    cols.push(c);
  }
  for (let j = 0; j < K; j++) {
    const cj = cols[j];
    for (let i = 0; i < j; i++) {
      const ci = cols[i];
      let dot = 0;
      for (let r = 0; r < n; r++) dot += ci[r] * cj[r];
      for (let r = 0; r < n; r++) cj[r] -= dot * ci[r];
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += cj[r] * cj[r];
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < n; r++) cj[r] /= norm;
  }
  for (let j = 0; j < K; j++) {
    const c = cols[j];
    for (let r = 0; r < n; r++) A[r * K + j] = c[r];
  }
}

/** Symmetric eigen-decomposition (cyclic Jacobi) of the K×K matrix S; returns [values, vectors (columns)]. */
function jacobiEigen(S: Float64Array, K: number): [Float64Array, Float64Array] {
  const a = Float64Array.from(S);
  const v = new Float64Array(K * K);
  for (let i = 0; i < K; i++) v[i * K + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < K; p++) for (let q = p + 1; q < K; q++) off += a[p * K + q] * a[p * K + q];
    if (off < 1e-18) break;
    for (let p = 0; p < K; p++) {
      for (let q = p + 1; q < K; q++) {
        const apq = a[p * K + q];
        if (Math.abs(apq) < 1e-30) continue;
        const theta = (a[q * K + q] - a[p * K + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < K; k++) {
          const akp = a[k * K + p];
          const akq = a[k * K + q];
          a[k * K + p] = c * akp - s * akq;
          a[k * K + q] = s * akp + c * akq;
        }
        for (let k = 0; k < K; k++) {
          const apk = a[p * K + k];
          const aqk = a[q * K + k];
          a[p * K + k] = c * apk - s * aqk;
          a[q * K + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < K; k++) {
          const vkp = v[k * K + p];
          const vkq = v[k * K + q];
          v[k * K + p] = c * vkp - s * vkq;
          v[k * K + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const vals = new Float64Array(K);
  for (let i = 0; i < K; i++) vals[i] = a[i * K + i];
  return [vals, v];
}

/** Rows of U·Σ^½ (top D singular directions) of the n×m row-major matrix M. */
function svdEmbed(M: Float32Array, n: number, m: number, D: number, random: () => number): Float32Array {
  const K = D + 20;
  const mulM = (Z: Float64Array): Float64Array => {
    // (n×m)(m×K)
    const Y = new Float64Array(n * K);
    for (let r = 0; r < n; r++) {
      const yo = r * K;
      for (let d = 0; d < m; d++) {
        const v = M[r * m + d];
        if (v === 0) continue;
        const zo = d * K;
        for (let j = 0; j < K; j++) Y[yo + j] += v * Z[zo + j];
      }
    }
    return Y;
  };
  const mulMt = (Y: Float64Array): Float64Array => {
    // (m×n)(n×K)
    const Z = new Float64Array(m * K);
    for (let r = 0; r < n; r++) {
      const yo = r * K;
      for (let d = 0; d < m; d++) {
        const v = M[r * m + d];
        if (v === 0) continue;
        const zo = d * K;
        for (let j = 0; j < K; j++) Z[zo + j] += v * Y[yo + j];
      }
    }
    return Z;
  };
  let Z: Float64Array = new Float64Array(m * K);
  for (let k = 0; k < Z.length; k++) Z[k] = gauss(random);
  let Y: Float64Array = mulM(Z);
  for (let q = 0; q < 2; q++) {
    orthonormalize(Y, n, K);
    Z = mulMt(Y);
    orthonormalize(Z, m, K);
    Y = mulM(Z);
  }
  orthonormalize(Y, n, K); // Q
  const B = mulMt(Y); // m×K = (QᵀM)ᵀ
  // BᵀB = (QᵀM)(QᵀM)ᵀ : K×K
  const S = new Float64Array(K * K);
  for (let d = 0; d < m; d++) {
    const o = d * K;
    for (let i = 0; i < K; i++) {
      const bi = B[o + i];
      if (bi === 0) continue;
      for (let j = 0; j < K; j++) S[i * K + j] += bi * B[o + j];
    }
  }
  const [vals, vecs] = jacobiEigen(S, K);
  const order = [...vals.keys()].sort((a, b) => vals[b] - vals[a]).slice(0, D);
  // U = Q·V; embedding = U·Σ^½ with Σ = sqrt(λ)
  const X = new Float32Array(n * D);
  for (let e = 0; e < D; e++) {
    const col = order[e];
    const scale = Math.pow(Math.max(vals[col], 0), 0.25);
    for (let r = 0; r < n; r++) {
      let s = 0;
      const yo = r * K;
      for (let j = 0; j < K; j++) s += Y[yo + j] * vecs[j * K + col];
      X[r * D + e] = s * scale;
    }
  }
  return X;
}

/** The paragraphs (title, then the text's) of each article of gzipped JSON Lines news files, up to
 *  `maxArticles` articles in all (0: every one); `onFile` after each file, with the articles read so far. */
export async function* newsParagraphs(files: string[], maxArticles = 0, onFile?: (file: string, articles: number) => void): AsyncGenerator<string> {
  let articles = 0;
  for (const file of files) {
    const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line) continue;
      if (maxArticles && articles >= maxArticles) break;
      let rec: { text?: string; title?: string };
      try {
        rec = JSON.parse(line);
      } catch {
        continue;
      }
      articles++;
      for (const para of `${rec.title ?? ''}\n${rec.text ?? ''}`.split(/\n+/)) yield para;
    }
    onFile?.(file, articles);
  }
}
