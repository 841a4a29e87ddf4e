// The text layer: from an article's text to a Doc with its normalised form, boilerplate,
// sentences and tokens. Everything later in the pipeline reads these layers.
import { createHash } from 'node:crypto';
import type { ArticleInput, Doc, Range } from '../pipeline/doc.js';
import { findBoilerplate } from './boilerplate.js';
import { normalize } from './normalize.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokens.js';

export { normalize, normalizeString, toOriginal, toNormalized } from './normalize.js';
export { splitSentences } from './sentences.js';
export { tokenize, analyseClitics, type Token, type SubToken } from './tokens.js';
export { formHash } from './forms.js';
export { findBoilerplate, inBoilerplate } from './boilerplate.js';

/** A stable id for a text: the first 16 hex digits of its SHA-1. */
export function contentId(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** Index of the sentence holding an original offset (the previous one when it falls between). */
export function sentenceLookup(sentences: Range[]): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = sentences.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentences[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Build a Doc and run the text layer over it. */
export function createDoc(input: ArticleInput): Doc {
  const text = input.text;
  // 1. normalised form with its offset map
  const norm = normalize(text);
  // 2. page furniture and the byline's outlet
  const bp = findBoilerplate(text, norm);
  // 3. sentences, then tokens that know their sentence
  const sentences = splitSentences(text);
  const tokens = tokenize(text, norm, sentences);
  return {
    id: input.id ?? contentId(text),
    text,
    title: input.title ?? null,
    url: input.url ?? null,
    origin: input.origin ?? null,
    givenPublished: input.published ?? null,
    source: input.source ?? bp.source,
    norm,
    boilerplate: bp.ranges,
    sentences,
    tokens,
    published: null,
    segments: [],
    entities: [],
    times: [],
    quantities: [],
    events: [],
    quotes: [],
    layers: new Set(['text', 'norm', 'boilerplate', 'sentences', 'tokens']),
  };
}
