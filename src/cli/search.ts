// `marsad search QUERY`: Arabic full-text search over articles, quotes and events.
import type { SearchKind } from '../store/types.js';
import { withStore } from './store-open.js';
import { clip, table, writeJson } from './store-format.js';

export async function searchCommand(query: string, opts: { db?: string; json?: boolean; kind?: SearchKind[]; limit?: number }, out: NodeJS.WritableStream): Promise<number> {
  return withStore(opts.db, async (store) => {
    const t0 = performance.now();
    const hits = await store.search({ text: query, kinds: opts.kind, limit: opts.limit ?? 20 });
    const ms = performance.now() - t0;
    if (opts.json) {
      writeJson(out, hits);
      return 0;
    }
    const rows = [['kind', 'article', 'source', 'published', 'match']];
    for (const h of hits) rows.push([h.kind, h.article.id, h.article.source ?? '—', h.article.published?.from ?? '—', clip(h.snippet ?? h.text, 100)]);
    out.write(table(rows) + '\n');
    out.write(`\n${hits.length} hits in ${ms.toFixed(1)} ms\n`);
    return 0;
  }, out);
}
