// Mention-replacement data augmentation (Dai & Adel 2020): copies of the training sentences in
// which entity mentions are swapped for other mentions of the same type seen in training, so that
// the tagger learns more from a name's context and less from the name itself.
//
// Within one copy the same mention string is always replaced by the same other string, so a
// name's occurrences across a document still agree (the second pass's document features rely on
// that). A replacement keeps the proclitics of the mention it replaces: mentions are pooled by
// the clitic prefix of their first token (و/ف, ب/ك/ل, ال, لل), and a mention is only replaced by
// one of the same pool. Deterministic for a given seed.
import type { TaggedSentence } from './conll.js';
import { spansOf } from './labels.js';
import { rng } from './train.js';

const DEF = /^([وف]?)([بكل]?)ال(..+)$/;
const LIL = /^([وف]?)لل(..+)$/;

/** The clitic prefix class of a mention's first token ('' when it has none that can be told). */
export function prefixClass(token: string): string {
  let m: RegExpExecArray | null;
  if ((m = DEF.exec(token))) return `${m[1]}${m[2]}ال`;
  if ((m = LIL.exec(token))) return `${m[1]}لل`;
  return '';
}

export interface AugmentOptions {
  /** Number of augmented copies of the data (default 1). */
  copies?: number;
  /** Probability that a distinct mention string is replaced in a copy (default 0.5). */
  p?: number;
  seed?: number;
  /** Only mentions of these types are replaced (default all). */
  types?: readonly string[];
}

/**
 * Augmented copies of `data`, copy after copy, each in the order of `data`; `src[k]` is the index
 * in `data` of the sentence the k-th copy was made from.
 */
export function augmentMentions(data: readonly TaggedSentence[], opts: AugmentOptions = {}): { sentences: TaggedSentence[]; src: number[] } {
  const copies = opts.copies ?? 1;
  const p = opts.p ?? 0.5;
  const random = rng((opts.seed ?? 1) + 104729);
  const types = opts.types ? new Set(opts.types) : null;
  // pools: type|class → distinct mentions (token lists), in first-seen order
  const pools = new Map<string, string[][]>();
  const seen = new Set<string>();
  for (const s of data) {
    for (const sp of spansOf(s.tags)) {
      const toks = s.tokens.slice(sp.start, sp.end);
      const key = `${sp.type}|${prefixClass(toks[0])}`;
      const str = `${key}|${toks.join(' ')}`;
      if (seen.has(str)) continue;
      seen.add(str);
      let pool = pools.get(key);
      if (!pool) pools.set(key, (pool = []));
      pool.push(toks);
    }
  }
  const sentences: TaggedSentence[] = [];
  const src: number[] = [];
  for (let c = 0; c < copies; c++) {
    const choice = new Map<string, string[] | null>();
    for (let k = 0; k < data.length; k++) {
      const s = data[k];
      const spans = spansOf(s.tags);
      const tokens: string[] = [];
      const tags: string[] = [];
      let at = 0;
      for (const sp of spans) {
        for (; at < sp.start; at++) {
          tokens.push(s.tokens[at]);
          tags.push(s.tags[at]);
        }
        const toks = s.tokens.slice(sp.start, sp.end);
        const key = `${sp.type}|${prefixClass(toks[0])}`;
        const str = `${key}|${toks.join(' ')}`;
        let rep = choice.get(str);
        if (rep === undefined) {
          rep = null;
          const pool = pools.get(key)!;
          if ((!types || types.has(sp.type)) && pool.length > 1 && random() < p) {
            let r = pool[Math.floor(random() * pool.length)];
            if (r.join(' ') === toks.join(' ')) r = pool[(pool.indexOf(r) + 1) % pool.length];
            rep = r;
          }
          choice.set(str, rep);
        }
        const out = rep ?? toks;
        for (let m = 0; m < out.length; m++) {
          tokens.push(out[m]);
          tags.push(`${m ? 'I' : 'B'}-${sp.type}`);
        }
        at = sp.end;
      }
      for (; at < s.tokens.length; at++) {
        tokens.push(s.tokens[at]);
        tags.push(s.tags[at]);
      }
      sentences.push({ tokens, tags });
      src.push(k);
    }
  }
  return { sentences, src };
}
