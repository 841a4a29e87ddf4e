// Exports of the stored record: analyses as JSON Lines, events as CSV or PLOVER-style records.
import type { Store, StoryEvent } from './types.js';

export type ExportFormat = 'jsonl' | 'csv' | 'plover';

const csvCell = (v: unknown) => {
  const s = v == null ? '' : Array.isArray(v) ? v.join(';') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const CSV_COLUMNS = [
  'story_id', 'article_id', 'source', 'published', 'event_type', 'mode', 'status', 'time', 'story_date',
  'actors', 'targets', 'location', 'trigger', 'trigger_start', 'trigger_end', 'event_text', 'independent',
] as const;

/** PLOVER-style record of one report of a story event. */
export function ploverRecords(s: StoryEvent, name: (k: string | null) => string | null) {
  return s.sources.map((x) => ({
    event_id: `${x.article.id}#${x.eventIdx}`,
    story_id: s.id,
    event_type: s.type,
    event_mode: s.mode,
    event_status: x.status,
    event_date: x.time ?? s.time ?? s.when?.from ?? null,
    story_date: x.article.published?.from ?? null,
    actor: x.actors.map((k) => ({ id: k, name: name(k) })),
    recipient: x.targets.map((k) => ({ id: k, name: name(k) })),
    location: x.location ? { id: x.location, name: name(x.location) } : null,
    event_text: x.sentence,
    trigger: x.trigger,
    source: x.article.source,
    article_id: x.article.id,
    url: x.article.url,
    independent: x.independent,
    merge_evidence: x.evidence,
  }));
}

export async function* exportRecords(store: Store, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'jsonl') {
    for await (const a of store.articles()) yield JSON.stringify(a.analysis);
    return;
  }
  const stories = await store.stories({ limit: Number.MAX_SAFE_INTEGER });
  if (format === 'csv') {
    yield CSV_COLUMNS.join(',');
    for (const s of stories)
      for (const x of s.sources)
        yield [
          s.id, x.article.id, x.article.source, x.article.published?.from, s.type, s.mode, x.status, x.time, s.time ?? s.when?.from,
          x.actors, x.targets, x.location, x.trigger.text, x.trigger.start, x.trigger.end, x.sentence, x.independent,
        ].map(csvCell).join(',');
    return;
  }
  const keys = new Set<string>();
  for (const s of stories) for (const x of s.sources) for (const k of [...x.actors, ...x.targets, x.location]) if (k) keys.add(k);
  const names = await store.names([...keys]);
  const name = (k: string | null) => (k ? (names.get(k)?.name_en ?? names.get(k)?.name ?? null) : null);
  for (const s of stories) for (const r of ploverRecords(s, name)) yield JSON.stringify(r);
}
