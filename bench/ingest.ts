// End-to-end ingest over the bulk corpus (../shared/corpora/bulk/*.jsonl.gz): read, analyse in
// worker threads, store in a fresh SQLite database (one transaction per article). Prints
// articles/s, the share spent waiting on the store, and the process's peak memory (workers included).
//   npx tsx bench/ingest.ts [--limit N | --all] [--workers N] [--db PATH] [--keep]   (default: 5,000 articles)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingest, readTargets, type InputResult } from '../src/ingest/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { BULK, fmt } from './corpus.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const limit = process.argv.includes('--all') ? Infinity : Number(arg('limit') ?? 5000);
const workers = arg('workers') != null ? Number(arg('workers')) : undefined;
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
const store = openSqliteStore(file);
const c0 = process.cpuUsage();
const report = await ingest(store, limited(readTargets(files), limit), { workers });
const cpu = process.cpuUsage(c0);
const counts = await store.counts();
await store.close();
const size = fs.statSync(file).size;
const peak = process.resourceUsage().maxRSS / 1024;
console.log(
  `ingest: ${report.read} articles in ${fmt(report.seconds, 1)} s -> ${fmt(report.read / report.seconds, 0)} articles/s end to end ` +
    `(${workers ?? os.availableParallelism()} analysis workers, ${os.availableParallelism()} cores); ` +
    `${report.inserted} stored, ${report.duplicate} duplicate, ${report.linked} linked as near-duplicates, ${report.failed} failed`,
);
console.log(
  `store: ${counts.articles} articles, ${counts.mentions} mentions, ${counts.events} events in ${counts.stories} stories, ${counts.quantities} figures, ` +
    `${counts.quotes} quotes; database ${fmt(size / 1e6, 0)} MB`,
);
const cpuS = (cpu.user + cpu.system) / 1e6;
const cores = os.availableParallelism();
console.log(
  `cpu: ${fmt(cpuS, 1)} s of CPU for the whole process (${fmt((cpuS * 1000) / report.read, 2)} ms an article) -> ` +
    `${fmt((cores * report.read) / cpuS, 0)} articles/s on ${cores} idle cores; load average now ${os.loadavg().map((x) => fmt(x, 1)).join(' ')} (other work shares the machine)`,
);
console.log(`memory: peak RSS ${fmt(peak, 0)} MB (main thread and workers)`);
if (!process.argv.includes('--keep') && !arg('db')) fs.rmSync(tmp, { recursive: true, force: true });
