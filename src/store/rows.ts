// Row helpers both stores share: SimHash bands and distance, trigger keys, and story/event rows
// back into the shapes src/corpus works with. `decode` reads a JSON column (SQLite keeps JSON as
// text; PostgreSQL's jsonb arrives parsed).
import type { StoryShape } from '../corpus/events.js';
import type { EventRow } from '../corpus/records.js';
import { normalizeString } from '../text/normalize.js';
import type { EventStatus, PloverType } from '../pipeline/doc.js';
import type { ArticleSummary, EntityListItem, EntityListQuery, FigureRow, Page, StoryEvent, StorySource } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
type Decode = (v: unknown) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
const parse: Decode = (v) => (typeof v === 'string' ? JSON.parse(v) : v);

/** Bands of a 64-bit SimHash (16 hex digits) as four 16-bit integers. */
export function bands(simhash: string): [number, number, number, number] {
  const h = simhash.padStart(16, '0');
  return [0, 1, 2, 3].map((i) => parseInt(h.slice(i * 4, i * 4 + 4), 16)) as [number, number, number, number];
}
export function hamming(a: string, b: string): number {
  let x = BigInt('0x' + a) ^ BigInt('0x' + b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}
export const normTrigger = (s: string) => normalizeString(s).replace(/\s+/g, ' ').trim();

export function storyKeys(s: StoryShape): string[] {
  return [...new Set([...s.participants, ...(s.location ? [s.location] : [])])];
}

export function shapeFromRow(r: Row, articles: string[], decode: Decode = parse): StoryShape {
  return {
    type: r.type,
    group: r.grp,
    when: r.when_from ? { from: r.when_from, to: r.when_to } : null,
    whenStated: !!r.when_stated,
    location: r.location,
    participants: decode(r.participants),
    articles,
  };
}

export function eventFromRow(e: Row, decode: Decode = parse): EventRow {
  return {
    idx: e.idx,
    type: e.type,
    mode: e.mode,
    status: e.status,
    trigger: { start: e.trigger_start, end: e.trigger_end, text: e.trigger_text },
    actors: decode(e.actors),
    targets: decode(e.targets),
    location: e.location,
    time: e.time,
    when: e.when_from ? { from: e.when_from, to: e.when_to } : null,
    basis: e.basis,
    sentence: e.sentence,
    sentenceText: e.sentence_text,
    summary_en: e.summary_en,
  };
}

/** A story row and its events' rows → the story event with its sources. */
export function storyOf(
  r: Row,
  evs: Row[],
  summary: (id: string) => ArticleSummary,
  linkedTo: (id: string) => string[],
  decode: Decode = parse,
): StoryEvent {
  const arts = new Set(evs.map((e) => e.article_id as string));
  const sources: StorySource[] = evs.map((e) => ({
    article: summary(e.article_id),
    eventIdx: e.idx,
    trigger: { start: e.trigger_start, end: e.trigger_end, text: e.trigger_text },
    sentence: e.sentence_text,
    status: e.status as EventStatus,
    time: e.time,
    actors: decode(e.actors),
    targets: decode(e.targets),
    location: e.location,
    evidence: decode(e.evidence),
    independent: !linkedTo(e.article_id).some((to) => arts.has(to)),
  }));
  const stated = evs.filter((e) => e.basis === 'stated' && e.time).sort((a, b) => String(b.time).length - String(a.time).length)[0];
  // the story's English line is the report that names the most of it: its parties first, then a
  // place and a stated time (the first report may name no actor where a later one does: «Unnamed
  // parties killed …» beside an actor list of the United States)
  const told = (k: number) => 4 * (sources[k].actors.length + sources[k].targets.length) + (evs[k].location ? 2 : 0) + (evs[k].basis === 'stated' && evs[k].time ? 1 : 0);
  let fullest = 0;
  for (let k = 1; k < evs.length; k++) if (told(k) > told(fullest)) fullest = k;
  return {
    id: r.id,
    type: r.type as PloverType,
    mode: r.mode ?? evs.find((e) => e.mode)?.mode ?? null,
    status: r.status as EventStatus,
    time: stated?.time ?? null,
    when: r.when_from ? { from: r.when_from, to: r.when_to } : null,
    location: r.location,
    actors: [...new Set(sources.flatMap((x) => x.actors))],
    targets: [...new Set(sources.flatMap((x) => x.targets))],
    summary_en: evs[fullest]?.summary_en ?? null,
    sources,
  };
}

/** A story filter's `type`: one PLOVER type or several, comma-separated («AGREE,CONSULT»). */
export function typesOf(type: string): string[] {
  return [...new Set(type.toUpperCase().split(',').map((t) => t.trim()).filter(Boolean))];
}

/** A quantities row → the figure the claims finder reads, with its article and the articles linked to it. */
export function figureFromRow(q: Row, article: ArticleSummary, linked: string[]): FigureRow {
  return {
    article,
    idx: q.idx,
    span: { start: q.start, end: q.end, text: q.text },
    value: q.value,
    min: q.min,
    max: q.max,
    approx: !!q.approx,
    unit: q.unit,
    subject: q.subject,
    location: q.location,
    time: q.time,
    when: q.when_from ? { from: q.when_from, to: q.when_to } : null,
    sentence: q.sentence_text,
    linked,
  };
}

/** Entity list rows (key, kb, type, names, articles, mentions), most articles first, then mentions, then key. */
export function entityListOf(rows: Row[]): EntityListItem[] {
  return rows
    .map((r) => ({ key: r.key, kb: r.kb, type: r.type, name: r.name, name_en: r.name_en, articles: Number(r.articles), mentions: Number(r.mentions) }) as EntityListItem)
    .sort((a, b) => b.articles - a.articles || b.mentions - a.mentions || a.key.localeCompare(b.key));
}

/** One page of the entity list, by type and by part of a name (Arabic normalised, or English). */
export function entityPage(all: EntityListItem[], query: EntityListQuery): Page<EntityListItem> {
  let items = all;
  if (query.type) items = items.filter((e) => e.type === query.type);
  if (query.name) {
    const ar = normalizeString(query.name);
    const en = query.name.toLowerCase();
    items = items.filter((e) => normalizeString(e.name).includes(ar) || (e.name_en ?? '').toLowerCase().includes(en) || e.kb === query.name);
  }
  const offset = query.offset ?? 0;
  return { total: items.length, items: items.slice(offset, offset + (query.limit ?? 50)) };
}
