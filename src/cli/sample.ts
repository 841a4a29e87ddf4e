// `marsad sample`: analyse the bundled sample articles and print a summary table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArticles } from '../input/index.js';
import { recordDate } from '../input/records.js';
import { ingest, readTargets, type InputResult } from '../ingest/index.js';
import type { ArticleInput } from '../pipeline/doc.js';
import { dbPath, openStoreAsync, redactUrl } from '../store/index.js';
import { toAnalysis } from '../pipeline/analysis.js';
import { getDefaultPipeline } from '../pipeline/analyze.js';
import { errorLine } from './report.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'articles');
const META = path.join(SAMPLES, '..', 'meta.jsonl');

/** The samples' publication metadata (samples/meta.jsonl: the dateline and outlet each article
 *  was published with), applied where the article itself carries none. */
function withMeta(a: ArticleInput): ArticleInput {
  const meta = sampleMeta().get(a.id ?? '');
  if (!meta) return a;
  return { ...a, published: a.published ?? meta.published, source: a.source ?? meta.source };
}
let metaCache: Map<string, { published: string | null; source: string | null }> | null = null;
function sampleMeta() {
  if (metaCache) return metaCache;
  metaCache = new Map();
  if (!fs.existsSync(META)) return metaCache;
  fs.readFileSync(META, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const m = JSON.parse(line) as { id: string; published?: unknown; source?: string | null };
      // a day, or a window «YYYY-MM-DD/YYYY-MM-DD» when only the period is known
      const window = typeof m.published === 'string' && /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(m.published);
      metaCache!.set(m.id, { published: window ? (m.published as string) : recordDate(m.published, `${META}:${i + 1}`), source: m.source ?? null });
    });
  return metaCache;
}
async function* samples(): AsyncGenerator<InputResult> {
  for await (const r of readTargets([SAMPLES])) yield r.ok ? { ok: true, article: withMeta(r.article) } : r;
}

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
    const a = toAnalysis(pipeline.run(withMeta(r.article)));
    const p = a.published;
    const when = !p ? '—' : p.date ?? `${p.earliest ?? '?'}..${p.latest ?? '?'}`;
    rows.push([a.id, a.source ?? '—', when, ...[a.sentences, a.entities, a.times, a.quantities, a.events, a.quotes].map((x) => String(x.length))]);
  }
  out.write(table(rows) + '\n');
  out.write(`\n${rows.length - 1} sample articles analysed from ${path.relative(process.cwd(), SAMPLES) || SAMPLES}\n`);
  if (opts.store === false) return failed ? 1 : 0;
  // load them into the embedded store (idempotent: a second run stores nothing new)
  const store = await openStoreAsync({ db: opts.db });
  try {
    const r = await ingest(store, samples(), { workers: 1, onError: (_o, e) => err.write(errorLine(e) + '\n') });
    out.write(`${redactUrl(dbPath(opts.db))}: ${r.inserted} new, ${r.unchanged} already stored, ${r.failed} failed\n`);
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
