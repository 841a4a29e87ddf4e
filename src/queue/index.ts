// The ingestion queue on PostgreSQL (the `jobs` table of the PostgreSQL store, migration 1):
// `enqueue` adds articles (the input itself, as JSONB; one job per article id + content hash);
// `runWorker` claims jobs with FOR UPDATE SKIP LOCKED under a lease, analyses them
// (prepareArticle) and stores each in the same transaction that marks its job done. A worker
// killed mid-job leaves nothing half-written; once its lease runs out another worker takes the
// job again; a job whose article is already stored is done without writing it twice.
import os from 'node:os';
import type pg from 'pg';
import { isMarsadError } from '../errors.js';
import { contentHash } from '../ingest/hash.js';
import type { InputResult } from '../ingest/index.js';
import { createPool, AnalysisError, type Analyzer } from '../ingest/pool.js';
import { articleId, prepareArticle } from '../ingest/prepare.js';
import type { ArticleInput } from '../pipeline/doc.js';
import type { PostgresStore } from '../store/postgres/index.js';
import type { ArticleRecord, PutStatus } from '../store/types.js';

export interface EnqueueReport {
  read: number;
  /** New jobs. */
  queued: number;
  /** Already queued (same id and content), whatever their state. */
  already: number;
  /** Stored already with this content: no job needed. */
  unchanged: number;
  failed: number;
  errors: { origin: string; code: string; message: string }[];
  seconds: number;
}

/** Add the inputs to the queue, 500 to a statement. `force` queues again what was done. */
export async function enqueue(store: PostgresStore, inputs: AsyncIterable<InputResult>, opts: { force?: boolean; onError?: (origin: string, e: unknown) => void } = {}): Promise<EnqueueReport> {
  const t0 = performance.now();
  const report: EnqueueReport = { read: 0, queued: 0, already: 0, unchanged: 0, failed: 0, errors: [], seconds: 0 };
  let batch: { id: string; hash: string; input: ArticleInput }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    // the same id and content twice in one batch: one job
    const seen = new Set<string>();
    const uniq = rows.filter((r) => !seen.has(r.id + '\u0000' + r.hash) && (seen.add(r.id + '\u0000' + r.hash), true));
    const conflict = opts.force
      ? `ON CONFLICT (article_id, content_hash) DO UPDATE SET state = 'pending', attempts = 0, run_after = now(), last_error = NULL, result = NULL
         WHERE jobs.state IN ('done', 'failed')`
      : 'ON CONFLICT (article_id, content_hash) DO NOTHING';
    const r = await store.pool.query(
      `INSERT INTO jobs (article_id, content_hash, input) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) ${conflict}`,
      [uniq.map((x) => x.id), uniq.map((x) => x.hash), uniq.map((x) => JSON.stringify(x.input))],
    );
    report.queued += r.rowCount ?? 0;
    report.already += rows.length - (r.rowCount ?? 0);
  };
  for await (const r of inputs) {
    report.read++;
    if (!r.ok) {
      report.failed++;
      report.errors.push({ origin: r.origin, code: r.error.code, message: r.error.message });
      opts.onError?.(r.origin, r.error);
      continue;
    }
    const input = { ...r.article, id: articleId(r.article) };
    const hash = contentHash(input);
    if (!opts.force && (await store.hashOf(input.id)) === hash) {
      report.unchanged++;
      continue;
    }
    batch.push({ id: input.id, hash, input });
    if (batch.length >= 500) await flush();
  }
  await flush();
  report.seconds = (performance.now() - t0) / 1000;
  return report;
}

export interface QueueStats {
  pending: number;
  running: number;
  /** Running jobs whose lease has run out (their worker died or stalled). */
  expired: number;
  done: number;
  failed: number;
  /** Seconds the oldest pending job has waited. */
  oldestPendingSeconds: number | null;
}

export async function queueStats(q: pg.Pool | pg.PoolClient): Promise<QueueStats> {
  const r = (
    await q.query(`SELECT
      count(*) FILTER (WHERE state = 'pending')::int AS pending,
      count(*) FILTER (WHERE state = 'running')::int AS running,
      count(*) FILTER (WHERE state = 'running' AND locked_until < now())::int AS expired,
      count(*) FILTER (WHERE state = 'done')::int AS done,
      count(*) FILTER (WHERE state = 'failed')::int AS failed,
      extract(epoch FROM now() - min(created_at) FILTER (WHERE state = 'pending'))::float8 AS oldest
      FROM jobs`)
  ).rows[0];
  return { pending: r.pending, running: r.running, expired: r.expired, done: r.done, failed: r.failed, oldestPendingSeconds: r.oldest };
}

export interface WorkerOptions {
  /** Jobs in flight at once (and analysis threads when more than 1). Default 1. */
  concurrency?: number;
  /** Stop when no job is pending or running anywhere (tests, benchmarks). Default: poll for ever. */
  exitWhenEmpty?: boolean;
  /** Seconds a claimed job stays this worker's without a heartbeat. Default 60. */
  leaseSeconds?: number;
  /** Milliseconds between polls of an empty queue. Default 1000. */
  pollMs?: number;
  /** Attempts before a job is marked failed. Default 5. */
  maxAttempts?: number;
  /** This worker's name in `jobs.locked_by`. Default host:pid. */
  workerId?: string;
  /** Stops claiming when aborted; the jobs in flight finish (SIGTERM). */
  signal?: AbortSignal;
  onJob?: (id: string, status: PutStatus | 'failed' | 'retry' | 'lost', error?: string) => void;
  /** Analyse with the text layer only (a search-only index; tests). */
  textOnly?: boolean;
}

export interface WorkerReport extends Record<PutStatus, number> {
  jobs: number;
  failed: number;
  retried: number;
  lost: number;
  seconds: number;
  /** CPU seconds this process spent while it ran (all threads: analysis and storing). */
  cpuSeconds: number;
}

interface Job {
  id: number;
  article_id: string;
  input: ArticleInput;
  attempts: number;
}

class LeaseLost extends Error {}

/** Tests only: milliseconds to hold each claimed job before analysing it (MARSAD_WORKER_TEST_DELAY_MS). */
const testDelayMs = Number(process.env.MARSAD_WORKER_TEST_DELAY_MS ?? 0) || 0;

/** Claim, analyse and store jobs until the queue is empty (`exitWhenEmpty`) or `signal` aborts. */
export async function runWorker(store: PostgresStore, opts: WorkerOptions = {}): Promise<WorkerReport> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const n = Math.max(1, opts.concurrency ?? 1);
  const lease = opts.leaseSeconds ?? 60;
  const poll = opts.pollMs ?? 1000;
  const maxAttempts = opts.maxAttempts ?? 5;
  const me = opts.workerId ?? `${os.hostname()}:${process.pid}`;
  const report: WorkerReport = { jobs: 0, inserted: 0, replaced: 0, unchanged: 0, duplicate: 0, failed: 0, retried: 0, lost: 0, seconds: 0, cpuSeconds: 0 };
  const pool: Analyzer | null = n > 1 ? createPool(n, { textOnly: opts.textOnly }) : null;
  const analyze = pool ? (a: ArticleInput) => pool.analyze(a) : async (a: ArticleInput) => prepareArticle(a, { textOnly: opts.textOnly });
  const db = store.pool;
  const mine = new Set<number>();

  // the lease of every job in flight is renewed a few times a lease
  const beat = setInterval(
    () => {
      if (!mine.size) return;
      db.query(`UPDATE jobs SET locked_until = now() + make_interval(secs => $3) WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND state = 'running'`, [[...mine], me, lease]).catch(() => {});
    },
    Math.max(200, (lease * 1000) / 3),
  );

  const claim = async (k: number): Promise<Job[]> => {
    const r = await db.query(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, locked_until = now() + make_interval(secs => $2)
       WHERE id IN (SELECT id FROM jobs
                    WHERE (state = 'pending' AND run_after <= now()) OR (state = 'running' AND locked_until < now())
                    ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, article_id, input, attempts`,
      [me, lease, k],
    );
    return r.rows as Job[];
  };
  const finish = (job: Job, state: 'failed' | 'pending', error: string, delaySeconds = 0) =>
    db.query(
      `UPDATE jobs SET state = $3, last_error = $4, locked_by = NULL, locked_until = NULL, run_after = now() + make_interval(secs => $5),
       finished_at = CASE WHEN $3 = 'failed' THEN now() END WHERE id = $1 AND locked_by = $2 AND state = 'running'`,
      [job.id, me, state, error, delaySeconds],
    );

  const process1 = async (job: Job) => {
    mine.add(job.id);
    report.jobs++;
    try {
      if (job.attempts > maxAttempts) {
        await finish(job, 'failed', `gave up after ${maxAttempts} attempts (the last one's lease expired)`);
        report.failed++;
        opts.onJob?.(job.article_id, 'failed', 'too many attempts');
        return;
      }
      let record: ArticleRecord;
      // fault injection for the crash tests: hold each claimed job this long before working on it,
      // so that a test can kill the worker while it surely holds one
      if (testDelayMs > 0) await new Promise((r) => setTimeout(r, testDelayMs));
      try {
        record = await analyze({ ...job.input, id: job.article_id });
      } catch (e) {
        // the article itself cannot be analysed: another attempt would fail the same way
        const msg = e instanceof Error ? e.message : String(e);
        const permanent = isMarsadError(e) || (e instanceof AnalysisError && e.code != null);
        if (permanent || job.attempts >= maxAttempts) {
          await finish(job, 'failed', msg);
          report.failed++;
          opts.onJob?.(job.article_id, 'failed', msg);
        } else {
          await finish(job, 'pending', msg, 2 ** job.attempts);
          report.retried++;
          opts.onJob?.(job.article_id, 'retry', msg);
        }
        return;
      }
      try {
        const r = await store.putWith(record, async (c, res) => {
          // the article and its job's state commit together, so the commit need not wait for the
          // WAL flush: a server crash that loses it loses both, and the job runs again once its
          // lease expires (and the merge lock is not held through an fsync)
          // (set_config(…, true) is SET LOCAL, here in the same statement)
          const u = await c.query(
            `UPDATE jobs SET state = 'done', result = $3, finished_at = now(), locked_until = NULL, last_error = NULL
             FROM (SELECT set_config('synchronous_commit', 'off', true)) AS cfg WHERE id = $1 AND locked_by = $2 AND state = 'running'`,
            [job.id, me, res.status],
          );
          if (u.rowCount !== 1) throw new LeaseLost();
        });
        report[r.status]++;
        opts.onJob?.(r.id, r.status);
      } catch (e) {
        if (e instanceof LeaseLost) {
          // another worker took the job over (our lease ran out): its commit is the one that counts
          report.lost++;
          opts.onJob?.(job.article_id, 'lost');
          return;
        }
        const msg = e instanceof Error ? e.message : String(e);
        if (job.attempts >= maxAttempts) {
          await finish(job, 'failed', msg).catch(() => {});
          report.failed++;
          opts.onJob?.(job.article_id, 'failed', msg);
        } else {
          await finish(job, 'pending', msg, 2 ** job.attempts).catch(() => {});
          report.retried++;
          opts.onJob?.(job.article_id, 'retry', msg);
        }
      }
    } finally {
      mine.delete(job.id);
    }
  };

  const inflight = new Set<Promise<void>>();
  /** A pause of `ms` that an abort ends early; `done()` clears its timer and listener. */
  const pause = (ms: number) => {
    let wake = () => {};
    const promise = new Promise<void>((resolve) => (wake = resolve));
    const t = setTimeout(wake, ms);
    opts.signal?.addEventListener('abort', wake, { once: true });
    return {
      promise,
      done: () => {
        clearTimeout(t);
        opts.signal?.removeEventListener('abort', wake);
      },
    };
  };
  const sleep = async (ms: number, alongside: Promise<unknown>[] = []) => {
    const p = pause(ms);
    try {
      await Promise.race([...alongside, p.promise]);
    } finally {
      p.done();
    }
  };
  try {
    while (!opts.signal?.aborted) {
      const free = n - inflight.size;
      const jobs = free > 0 ? await claim(free) : [];
      for (const job of jobs) {
        const p: Promise<void> = process1(job).finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (jobs.length && inflight.size < n) continue;
      if (inflight.size) {
        // wait for a slot, or poll again (jobs whose lease ran out, retries coming due)
        await sleep(poll, [...inflight]);
        continue;
      }
      if (opts.exitWhenEmpty) {
        const open = (await db.query("SELECT count(*)::int AS n FROM jobs WHERE state IN ('pending', 'running')")).rows[0].n as number;
        if (!open) break;
      }
      await sleep(poll);
    }
    await Promise.all(inflight);
  } finally {
    clearInterval(beat);
    await pool?.close();
  }
  report.seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return report;
}

