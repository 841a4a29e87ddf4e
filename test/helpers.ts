// Shared test helpers: every analysis a test produces goes through validateAnalysis (the JSON
// Schema plus the offset checks), so a schema or offset break fails whichever test finds it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect } from 'vitest';
import { toAnalysis, type Analysis } from '../src/pipeline/analysis.js';
import { getDefaultPipeline } from '../src/pipeline/analyze.js';
import type { ArticleInput } from '../src/pipeline/doc.js';
import { validateAnalysis } from '../src/pipeline/schema/index.js';

export const SHARED = path.resolve(import.meta.dirname, '../../shared');
export const SAMPLES = path.resolve(import.meta.dirname, '../samples/articles');

/** Analyse with the default pipeline and check the result against the schema and the text. */
export function analyzeValid(input: ArticleInput): Analysis {
  const a = toAnalysis(getDefaultPipeline().run(input));
  expectValid(a, input.text);
  return a;
}

export function expectValid(a: unknown, text: string): void {
  expect(validateAnalysis(a, text)).toEqual([]);
}

/** The dated real articles of ../shared/corpora/news (skipped when the folder is not there). */
export function newsArticles(): { id: string; text: string; published: string | null }[] {
  const file = path.join(SHARED, 'corpora/news/dev.jsonl.gz');
  if (!fs.existsSync(file)) return [];
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

export function sampleText(file: string): string {
  return fs.readFileSync(path.join(SAMPLES, file), 'utf8');
}
