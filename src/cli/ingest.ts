// `marsad ingest <paths…>`: read → analyse → store, with a progress bar on a terminal and plain
// lines otherwise.
import cliProgress from 'cli-progress';
import { ingest, readTargets, type IngestProgress } from '../ingest/index.js';
import { createError } from '../errors.js';
import { enqueue } from '../queue/index.js';
import { dbPath, isPostgresUrl, openStoreAsync, redactUrl, type PostgresStore } from '../store/index.js';
import { errorLine } from './report.js';

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}
export interface IngestCliOptions {
  db?: string;
  workers?: number;
  published?: string;
  force?: boolean;
  json?: boolean;
  progress?: boolean;
  /** Only queue the articles (PostgreSQL): `marsad worker` analyses and stores them. */
  queue?: boolean;
}

export async function ingestCommand(paths: string[], opts: IngestCliOptions, { out, err }: Io): Promise<number> {
  if (opts.queue) return queueCommand(paths, opts, { out, err });
  const store = await openStoreAsync({ db: opts.db });
  const shown = redactUrl(dbPath(opts.db));
  const tty = opts.progress ?? !!(err as NodeJS.WriteStream).isTTY;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: 'ingest {value}/{total} articles | {rate}/s | {stored} stored, {unchanged} unchanged, {failed} failed | {duration_formatted}', stream: err as NodeJS.WriteStream, fps: 5, noTTYOutput: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(0, 0, { rate: '0', stored: 0, unchanged: 0, failed: 0 });
  let lastLine = 0;
  let lastTime = 0;
  const onProgress = (p: IngestProgress) => {
    const done = p.stored + p.unchanged + p.failed;
    const rate = p.elapsed > 0 ? (done / p.elapsed).toFixed(0) : '0';
    if (bar) {
      bar.setTotal(p.read);
      bar.update(done, { rate, stored: p.stored, unchanged: p.unchanged, failed: p.failed });
    } else if (done - lastLine >= 1000 || (p.elapsed - lastTime >= 10 && done > lastLine)) {
      // off a terminal: a plain line every 1000 articles or 10 seconds
      lastLine = done;
      lastTime = p.elapsed;
      err.write(`ingest: ${done} done of ${p.read} read, ${p.stored} stored, ${p.unchanged} unchanged, ${p.failed} failed, ${rate}/s\n`);
    }
  };
  const onError = (_origin: string, e: unknown) => {
    // on a terminal, the message goes above the bar: clear the bar's line first
    err.write((bar ? '\r\x1b[K' : '') + errorLine(e) + '\n');
  };
  try {
    const report = await ingest(store, paths, { workers: opts.workers, published: opts.published, force: opts.force, onProgress, onError });
    bar?.stop();
    if (opts.json) out.write(JSON.stringify({ db: shown, ...report }, null, 2) + '\n');
    else
      out.write(
        `${shown}: ${report.read} read — ${report.inserted} new, ${report.replaced} replaced, ${report.unchanged} unchanged, ` +
          `${report.duplicate} duplicate, ${report.linked} linked as near-duplicates, ${report.failed} failed — ` +
          `${report.seconds.toFixed(1)} s, ${(report.read / Math.max(report.seconds, 1e-9)).toFixed(0)} articles/s\n`,
      );
    return report.failed ? 1 : 0;
  } finally {
    bar?.stop();
    await store.close();
  }
}

/** `marsad ingest --queue`: read the inputs and queue them for `marsad worker`. */
async function queueCommand(paths: string[], opts: IngestCliOptions, { out, err }: Io): Promise<number> {
  const db = dbPath(opts.db);
  if (!isPostgresUrl(db)) throw createError('E_BAD_OPTION', 'queue', 'the queue lives in PostgreSQL: give --db postgres://… (or MARSAD_DB)');
  const store = (await openStoreAsync({ db })) as PostgresStore;
  try {
    const r = await enqueue(store, readTargets(paths, { published: opts.published }), { force: opts.force, onError: (_o, e) => err.write(errorLine(e) + '\n') });
    if (opts.json) out.write(JSON.stringify({ db: redactUrl(db), ...r }, null, 2) + '\n');
    else
      out.write(
        `${redactUrl(db)}: ${r.read} read — ${r.queued} queued, ${r.already} already queued, ${r.unchanged} stored unchanged, ${r.failed} failed — ${r.seconds.toFixed(1)} s; run marsad worker\n`,
      );
    return r.failed ? 1 : 0;
  } finally {
    await store.close();
  }
}
