// `marsad timeline`: story events and dated statements in time order.
import { timeline } from '../corpus/index.js';
import { createError } from '../errors.js';
import type { StoryFilter } from '../store/types.js';
import { withStore } from './store-open.js';
import { clip, namer, period, table, writeJson } from './store-format.js';

export async function timelineCommand(opts: StoryFilter & { db?: string; json?: boolean }, out: NodeJS.WritableStream): Promise<number> {
  return withStore(opts.db, async (store) => {
    const entries = await timeline(store, opts);
    // an entity the store does not know is an error, as for `marsad entity` (a typo would
    // otherwise read as an empty record)
    if (opts.entity && !entries.length && !(await store.names([opts.entity])).has(opts.entity)) throw createError('E_ENTITY_NOT_FOUND', opts.entity);
    if (opts.json) {
      writeJson(out, entries);
      return 0;
    }
    const name = await namer(store, entries.flatMap((e) => (e.story ? [...e.story.actors, ...e.story.targets, e.story.location] : [])));
    const rows = [['when', 'what', 'status', 'who', 'where', 'sources', 'text']];
    for (const e of entries) {
      if (e.story) {
        const s = e.story;
        const indep = s.sources.filter((x) => x.independent).length;
        rows.push([
          period(s.time, s.when),
          s.type + (s.mode ? `/${s.mode}` : ''),
          s.status,
          clip([...s.actors.map(name), ...(s.targets.length ? ['→', ...s.targets.map(name)] : [])].join(' '), 60),
          clip(name(s.location), 24),
          `${s.sources.length}${indep < s.sources.length ? ` (${indep} independent)` : ''}: ${clip(s.sources.map((x) => x.article.source ?? x.article.id).join(', '), 40)}`,
          clip(s.sources[0].sentence, 80),
        ]);
      } else if (e.fact) {
        const f = e.fact;
        rows.push([period(f.value, f.when, f.mod), 'date', '', '', '', f.article.source ?? f.article.id, clip(f.sentence, 80)]);
      }
    }
    out.write(table(rows) + '\n');
    out.write(`\n${entries.length} entries\n`);
    return 0;
  }, out);
}
