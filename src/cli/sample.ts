// `marsad sample`: analyse the bundled sample articles and print a summary table.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticles } from '../input/index.js';
import { ingest } from '../ingest/index.js';
import { dbPath, openStore } from '../store/index.js';
import { toAnalysis } from '../pipeline/analysis.js';
import { getDefaultPipeline } from '../pipeline/analyze.js';
import { errorLine } from './report.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'articles');

export async function sampleCommand(
  { out, err }: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
  opts: { db?: string; store?: boolean } = {},
): Promise<number> {
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
  if (opts.store === false) return failed ? 1 : 0;
  // load them into the embedded store (idempotent: a second run stores nothing new)
  const store = openStore({ db: opts.db });
  try {
    const r = await ingest(store, [SAMPLES], { workers: 1, onError: (_o, e) => err.write(errorLine(e) + '\n') });
    out.write(`${dbPath(opts.db)}: ${r.inserted} new, ${r.unchanged} already stored, ${r.failed} failed\n`);
    if (r.failed) failed += r.failed;
  } finally {
    await store.close();
  }
  out.write('next: marsad timeline | marsad conflicts | marsad deadlines | marsad search الاتفاق | marsad entity nato\n');
  return failed ? 1 : 0;
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join('  ').trimEnd()).join('\n');
}
