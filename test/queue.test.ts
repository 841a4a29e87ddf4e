// The PostgreSQL job queue across processes: 40 real news articles queued, two `marsad worker`
// processes, one killed with SIGKILL while it holds a job, a third started; once the queue is
// drained, the record equals a clean single-process ingest of the same articles, check() is
// clean, every job is done once and the killed worker's job was taken over after its lease.
// Needs the PostgreSQL server of src/store/postgres/testdb.ts (fails without one unless
// MARSAD_SKIP_PG=1) and ../shared/corpora/news (skipped without it, as the other corpus tests).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/index.js';
import { queueStats } from '../src/queue/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { createTestDatabase, type TestDatabase } from '../src/store/postgres/testdb.js';
import { marsad, newsArticles } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const news = newsArticles().slice(0, 40);
const skip = process.env.MARSAD_SKIP_PG === '1' || news.length < 40;

describe.skipIf(skip)('the PostgreSQL queue', () => {
  let queued: TestDatabase;
  let clean: TestDatabase;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-queue-'));
  const file = path.join(tmp, 'news.jsonl');
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    queued = await createTestDatabase('marsad_queue');
    clean = await createTestDatabase('marsad_clean');
    fs.writeFileSync(file, news.map((a) => JSON.stringify(a)).join('\n') + '\n');
  }, 60_000);
  // a failed case may leave its workers running: they must not take the next case's jobs
  afterEach(() => {
    for (const c of children) if (c.exitCode == null && c.signalCode == null) c.kill('SIGKILL');
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode == null && c.signalCode == null) c.kill('SIGKILL');
    await queued?.drop();
    await clean?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  // `delayMs`: the worker holds each claimed job that long first (MARSAD_WORKER_TEST_DELAY_MS), so
  // the test kills it while it surely holds one
  const worker = (delayMs = 0) => {
    const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'worker', '--db', queued.url, '--exit-when-empty', '--lease', '3', '--poll', '200', '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, MARSAD_VALIDATE: '', MARSAD_WORKER_TEST_DELAY_MS: String(delayMs) },
    });
    let err = '';
    c.stderr!.on('data', (d) => (err += d));
    children.push(c);
    const exited = new Promise<{ code: number | null; err: string }>((resolve) => c.once('exit', (code) => resolve({ code, err })));
    return { c, exited };
  };

  it('survives a worker killed mid-job: nothing half-written, the job retried, every article once', async () => {
    // queue them, twice: the second time nothing new is queued
    const q = await marsad('ingest', '--queue', file, '--db', queued.url, '--json');
    expect(q.code).toBe(0);
    expect(JSON.parse(q.out)).toMatchObject({ read: 40, queued: 40, failed: 0 });
    expect(JSON.parse((await marsad('ingest', '--queue', file, '--db', queued.url, '--json')).out)).toMatchObject({ queued: 0, already: 40 });

    const store = await openPostgresStore(queued.url);
    try {
      const w1 = worker(1500);
      const w2 = worker();
      // wait until some articles are in and the first worker holds a job, then kill it
      const t0 = Date.now();
      let held = 0;
      let done = 0;
      while (Date.now() - t0 < 240_000) {
        await new Promise((r) => setTimeout(r, 100));
        const r = (
          await store.pool.query(
            "SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*) FILTER (WHERE state = 'running' AND locked_by LIKE $1)::int AS held FROM jobs",
            [`%:${w1.c.pid}`],
          )
        ).rows[0];
        done = r.done;
        held = r.held;
        if ((done >= 4 && held > 0) || w1.c.exitCode != null) break;
      }
      expect(w1.c.exitCode, 'the first worker should still be running').toBeNull();
      expect(held).toBeGreaterThan(0);
      w1.c.kill('SIGKILL');
      await w1.exited;
      const killedJobs = (await store.pool.query("SELECT id FROM jobs WHERE state = 'running' AND locked_by LIKE $1", [`%:${w1.c.pid}`])).rows.map((r) => r.id);
      expect(killedJobs.length, 'the killed worker left its job running (claimable once its lease expires)').toBeGreaterThan(0);
      expect(done).toBeLessThan(40);
      // a third worker; both drain the queue and exit
      const w3 = worker();
      const [e2, e3] = await Promise.all([w2.exited, w3.exited]);
      expect(e2.code, e2.err).toBe(0);
      expect(e3.code, e3.err).toBe(0);

      const stats = await queueStats(store.pool);
      expect(stats).toMatchObject({ pending: 0, running: 0, failed: 0, done: 40 });
      // the killed worker's job was claimed again and finished by another
      const again = (await store.pool.query('SELECT attempts, locked_by FROM jobs WHERE id = ANY($1::bigint[])', [killedJobs])).rows;
      for (const j of again) expect(j.attempts).toBeGreaterThanOrEqual(2);
      expect(await store.check()).toEqual([]);

      // the same articles through a clean, single-process ingest
      const ref = await openPostgresStore(clean.url);
      try {
        const r = await ingest(ref, [file], { workers: 0 });
        expect(r.failed).toBe(0);
        const want = await ref.counts();
        const got = await store.counts();
        expect(got.articles + got.aliases).toBe(new Set(news.map((a) => a.id)).size);
        expect(got).toEqual(want);
        expect(await ref.check()).toEqual([]);
      } finally {
        await ref.close();
      }
    } finally {
      await store.close();
    }
  }, 400_000);

  it('SIGTERM: a polling worker finishes the job in hand, then exits 0', async () => {
    const more = newsArticles().slice(40, 46);
    const file2 = path.join(tmp, 'more.jsonl');
    fs.writeFileSync(file2, more.map((a) => JSON.stringify(a)).join('\n') + '\n');
    expect((await marsad('ingest', '--queue', file2, '--db', queued.url)).code).toBe(0);
    const store = await openPostgresStore(queued.url);
    try {
      const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'worker', '--db', queued.url, '--poll', '200', '--quiet'], {
        cwd: ROOT,
        stdio: 'ignore',
        env: { ...process.env, MARSAD_WORKER_TEST_DELAY_MS: '1500' },
      });
      children.push(c);
      const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
      const t0 = Date.now();
      let held: number[] = [];
      while (Date.now() - t0 < 120_000 && !held.length) {
        await new Promise((r) => setTimeout(r, 50));
        held = (await store.pool.query("SELECT id FROM jobs WHERE state = 'running' AND locked_by LIKE $1", [`%:${c.pid}`])).rows.map((r) => r.id);
      }
      expect(held.length).toBeGreaterThan(0);
      c.kill('SIGTERM');
      expect(await exited).toBe(0);
      const states = (await store.pool.query('SELECT state FROM jobs WHERE id = ANY($1::bigint[])', [held])).rows.map((r) => r.state);
      expect(states.every((s) => s === 'done')).toBe(true);
      expect((await queueStats(store.pool)).running).toBe(0);
      expect(await store.check()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 200_000);
});

if (skip) describe.skip('the PostgreSQL queue (MARSAD_SKIP_PG=1 or no ../shared/corpora/news)', () => it('skipped', () => {}));
