// Train the NER tagger (src/stages/ner; design and figures in docs/ner.md).
//   npm run train:ner                 train on all of train.conll, write data/ner/model.tsv.gz
//                                     (deterministic: seed 1, 10 epochs; about a minute)
// Options (after `--`):
//   --epochs N --seed S --min-count N  training settings; --out FILE writes the model elsewhere
//   --seeds K                         average K perceptrons trained with different shuffles (default 5)
//   --prune X                         leave out features whose weights are all within ±X hundredths (default 50)
//   --augment N [--augment-p P]       N copies of the data with mentions swapped for others of their type
//                                     (src/stages/ner/augment.ts), each mention with probability P
//   --spans --spans-from pass2 --span-scores
//                                     add the span pass (src/stages/ner/spans.ts; docs/ner.md session 6:
//                                     +0.35 test F1 but 20% off the pipeline's speed, so not the default),
//                                     trained on jackknifed second-pass tags (pass1: first-pass tags) with
//                                     the token pass's emission scores
//   --dev [--dev-block K]             hold out the K-th tenth of train.conll (default the last),
//                                     train on the rest and print the held-out P/R/F1 every epoch
//                                     (--save also writes that model)
//   --no-stack --crf [--eta --c2]     one pass only; an SGD-trained CRF instead of the perceptron
//   --no-gazetteers --no-clusters     leave those features out
//   --build-clusters [--clusters-only] [--cluster-vocab N --cluster-min-count N --cluster-contexts N --cluster-dims N]
//                                     rebuild data/ner/clusters.tsv.gz from shared/corpora/bulk first
//   --build-triggers [--triggers-only] [--triggers-out FILE] rebuild data/ner/triggers.tsv.gz from shared/corpora/bulk first
//   --build-kb-gazetteer [--kb-only]  rebuild data/ner/gazetteer-kb.tsv from data/kb/*.jsonl first
//   --build-autogaz [--harvest-articles N] [--autogaz FILE]
//                                     self-training experiment: harvest names from the bulk news with
//                                     a model trained without them (not used by the shipped model)
// test.conll is never read here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildClusters } from '../src/stages/ner/clusters.js';
import { readConll, scoreSpans } from '../src/stages/ner/conll.js';
import { harvestNames } from '../src/stages/ner/harvest.js';
import {
  AUTO_GAZETTEER_FILE,
  CLUSTER_FILE,
  defaultDataDir,
  lexiconFingerprint,
  loadLexicon,
  KB_GAZETTEER_FILE,
  MODEL_FILE,
  TRIGGER_FILE,
} from '../src/stages/ner/lexicon.js';
import { trainTagger } from '../src/stages/ner/train.js';
import { buildTriggers, TRIGGER_KINDS } from '../src/stages/ner/triggers.js';
import { normalizeString } from '../src/text/normalize.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const flag = (name: string) => args.includes(`--${name}`);

const TRAIN = opt('train', '../shared/corpora/ner/anercorp-camel/train.conll');
export const DEFAULT_EPOCHS = 10;
const epochs = Number(opt('epochs', String(DEFAULT_EPOCHS)));
const seed = Number(opt('seed', '1'));
export const DEFAULT_SEEDS = 5;
const seeds = Number(opt('seeds', String(DEFAULT_SEEDS)));
export const DEFAULT_PRUNE = 50;
const prune = Number(opt('prune', String(DEFAULT_PRUNE)));
const minCount = Number(opt('min-count', '1'));
export const DEFAULT_AUGMENT = 0;
const augmentCopies = Number(opt('augment', String(DEFAULT_AUGMENT)));
const augmentP = Number(opt('augment-p', '0.5'));
const dev = flag('dev');
const dataDir = defaultDataDir();
const out = opt('out', join(dataDir, MODEL_FILE));

if (flag('build-clusters')) {
  // Rebuild data/ner/clusters.tsv.gz from the unlabelled news (takes a few minutes).
  const files = ['ant_corpus.jsonl.gz', 'saudinewsnet.jsonl.gz'].map((f) => join(opt('bulk', '../shared/corpora/bulk'), f));
  const t = performance.now();
  const clusters = await buildClusters(files, {
    seed,
    maxArticles: Number(opt('max-articles', '0')) || undefined,
    vocab: Number(opt('cluster-vocab', '100000')),
    minCount: Number(opt('cluster-min-count', '5')),
    contexts: Number(opt('cluster-contexts', '500')),
    dims: Number(opt('cluster-dims', '100')),
    log: (s) => console.log(`clusters: ${s} (${((performance.now() - t) / 1000).toFixed(0)}s)`),
  });
  const lines = ['# word<TAB>cluster path<TAB>log2 frequency<TAB>article share in fifths; built by `npm run train:ner -- --build-clusters` (see data/ner/README.md)'];
  for (const [w, st] of [...clusters].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) lines.push(`${w}\t${st.path}\t${st.freq}\t${st.al}`);
  const path = opt('clusters-out', join(dataDir, CLUSTER_FILE));
  const buf = gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
  writeFileSync(path, buf);
  console.log(`wrote ${path}: ${clusters.size} words, ${(buf.length / 1e6).toFixed(2)} MB`);
  if (flag('clusters-only')) process.exit(0);
}

if (flag('build-kb-gazetteer')) {
  // Snapshot the knowledge base's Arabic names (data/kb/*.jsonl) as data/ner/gazetteer-kb.tsv.
  const kbDir = join(dataDir, '..', 'kb');
  const rows = new Set<string>();
  for (const f of ['countries', 'places', 'organizations', 'people']) {
    for (const line of readFileSync(join(kbDir, `${f}.jsonl`), 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('//')) continue;
      const r = JSON.parse(line) as { id: string; type: string; names_ar?: string[] };
      if (!['PER', 'LOC', 'ORG', 'MISC'].includes(r.type)) continue;
      for (const n of r.names_ar ?? []) if (n.trim()) rows.add(`${n.trim()}\t${r.type}\t${r.id}`);
    }
  }
  const head = '# phrase<TAB>type<TAB>kb id: the Arabic names of data/kb/*.jsonl; built by `npm run train:ner -- --build-kb-gazetteer` (see data/ner/README.md)';
  writeFileSync(join(dataDir, KB_GAZETTEER_FILE), [head, ...rows].join('\n') + '\n');
  console.log(`wrote ${join(dataDir, KB_GAZETTEER_FILE)}: ${rows.size} names`);
  if (flag('kb-only')) process.exit(0);
}

if (flag('build-triggers')) {
  // Rebuild data/ner/triggers.tsv.gz from the unlabelled news (a minute or two).
  const files = ['ant_corpus.jsonl.gz', 'saudinewsnet.jsonl.gz'].map((f) => join(opt('bulk', '../shared/corpora/bulk'), f));
  const given = new Set<string>();
  for (const line of readFileSync(join(dataDir, 'gazetteer-pers.txt'), 'utf8').split('\n')) {
    const w = normalizeString(line.trim());
    if (w && !w.startsWith('#') && !w.includes(' ')) given.add(w);
  }
  const t = performance.now();
  const trig = await buildTriggers(files, { given, log: (s) => console.log(`triggers: ${s} (${((performance.now() - t) / 1000).toFixed(0)}s)`) });
  const lines = [`# word<TAB>buckets (0-4) of the share of its occurrences after: ${TRIGGER_KINDS.join(', ')}; built by \`npm run train:ner -- --build-triggers\` (see data/ner/README.md)`];
  for (const [w, b] of [...trig].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) lines.push(`${w}\t${b.join(' ')}`);
  const path = opt('triggers-out', join(dataDir, TRIGGER_FILE));
  const buf = gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 });
  writeFileSync(path, buf);
  console.log(`wrote ${path}: ${trig.size} words, ${(buf.length / 1e6).toFixed(2)} MB`);
  if (flag('triggers-only')) process.exit(0);
}

const all = readConll(TRAIN);
// --dev-block k (0..9): hold out the k-th tenth instead of the last one
const block = Number(opt('dev-block', '9'));
const lo = dev ? Math.floor((all.length * block) / 10) : all.length;
const hi = dev ? Math.floor((all.length * (block + 1)) / 10) : all.length;
const train = [...all.slice(0, lo), ...all.slice(hi)];
const held = all.slice(lo, hi);

const autoFile = opt('autogaz', join(dataDir, AUTO_GAZETTEER_FILE));
if (flag('build-autogaz')) {
  // self-training: a model without the harvested list tags unlabelled news; names it finds often,
  // with one dominant type, become the harvested gazetteer (a feature of the final model)
  const baseLex = loadLexicon(dataDir, { gazetteers: true, clusters: !flag('no-clusters'), autoFile: '' });
  const t = performance.now();
  const base = trainTagger(train, baseLex, { epochs, seed, minCount, stack: !flag('no-stack') });
  console.log(`harvest: base model trained (${((performance.now() - t) / 1000).toFixed(0)}s)`);
  const files = ['ant_corpus.jsonl.gz', 'saudinewsnet.jsonl.gz'].map((f) => join(opt('bulk', '../shared/corpora/bulk'), f));
  const names = await harvestNames(files, base, baseLex, {
    maxArticles: Number(opt('harvest-articles', '6000')),
    minCount: Number(opt('harvest-min-count', '3')),
    log: (s) => console.log(`${s} (${((performance.now() - t) / 1000).toFixed(0)}s)`),
  });
  const head = '# phrase<TAB>type<TAB>count: names found by the tagger in unlabelled news; built by `npm run train:ner -- --build-autogaz` (see data/ner/README.md)';
  writeFileSync(autoFile, [head, ...names.map(([n, ty, c]) => `${n}\t${ty}\t${c}`)].join('\n') + '\n');
  console.log(`wrote ${autoFile}: ${names.length} names`);
}
const lexOpts = { gazetteers: !flag('no-gazetteers'), clusters: !flag('no-clusters'), autoFile: flag('no-autogaz') ? '' : autoFile };
const lex = loadLexicon(dataDir, lexOpts);
console.log(
  `train: ${train.length} sentences${dev ? `, held out: ${held.length}` : ''}; gazetteer words ${lex.words.size}, phrases ${lex.phrases.size}, second gazetteer (knowledge base, harvested) ${lex.auto.words.size + lex.auto.phrases.size}, trigger words ${lex.triggers.size}, clusters ${lex.clusters.size}`,
);
const t0 = performance.now();
const model = trainTagger(train, lex, {
  epochs,
  seed,
  minCount,
  stack: !flag('no-stack'),
  seeds,
  algorithm: flag('crf') ? 'crf' : 'perceptron',
  eta: Number(opt('eta', '0.1')),
  c2: Number(opt('c2', '1')),
  window: Number(opt('window', '10')),
  augment: augmentCopies > 0 ? { copies: augmentCopies, p: augmentP } : undefined,
  spans: flag('spans'),
  spansFrom: opt('spans-from', 'pass1') === 'pass2' ? 'pass2' : 'pass1',
  spanScores: flag('span-scores'),
  log: (s) => console.log(s),
  meta: { trainedOn: 'anercorp-camel/train.conll', sentences: train.length, epochs, seed, seeds, prune, minCount, clusters: lexOpts.clusters, gazetteers: lexOpts.gazetteers, lexicon: lexiconFingerprint(dataDir, lexOpts) },
  onEpoch: (ep, m, st) => {
    let line = `epoch ${ep}: ${st.errors} token errors, ${st.seconds.toFixed(1)}s`;
    if (dev) {
      const pred = m.tagSentences(held.map((s) => s.tokens), lex, Number(opt('window', '10')));
      const sc = scoreSpans(
        held.map((s) => s.tags),
        pred,
      );
      const o = sc.overall;
      line += `; held-out P ${(100 * o.precision).toFixed(2)} R ${(100 * o.recall).toFixed(2)} F1 ${(100 * o.f1).toFixed(2)}`;
      line += ' [' + Object.entries(sc.byType).map(([k, v]) => `${k} ${(100 * v.f1).toFixed(1)}`).join(' ') + ']';
    }
    console.log(line);
  },
});
console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)}s, ${model.size} features`);
if (!dev || flag('save')) {
  const { features, bytes } = model.save(out, prune);
  console.log(`wrote ${out}: ${features} features kept, ${(bytes / 1e6).toFixed(2)} MB`);
}
