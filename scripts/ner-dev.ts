// Held-out development runs of the NER tagger: for each block K (tenths of train.conll), train on
// the other nine tenths and score the K-th; prints P/R/F1 per block and the mean F1.
//   npx tsx scripts/ner-dev.ts [--blocks 9,0,4] [--epochs N] [--seeds K] [--folds N]
//                              [--window N] [--every] [--save-dir DIR [--prune X]] [--no-triggers] [--no-kb]
//                              [--spans [--spans-from pass2] [--span-scores]]
//                              [--augment COPIES [--augment-p P] [--augment-types ORG,MISC]]
// --save-dir scores the model as shipped: saved (rounded, pruned below X hundredths) and reloaded.
// test.conll is never read here.
import { readConll, scoreSpans } from '../src/stages/ner/conll.js';
import { defaultDataDir, loadLexicon } from '../src/stages/ner/lexicon.js';
import { trainTagger } from '../src/stages/ner/train.js';
import { NerModel } from '../src/stages/ner/model.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const flag = (name: string) => args.includes(`--${name}`);
const blocks = opt('blocks', '9,0,4').split(',').map(Number);
const all = readConll(opt('train', '../shared/corpora/ner/anercorp-camel/train.conll'));
const lex = loadLexicon(opt('data-dir', defaultDataDir()), { gazetteers: true, clusters: true, autoFile: opt('autogaz', ''), triggers: !flag('no-triggers'), kb: !flag('no-kb') });
const f1s: number[] = [];
const pct = (x: number) => (100 * x).toFixed(2);
for (const b of blocks) {
  const lo = Math.floor((all.length * b) / 10);
  const hi = Math.floor((all.length * (b + 1)) / 10);
  const train = [...all.slice(0, lo), ...all.slice(hi)];
  const held = all.slice(lo, hi);
  const t0 = performance.now();
  const trained = trainTagger(train, lex, {
    epochs: Number(opt('epochs', '10')),
    seed: Number(opt('seed', '1')),
    seeds: Number(opt('seeds', '1')),
    folds: Number(opt('folds', '5')),
    window: Number(opt('window', '10')),
    spans: flag('spans'),
    spansFrom: opt('spans-from', 'pass1') === 'pass2' ? 'pass2' : 'pass1',
    spanScores: flag('span-scores'),
    augment: Number(opt('augment', '0')) > 0 ? { copies: Number(opt('augment', '0')), p: Number(opt('augment-p', '0.5')), types: opt('augment-types', '') ? opt('augment-types', '').split(',') : undefined } : undefined,
    log: flag('verbose') ? (s) => console.log(s) : undefined,
    onEpoch: flag('every')
      ? (ep, m) => {
          const sc = scoreSpans(held.map((s) => s.tags), m.tagSentences(held.map((s) => s.tokens), lex, Number(opt('window', '10'))));
          console.log(`  block ${b} epoch ${ep}: F1 ${pct(sc.overall.f1)}`);
        }
      : undefined,
  });
  let model = trained;
  if (opt('save-dir', '')) {
    // the model as shipped: saved (weights rounded, small ones pruned) and loaded again
    const file = `${opt('save-dir', '')}/block${b}.tsv.gz`;
    trained.save(file, Number(opt('prune', '0')));
    model = NerModel.load(file);
  }
  const pred = model.tagSentences(held.map((s) => s.tokens), lex, Number(opt('window', '10')));
  const sc = scoreSpans(held.map((s) => s.tags), pred);
  const o = sc.overall;
  f1s.push(100 * o.f1);
  const types = Object.entries(sc.byType).map(([k, v]) => `${k} ${pct(v.precision)}/${pct(v.recall)}/${pct(v.f1)}`).join('  ');
  console.log(`block ${b}: P ${pct(o.precision)} R ${pct(o.recall)} F1 ${pct(o.f1)}  [${types}]  ${((performance.now() - t0) / 1000).toFixed(0)}s`);
}
console.log(`mean F1 ${(f1s.reduce((a, b) => a + b, 0) / f1s.length).toFixed(2)} over blocks ${blocks.join(',')} ${args.join(' ')}`);
