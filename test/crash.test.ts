// Issue #9: an ingest killed with SIGKILL at pseudo-random moments (the project's seeded PRNG),
// on SQLite and on PostgreSQL. Real news articles, with republished copies and exact duplicates
// among them so that links and aliases are made too. Each store is ingested once cleanly
// (in-process); then a fresh store is ingested by child processes (8 articles to a transaction,
// so that these few articles make several commits, as a long ingest does), each killed at a
// moment drawn between the first article it stores and the end it would reach. After
// every kill the store passes its integrity checks and holds whole articles only: each stored
// article has exactly the rows the clean run gave it. The next run goes on from there (and is
// killed in turn); the run that completes leaves the counts, the stories and the links of the
// clean run. Needs the PostgreSQL server of src/store/postgres/testdb.ts for its half (skipped
// with MARSAD_SKIP_PG=1) and ../shared/corpora/news (skipped without it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest, prepareArticle } from '../src/ingest/index.js';
import { rng } from '../src/stages/ner/train.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { createTestDatabase, type TestDatabase } from '../src/store/postgres/testdb.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Counts, Store } from '../src/store/types.js';
import { newsArticles } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = 9;
const KILLS = 3;
const news = newsArticles().slice(0, 40);
const skipPg = process.env.MARSAD_SKIP_PG === '1';

// the input: 40 articles, then 6 of them republished under new ids with a small edit (near-
// duplicates: linked, their events joining the original's stories) and 2 exact copies (aliases)
const copies = [0, 7, 14, 21, 28, 35].map((i) => {
  const a = news[i];
  return { ...a, id: `${a.id}-republished`, text: a.text.replace(/\s(\S+)\s*$/, ' وأضاف المصدر $1') };
});
const exact = [5, 25].map((i) => ({ ...news[i], id: `${news[i].id}-copy` }));
const inputs = [...news, ...copies, ...exact];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-crash-'));
const file = path.join(tmp, 'news.jsonl');
fs.writeFileSync(file, inputs.map((a) => JSON.stringify(a)).join('\n') + '\n');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Per article, how many rows of each table it owns: a half-stored article shows here. */
const OWN = ['mentions', 'events', 'quantities', 'times', 'time_keys', 'quotes', 'sentence_hashes', 'search_docs'];
const perArticleSql = `SELECT a.id, ${OWN.map((t) => `(SELECT count(*) FROM ${t} x WHERE x.article_id = a.id) AS ${t}`).join(', ')} FROM articles a ORDER BY a.id`;

interface Probe {
  /** Articles and aliases stored (the inputs accounted for). */
  stored(): Promise<number>;
  perArticle(): Promise<Map<string, string>>;
  close(): Promise<void>;
}
const asMap = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [String(r.id), OWN.map((t) => Number(r[t])).join(',')]));

function sqliteProbe(db: string): Probe {
  const c = new Database(db, { readonly: true, fileMustExist: true });
  return {
    async stored() {
      return (c.prepare('SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM aliases) AS n').get() as { n: number }).n;
    },
    async perArticle() {
      return asMap(c.prepare(perArticleSql).all() as Record<string, unknown>[]);
    },
    async close() {
      c.close();
    },
  };
}
function pgProbe(url: string): Probe {
  const c = new pg.Pool({ connectionString: url, max: 1 });
  return {
    async stored() {
      return (await c.query('SELECT ((SELECT count(*) FROM articles) + (SELECT count(*) FROM aliases))::int AS n')).rows[0].n;
    },
    async perArticle() {
      return asMap((await c.query(perArticleSql)).rows);
    },
    async close() {
      await c.end();
    },
  };
}

/** What a finished ingest must equal: counts, each story's reports, the links. */
async function record(store: Store): Promise<{ counts: Counts; stories: string[]; links: string[] }> {
  const stories = (await store.stories({ limit: 1_000_000 })).map((s) => s.sources.map((x) => `${x.article.id}#${x.eventIdx}`).sort().join(' ')).sort();
  const links = (await store.links()).map((l) => `${l.from} ${l.kind} ${l.to}`).sort();
  return { counts: await store.counts(), stories, links };
}

/** An ingest in a child process, as `marsad ingest FILE --db DB --workers 0` runs it but with
 *  8 articles to a transaction (no worker thread: it would double the start-up, loading the
 *  pipeline, which is most of a run); `exited` resolves when it is gone (killed or done). */
const CHILD = `
  const [file, db] = process.argv.slice(-2);
  const { ingest } = await import(${JSON.stringify(path.join(ROOT, 'src/ingest/index.ts'))});
  const { openStoreAsync } = await import(${JSON.stringify(path.join(ROOT, 'src/store/index.ts'))});
  const store = await openStoreAsync({ db });
  await ingest(store, [file], { workers: 0, batch: 8 });
  await store.close();`;
function child(db: string) {
  const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, file, db], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MARSAD_VALIDATE: '' },
  });
  let err = '';
  c.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  return { c, exited, err: () => err };
}

interface Case {
  name: string;
  skip: boolean;
  /** A fresh, empty store: its address for the CLI, an opener, a probe, and a cleanup. */
  fresh(): Promise<{ db: string; open(): Promise<Store>; probe(): Probe; drop(): Promise<void> }>;
  /** Checks beyond store.check() on the store left by a kill. */
  integrity?(db: string): void;
}

const cases: Case[] = [
  {
    name: 'SQLite',
    skip: false,
    async fresh() {
      const db = path.join(fs.mkdtempSync(path.join(tmp, 'sqlite-')), 'marsad.db');
      openSqliteStore(db).close(); // the schema, so that the probe can read before the first article
      return { db, open: async () => openSqliteStore(db), probe: () => sqliteProbe(db), drop: async () => {} };
    },
    integrity(db) {
      const c = new Database(db, { readonly: true });
      try {
        expect(c.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(c.pragma('foreign_key_check')).toEqual([]);
      } finally {
        c.close();
      }
    },
  },
  {
    name: 'PostgreSQL',
    skip: skipPg,
    async fresh() {
      const t: TestDatabase = await createTestDatabase('marsad_crash');
      await (await openPostgresStore(t.url)).close(); // the schema, as for SQLite
      return { db: t.url, open: () => openPostgresStore(t.url), probe: () => pgProbe(t.url), drop: () => t.drop() };
    },
  },
];

describe.skipIf(news.length < 40)('ingest killed at random moments (issue #9)', () => {
  for (const k of cases)
    it.skipIf(k.skip)(`${k.name}: every kill leaves whole articles; the run that completes equals a clean run`, async () => {
      // 1. the clean run
      const clean = await k.fresh();
      const cleanStore = await clean.open();
      prepareArticle(inputs[0]); // the pipeline loaded, so that the pace below is the articles'
      const t0 = performance.now();
      const first = await ingest(cleanStore, [file], { workers: 0 });
      const msPerArticle = (performance.now() - t0) / inputs.length;
      expect(first).toMatchObject({ read: inputs.length, failed: 0, duplicate: exact.length });
      expect(first.linked).toBeGreaterThan(0);
      const want = await record(cleanStore);
      expect(want.counts.stories).toBeGreaterThan(0);
      const cleanProbe = clean.probe();
      const cleanRows = await cleanProbe.perArticle();
      await cleanProbe.close();
      await cleanStore.close();

      // 2. kills at seeded moments, each run going on from where the last one was killed
      const r = rng(SEED);
      const crashed = await k.fresh();
      const probe = crashed.probe();
      const log: string[] = [];
      let midRun = 0;
      try {
        for (let i = 0; i < KILLS; i++) {
          const before = await probe.stored();
          if (before >= inputs.length) break;
          const run = child(crashed.db);
          let gone = false;
          void run.exited.then(() => (gone = true));
          // from the first article this run stores…
          let now = before;
          while (!gone && (now = await probe.stored()) === before) await sleep(20);
          // …to a moment before the end it would reach at the clean run's pace (a little before:
          // a kill after the end checks nothing)
          const delay = Math.round(r() * 0.8 * (inputs.length - now) * msPerArticle);
          await Promise.race([sleep(delay), run.exited]);
          const killed = !gone;
          run.c.kill('SIGKILL');
          await run.exited;
          const after = await probe.stored();
          log.push(`kill ${i + 1}: ${before} → ${after} of ${inputs.length} stored, killed ${delay} ms after the first${killed ? '' : ` (the run had ended${run.err() ? `: ${run.err()}` : ''})`}`);
          if (killed && after < inputs.length) midRun++;
          // the store opens and checks clean, and holds whole articles only
          k.integrity?.(crashed.db);
          const s = await crashed.open();
          try {
            expect(await s.check(), log.join('\n')).toEqual([]);
          } finally {
            await s.close();
          }
          for (const [id, n] of await probe.perArticle()) expect(n, `${id} after ${log.at(-1)}`).toBe(cleanRows.get(id));
        }
        if (process.env.MARSAD_CRASH_LOG) console.log(`${k.name}: ${msPerArticle.toFixed(0)} ms an article clean\n${log.join('\n')}`);
        // the kills landed mid-run (else this test would check nothing)
        expect(midRun, log.join('\n')).toBeGreaterThan(0);

        // 3. a run that completes: the clean run's record
        const store = await crashed.open();
        try {
          const done = await ingest(store, [file], { workers: 0 });
          expect(done.failed).toBe(0);
          expect(done.unchanged).toBeGreaterThan(0);
          expect(await store.check()).toEqual([]);
          const got = await record(store);
          expect(got.counts, log.join('\n')).toEqual(want.counts);
          expect(got.stories).toEqual(want.stories);
          expect(got.links).toEqual(want.links);
          expect(await probe.perArticle()).toEqual(cleanRows);
        } finally {
          await store.close();
        }
      } finally {
        await probe.close();
        await crashed.drop();
        await clean.drop();
      }
    }, 240_000);
});
