// Speed of the time stages against the text layer, over the bulk corpus (issue 3: "the temporal
// stage adds no more than 20% to the text layer's time per article").
//
//   npx tsx bench/temporal.ts [--limit N] [--rounds R]      (npm run bench -- temporal)
//
// Over the same articles (the first 5,000 of shared/corpora/bulk by default), one article at a
// time as analyzeArticle runs them, each round:
//   A  the text layer alone (createDoc for every article);
//   B  the text layer, then the dateline stage (which runs the time-expression matcher shared
//      with the temporal stage, and infers the dateline) and the temporal stage (resolution),
//      each timed apart for every article;
//   C  the same as B without the clock read around each phase.
// It prints the text layer's and the two stages' ms/article as B measures them, and their ratio;
// and the whole cost the stages add, C - A, against A (this also counts the garbage collection
// their allocations cause and what they do to the CPU caches the text layer uses).
// CPU time of this single-threaded process; the best of R rounds (default 3) for each figure,
// because the machine is shared and noisy.
import { createDatelineStage } from '../src/stages/dateline/index.js';
import { createTemporalStage } from '../src/stages/temporal/index.js';
import { createDoc } from '../src/text/index.js';
import { cpuMs, loadBulk, timeTimeStages } from './corpus.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const limit = arg('limit', 5000);
const rounds = arg('rounds', 3);
const articles = loadBulk(limit);
const n = articles.length;
const dateline = createDatelineStage({ now: '2026-11-22' });
const temporal = createTemporalStage();
const cpu = cpuMs;

// warm-up (lexicon and facts loading, JIT)
for (const a of articles.slice(0, 1000)) {
  const d = createDoc({ id: a.id, text: a.text });
  dateline.run(d);
  temporal.run(d);
}

// one clock read costs about a microsecond: each timed phase in B holds about one, taken off
const cc = (() => {
  const t0 = cpu();
  for (let i = 0; i < 20000; i++) cpu();
  return (cpu() - t0) / 20000;
})();

const best = { A: Infinity, C: Infinity, text: Infinity, dateline: Infinity, temporal: Infinity };
let nTimes = 0;
for (let r = 0; r < rounds; r++) {
  let t0 = cpu();
  let tokens = 0;
  for (const a of articles) tokens += createDoc({ id: a.id, text: a.text }).tokens.length;
  best.A = Math.min(best.A, cpu() - t0);

  const t = timeTimeStages(articles, dateline, temporal);
  let times = t.times;
  nTimes = times;
  best.text = Math.min(best.text, t.text - n * cc);
  best.dateline = Math.min(best.dateline, t.dateline - n * cc);
  best.temporal = Math.min(best.temporal, t.temporal - n * cc);

  t0 = cpu();
  for (const a of articles) {
    const d = createDoc({ id: a.id, text: a.text });
    dateline.run(d);
    temporal.run(d);
    times += d.times.length;
  }
  best.C = Math.min(best.C, cpu() - t0);
  void tokens;
}

const ms = (x: number) => (x / n).toFixed(3);
const stages = best.dateline + best.temporal;
console.log(`temporal benchmark: ${n} bulk articles, one at a time, CPU time, best of ${rounds} rounds; ${(nTimes / n).toFixed(1)} times per article; clock read ${(1000 * cc).toFixed(2)} µs`);
console.log(`  text layer ${ms(best.text)} ms/article; dateline stage ${ms(best.dateline)} + temporal stage ${ms(best.temporal)} = ${ms(stages)} ms/article`);
console.log(`  time stages / text layer: ${((100 * stages) / best.text).toFixed(1)}%`);
console.log(`  whole cost added: text layer alone ${ms(best.A)} ms/article, with the stages ${ms(best.C)} -> +${((100 * (best.C - best.A)) / best.A).toFixed(1)}%`);
