// Search latency over 100,000 articles: the bulk corpus (~69,000) topped up with copies under new
// ids (and a marked title, so they are stored as articles, not as aliases of the originals).
// The index is built once into a cached database (the text layer only: search needs no stages;
// one transaction per article through the store), then a fixed set of queries (common and rare
// words, phrases, alternatives, diacritics) runs several times; p50/p99 over all runs.
//   npx tsx bench/search.ts [--articles N] [--rebuild] [--db PATH]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordOf } from '../src/ingest/prepare.js';
import { toAnalysis } from '../src/pipeline/analysis.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { createDoc } from '../src/text/index.js';
import { fmt, loadBulk, SEARCH_QUERIES as QUERIES } from './corpus.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const target = Number(arg('articles') ?? 100_000);
const file = arg('db') ?? path.join(os.tmpdir(), `marsad-bench-search-${target}.db`);

if (process.argv.includes('--rebuild')) for (const f of [file, file + '-wal', file + '-shm']) fs.rmSync(f, { force: true });
if (!fs.existsSync(file)) {
  const bulk = loadBulk(target);
  const store = openSqliteStore(file);
  const t0 = performance.now();
  for (let i = 0; i < target; i++) {
    const a = bulk[i % bulk.length];
    const copy = Math.floor(i / bulk.length);
    const input = {
      id: copy ? `${a.id}#copy${copy}` : a.id,
      text: a.text,
      title: copy ? `${a.title ?? ''} (نسخة ${copy})` : (a.title ?? null),
      source: a.source ?? null,
      published: a.published ?? null,
    };
    const doc = createDoc(input);
    store.put(recordOf(toAnalysis(doc), doc.text, input));
    if ((i + 1) % 10000 === 0) console.log(`  built ${i + 1} (${fmt((i + 1) / ((performance.now() - t0) / 1000), 0)}/s)`);
  }
  await store.close();
  console.log(`index built: ${target} articles in ${fmt((performance.now() - t0) / 1000, 0)} s`);
}

const store = openSqliteStore(file, { readonly: true });
const counts = await store.counts();
const times: number[] = [];
let hits = 0;
for (let round = 0; round < 6; round++)
  for (const q of QUERIES) {
    const t0 = performance.now();
    const r = await store.search({ text: q, limit: 20 });
    const ms = performance.now() - t0;
    if (round > 0) times.push(ms); // round 0 warms the caches and the stemmer
    hits += r.length;
  }
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
await store.close();
console.log(
  `search: ${counts.articles} articles (${fmt(fs.statSync(file).size / 1e6, 0)} MB database), ${QUERIES.length} queries x 5 runs, top 20 with snippets: ` +
    `p50 ${fmt(pct(0.5), 2)} ms, p90 ${fmt(pct(0.9), 2)} ms, p99 ${fmt(pct(0.99), 2)} ms, max ${fmt(times.at(-1)!, 2)} ms`,
);
console.log(`memory: peak RSS ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB; load average ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}`);
