// The HTTP API under load: `marsad serve` over a store of 100,000 analysed articles (the bulk
// corpus, ~69,000, topped up with copies under new ids and marked titles), hit by autocannon with
// a rotating set of timeline and search requests. Prints latency percentiles over every response,
// errors, throughput and the server's memory (RSS sampled each second) over the run.
//   npx tsx bench/api.ts [--articles N] [--connections 20] [--seconds 30] [--cached-only] [--no-hardening] [--rebuild] [--db PATH] [--identity]
// (the last phase, issue 9: 50 clients for 60 s on the mixed URLs)
// Requests say `Accept-Encoding: gzip`, as every browser does (the server then sends the gzipped
// answer it keeps); --identity asks for plain JSON. The client runs on the same 2 cores: with
// plain JSON it spends more time reading the answers than the server spends making them.
// The database is built once (full analysis in worker threads; a copy reuses its original's
// analysis) and cached in the temp folder.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { recordOf } from '../src/ingest/prepare.js';
import { createPool } from '../src/ingest/pool.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { fmt, loadBulk } from './corpus.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const target = Number(arg('articles') ?? 100_000);
const connections = Number(arg('connections') ?? 20);
const seconds = Number(arg('seconds') ?? 30);
const file = arg('db') ?? path.join(os.tmpdir(), `marsad-bench-api-${target}.db`);
const ROOT = path.resolve(import.meta.dirname, '..');

if (process.argv.includes('--rebuild')) for (const f of [file, file + '-wal', file + '-shm']) fs.rmSync(f, { force: true });
if (!fs.existsSync(file)) await build();

async function build() {
  const bulk = loadBulk(target);
  const store = openSqliteStore(file + '.part');
  const pool = createPool(Math.max(1, os.availableParallelism()));
  const t0 = performance.now();
  let stored = 0;
  const originals = Math.min(bulk.length, target);
  const copiesPer = Math.ceil(target / originals) - 1;
  const input = (i: number) => ({ id: bulk[i].id, text: bulk[i].text, title: bulk[i].title ?? null, source: bulk[i].source ?? null, published: bulk[i].published ?? null });
  const jobs = bulk.slice(0, originals).map((_, i) => () => pool.analyze(input(i)));
  let next = 0;
  const queue: { i: number; job: Promise<Awaited<ReturnType<typeof pool.analyze>>> }[] = [];
  while (next < originals || queue.length) {
    while (next < originals && queue.length < 32) queue.push({ i: next, job: jobs[next++]() });
    const { i, job } = queue.shift()!;
    let rec;
    try {
      rec = await job;
    } catch {
      continue; // an article the pipeline refuses is not stored (the ingest bench counts those)
    }
    store.put(rec);
    stored++;
    // copies of the first originals top the store up to exactly `target`
    for (let c = 1; c <= copiesPer && (c - 1) * originals + i < target - originals; c++) {
      const inp = { ...input(i), id: `${bulk[i].id}#copy${c}`, title: `${bulk[i].title ?? ''} (نسخة ${c})` };
      store.put(recordOf({ ...rec.analysis, id: inp.id, title: inp.title }, rec.text, inp));
      stored++;
    }
    if (stored % 10_000 < 1 + copiesPer) console.log(`  stored ${stored} (${fmt(stored / ((performance.now() - t0) / 1000), 0)}/s)`);
  }
  await pool.close();
  await store.close();
  fs.renameSync(file + '.part', file);
  for (const x of ['-wal', '-shm']) fs.rmSync(file + '.part' + x, { force: true });
  console.log(`database built: ${stored} articles in ${fmt((performance.now() - t0) / 1000, 0)} s`);
}

// ---- the requests: timelines with different filters, searches with different words ----
const reader = openSqliteStore(file); // read-write once: applies new migrations
const counts = await reader.counts();
const topEntities = (await reader.entityList({ limit: 40 })).items.map((e) => e.kb ?? e.key);
await reader.close();
const TYPES = ['CONSULT', 'AGREE', 'AID', 'RETREAT', 'MOBILIZE', 'ASSAULT', 'REQUEST'];
const WORDS = ['العراق', 'الحكومة', 'الاتفاقات', 'حلف شمال الأطلسي', '"وزير الخارجية"', 'الانتخابات البرلمانية', 'النفط أو الغاز', 'داعش',
  'انسحاب القوات الأمريكية', 'مجلس الأمن', 'كرة القدم', 'ارتفاع أسعار', 'الأمم المتحدة', 'اللاجئين', 'فيروس', 'الإرهاب', 'التحالف الدولي', 'بغداد',
  'ولي العهد', 'مؤتمر صحفي', 'الجامعة العربية', 'وزارة الداخلية', 'هجوم صاروخي', 'ترامب', 'الحوثيين'];
const paths: { kind: 'timeline' | 'search'; path: string }[] = [];
for (let y = 2008; y <= 2024; y++) paths.push({ kind: 'timeline', path: `/api/timeline?from=${y}-01-01&to=${y}-12-31&limit=200` });
for (const e of topEntities) paths.push({ kind: 'timeline', path: `/api/timeline?entity=${encodeURIComponent(e)}&limit=200` });
for (const t of TYPES) paths.push({ kind: 'timeline', path: `/api/timeline?type=${t}&limit=200` });
paths.push({ kind: 'timeline', path: '/api/timeline' });
for (const w of WORDS) paths.push({ kind: 'search', path: `/api/search?q=${encodeURIComponent(w)}` });
for (const w of WORDS.slice(0, 10)) paths.push({ kind: 'search', path: `/api/search?kind=event&q=${encodeURIComponent(w)}` });

// ---- the server, in its own process ----
const port = 20000 + Math.floor(Math.random() * 20000);
// the server in its own process; `cacheMb` 0 measures every answer computed afresh
let server: ReturnType<typeof spawn>;
async function startServer(cacheMb: number) {
  server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve', '--db', file, '--port', String(port), '--rate-limit', '0', '--cache-mb', String(cacheMb)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => String(d).includes('serving') && resolve());
    server.once('exit', (c) => reject(new Error(`server exited (${c})`)));
  });
}
async function stopServer() {
  const done = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await done;
}
const rss = () => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function load(label: string, conns: number, secs: number, only?: 'timeline' | 'search') {
  const list = only ? paths.filter((p) => p.kind === only) : paths;
  let n = 0;
  const lat: number[] = [];
  const samples: number[] = [rss()];
  const sampler = setInterval(() => samples.push(rss()), 1000);
  const inst: any = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: conns,
    duration: secs,
    headers: process.argv.includes('--identity') ? {} : { 'accept-encoding': 'gzip' },
    requests: [{ setupRequest: (req: any) => ({ ...req, path: list[n++ % list.length].path }) }],
  });
  inst.on('response', (_c: unknown, _status: number, _bytes: number, ms: number) => lat.push(ms));
  const r = await inst;
  clearInterval(sampler);
  samples.push(rss());
  lat.sort((a, b) => a - b);
  const p = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))];
  const non2xx = r.non2xx + r.errors + r.timeouts;
  console.log(
    `${label}: ${conns} clients x ${secs} s over ${list.length} URLs: ${r.requests.total} requests (${fmt(r.requests.average, 0)}/s), ` +
      `errors ${non2xx}; latency p50 ${fmt(p(0.5), 0)} ms, p95 ${fmt(p(0.95), 0)} ms, p99 ${fmt(p(0.99), 0)} ms, max ${fmt(lat.at(-1) ?? NaN, 0)} ms; ` +
      `server RSS ${fmt(samples[0], 0)} → ${fmt(samples.at(-1)!, 0)} MB (max ${fmt(Math.max(...samples), 0)})`,
  );
  return { p95: p(0.95), p99: p(0.99), errors: non2xx };
}

console.log(`api: ${counts.articles} articles, ${counts.stories} story events (${fmt(fs.statSync(file).size / 1e6, 0)} MB database); ${os.availableParallelism()} cores; load ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}; answers ${process.argv.includes('--identity') ? 'plain' : 'gzip (Accept-Encoding: gzip)'}`);
// 1. every answer computed (no answer cache): what a first reader of each URL waits
if (!process.argv.includes('--cached-only')) {
await startServer(0);
try {
  await load('no cache: warm-up', 4, 5);
  await load('no cache: timeline', connections, seconds, 'timeline');
  await load('no cache: search', connections, seconds, 'search');
} finally {
  await stopServer();
}
}
// 2. as served by default (answers kept until the data changes)
await startServer(256);
try {
  await load('cached: warm-up', 4, 5);
  await load('cached: timeline', connections, seconds, 'timeline');
  await load('cached: search', connections, seconds, 'search');
  await load('cached: mixed', connections, seconds);
  if (!process.argv.includes('--no-hardening')) await load('hardening (issue 9): mixed', 50, 60);
} finally {
  await stopServer();
}
