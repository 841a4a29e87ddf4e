// The NER stage: tags doc.tokens sentence by sentence with the statistical tagger (model.ts,
// trained by scripts/train-ner.ts, stored in data/ner/) and fills doc.entities with one Entity per
// mention. The linking stage later merges mentions into entities and sets `kb`.
import type { Doc, Entity, EntityType, Span } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import type { Token } from '../../text/tokens.js';
import { normalizeString } from '../../text/normalize.js';
import { join } from 'node:path';
import { spansOf } from './labels.js';
import { defaultDataDir, lexiconFingerprint, loadLexicon, MODEL_FILE } from './lexicon.js';
import { createError } from '../../errors.js';
import { NerModel } from './model.js';
import type { Lexicon } from './features.js';

export { NerModel } from './model.js';
export { trainTagger } from './train.js';
export { readConll, parseConll, scoreSpans } from './conll.js';
export { loadLexicon, defaultDataDir } from './lexicon.js';
export { LABELS, isValidIob2, spansOf } from './labels.js';

export interface NerStageOptions {
  /** Folder with model.tsv.gz, the gazetteers and clusters (default: data/ner of this checkout). */
  dataDir?: string;
  /** A tagger already loaded (tests, benchmarks). */
  tagger?: NerTagger;
  /** Tag the byline too (its author and outlet are entities); other boilerplate is always skipped. */
  bylines?: boolean;
}

/** A loaded model with the lexicon it was trained with. */
export interface NerTagger {
  model: NerModel;
  lexicon: Lexicon;
}

const cache = new Map<string, NerTagger>();

/** Load (once per folder) the committed model and its lexicon. */
export function loadTagger(dataDir = defaultDataDir()): NerTagger {
  let t = cache.get(dataDir);
  if (!t) {
    const path = join(dataDir, MODEL_FILE);
    const model = NerModel.load(path);
    const lexOpts = { clusters: model.meta.clusters !== false, gazetteers: model.meta.gazetteers !== false };
    const fp = lexiconFingerprint(dataDir, lexOpts);
    if (model.meta.lexicon && model.meta.lexicon !== fp) {
      throw createError('E_DATA', path, 0, `trained with other gazetteer/cluster files (${String(model.meta.lexicon)}, found ${fp}); run npm run train:ner`);
    }
    const lexicon = loadLexicon(dataDir, lexOpts);
    t = { model, lexicon };
    cache.set(dataDir, t);
  }
  return t;
}

/** Tag token strings: one list per sentence in, IOB2 tags per token out. */
export function tagSentences(tagger: NerTagger, sentences: readonly (readonly string[])[]): string[][] {
  const w = tagger.model.meta.window;
  return tagger.model.tagSentences(sentences, tagger.lexicon, typeof w === 'number' ? w : Infinity);
}

const ARABIC_LETTER = /[\u0621-\u064a\u0671-\u06d3]/;

/** Proclitics that a mention leaves off (the gold convention: the article ال stays). */
const PROCLITICS = new Set(['و', 'ف', 'ب', 'ك', 'ل']);

/**
 * Where a mention starting with `tok` begins once its leading proclitics are left off. For a person
 * a preposition ب/ك/ل is left on unless the article follows: the text layer splits without knowing
 * the word is a name, and many names begin with those letters («لوكاس», «بكر»); و/ف always go.
 */
export function mentionStart(tok: Token, text: string, type?: EntityType): number {
  const cl = tok.clitics;
  let k = 0;
  while (k < cl.length && PROCLITICS.has(cl[k].norm)) {
    // «للقوات»: ل + the elided article; keep the whole «لل…» (the reader folds it to «ال…»)
    if (cl[k].norm === 'ل' && cl[k + 1]?.norm === 'ال' && text[cl[k + 1].start] === 'ل') break;
    if (type === 'PER' && cl[k].norm !== 'و' && cl[k].norm !== 'ف' && cl[k + 1]?.norm !== 'ال') break;
    k++;
  }
  if (k === 0) return tok.start;
  return k < cl.length ? cl[k].start : tok.stem.start;
}

/** Canonical form of a mention's text: normalised, «لل» read as «ال», spaces collapsed. */
export function mentionName(text: string): string {
  let s = normalizeString(text).replace(/\s+/g, ' ').trim();
  if (s.startsWith('لل') && s.length > 3) s = 'ال' + s.slice(2);
  return s;
}

export function createNerStage(options: NerStageOptions = {}): Stage {
  let tagger = options.tagger ?? null;
  const bylines = options.bylines ?? true;
  return {
    name: 'ner',
    requires: ['tokens', 'sentences'],
    assigns: ['entities'],
    run(doc: Doc): void {
      tagger ??= loadTagger(options.dataDir);
      const skip = doc.boilerplate.filter((b) => !(bylines && b.kind === 'byline'));
      const skipped = (t: Token) => skip.some((b) => t.start < b.end && t.end > b.start);
      // runs of tokens: one per sentence, cut where boilerplate interrupts
      const runs: Token[][] = [];
      let cur: Token[] = [];
      let sentence = -1;
      for (const t of doc.tokens) {
        if (skipped(t)) {
          if (cur.length) runs.push(cur);
          cur = [];
          continue;
        }
        if (t.sentence !== sentence && cur.length) {
          runs.push(cur);
          cur = [];
        }
        sentence = t.sentence;
        cur.push(t);
      }
      if (cur.length) runs.push(cur);
      // a run without one Arabic letter (an English sentence, a line of figures) is left untagged:
      // the training data has only 14 such sentences, all without entities, and the tagger's
      // guesses on Latin text are noise
      const arabic = (run: Token[]) => run.some((t) => ARABIC_LETTER.test(doc.text.slice(t.start, t.end)));
      runs.splice(0, runs.length, ...runs.filter(arabic));
      const tags = tagSentences(
        tagger,
        runs.map((r) => r.map((t) => doc.text.slice(t.start, t.end))),
      );
      const entities: Entity[] = [];
      runs.forEach((run, r) => {
        for (const sp of spansOf(tags[r])) {
          const first = run[sp.start];
          const last = run[sp.end - 1];
          const start = mentionStart(first, doc.text, sp.type);
          const end = last.end;
          if (end <= start) continue;
          const text = doc.text.slice(start, end);
          const mention: Span = { start, end, text };
          entities.push({
            id: `e${entities.length + 1}`,
            kb: null,
            type: sp.type as EntityType,
            name: mentionName(text),
            name_en: null,
            mentions: [mention],
          });
        }
      });
      doc.entities = entities;
    },
  };
}
