// Does the time to analyse an article grow no faster than its length? (issue 9) The same
// hostile inputs as test/hostile (test/hostile/cases.ts): one long line without punctuation and
// an article of ordinary news sentences, cut at growing sizes; each size runs the text layer and
// every stage, timed on this process's CPU clock. Prints ms per 100k characters per stage: flat
// columns mean linear time. The `growth` row is each column's rate at the largest size over its
// lowest rate at any size; the verdict takes the total's (≤ 2 passes). The small stages' growth
// is noisy (a few ms per 100k); look at the stages that cost.
// A third input is real news: the bulk corpus's articles joined into one page (--bulk-max 0: off).
//   npx tsx bench/linearity.ts [--max 10000000] [--line-max 1000000] [--bulk-max 3000000]
import { toAnalysis } from '../src/pipeline/analysis.js';
import { defaultStages } from '../src/pipeline/stages.js';
import { createDoc } from '../src/text/index.js';
import { hostileCases } from '../test/hostile/cases.js';
import { cpuMs, fmt, loadBulk } from './corpus.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const stages = defaultStages();
const cases = hostileCases();
// real news too: the bulk corpus's articles one after another as one page (many entities, dates,
// figures, quotes and events, where the hostile article repeats three sentences)
const bulkMax = arg('bulk-max', 3_000_000);
let bulk = '';
if (bulkMax > 0) for (const a of loadBulk(10_000)) if ((bulk += a.text + '\n\n').length >= bulkMax) break;
const inputs = [
  { name: 'article', text: cases.find((c) => c.file === 'article-10mb.txt')!.bytes.toString('utf8'), max: arg('max', 10_000_000), from: 100_000 },
  { name: 'one line', text: cases.find((c) => c.file === 'line-1mb.txt')!.bytes.toString('utf8'), max: arg('line-max', 1_000_000), from: 25_000 },
  { name: 'bulk page', text: bulk, max: Math.min(bulkMax, bulk.length), from: 100_000 },
].filter((x) => x.max > 0);

// warm up the models, the lexicons and the compiler on each input at its smallest size, so that
// the first row measures the same steady state as the last (a cold first row made the ratio small)
for (const input of inputs) {
  const doc = createDoc({ id: 'warm', text: input.text.slice(0, input.from), published: '2025-01-10' });
  for (const s of stages) {
    s.run(doc);
    for (const l of s.assigns) doc.layers.add(l);
  }
  JSON.stringify(toAnalysis(doc));
}

let worst = 0;
for (const input of inputs) {
  const rows: { size: number; per: Map<string, number> }[] = [];
  for (let size = input.from; size <= input.max; size *= size * 3 > input.max && size < input.max ? input.max / size : 3) {
    const text = input.text.slice(0, Math.round(size));
    const per = new Map<string, number>();
    let t = cpuMs();
    const doc = createDoc({ id: `${input.name}-${size}`, text, published: '2025-01-10' });
    let now = cpuMs();
    per.set('text', now - t);
    for (const s of stages) {
      t = now;
      s.run(doc);
      for (const l of s.assigns) doc.layers.add(l);
      now = cpuMs();
      per.set(s.name, now - t);
    }
    t = now;
    JSON.stringify(toAnalysis(doc));
    per.set('writer', cpuMs() - t);
    per.set('total', [...per.values()].reduce((a, b) => a + b, 0));
    rows.push({ size: text.length, per });
    // each size as soon as it is done (a superlinear stage shows before the largest size ends)
    const names = [...per.keys()];
    if (rows.length === 1) {
      console.log(`\n${input.name}: ms of CPU per 100k characters`);
      console.log(['chars', ...names].map((n) => n.padStart(10)).join(''));
    }
    console.log([fmt(text.length, 0), ...names.map((n) => fmt((per.get(n)! * 100_000) / text.length, 1))].map((x) => x.padStart(10)).join(''));
    if (size >= input.max) break;
  }
  // growth: the rate at the largest size over the lowest rate at any size (a fixed cost per
  // article makes the small sizes dear, which would hide a stage that grows after them)
  const rate = (r: (typeof rows)[number], n: string) => (r.per.get(n)! * 100_000) / r.size;
  const growth = (n: string) => rate(rows.at(-1)!, n) / Math.min(...rows.map((r) => rate(r, n)));
  const names = [...rows[0].per.keys()];
  console.log(['growth', ...names.map((n) => fmt(growth(n), 2))].map((x) => x.padStart(10)).join(''));
  const ratio = growth('total');
  worst = Math.max(worst, ratio);
  console.log(`${input.name}: ${fmt(rows.at(-1)!.size / 1e6, 1)} MB in ${fmt(rows.at(-1)!.per.get('total')! / 1000, 1)} s; rate at the largest size / the lowest rate = ${fmt(ratio, 2)}`);
}
console.log(`\nlinearity: worst growth of the per-character cost ${fmt(worst, 2)}x (${worst <= 2 ? 'linear' : 'SUPERLINEAR'})`);
