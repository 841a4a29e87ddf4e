// Ingestion: read articles from files, folders, JSONL(.gz), HTML, RSS/Atom feeds or stdin;
// analyse them (in worker threads); store them whole, several to a transaction where the store
// can (putMany, both stores: a crash loses at most that batch, never part of an article).
// Idempotent: an article whose id and content hash are stored already is skipped before it is
// analysed; a changed one replaces its own analysis; the same content under another id is
// recorded as an alias. A bad input is reported by name and skipped.
import { promises as fs } from 'node:fs';
import { createError, isMarsadError, type MarsadError } from '../errors.js';
import { fileId, readArticles, readFile } from '../input/index.js';
import { walkFolder } from '../input/walk.js';
import type { ArticleInput } from '../pipeline/doc.js';
import type { ArticleRecord, Awaitable, PutResult, PutStatus, Store } from '../store/types.js';
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
  /** Articles written in one transaction, where the store can (`putMany`). Default 128 there, 1
   *  elsewhere. A crash loses at most the batch being written; every article is whole or absent. */
  batch?: number;
  /** The longest a written batch waits for its next article (ms). Default 1000. */
  batchMs?: number;
}

/** A store that can write several articles in one transaction (both stores), each whole or
 *  absent; an article that fails comes back as its Error in its place. */
export interface BatchStore extends Store {
  putMany(records: ArticleRecord[]): Awaitable<(PutResult | Error)[]>;
}

export interface IngestReport extends Record<PutStatus, number> {
  read: number;
  failed: number;
  linked: number;
  errors: { origin: string; code: string; message: string }[];
  seconds: number;
  /** Of `seconds`, those spent writing to the store (the calling thread waits on it). */
  storeSeconds: number;
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
      const results = (await isFeedFile(f.path)) ? await readFeedFile(f.path) : readFile(f.path, fileId(f.path, dir ? target : undefined));
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
  const report: IngestReport = { read: 0, inserted: 0, replaced: 0, unchanged: 0, duplicate: 0, failed: 0, linked: 0, errors: [], seconds: 0, storeSeconds: 0 };
  const source = Array.isArray(inputs) ? readTargets(inputs, { published: opts.published }) : inputs;
  const nWorkers = opts.workers ?? defaultWorkers();
  const pool: Analyzer | null = nWorkers > 0 ? createPool(nWorkers, { textOnly: opts.textOnly }) : null;
  const analyze = pool ? (a: ArticleInput, hash?: string) => pool.analyze(a, hash) : async (a: ArticleInput, hash?: string) => prepareArticle(a, { textOnly: opts.textOnly, hash });
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

  // in flight: analyses run in parallel; records are written in input order, several whole
  // articles to a transaction where the store can (putMany): a batch is written when it
  // is full, when the input ends, or when its first article has waited `batchMs` for the rest
  const batchMax = Math.max(1, opts.batch ?? (typeof (store as BatchStore).putMany === 'function' ? 128 : 1));
  const batchMs = opts.batchMs ?? 1000;
  // more in flight than a batch, so that the workers stay busy while a batch is written
  const window = Math.max(4, nWorkers * 8) + batchMax;
  type Item = { input: ArticleInput; job: Promise<unknown>; settled: boolean };
  const queue: Item[] = [];
  let batch: { origin: string; id: string; record: ArticleRecord }[] = [];
  let batchSince = 0;
  const outcome = (b: (typeof batch)[number], r: PutResult | Error) => {
    if (r instanceof Error) fail(b.origin, r, b.id);
    else {
      report[r.status]++;
      if (r.link && r.link !== 'exact') report.linked++;
      opts.onArticle?.(r.id, r.status, b.origin);
    }
    progress();
  };
  const flush = async () => {
    const todo = batch;
    batch = [];
    if (!todo.length) return;
    const t = performance.now();
    try {
      await write(todo);
    } finally {
      report.storeSeconds += (performance.now() - t) / 1000;
    }
  };
  const write = async (todo: typeof batch) => {
    const many = (store as BatchStore).putMany;
    if (todo.length > 1 && typeof many === 'function') {
      let results: (PutResult | Error)[];
      try {
        results = await many.call(store, todo.map((b) => b.record));
      } catch (e) {
        results = todo.map(() => (e instanceof Error ? e : new Error(String(e))));
      }
      todo.forEach((b, i) => outcome(b, results[i]));
      return;
    }
    for (const b of todo) {
      let r: PutResult | Error;
      try {
        r = await store.put(b.record);
      } catch (e) {
        r = e instanceof Error ? e : new Error(String(e));
      }
      outcome(b, r);
    }
  };
  const take = async (item: Item) => {
    const origin = item.input.origin ?? articleId(item.input);
    // a batch waits for its next article no longer than batchMs after its first
    if (!item.settled && batch.length) {
      const left = batchSince + batchMs - performance.now();
      let timer: NodeJS.Timeout | undefined;
      if (left > 0) await Promise.race([item.job.catch(() => {}), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
      if (!item.settled) await flush();
    }
    try {
      const record = (await item.job) as ArticleRecord;
      if (!batch.length) batchSince = performance.now();
      batch.push({ origin, id: articleId(item.input), record });
    } catch (e) {
      fail(origin, e, articleId(item.input));
      progress();
    }
    if (batch.length >= batchMax) await flush();
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
      const hash = contentHash(input);
      if (!opts.force && (await store.hashOf(id)) === hash) {
        report.unchanged++;
        opts.onArticle?.(id, 'unchanged', input.origin ?? null);
        progress();
        continue;
      }
      const item: Item = { input: { ...input, id }, job: analyze({ ...input, id }, hash), settled: false };
      item.job.then(
        () => (item.settled = true),
        () => (item.settled = true), // the error is handled when the item is taken
      );
      queue.push(item);
      if (queue.length >= window) await take(queue.shift()!);
    }
    while (queue.length) await take(queue.shift()!);
    await flush();
  } finally {
    await pool?.close();
  }
  report.seconds = (performance.now() - t0) / 1000;
  progress();
  return report;
}
