// Training: an averaged structured perceptron (Collins 2002) over the features of features.ts,
// Viterbi decoding under IOB2 constraints, and a stacked second pass trained on jackknifed
// first-pass tags (model.ts). Deterministic for a given seed.
import { ALLOWED, LABEL_INDEX, NUM_LABELS } from './labels.js';
import { analyseSentence, documentFeatures, type Lexicon } from './features.js';
import { DEFAULT_WINDOW, emissions, NerModel, viterbi, type PassWeights } from './model.js';
import type { TaggedSentence } from './conll.js';
import { KeyIndex } from './hashing.js';
import { augmentMentions, type AugmentOptions } from './augment.js';
import { scoresOf, spanCandidates, SpanModel, spanTypeOf, SPAN_CLASSES } from './spans.js';
import type { TokenInfo } from './features.js';

const L = NUM_LABELS;
/** Classes of the span pass (none, then the entity types). */
const C = SPAN_CLASSES.length;

export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Features seen fewer times than this in training are not used. */
  minCount?: number;
  /** Train the stacked second pass (default true). */
  stack?: boolean;
  /** Folds for the jackknifed first-pass tags the second pass learns from. */
  folds?: number;
  /** Sentences either side that make the "document" of the second pass. */
  window?: number;
  /** 'perceptron' (averaged structured perceptron, default) or 'crf' (SGD, L2). */
  algorithm?: 'perceptron' | 'crf';
  /** CRF: initial learning rate and L2 strength (c2, per sentence: c2 / sentences). */
  eta?: number;
  c2?: number;
  /**
   * Perceptrons trained with different shuffles (seed, seed + 1, …) whose averaged weights are
   * averaged again (default 1): the same model size and speed, less variance.
   */
  seeds?: number;
  /** Called after every epoch with the averaged model so far (e.g. to score a held-out set). */
  onEpoch?: (epoch: number, model: NerModel, stats: { errors: number; seconds: number }) => void;
  log?: (s: string) => void;
  meta?: Record<string, unknown>;
  /**
   * Mention-replacement augmentation (augment.ts): train on the data plus copies of it with
   * mentions swapped for others of the same type. A copy of a sentence falls in the same
   * jackknife fold as the sentence.
   */
  augment?: AugmentOptions;
  /** Train the span pass (spans.ts) on the jackknifed first-pass tags (needs `stack`). */
  spans?: boolean;
  /** Which jackknifed tags the span pass learns from: the first pass's (default) or the second's. */
  spansFrom?: 'pass1' | 'pass2';
  /** Called with the jackknifed first-pass labels of the training sentences (experiments). */
  onJackknife?: (labels: Int32Array[], scores: Float64Array[]) => void;
  /** Give the span pass the token pass's emission scores summed over each candidate. */
  spanScores?: boolean;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Encoded {
  ids: Int32Array;
  offs: Int32Array;
  gold: Int32Array;
}

/** One averaged perceptron over F feature rows. */
class Perceptron {
  readonly w: Float64Array;
  readonly u: Float64Array; // Σ c·Δ, for averaging
  readonly t = new Float64Array((L + 1) * L);
  readonly tu = new Float64Array((L + 1) * L);
  c = 1;
  constructor(F: number) {
    this.w = new Float64Array(F * L);
    this.u = new Float64Array(F * L);
  }
  /** Decode one sentence and update on its mistakes; returns the number of wrong tokens. */
  learn({ ids, offs, gold }: Encoded): number {
    const { w, u, t, tu, c } = this;
    const n = gold.length;
    const pred = viterbi(emissions(w, ids, offs, n), t, n);
    let errors = 0;
    for (let i = 0; i < n; i++) {
      const g = gold[i];
      const p = pred[i];
      const gp = i ? gold[i - 1] : -1;
      const pp = i ? pred[i - 1] : -1;
      if (g !== p) {
        errors++;
        for (let j = offs[i]; j < offs[i + 1]; j++) {
          const r = ids[j] * L;
          w[r + g] += 1;
          u[r + g] += c;
          w[r + p] -= 1;
          u[r + p] -= c;
        }
      }
      if (g !== p || gp !== pp) {
        t[(gp + 1) * L + g] += 1;
        tu[(gp + 1) * L + g] += c;
        t[(pp + 1) * L + p] -= 1;
        tu[(pp + 1) * L + p] -= c;
      }
    }
    this.c++;
    return errors;
  }
  average(): PassWeights {
    const aw = new Float32Array(this.w.length);
    for (let k = 0; k < aw.length; k++) aw[k] = this.w[k] - this.u[k] / this.c;
    const at = new Float32Array(this.t.length);
    for (let k = 0; k < at.length; k++) at[k] = this.t[k] - this.tu[k] / this.c;
    return { w: aw, t: at };
  }
}

/**
 * A linear-chain CRF trained by stochastic gradient ascent on the log-likelihood with L2
 * regularisation (weights kept as scale × stored, so the decay costs nothing per feature).
 */
class Crf {
  readonly w: Float64Array;
  readonly t = new Float64Array((L + 1) * L);
  scale = 1;
  step = 0;
  constructor(
    F: number,
    private eta0: number,
    private lambda: number,
    private n: number,
  ) {
    this.w = new Float64Array(F * L);
  }
  learn({ ids, offs, gold }: Encoded): number {
    const n = gold.length;
    const { w, t } = this;
    const eta = this.eta0 / (1 + this.step / this.n);
    this.step++;
    // decay
    this.scale *= 1 - eta * this.lambda;
    if (this.scale < 1e-6) {
      for (let k = 0; k < w.length; k++) w[k] *= this.scale;
      this.scale = 1;
    }
    const e = emissions(w, ids, offs, n);
    for (let k = 0; k < e.length; k++) e[k] *= this.scale;
    // forward / backward in log space under the IOB2 constraints
    const a = new Float64Array(n * L).fill(-Infinity);
    const b = new Float64Array(n * L).fill(-Infinity);
    for (let y = 0; y < L; y++) if (ALLOWED[y]) a[y] = t[y] + e[y];
    const tmp = new Float64Array(L);
    for (let i = 1; i < n; i++) {
      for (let y = 0; y < L; y++) {
        let m = -Infinity;
        for (let p = 0; p < L; p++) {
          tmp[p] = ALLOWED[(p + 1) * L + y] ? a[(i - 1) * L + p] + t[(p + 1) * L + y] : -Infinity;
          if (tmp[p] > m) m = tmp[p];
        }
        if (m === -Infinity) continue;
        let sum = 0;
        for (let p = 0; p < L; p++) if (tmp[p] !== -Infinity) sum += Math.exp(tmp[p] - m);
        a[i * L + y] = m + Math.log(sum) + e[i * L + y];
      }
    }
    for (let y = 0; y < L; y++) b[(n - 1) * L + y] = 0;
    for (let i = n - 2; i >= 0; i--) {
      for (let p = 0; p < L; p++) {
        let m = -Infinity;
        for (let y = 0; y < L; y++) {
          tmp[y] = ALLOWED[(p + 1) * L + y] ? t[(p + 1) * L + y] + e[(i + 1) * L + y] + b[(i + 1) * L + y] : -Infinity;
          if (tmp[y] > m) m = tmp[y];
        }
        if (m === -Infinity) continue;
        let sum = 0;
        for (let y = 0; y < L; y++) if (tmp[y] !== -Infinity) sum += Math.exp(tmp[y] - m);
        b[i * L + p] = m + Math.log(sum);
      }
    }
    let m = -Infinity;
    for (let y = 0; y < L; y++) if (a[(n - 1) * L + y] > m) m = a[(n - 1) * L + y];
    let sum = 0;
    for (let y = 0; y < L; y++) if (a[(n - 1) * L + y] !== -Infinity) sum += Math.exp(a[(n - 1) * L + y] - m);
    const logZ = m + Math.log(sum);
    const up = eta / this.scale;
    let errors = 0;
    for (let i = 0; i < n; i++) {
      const g = gold[i];
      let best = 0;
      for (let y = 0; y < L; y++) {
        const pr = Math.exp(a[i * L + y] + b[i * L + y] - logZ);
        const grad = (y === g ? 1 : 0) - pr;
        if (a[i * L + y] + b[i * L + y] > a[i * L + best] + b[i * L + best]) best = y;
        if (Math.abs(grad) < 1e-4) continue;
        const d = up * grad;
        for (let j = offs[i]; j < offs[i + 1]; j++) w[ids[j] * L + y] += d;
      }
      if (best !== g) errors++;
      // transitions (not regularised, not scaled)
      if (i === 0) {
        for (let y = 0; y < L; y++) {
          if (!ALLOWED[y]) continue;
          const pr = Math.exp(a[y] + b[y] - logZ);
          t[y] += eta * ((y === g ? 1 : 0) - pr);
        }
      } else {
        const gp = gold[i - 1];
        for (let p = 0; p < L; p++) {
          const ap = a[(i - 1) * L + p];
          if (ap === -Infinity) continue;
          for (let y = 0; y < L; y++) {
            if (!ALLOWED[(p + 1) * L + y]) continue;
            const pr = Math.exp(ap + t[(p + 1) * L + y] + e[i * L + y] + b[i * L + y] - logZ);
            t[(p + 1) * L + y] += eta * ((p === gp && y === g ? 1 : 0) - pr);
          }
        }
      }
    }
    return errors;
  }
  average(): PassWeights {
    const aw = new Float32Array(this.w.length);
    for (let k = 0; k < aw.length; k++) aw[k] = this.w[k] * this.scale;
    return { w: aw, t: Float32Array.from(this.t) };
  }
}

/** The mean of several passes' weights. */
function meanWeights(ws: PassWeights[]): PassWeights {
  if (ws.length === 1) return ws[0];
  const w = new Float32Array(ws[0].w.length);
  const t = new Float32Array(ws[0].t.length);
  for (let k = 0; k < w.length; k++) {
    let a = 0;
    for (const x of ws) a += x.w[k];
    w[k] = a / ws.length;
  }
  for (let k = 0; k < t.length; k++) {
    let a = 0;
    for (const x of ws) a += x.t[k];
    t[k] = a / ws.length;
  }
  return { w, t };
}

/** Train `seeds` perceptrons on the sentences `order` (each its own shuffle) and average them. */
function trainAveraged(F: number, enc: Encoded[], order: number[], epochs: number, seed: number, seeds: number): PassWeights {
  const out: PassWeights[] = [];
  for (let k = 0; k < seeds; k++) {
    const p = new Perceptron(F);
    const o = order.slice();
    const random = rng(seed + 7919 * k);
    for (let ep = 0; ep < epochs; ep++) {
      shuffle(o, random);
      for (const i of o) p.learn(enc[i]);
    }
    out.push(p.average());
  }
  return meanWeights(out);
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}


/**
 * Jackknifed tags and emission scores: the data cut into `folds` parts by original sentence (src[k]
 * of B; a copy falls in its sentence's part), each part tagged by weights `train` made from the
 * sentences of the other parts.
 */
function jackknife(
  enc: Encoded[],
  src: number[],
  B: number,
  folds: number,
  train: (order: number[], fold: number) => PassWeights,
  log?: (s: string) => void,
): { labels: Int32Array[]; scores: Float64Array[] } {
  const labels: Int32Array[] = new Array(enc.length);
  const scores: Float64Array[] = new Array(enc.length);
  for (let f = 0; f < folds; f++) {
    const lo = Math.floor((B * f) / folds);
    const hi = Math.floor((B * (f + 1)) / folds);
    const avg = train([...enc.keys()].filter((k) => src[k] < lo || src[k] >= hi), f);
    for (let k = 0; k < enc.length; k++) {
      if (src[k] < lo || src[k] >= hi) continue;
      const n = enc[k].gold.length;
      scores[k] = emissions(avg.w, enc[k].ids, enc[k].offs, n);
      labels[k] = viterbi(scores[k], avg.t, n);
    }
    log?.(`jackknife fold ${f + 1}/${folds} done`);
  }
  return { labels, scores };
}

export function trainTagger(orig: readonly TaggedSentence[], lex: Lexicon, opts: TrainOptions = {}): NerModel {
  const epochs = opts.epochs ?? 10;
  const seed = opts.seed ?? 1;
  const minCount = opts.minCount ?? 1;
  const stack = opts.stack ?? true;
  const seeds = opts.seeds ?? 1;
  const folds = opts.folds ?? 5;
  const window = opts.window ?? DEFAULT_WINDOW;
  const log = opts.log ?? (() => {});
  const meta: Record<string, unknown> = { ...(opts.meta ?? {}), passes: stack ? 2 : 1, window };
  if (seeds > 1) meta.seeds = seeds;

  // the data, then its augmented copies (each copy in the order of the data); src: original index
  const B = orig.length;
  let data: readonly TaggedSentence[] = orig;
  let src: number[] = [...Array(B).keys()];
  if (opts.augment && (opts.augment.copies ?? 1) > 0) {
    const aug = augmentMentions(orig, { seed, ...opts.augment });
    data = [...orig, ...aug.sentences];
    src = [...src, ...aug.src];
    meta.augment = { copies: opts.augment.copies ?? 1, p: opts.augment.p ?? 0.5, ...(opts.augment.types ? { types: opts.augment.types } : {}) };
  }

  const an = data.map((s) => analyseSentence(s.tokens, lex));
  const gold = data.map((s) => Int32Array.from(s.tags, (tag) => LABEL_INDEX.get(tag) ?? 0));
  // feature index in first-seen order (deterministic); string and numeric features share rows
  const index = new Map<string, number>();
  const keys = new KeyIndex(1 << 18);
  let rows = 0;
  const addAll = (feats: string[][][]) => {
    const counts = new Map<string, number>();
    for (const sent of feats) for (const tok of sent) for (const f of tok) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const [f, c] of counts) if (c >= minCount && !index.has(f)) index.set(f, rows++);
  };
  const addKeys = (all: number[][][]) => {
    for (const sent of all) for (const tok of sent) for (let m = 0; m < tok.length; m += 2) if (keys.get(tok[m], tok[m + 1]) < 0) keys.set(tok[m], tok[m + 1], rows++);
  };
  addAll(an.map((a) => a.feats));
  addKeys(an.map((a) => a.keys));
  const enc = new NerModel(index, keys, []);
  const enc1: Encoded[] = an.map((a, k) => ({ ...enc.featureIds(a.feats, a.keys), gold: gold[k] }));

  let extra: number[][][] | null = null;
  let spans: SpanModel | null = null;
  let jack: Int32Array[] | null = null;
  let jackE: Float64Array[] | null = null;
  if (stack) {
    // jackknife: first-pass tags of every training sentence from a model that did not see it
    const { labels: y1, scores: e1 } = jackknife(enc1, src, B, folds, (order, f) => trainAveraged(rows, enc1, order, epochs, seed + 1000 * (f + 1), seeds), log);
    // document features within the data and within each copy (a copy is a document of its own)
    extra = [];
    for (let lo = 0; lo < data.length; lo += B) {
      extra.push(
        ...documentFeatures(
          an.slice(lo, lo + B).map((a) => a.infos),
          y1.slice(lo, lo + B),
          window,
        ),
      );
    }
    addKeys(extra);
    jack = y1;
    jackE = e1;
  }
  const F = rows;
  const enc2: Encoded[] | null = extra ? an.map((a, k) => ({ ...enc.featureIds(a.feats, a.keys, extra![k]), gold: gold[k] })) : null;
  if (jack && enc2 && opts.spansFrom === 'pass2') {
    // jackknifed second-pass tags: each fold tagged by a second pass trained on the other folds
    const second = jackknife(enc2, src, B, folds, (order, f) => trainAveraged(F, enc2, order, epochs, seed + 1000 * (f + 1), seeds));
    jack = second.labels;
    jackE = second.scores;
  }
  if (jack) opts.onJackknife?.(jack.slice(0, B), jackE!.slice(0, B));
  if (jack && opts.spans) {
    const scores = opts.spanScores ? jackE!.slice(0, B) : undefined;
    spans = trainSpanModel([{ infos: an.slice(0, B).map((a) => a.infos), labels: jack.slice(0, B), gold: gold.slice(0, B), scores }], lex, window, { epochs, seed });
    meta.spans = opts.spansFrom === 'pass2' ? 'pass2' : true;
    if (opts.spanScores) meta.spanScores = true;
    log(`span pass: ${spans.weights.size} features`);
  }

  const make = () =>
    opts.algorithm === 'crf' ? new Crf(F, opts.eta ?? 0.1, (opts.c2 ?? 1) / data.length, data.length) : new Perceptron(F);
  const p1s = Array.from({ length: seeds }, make);
  const p2s = enc2 ? Array.from({ length: seeds }, make) : null;
  const randoms = Array.from({ length: seeds }, (_, k) => rng(seed + 7919 * k));
  const orders = Array.from({ length: seeds }, () => [...Array(data.length).keys()]);
  const model = () => {
    const m = new NerModel(index, keys, p2s ? [meanWeights(p1s.map((p) => p.average())), meanWeights(p2s.map((p) => p.average()))] : [meanWeights(p1s.map((p) => p.average()))], { ...meta });
    m.spans = spans;
    return m;
  };
  for (let ep = 1; ep <= epochs; ep++) {
    const t0 = performance.now();
    let errors = 0;
    for (let m = 0; m < seeds; m++) {
      const order = orders[m];
      shuffle(order, randoms[m]);
      for (const k of order) {
        const e1 = p1s[m].learn(enc1[k]);
        errors += p2s ? p2s[m].learn(enc2![k]) : e1;
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    if (opts.onEpoch) opts.onEpoch(ep, model(), { errors, seconds });
  }
  return model();
}

/**
 * Train the span pass: a multi-class averaged perceptron over the candidates of the training data
 * (found from its jackknifed token-pass labels), each labelled with the type of the gold span with
 * exactly its limits, or O.
 */
export function trainSpanModel(
  docs: ReadonlyArray<{ infos: TokenInfo[][]; labels: ArrayLike<number>[]; gold: ArrayLike<number>[]; scores?: ArrayLike<number>[] }>,
  lex: Lexicon,
  window: number,
  opts: { epochs?: number; seed?: number; log?: (s: string) => void } = {},
): SpanModel {
  const examples: Array<{ feats: string[]; gold: number }> = [];
  for (const d of docs) {
    for (const c of spanCandidates(d.infos, d.labels, lex, window, d.scores)) {
      const g = d.gold[c.s];
      let cls = 0;
      if (g[c.start] & 1 && (c.end === g.length || g[c.end] !== g[c.start] + 1)) {
        let k = c.start + 1;
        while (k < c.end && g[k] === g[c.start] + 1) k++;
        if (k === c.end) cls = spanTypeOf(g[c.start]);
      }
      examples.push({ feats: c.feats, gold: cls });
    }
  }
  opts.log?.(`span pass: ${examples.length} candidates, ${examples.filter((e) => e.gold).length} of them entities`);
  const w = new Map<string, Float64Array>();
  const u = new Map<string, Float64Array>();
  const row = (m: Map<string, Float64Array>, x: string) => {
    let r = m.get(x);
    if (!r) m.set(x, (r = new Float64Array(C)));
    return r;
  };
  const order = [...examples.keys()];
  const random = rng(opts.seed ?? 1);
  const sc = new Float64Array(C);
  let step = 1;
  for (let ep = 0; ep < (opts.epochs ?? 10); ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const e of order) {
      const { feats, gold } = examples[e];
      scoresOf(w, feats, sc);
      let p = 0;
      for (let k = 1; k < C; k++) if (sc[k] > sc[p]) p = k;
      if (p !== gold) {
        for (const x of feats) {
          const r = row(w, x);
          const a = row(u, x);
          r[gold] += 1;
          a[gold] += step;
          r[p] -= 1;
          a[p] -= step;
        }
      }
      step++;
    }
  }
  const avg = new Map<string, Float32Array>();
  for (const [x, r] of w) {
    const a = u.get(x)!;
    const v = new Float32Array(C);
    let any = false;
    for (let c = 0; c < C; c++) {
      v[c] = r[c] - a[c] / step;
      if (v[c] !== 0) any = true;
    }
    if (any) avg.set(x, v);
  }
  return new SpanModel(avg);
}
