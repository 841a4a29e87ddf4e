// End-to-end ingest over the bulk corpus (../shared/corpora/bulk/*.jsonl.gz): read, analyse in
// worker threads, store in a fresh SQLite database, or the PostgreSQL database `--db` names
// (postgres://…, best a fresh one; several whole articles to a transaction where the store has
// putMany: `--batch`, default 128). Prints articles/s, the CPU the process spent (main thread and
// workers), and the process's peak memory (workers included).
//   npx tsx bench/ingest.ts [--limit N | --all] [--workers N] [--batch N] [--db PATH|postgres://…] [--keep]   (default: 5,000 articles)
// With --store-only: the store's own cost. The articles are analysed first (not timed), then
// written to a fresh database `--batch` at a time (1: `put`, one transaction each), timed alone.
//   npx tsx bench/ingest.ts --store-only [--limit N] [--batch N]
// It also prints the CPU an article of each tenth of the writing, which should stay flat as the store grows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest, readTargets, type InputResult } from '../src/ingest/index.js';
import { createPool } from '../src/ingest/pool.js';
import { articleId } from '../src/ingest/prepare.js';
import { isPostgresUrl, openStoreAsync, type Store } from '../src/store/index.js';
import { BULK, fmt } from './corpus.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const limit = process.argv.includes('--all') ? Infinity : Number(arg('limit') ?? 5000);
const workers = arg('workers') != null ? Number(arg('workers')) : undefined;
const batch = arg('batch') != null ? Number(arg('batch')) : undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-bench-ingest-'));
const file = arg('db') ?? path.join(tmp, 'bench.db');

async function* limited(src: AsyncIterable<InputResult>, n: number): AsyncGenerator<InputResult> {
  let i = 0;
  for await (const r of src) {
    if (i++ >= n) return;
    yield r;
  }
}

const files = fs.readdirSync(BULK).filter((f) => f.endsWith('.jsonl.gz')).sort().map((f) => path.join(BULK, f));

if (process.argv.includes('--store-only')) {
  const pool = createPool(workers ?? os.availableParallelism());
  const jobs = [];
  for await (const r of limited(readTargets(files), limit)) if (r.ok) jobs.push(pool.analyze({ ...r.article, id: articleId(r.article) }));
  const records = await Promise.all(jobs);
  await pool.close();
  const store = await openStoreAsync({ db: file });
  const n = batch ?? 128;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // the cost of each tenth of the run: it should not grow with the store
  const tenth = Math.max(n, Math.ceil(records.length / 10 / n) * n);
  const tenths: string[] = [];
  let cT = process.cpuUsage();
  for (let i = 0; i < records.length; i += n) {
    if (n === 1) await store.put(records[i]);
    else await (store as Required<Store>).putMany(records.slice(i, i + n));
    const done = Math.min(i + n, records.length);
    if (done % tenth === 0 || done === records.length) {
      const c = process.cpuUsage(cT);
      tenths.push(`${done}: ${fmt((c.user + c.system) / 1000 / (done - (Math.ceil(done / tenth) - 1) * tenth), 2)}`);
      cT = process.cpuUsage();
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const counts = await store.counts();
  await store.close();
  console.log(
    `store only: ${records.length} analysed articles written ${n} to a transaction: ${fmt(((cpu.user + cpu.system) / 1000) / records.length, 2)} ms CPU ` +
      `(${fmt(cpu.system / 1000 / records.length, 2)} of it system), ${fmt(ms / records.length, 2)} ms wall an article; ${counts.stories} stories, ${counts.links} links; ` +
      `load average now ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}`,
  );
  console.log(`store only, ms CPU an article after each tenth (the store's size): ${tenths.join(', ')}`);
  if (!process.argv.includes('--keep') && !arg('db')) fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}

const store = await openStoreAsync({ db: file });
const c0 = process.cpuUsage();
const report = await ingest(store, limited(readTargets(files), limit), { workers, batch });
const cpu = process.cpuUsage(c0);
const counts = await store.counts();
await store.close();
const size = isPostgresUrl(file) ? NaN : fs.statSync(file).size;
const peak = process.resourceUsage().maxRSS / 1024;
console.log(
  `ingest: ${report.read} articles in ${fmt(report.seconds, 1)} s -> ${fmt(report.read / report.seconds, 0)} articles/s end to end ` +
    `(${workers ?? os.availableParallelism()} analysis workers, ${os.availableParallelism()} cores, ${store.kind}, ${batch ?? (store.putMany ? 128 : 1)} articles a transaction); ` +
    `${report.inserted} stored, ${report.duplicate} duplicate, ${report.linked} linked as near-duplicates, ${report.failed} failed`,
);
console.log(
  `store: ${counts.articles} articles, ${counts.mentions} mentions, ${counts.events} events in ${counts.stories} stories, ${counts.quantities} figures, ` +
    `${counts.quotes} quotes${Number.isNaN(size) ? '' : `; database ${fmt(size / 1e6, 0)} MB`}`,
);
const cpuS = (cpu.user + cpu.system) / 1e6;
const cores = os.availableParallelism();
console.log(
  `cpu: ${fmt(cpuS, 1)} s of CPU for the whole process (${fmt((cpuS * 1000) / report.read, 2)} ms an article) -> ` +
    `${fmt((cores * report.read) / cpuS, 0)} articles/s on ${cores} idle cores; load average now ${os.loadavg().map((x) => fmt(x, 1)).join(' ')} (other work shares the machine)`,
);
console.log(`store: ${fmt(report.storeSeconds, 1)} s of the ${fmt(report.seconds, 1)} s writing (${fmt((100 * report.storeSeconds) / report.seconds, 0)}%, on the main thread)`);
console.log(`memory: peak RSS ${fmt(peak, 0)} MB (main thread and workers)`);
if (!process.argv.includes('--keep') && !arg('db')) fs.rmSync(tmp, { recursive: true, force: true });
