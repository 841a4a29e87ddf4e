// Whole `analyze` pipeline throughput on one core over the bulk corpus: the text layer and every
// default stage, then the analysis writer. Also prints each stage's share of the time.
//   npx tsx bench/pipeline.ts [--limit N]
// With --big, instead: CPU ms of each stage on one very long page (the first bulk articles joined
// until the page has 17,000 and then 671,000 characters), to check that no stage is superlinear.
//   npx tsx bench/pipeline.ts --big [--sizes 17000,671000]
import { toAnalysis } from '../src/pipeline/analysis.js';
import { defaultStages } from '../src/pipeline/stages.js';
import { createDoc } from '../src/text/index.js';
import { cpuMs, fmt, loadBulk, timed, utf8Bytes } from './corpus.js';

if (process.argv.includes('--big')) {
  const k = process.argv.indexOf('--sizes');
  const sizes = (k > 0 ? process.argv[k + 1] : '17000,671000').split(',').map(Number);
  const pool = loadBulk(3000);
  const stages = defaultStages();
  // warm up: JIT, lexicons, models
  for (const a of pool.slice(0, 200)) {
    const d = createDoc({ id: a.id, text: a.text, published: a.published ?? null });
    for (const s of stages) {
      s.run(d);
      for (const l of s.assigns) d.layers.add(l);
    }
  }
  for (const size of sizes) {
    let text = '';
    for (const a of pool) {
      if (text.length >= size) break;
      text += a.text + '\n\n';
    }
    let c = cpuMs();
    const doc = createDoc({ id: `big-${size}`, text, published: '2015-01-01' });
    const ms: string[] = [`text layer ${fmt(cpuMs() - c, 0)}`];
    for (const s of stages) {
      c = cpuMs();
      s.run(doc);
      for (const l of s.assigns) doc.layers.add(l);
      ms.push(`${s.name} ${fmt(cpuMs() - c, 0)}`);
    }
    console.log(`page of ${fmt(text.length, 0)} characters, CPU ms: ${ms.join(', ')}`);
  }
  process.exit(0);
}

const i = process.argv.indexOf('--limit');
const limit = i > 0 ? Number(process.argv[i + 1]) : 20000;
const articles = loadBulk(limit);
const bytes = utf8Bytes(articles);
const stages = defaultStages();
const spent = new Map<string, number>([['text layer', 0], ['writer', 0]]);
for (const s of stages) spent.set(s.name, 0);

const runOne = (a: (typeof articles)[number]) => {
  let t = performance.now();
  const doc = createDoc({ id: a.id, text: a.text, published: a.published ?? null });
  let now = performance.now();
  spent.set('text layer', spent.get('text layer')! + now - t);
  for (const s of stages) {
    t = now;
    s.run(doc);
    for (const l of s.assigns) doc.layers.add(l);
    now = performance.now();
    spent.set(s.name, spent.get(s.name)! + now - t);
  }
  t = now;
  JSON.stringify(toAnalysis(doc));
  spent.set('writer', spent.get('writer')! + performance.now() - t);
};
for (const a of articles.slice(0, 300)) runOne(a); // warm up: JIT, lexicons, models
for (const k of spent.keys()) spent.set(k, 0);
const { wall, cpu } = timed(() => articles.forEach(runOne));
console.log(
  `pipeline (${stages.map((s) => s.name).join(' → ') || 'text layer only'}): ${articles.length} articles, ${fmt(bytes / 1e6)} MB; ` +
    `${fmt(cpu, 2)} s CPU (${fmt(wall, 2)} s wall) on one core -> ${fmt(articles.length / cpu, 0)} articles/s, ${fmt(bytes / 1e6 / cpu)} MB/s`,
);
const total = [...spent.values()].reduce((x, y) => x + y, 0);
console.log('  share of time: ' + [...spent].map(([k, v]) => `${k} ${fmt((100 * v) / total, 0)}%`).join(', '));
