// Error analysis of a saved dev-block model (held-out tenth BLOCK of train.conll; test.conll is never read):
//   npx tsx scripts/ner-errors.ts MODEL BLOCK   (models from `scripts/ner-dev.ts --save-dir DIR`)
// Counts the missed gold mentions by kind (entirely missed, wrong boundary, wrong type) and the
// spurious ones, then lists each with its context.
import { readConll } from '../src/stages/ner/conll.js';
import { defaultDataDir, loadLexicon } from '../src/stages/ner/lexicon.js';
import { NerModel } from '../src/stages/ner/model.js';
import { spansOf } from '../src/stages/ner/labels.js';
const [file, blockS] = process.argv.slice(2);
const b = Number(blockS);
const all = readConll('../shared/corpora/ner/anercorp-camel/train.conll');
const lo = Math.floor((all.length * b) / 10), hi = Math.floor((all.length * (b + 1)) / 10);
const held = all.slice(lo, hi);
const lex = loadLexicon(defaultDataDir(), { gazetteers: true, clusters: true, triggers: true, kb: true });
const model = NerModel.load(file);
const pred = model.tagSentences(held.map((s) => s.tokens), lex, 10);
const cats: Record<string, number> = {};
const lines: string[] = [];
for (let s = 0; s < held.length; s++) {
  const g = spansOf(held[s].tags), p = spansOf(pred[s]);
  const toks = held[s].tokens;
  const w = (x: { start: number; end: number }) => toks.slice(x.start, x.end).join(' ');
  for (const x of g) {
    const exact = p.find((y) => y.start === x.start && y.end === x.end);
    if (exact && exact.type === x.type) continue;
    const over = p.filter((y) => y.start < x.end && y.end > x.start);
    let cat: string;
    if (exact) cat = `type:${x.type}->${exact.type}`;
    else if (!over.length) cat = `missed:${x.type}`;
    else cat = `boundary:${x.type}` + (over.some((y) => y.type === x.type) ? '' : '+type');
    cats[cat] = (cats[cat] ?? 0) + 1;
    lines.push(`${cat.padEnd(22)} [${w(x)}] pred=${over.map((y) => `${y.type}[${w(y)}]`).join(',')} | ${toks.slice(Math.max(0, x.start - 4), x.start).join(' ')} ‹${w(x)}› ${toks.slice(x.end, x.end + 3).join(' ')}`);
  }
  for (const y of p) {
    if (g.some((x) => x.start === y.start && x.end === y.end)) continue;
    if (g.some((x) => x.start < y.end && x.end > y.start)) continue;
    const cat = `spurious:${y.type}`;
    cats[cat] = (cats[cat] ?? 0) + 1;
    lines.push(`${cat.padEnd(22)} [${w(y)}] | ${toks.slice(Math.max(0, y.start - 4), y.start).join(' ')} ‹${w(y)}› ${toks.slice(y.end, y.end + 3).join(' ')}`);
  }
}
console.log(Object.entries(cats).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join('\n'));
console.log(lines.sort().join('\n'));
