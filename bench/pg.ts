// The PostgreSQL store and queue against the local server (src/store/postgres/testdb.ts:
// $MARSAD_TEST_PG, else postgres://postgres@127.0.0.1:5432/test); throwaway databases, dropped.
// 1. Ingest: a slice of the bulk corpus queued once, then drained by 1 and by 2 `marsad worker`
//    processes (the full pipeline); articles/s from start to exit, and from the first stored
//    article to the last (without the workers' start-up), and the ratio 2 : 1.
// 2. Writers: the store alone (records analysed beforehand, full pipeline), put by 1 and by 2
//    concurrent writers (two connection pools) — what the merge lock leaves of parallelism.
// 3. Batches: the store alone, one writer, `put` (a transaction an article) against `putMany`
//    (`--batch-size`, default 128, a transaction each, as ingest writes), on PostgreSQL and SQLite,
//    over the writers' records (full pipeline, with events) and `--batch-text` text-layer records;
//    ms an article, round trips (PostgreSQL), and whether both ways stored the very same rows
//    (every table hashed, ingest times aside).
// 4. Search: the same queries as bench/search.ts over the same articles in SQLite (FTS5) and in
//    PostgreSQL (tsvector, 'arabic', GIN); index built with the text layer only; p50/p99.
//   npx tsx bench/pg.ts [--limit 3000] [--writers 300] [--articles 10000] [--batch-text 2000] [--batch-size 128]
//                       [--skip-ingest] [--skip-writers] [--skip-batch] [--skip-search]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { prepareArticle, recordOf } from '../src/ingest/prepare.js';
import { toAnalysis } from '../src/pipeline/analysis.js';
import { enqueue, queueStats } from '../src/queue/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { createTestDatabase } from '../src/store/postgres/testdb.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { ArticleRecord, Store } from '../src/store/types.js';
import { createDoc } from '../src/text/index.js';
import { fmt, loadBulk, SEARCH_QUERIES as QUERIES } from './corpus.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const limit = Number(arg('limit') ?? 3000);
const nSearch = Number(arg('articles') ?? 10_000);
const nWriters = Number(arg('writers') ?? 300);
const nBatchText = Number(arg('batch-text') ?? 2000);
const batchSize = Number(arg('batch-size') ?? 128);
const ROOT = path.resolve(import.meta.dirname, '..');
const load = () => os.loadavg().map((x) => fmt(x, 1)).join(' ');

async function ingestRun(workers: number, articles: ReturnType<typeof loadBulk>): Promise<{ wall: number; steady: number; stored: number }> {
  const db = await createTestDatabase('marsad_bench');
  try {
    const store = await openPostgresStore(db.url);
    async function* inputs() {
      for (const a of articles) yield { ok: true as const, article: { id: a.id, text: a.text, title: a.title ?? null, source: a.source ?? null, published: a.published ?? null } };
    }
    const q = await enqueue(store, inputs());
    const t0 = performance.now();
    const procs = Array.from({ length: workers }, () => {
      const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'worker', '--db', db.url, '--exit-when-empty', '--quiet', '--poll', '200', '--json'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      c.stdout!.on('data', (d) => (out += d));
      return new Promise<{ code: number | null; cpu: number }>((resolve) =>
        c.once('close', (code) => {
          let cpu = NaN;
          try {
            cpu = JSON.parse(out).cpuSeconds;
          } catch {
            /* no report */
          }
          resolve({ code, cpu });
        }),
      );
    });
    const results = await Promise.all(procs);
    const codes = results.map((r) => r.code);
    const cpu = results.reduce((n, r) => n + r.cpu, 0);
    const wall = (performance.now() - t0) / 1000;
    const stats = await queueStats(store.pool);
    const span = (await store.pool.query("SELECT extract(epoch FROM max(finished_at) - min(finished_at))::float8 AS s, count(*)::int AS n FROM jobs WHERE state = 'done'")).rows[0];
    const counts = await store.counts();
    await store.close();
    if (codes.some((c) => c !== 0) || stats.failed) console.log(`  (worker exit codes ${codes.join(', ')}; ${stats.failed} failed jobs)`);
    console.log(
      `  ${workers} worker process${workers > 1 ? 'es' : ''}: ${q.queued} queued, ${stats.done} done; ${counts.articles} articles, ${counts.stories} stories; ` +
        `${fmt(wall, 1)} s → ${fmt(stats.done / wall, 1)} articles/s with start-up, ${fmt((span.n - 1) / span.s, 1)} articles/s first to last stored; ` +
        `workers' CPU ${fmt((cpu * 1000) / stats.done, 1)} ms an article; load ${load()}`,
    );
    return { wall: stats.done / wall, steady: (span.n - 1) / span.s, stored: stats.done };
  } finally {
    await db.drop();
  }
}

const inputOf = (a: ReturnType<typeof loadBulk>[number]) => ({ id: a.id, text: a.text, title: a.title ?? null, source: a.source ?? null, published: a.published ?? null });
let analysed: ArticleRecord[] | null = null;
/** The writers' records: `nWriters` bulk articles through the full pipeline (once). */
const fullRecords = () => (analysed ??= loadBulk(nWriters).map((a) => prepareArticle(inputOf(a))));

async function writersRun(): Promise<void> {
  const recs = fullRecords();
  const events = recs.reduce((n, r) => n + r.rows.events.length, 0);
  for (const commit of ['synchronous', 'asynchronous'] as const) {
    const rates: number[] = [];
    for (const writers of [1, 2]) {
      const db = await createTestDatabase('marsad_bench_writers');
      try {
        const stores = await Promise.all(Array.from({ length: writers }, () => openPostgresStore(db.url)));
        // asynchronous: as the queue's workers commit (the job's state and the article together)
        const inside = commit === 'asynchronous' ? async (c: pg.PoolClient) => void (await c.query('SET LOCAL synchronous_commit = off')) : undefined;
        const t0 = performance.now();
        await Promise.all(
          stores.map(async (st, w) => {
            for (let i = w; i < recs.length; i += writers) await st.putWith(recs[i], inside);
          }),
        );
        const secs = (performance.now() - t0) / 1000;
        const c = await stores[0].counts();
        const problems = await stores[0].check();
        await Promise.all(stores.map((st) => st.close()));
        rates.push(recs.length / secs);
        console.log(
          `  ${commit} commit, ${writers} writer${writers > 1 ? 's' : ''}: ${fmt(recs.length / secs, 1)} articles/s (${fmt((secs * 1000) / recs.length, 1)} ms an article); ` +
            `${c.stories} stories, ${c.links} links; check ${problems.length ? problems.join('; ') : 'clean'}; load ${load()}`,
        );
      } finally {
        await db.drop();
      }
    }
    console.log(`  ${commit} commit: 2 writers : 1 writer = ${fmt(rates[1] / rates[0], 2)} (${recs.length} articles, ${events} events)`);
  }
}

/** Every table of a PostgreSQL store, hashed row by row in a fixed order (ingest times aside). */
async function tableHashes(pool: pg.Pool): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of ['meta', 'articles', 'aliases', 'links', 'sentence_hashes', 'entities', 'mentions', 'stories', 'story_keys', 'events', 'quantities', 'times', 'time_keys', 'quotes', 'search_docs'])
    out[t] = (
      await pool.query(`SELECT count(*) || ' ' || md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS h FROM (SELECT (to_jsonb(t) - 'ingested_at')::text AS x FROM ${t} t) s`)
    ).rows[0].h;
  return out;
}

/** Round trips: every query a pg client sends, counted while `f` runs. */
async function counting<T>(f: () => Promise<T>): Promise<{ value: T; trips: number }> {
  const query = pg.Client.prototype.query;
  let trips = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pg.Client.prototype.query = function (this: pg.Client, ...a: any[]) {
    trips++;
    return (query as (...x: unknown[]) => unknown).apply(this, a);
  } as typeof query;
  try {
    return { value: await f(), trips };
  } finally {
    pg.Client.prototype.query = query;
  }
}

async function batchRun(label: string, recs: ArticleRecord[]): Promise<void> {
  const events = recs.reduce((n, r) => n + r.rows.events.length, 0);
  console.log(`  ${label}: ${recs.length} articles, ${events} events; one writer, ${batchSize} to a transaction for putMany`);
  const hashes: Record<string, string>[] = [];
  for (const way of ['put', 'putMany'] as const) {
    const db = await createTestDatabase('marsad_bench_batch');
    const file = path.join(os.tmpdir(), `marsad-bench-batch-${process.pid}.db`);
    try {
      const pgs = await openPostgresStore(db.url);
      if (way === 'putMany' && typeof pgs.putMany !== 'function') {
        console.log('    PostgreSQL: no putMany in this version');
        await pgs.close();
        continue;
      }
      const t0 = performance.now();
      const { trips } = await counting(async () => {
        if (way === 'put') for (const r of recs) await pgs.put(r);
        else for (let i = 0; i < recs.length; i += batchSize) await pgs.putMany(recs.slice(i, i + batchSize));
      });
      const ms = (performance.now() - t0) / recs.length;
      const c = await pgs.counts();
      const problems = await pgs.check();
      hashes.push(await tableHashes(pgs.pool));
      await pgs.close();
      const lite = openSqliteStore(file);
      const t1 = performance.now();
      if (way === 'put') for (const r of recs) lite.put(r);
      else for (let i = 0; i < recs.length; i += batchSize) lite.putMany(recs.slice(i, i + batchSize));
      const msLite = (performance.now() - t1) / recs.length;
      lite.close();
      const batches = Math.ceil(recs.length / batchSize);
      console.log(
        `    ${way}: PostgreSQL ${fmt(ms, 2)} ms an article (${fmt(trips / recs.length, 1)} round trips an article${way === 'putMany' ? `, ${fmt(trips / batches, 1)} a batch` : ''}; ` +
          `${c.stories} stories, ${c.links} links; check ${problems.length ? problems.join('; ') : 'clean'}), SQLite ${fmt(msLite, 2)} ms; load ${load()}`,
      );
    } finally {
      for (const f of [file, file + '-wal', file + '-shm']) fs.rmSync(f, { force: true });
      await db.drop();
    }
  }
  if (hashes.length === 2) {
    const differ = Object.keys(hashes[0]).filter((t) => hashes[0][t] !== hashes[1][t]);
    console.log(`    PostgreSQL put and putMany stored ${differ.length ? `different rows in ${differ.join(', ')}` : 'the very same rows (every table)'}`);
  }
}

async function latency(store: Store): Promise<{ p50: number; p99: number; hits: number }> {
  const times: number[] = [];
  let hits = 0;
  for (let round = 0; round < 6; round++)
    for (const q of QUERIES) {
      const t0 = performance.now();
      const r = await store.search({ text: q, limit: 20 });
      if (round > 0) times.push(performance.now() - t0); // round 0 warms the caches and the stemmer
      if (round === 1) hits += r.length;
    }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: pct(0.5), p99: pct(0.99), hits };
}

async function searchRun(): Promise<void> {
  const bulk = loadBulk(nSearch);
  const file = path.join(os.tmpdir(), `marsad-bench-pg-${process.pid}.db`);
  const db = await createTestDatabase('marsad_bench_search');
  try {
    const lite = openSqliteStore(file);
    const pgs = await openPostgresStore(db.url);
    const t0 = performance.now();
    let tLite = 0;
    let tPg = 0;
    for (const a of bulk) {
      const input = { id: a.id, text: a.text, title: a.title ?? null, source: a.source ?? null, published: a.published ?? null };
      const doc = createDoc(input);
      const rec = recordOf(toAnalysis(doc), doc.text, input);
      let t = performance.now();
      lite.put(rec);
      tLite += performance.now() - t;
      t = performance.now();
      await pgs.put(rec);
      tPg += performance.now() - t;
    }
    console.log(
      `  index: ${bulk.length} articles (text layer only) in ${fmt((performance.now() - t0) / 1000, 0)} s; put: SQLite ${fmt(tLite / bulk.length, 2)} ms, PostgreSQL ${fmt(tPg / bulk.length, 2)} ms an article (one writer)`,
    );
    await pgs.pool.query('VACUUM ANALYZE');
    for (const [name, store] of [['SQLite FTS5', lite], ['PostgreSQL tsvector/GIN', pgs]] as const) {
      const r = await latency(store);
      console.log(`  search ${name}: ${QUERIES.length} queries x 5 runs, top 20 with snippets: p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms (${r.hits} hits a round); load ${load()}`);
    }
    await lite.close();
    await pgs.close();
  } finally {
    for (const f of [file, file + '-wal', file + '-shm']) fs.rmSync(f, { force: true });
    await db.drop();
  }
}

if (!process.argv.includes('--skip-ingest')) {
  const articles = loadBulk(limit);
  console.log(`ingest through the queue: ${articles.length} bulk articles, full pipeline (${os.cpus().length} cores; load ${load()})`);
  const one = await ingestRun(1, articles);
  const two = await ingestRun(2, articles);
  console.log(`  2 workers : 1 worker = ${fmt(two.wall / one.wall, 2)} with start-up, ${fmt(two.steady / one.steady, 2)} first to last stored`);
}
if (!process.argv.includes('--skip-writers')) {
  console.log(`store writers: ${nWriters} bulk articles analysed beforehand, put by 1 and by 2 concurrent writers`);
  await writersRun();
}
if (!process.argv.includes('--skip-batch')) {
  console.log('batches: the store alone, put against putMany');
  await batchRun('full pipeline', fullRecords());
  const text = loadBulk(nBatchText).map((a) => {
    const input = inputOf(a);
    const doc = createDoc(input);
    return recordOf(toAnalysis(doc), doc.text, input);
  });
  await batchRun('text layer only', text);
}
if (!process.argv.includes('--skip-search')) {
  console.log(`search: SQLite and PostgreSQL over the same ${nSearch} bulk articles`);
  await searchRun();
}
console.log(`memory: peak RSS ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB`);
