// `marsad worker --db postgres://…`: claims ingestion jobs from the PostgreSQL queue (queued by
// `marsad ingest --queue`), analyses and stores them. Run as many as you like, on any machines.
// SIGTERM or SIGINT: stop claiming, finish the jobs in flight, exit 0.
import { createError } from '../errors.js';
import { runWorker, queueStats } from '../queue/index.js';
import { dbPath, isPostgresUrl, openStoreAsync, redactUrl, type PostgresStore } from '../store/index.js';

export interface WorkerCliOptions {
  db?: string;
  concurrency?: number;
  exitWhenEmpty?: boolean;
  lease?: number;
  poll?: number;
  maxAttempts?: number;
  json?: boolean;
  quiet?: boolean;
}

export async function workerCommand(opts: WorkerCliOptions, { out, err }: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const db = dbPath(opts.db);
  if (!isPostgresUrl(db)) throw createError('E_BAD_OPTION', 'db', 'the queue lives in PostgreSQL: give --db postgres://… (or MARSAD_DB)');
  // a connection per job in flight, one for claims and heartbeats, one to spare
  const store = (await openStoreAsync({ db, poolSize: (opts.concurrency ?? 1) + 2 })) as PostgresStore;
  const stop = new AbortController();
  const onSignal = () => {
    if (!opts.quiet) err.write('worker: stopping after the jobs in flight\n');
    stop.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    if (!opts.quiet) err.write(`worker ${process.pid}: ${redactUrl(db)}, concurrency ${opts.concurrency ?? 1}\n`);
    const report = await runWorker(store, {
      concurrency: opts.concurrency,
      exitWhenEmpty: opts.exitWhenEmpty,
      leaseSeconds: opts.lease,
      pollMs: opts.poll,
      maxAttempts: opts.maxAttempts,
      signal: stop.signal,
      onJob: (id, status, error) => {
        if (status === 'failed' || status === 'retry') err.write(`worker: ${id}: ${status}${error ? ` (${error})` : ''}\n`);
      },
    });
    const stats = await queueStats(store.pool);
    if (opts.json) out.write(JSON.stringify({ db: redactUrl(db), ...report, queue: stats }, null, 2) + '\n');
    else
      out.write(
        `worker ${process.pid}: ${report.jobs} jobs — ${report.inserted} new, ${report.replaced} replaced, ${report.unchanged} unchanged, ${report.duplicate} duplicate, ` +
          `${report.failed} failed, ${report.retried} to retry, ${report.lost} taken over — ${report.seconds.toFixed(1)} s; ` +
          `queue: ${stats.pending} pending, ${stats.running} running, ${stats.done} done, ${stats.failed} failed\n`,
      );
    return report.failed ? 1 : 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await store.close();
  }
}
