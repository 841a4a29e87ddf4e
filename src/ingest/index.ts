// Ingestion: read articles from files, folders, JSONL(.gz), HTML, RSS/Atom feeds or stdin;
// analyse them (in worker threads); store each in one transaction. Idempotent: an article whose
// id and content hash are stored already is skipped before it is analysed; a changed one
// replaces its own analysis; the same content under another id is recorded as an alias. A bad
// input is reported by name and skipped.
import { promises as fs } from 'node:fs';
import { createError, isMarsadError, type MarsadError } from '../errors.js';
import { readArticles, readFile } from '../input/index.js';
import { walkFolder } from '../input/walk.js';
import type { ArticleInput } from '../pipeline/doc.js';
import type { PutStatus, Store } from '../store/types.js';
import { isFeedFile, readFeedFile } from './feed.js';
import { contentHash } from './hash.js';
import { createPool, defaultWorkers, AnalysisError, type Analyzer } from './pool.js';
import { articleId, prepareArticle } from './prepare.js';

export { prepareArticle, articleId } from './prepare.js';
export { parseFeed, readFeedFile, isFeedFile, feedDate } from './feed.js';
export { contentHash, simhash, sentenceHashes } from './hash.js';

export type InputResult = { ok: true; article: ArticleInput } | { ok: false; origin: string; error: MarsadError };

export interface IngestProgress {
  read: number;
  stored: number;
  unchanged: number;
  failed: number;
  elapsed: number;
}

export interface IngestOptions {
  /** Analysis worker threads; 0 analyses on the calling thread. Default: one per core. */
  workers?: number;
  /** Dateline for every article (as `marsad analyze --published`). */
  published?: string;
  /** Re-analyse and rewrite articles even when their content hash is stored. */
  force?: boolean;
  onProgress?: (p: IngestProgress) => void;
  /** Each article's outcome (tests, verbose output). */
  onArticle?: (id: string, status: PutStatus | 'failed', origin: string | null) => void;
  onError?: (origin: string, error: MarsadError) => void;
  /** Analyse with the text layer only, no extraction stages (a search-only index, tests). */
  textOnly?: boolean;
}

export interface IngestReport extends Record<PutStatus, number> {
  read: number;
  failed: number;
  linked: number;
  errors: { origin: string; code: string; message: string }[];
  seconds: number;
}

/** Every article of the targets: files, folders (feeds among them), or "-" for stdin. */
export async function* readTargets(targets: string[], opts: { published?: string } = {}): AsyncGenerator<InputResult> {
  for (const target of targets) {
    if (target === '-') {
      yield* readArticles('-', { published: opts.published });
      continue;
    }
    let dir = false;
    try {
      dir = (await fs.stat(target)).isDirectory();
    } catch {
      yield { ok: false, origin: target, error: createError('E_INPUT_NOT_FOUND', target) };
      continue;
    }
    const files: AsyncIterable<{ path: string } | { path: string; error: MarsadError }> = dir ? walkFolder(target) : one(target);
    for await (const f of files) {
      if ('error' in f) {
        yield { ok: false, origin: f.path, error: f.error };
        continue;
      }
      const results = (await isFeedFile(f.path)) ? await readFeedFile(f.path) : readFile(f.path);
      for await (const r of results) {
        if (r.ok && opts.published) r.article.published = opts.published;
        yield r;
      }
    }
  }
}
async function* one(p: string) {
  yield { path: p };
}

/** Ingest articles into the store. Resolves when every article is stored or reported. */
export async function ingest(store: Store, inputs: AsyncIterable<InputResult> | string[], opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const report: IngestReport = { read: 0, inserted: 0, replaced: 0, unchanged: 0, duplicate: 0, failed: 0, linked: 0, errors: [], seconds: 0 };
  const source = Array.isArray(inputs) ? readTargets(inputs, { published: opts.published }) : inputs;
  const nWorkers = opts.workers ?? defaultWorkers();
  const pool: Analyzer | null = nWorkers > 0 ? createPool(nWorkers, { textOnly: opts.textOnly }) : null;
  const analyze = pool ? (a: ArticleInput) => pool.analyze(a) : async (a: ArticleInput) => prepareArticle(a, { textOnly: opts.textOnly });
  const progress = () =>
    opts.onProgress?.({ read: report.read, stored: report.inserted + report.replaced, unchanged: report.unchanged + report.duplicate, failed: report.failed, elapsed: (performance.now() - t0) / 1000 });
  const fail = (origin: string, e: unknown, id: string | null = null) => {
    const err = isMarsadError(e)
      ? e
      : e instanceof AnalysisError
        ? createError('E_INGEST_ARTICLE', origin, e.message)
        : createError('E_INGEST_ARTICLE', origin, e instanceof Error ? e.message : String(e));
    report.failed++;
    report.errors.push({ origin, code: err.code, message: err.message });
    opts.onError?.(origin, err);
    opts.onArticle?.(id ?? origin, 'failed', origin);
  };

  // in flight: analyses run in parallel; records are written in input order
  const window = Math.max(4, nWorkers * 8);
  const queue: { input: ArticleInput; job: Promise<unknown> }[] = [];
  const write = async (item: (typeof queue)[number]) => {
    const origin = item.input.origin ?? articleId(item.input);
    try {
      const record = (await item.job) as Awaited<ReturnType<typeof prepareArticle>>;
      const r = await store.put(record);
      report[r.status]++;
      if (r.link && r.link !== 'exact') report.linked++;
      opts.onArticle?.(r.id, r.status, origin);
    } catch (e) {
      fail(origin, e, articleId(item.input));
    }
    progress();
  };
  try {
    for await (const r of source) {
      report.read++;
      if (!r.ok) {
        fail(r.origin, r.error);
        progress();
        continue;
      }
      const input = r.article;
      const id = articleId(input);
      // skip what is stored already, before analysing it
      if (!opts.force && (await store.hashOf(id)) === contentHash(input)) {
        report.unchanged++;
        opts.onArticle?.(id, 'unchanged', input.origin ?? null);
        progress();
        continue;
      }
      const job = analyze({ ...input, id });
      job.catch(() => {}); // handled when written
      queue.push({ input: { ...input, id }, job });
      if (queue.length >= window) await write(queue.shift()!);
    }
    while (queue.length) await write(queue.shift()!);
  } finally {
    await pool?.close();
  }
  report.seconds = (performance.now() - t0) / 1000;
  progress();
  return report;
}
