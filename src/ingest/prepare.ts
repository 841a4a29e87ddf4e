// One article, from input to the record the store writes: analyse it, derive its cross-article
// rows, fingerprint it and stem its searchable text. Pure CPU work: runs in worker threads.
import { deriveRows } from '../corpus/records.js';
import { toAnalysis, type Analysis } from '../pipeline/analysis.js';
import { getDefaultPipeline } from '../pipeline/analyze.js';
import { createPipeline, type Pipeline } from '../pipeline/runner.js';
import type { ArticleInput } from '../pipeline/doc.js';
import { searchBody } from '../search/stem.js';
import type { ArticleRecord } from '../store/types.js';
import { contentId } from '../text/index.js';
import { contentHash, sentenceHashes, simhash } from './hash.js';

/** The id an article is stored under: the caller's, else the text's content id (as the pipeline). */
export function articleId(a: ArticleInput): string {
  return a.id ?? contentId(a.text);
}

let textOnly: Pipeline | null = null;

/** Analyse and fingerprint one article. `textOnly`: the text layer without the extraction stages
 *  (a search-only index; tests that must not depend on the stages). `hash`: the input's
 *  contentHash when the caller has it already (ingest does, to skip what is stored). */
export function prepareArticle(input: ArticleInput, opts: { textOnly?: boolean; hash?: string } = {}): ArticleRecord {
  const pipeline = opts.textOnly ? (textOnly ??= createPipeline([])) : getDefaultPipeline();
  const doc = pipeline.run({ ...input, id: articleId(input) });
  return recordOf(toAnalysis(doc), doc.text, input, opts.hash ?? contentHash(input));
}

/** The store record of an analysis (made by the pipeline, or by hand in tests). */
export function recordOf(analysis: Analysis, text: string, input: Partial<ArticleInput> = {}, hash?: string): ArticleRecord {
  const inBoiler = (s: { start: number; end: number }) => analysis.boilerplate.some((b) => b.start <= s.start && s.end <= b.end);
  const rows = deriveRows(analysis, text);
  return {
    analysis,
    text,
    contentHash: hash ?? contentHash({ text, title: input.title ?? analysis.title, source: input.source ?? analysis.source, published: input.published ?? null, url: input.url ?? analysis.url }),
    simhash: simhash(text),
    paragraphs: sentenceHashes(text, analysis.sentences, inBoiler),
    rows,
    search: {
      article: searchBody(`${analysis.title ?? ''}\n${text}`),
      quotes: analysis.quotes.map((q) => searchBody(q.text)),
      events: rows.events.map((e) => searchBody(e.sentenceText)),
    },
    origin: input.origin ?? null,
  };
}
