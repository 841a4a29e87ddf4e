// Shared test helpers: every analysis a test produces goes through validateAnalysis (the JSON
// Schema plus the offset checks), so a schema or offset break fails whichever test finds it.
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { expect } from 'vitest';
import { run } from '../src/cli/index.js';
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

/** Run the `marsad` CLI in-process with captured output. */
export async function marsad(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const sink = () => {
    let data = '';
    const stream = new Writable({ write(chunk, _enc, cb) { data += chunk.toString(); cb(); } });
    return { stream, text: () => data };
  };
  const out = sink();
  const err = sink();
  const code = await run(argv, { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}
