// `marsad ingest <paths…>`: read → analyse → store, with a progress bar on a terminal and plain
// lines otherwise.
import cliProgress from 'cli-progress';
import { ingest, type IngestProgress } from '../ingest/index.js';
import { dbPath, openStore } from '../store/index.js';
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
}

export async function ingestCommand(paths: string[], opts: IngestCliOptions, { out, err }: Io): Promise<number> {
  const store = openStore({ db: opts.db });
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
    if (opts.json) out.write(JSON.stringify({ db: dbPath(opts.db), ...report }, null, 2) + '\n');
    else
      out.write(
        `${dbPath(opts.db)}: ${report.read} read — ${report.inserted} new, ${report.replaced} replaced, ${report.unchanged} unchanged, ` +
          `${report.duplicate} duplicate, ${report.linked} linked as near-duplicates, ${report.failed} failed — ` +
          `${report.seconds.toFixed(1)} s, ${(report.read / Math.max(report.seconds, 1e-9)).toFixed(0)} articles/s\n`,
      );
    return report.failed ? 1 : 0;
  } finally {
    bar?.stop();
    await store.close();
  }
}
