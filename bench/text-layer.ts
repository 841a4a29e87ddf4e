// Text-layer throughput on one core over the bulk corpus: normalisation with its offset map,
// boilerplate, sentences and clitic-aware tokens (createDoc), in MB/s of UTF-8 input and articles/s.
// Rates are per CPU second of this (single-threaded) process; wall time is printed beside them.
//   npx tsx bench/text-layer.ts [--limit N]
import { createDoc } from '../src/text/index.js';
import { fmt, loadBulk, timed, utf8Bytes } from './corpus.js';

const i = process.argv.indexOf('--limit');
const limit = i > 0 ? Number(process.argv[i + 1]) : Infinity;
const articles = loadBulk(limit);
const bytes = utf8Bytes(articles);
// warm up (JIT, lexicon loading)
for (const a of articles.slice(0, 500)) createDoc({ id: a.id, text: a.text });
const { result: tokens, wall, cpu } = timed(() => {
  let n = 0;
  for (const a of articles) n += createDoc({ id: a.id, text: a.text }).tokens.length;
  return n;
});
console.log(
  `text layer: ${articles.length} articles, ${fmt(bytes / 1e6)} MB, ${tokens.toLocaleString('en-US')} tokens; ` +
    `${fmt(cpu, 2)} s CPU (${fmt(wall, 2)} s wall) on one core -> ` +
    `${fmt(bytes / 1e6 / cpu)} MB/s, ${fmt(articles.length / cpu, 0)} articles/s, ${fmt(tokens / cpu / 1000, 0)}k tokens/s`,
);
