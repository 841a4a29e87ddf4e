// `marsad entity ID`: one entity across every article that mentions it.
import { createError } from '../errors.js';
import { withStore } from './store-open.js';
import { clip, table, when, writeJson } from './store-format.js';

export async function entityCommand(id: string, opts: { db?: string; json?: boolean }, out: NodeJS.WritableStream): Promise<number> {
  return withStore(opts.db, async (store) => {
    const e = await store.entity(id);
    if (!e) throw createError('E_ENTITY_NOT_FOUND', id);
    const stories = await store.stories({ entity: e.key, limit: 10_000 });
    if (opts.json) {
      writeJson(out, { ...e, stories: stories.map((s) => ({ id: s.id, type: s.type, status: s.status, time: s.time, when: s.when, sources: s.sources.length })) });
      return 0;
    }
    out.write(`${e.name}${e.name_en ? `  (${e.name_en})` : ''}  [${e.kb ?? e.key}, ${e.type}]\n`);
    out.write(`${e.mentionCount} mentions in ${e.articles.length} articles; ${stories.length} story events\n\n`);
    const rows = [['article', 'source', 'published', 'mentions', 'forms']];
    for (const a of e.articles) rows.push([a.id, a.source ?? '—', when(a.published), String(a.mentions.length), clip([...new Set(a.mentions.map((m) => m.text))].join('، '), 60)]);
    out.write(table(rows) + '\n');
    return 0;
  }, out);
}
