// `marsad deadlines`: planned events and dates ahead of their articles: due, passed or met.
import { deadlines } from '../corpus/index.js';
import { withStore } from './store-open.js';
import { clip, namer, pageLine, table, writeJson } from './store-format.js';

export async function deadlinesCommand(
  opts: { db?: string; json?: boolean; date?: string; status?: string; limit?: number; offset?: number },
  out: NodeJS.WritableStream,
): Promise<number> {
  return withStore(opts.db, async (store) => {
    const all = (await deadlines(store, opts.date)).filter((d) => !opts.status || d.status === opts.status);
    const from = opts.offset ?? 0;
    const list = all.slice(from, opts.limit == null ? undefined : from + opts.limit);
    if (opts.json) {
      writeJson(out, list);
      return 0;
    }
    const name = await namer(store, list.flatMap((d) => (d.story ? [...d.story.actors, d.story.location] : [])));
    const rows = [['due', 'status', 'days', 'what', 'who', 'where', 'sources', 'text']];
    for (const d of list) {
      const s = d.story;
      rows.push([
        d.due,
        d.status + (d.metBy ? ` (story ${d.metBy.id})` : ''),
        String(d.days),
        s ? `${s.type} ${s.status}` : `date ${d.fact!.value}${d.fact!.mod ? ' ' + d.fact!.mod : ''}`,
        s ? clip(s.actors.map(name).join(', '), 40) : '',
        s ? clip(name(s.location), 24) : '',
        s ? clip(s.sources.map((x) => x.article.source ?? x.article.id).join(', '), 30) : (d.fact!.article.source ?? d.fact!.article.id),
        clip(s ? s.sources[0].sentence : d.fact!.sentence, 70),
      ]);
    }
    out.write(table(rows) + '\n');
    if (list.length < all.length) out.write(`\n${pageLine(from, list.length, all.length)}`);
    out.write(`\n${all.length} deadlines on ${opts.date ?? new Date().toISOString().slice(0, 10)}: ${['due', 'passed', 'met'].map((k) => `${all.filter((d) => d.status === k).length} ${k}`).join(', ')}\n`);
    return 0;
  }, out);
}
