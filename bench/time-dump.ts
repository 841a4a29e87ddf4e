// Identity check for speed work on the time stages: runs the text layer, the dateline stage
// (now 2026-11-22) and the temporal stage over bulk and dev articles and writes one JSON line
// per document: published, segments, times. Compare two trees' output with cmp.
//
//   npx tsx bench/time-dump.ts [--bulk N] > /tmp/out.jsonl
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createDatelineStage } from '../src/stages/dateline/index.js';
import { createTemporalStage } from '../src/stages/temporal/index.js';
import { createDoc } from '../src/text/index.js';
import { SHARED, loadBulk } from './corpus.js';

const i = process.argv.indexOf('--bulk');
const nBulk = i > 0 ? Number(process.argv[i + 1]) : 6000;
const dateline = createDatelineStage({ now: '2026-11-22' });
const temporal = createTemporalStage();
const out: string[] = [];
function one(tag: string, id: string, text: string, published: string | null): void {
  const d = createDoc({ id, text, published: published ?? undefined });
  dateline.run(d);
  temporal.run(d);
  out.push(JSON.stringify({ tag, id, published: d.published, segments: d.segments, times: d.times }));
}
const bulk = loadBulk(nBulk);
for (const a of bulk) one('bulk', a.id, a.text, null);
for (const a of bulk.slice(0, 2000)) if (a.published) one('bulk+given', a.id, a.text, a.published);
const dev = zlib
  .gunzipSync(fs.readFileSync(path.join(SHARED, 'corpora/news/dev.jsonl.gz')))
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
for (const r of dev) {
  if (!r.text) continue;
  one('dev', r.id, r.text, null);
  if (r.published) one('dev+given', r.id, r.text, r.published);
}
process.stdout.write(out.join('\n') + '\n');
