// `npm run eval [-- --no-dateline] [-- --json]`: analyse the seed articles
// (../shared/corpora/seeds) with the datelines of ../shared/gold/seeds/meta.jsonl (a day, or the
// window the article was written in) and run the project's scorer over them. The scorer's last
// line is its one-line summary. With --no-dateline the datelines are withheld, to score inference.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toAnalysis } from '../src/pipeline/analysis.js';
import { getDefaultPipeline } from '../src/pipeline/analyze.js';

const shared = path.resolve(import.meta.dirname, '../../shared');
const seeds = path.join(shared, 'corpora/seeds');
const gold = path.join(shared, 'gold/seeds');
const args = process.argv.slice(2);
const withDateline = !args.includes('--no-dateline');

const meta = new Map<string, { published?: { date?: string; earliest?: string; latest?: string }; source?: string | null }>();
for (const line of fs.readFileSync(path.join(gold, 'meta.jsonl'), 'utf8').split('\n').filter(Boolean)) {
  const m = JSON.parse(line);
  meta.set(m.id, m);
}

const pipeline = getDefaultPipeline();
const out: string[] = [];
const t0 = performance.now();
for (const file of fs.readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort()) {
  const id = file.replace(/\.txt$/, '');
  const text = fs.readFileSync(path.join(seeds, file), 'utf8');
  const p = meta.get(id)?.published;
  const published = !withDateline || !p ? null : p.date ?? `${p.earliest}/${p.latest}`;
  out.push(JSON.stringify(toAnalysis(pipeline.run({ id, text, published, origin: path.join(seeds, file) }))));
}
const ms = performance.now() - t0;
const pred = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-eval-')), 'pred.jsonl');
fs.writeFileSync(pred, out.join('\n') + '\n');
console.log(`analysed ${out.length} seed articles in ${ms.toFixed(0)} ms (datelines ${withDateline ? 'given' : 'withheld'}) -> ${pred}`);
const r = spawnSync(process.execPath, [path.join(shared, 'eval/score.mjs'), '--gold', gold, '--texts', seeds, '--pred', pred, ...(args.includes('--json') ? ['--json'] : [])], { stdio: 'inherit' });
process.exit(r.status ?? 1);
