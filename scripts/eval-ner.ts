// Score the NER tagger: `npm run eval:ner [-- --test FILE --model FILE --show N]`.
// Prints CoNLL span-level micro P/R/F1 (exact span and type; an I-X that does not continue an X
// starts one, as in conlleval), overall and per type, and the tagging speed in tokens per second
// on one core (Node runs the tagger on one thread). FILE: `token<TAB>tag` lines, IOB2, a blank line
// between sentences; PER or PERS both mean a person. Default: ANERcorp CAMeL test.conll.
//   --show N     print the first N missed and spurious mentions
//   --window N   sentences either side that count as the document for the second pass (default 10)
//   --o-bias X   subtract X from the score of O (recall for precision); --warmup FILE for the timing
import { join } from 'node:path';
import { readConll, scoreSpans, type Prf } from '../src/stages/ner/conll.js';
import { defaultDataDir, lexiconFingerprint, loadLexicon, MODEL_FILE } from '../src/stages/ner/lexicon.js';
import { NerModel } from '../src/stages/ner/model.js';
import { spansOf } from '../src/stages/ner/labels.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const dataDir = defaultDataDir();
const testFile = opt('test', '../shared/corpora/ner/anercorp-camel/test.conll');
const modelFile = opt('model', join(dataDir, MODEL_FILE));
const show = Number(opt('show', '0'));

let t = performance.now();
const model = NerModel.load(modelFile);
const lexOpts = { clusters: model.meta.clusters !== false, gazetteers: model.meta.gazetteers !== false };
if (model.meta.lexicon && model.meta.lexicon !== lexiconFingerprint(dataDir, lexOpts)) {
  console.error(`warning: ${modelFile} was trained with other gazetteer/cluster files than those in ${dataDir}`);
}
const lex = loadLexicon(dataDir, lexOpts);
if (args.includes('--o-bias')) model.meta.oBias = Number(opt('o-bias', '0'));
const loadMs = performance.now() - t;
const data = readConll(testFile);
const tokens = data.reduce((a, s) => a + s.tokens.length, 0);

// Speed: warm the JIT on sentences of train.conll, then tag the test file three times with the
// per-token caches cleared first ("cold": no word of the file pre-analysed) and three times with
// them kept ("warm": a long-running process that has seen these words). Best of three, wall clock
// and CPU time of this process (Node tags on one thread; CPU time also counts the garbage
// collector's helper threads, so it is if anything pessimistic).
const warm = readConll(opt('warmup', '../shared/corpora/ner/anercorp-camel/train.conll')).slice(0, 1500).map((s) => s.tokens);
const window = Number(opt('window', String(model.meta.window ?? 10)));
model.tagSentences(warm, lex, window);
const sentences = data.map((s) => s.tokens);
let pred: string[][] = [];
const time = (cold: boolean) => {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < 3; r++) {
    if (cold) model.clearCaches(lex);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    pred = model.tagSentences(sentences, lex, window);
    const cu = process.cpuUsage(c0);
    wall = Math.min(wall, performance.now() - t0);
    cpu = Math.min(cpu, (cu.user + cu.system) / 1000);
  }
  return { wall, cpu };
};
const cold = time(true);
const hot = time(false);
const sc = scoreSpans(
  data.map((s) => s.tags),
  pred,
);
const fmt = (name: string, p: Prf) =>
  `${name.padEnd(8)} P ${(100 * p.precision).toFixed(2).padStart(6)}  R ${(100 * p.recall).toFixed(2).padStart(6)}  F1 ${(100 * p.f1).toFixed(2).padStart(6)}   (gold ${p.tp + p.fn}, predicted ${p.tp + p.fp}, correct ${p.tp})`;
console.log(`${testFile}: ${data.length} sentences, ${tokens} tokens`);
console.log(`model ${modelFile}: ${model.size} features, loaded in ${loadMs.toFixed(0)} ms`);
console.log(fmt('overall', sc.overall));
for (const [k, v] of Object.entries(sc.byType)) console.log(fmt(k, v));
const rate = (ms: number) => Math.round(tokens / (ms / 1000));
console.log(`speed    cold ${rate(cold.wall)} tokens/s (wall clock; ${rate(cold.cpu)} by CPU time), warm ${rate(hot.wall)} tokens/s (${rate(hot.cpu)} by CPU time), one core`);

if (show > 0) {
  let shown = 0;
  for (let s = 0; s < data.length && shown < show; s++) {
    const key = (x: { start: number; end: number; type: string }) => `${x.start}:${x.end}:${x.type}`;
    const g = spansOf(data[s].tags);
    const p = spansOf(pred[s]);
    const gs = new Set(g.map(key));
    const ps = new Set(p.map(key));
    const words = (x: { start: number; end: number }) => data[s].tokens.slice(x.start, x.end).join(' ');
    for (const x of g) if (!ps.has(key(x)) && shown++ < show) console.log(`missed  ${x.type.padEnd(4)} ${words(x)}  | ${data[s].tokens.slice(Math.max(0, x.start - 3), x.end + 3).join(' ')}`);
    for (const x of p) if (!gs.has(key(x)) && shown++ < show) console.log(`spurious ${x.type.padEnd(4)} ${words(x)}  | ${data[s].tokens.slice(Math.max(0, x.start - 3), x.end + 3).join(' ')}`);
  }
}
