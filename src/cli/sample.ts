// `marsad sample`: analyse the bundled sample articles and print a summary table.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticles } from '../input/index.js';
import { toAnalysis } from '../pipeline/analysis.js';
import { getDefaultPipeline } from '../pipeline/analyze.js';
import { errorLine } from './report.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'articles');

export async function sampleCommand({ out, err }: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const pipeline = getDefaultPipeline();
  const rows: string[][] = [['article', 'source', 'published', 'sentences', 'entities', 'times', 'figures', 'events', 'quotes']];
  let failed = 0;
  for await (const r of readArticles(SAMPLES)) {
    if (!r.ok) {
      failed++;
      err.write(errorLine(r.error) + '\n');
      continue;
    }
    const a = toAnalysis(pipeline.run(r.article));
    const p = a.published;
    const when = !p ? '—' : p.date ?? `${p.earliest ?? '?'}..${p.latest ?? '?'}`;
    rows.push([a.id, a.source ?? '—', when, ...[a.sentences, a.entities, a.times, a.quantities, a.events, a.quotes].map((x) => String(x.length))]);
  }
  out.write(table(rows) + '\n');
  out.write(`\n${rows.length - 1} sample articles analysed from ${path.relative(process.cwd(), SAMPLES) || SAMPLES}\n`);
  return failed ? 1 : 0;
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join('  ').trimEnd()).join('\n');
}
