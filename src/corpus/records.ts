// One article's analysis in cross-article terms: local entity ids («e3») become entity keys (the
// `kb` id, or «~TYPE:name» for an entity the knowledge base does not know), times become day
// intervals, and each claim carries the sentence it stands in. The store keeps these rows; the
// corpus functions compare them across articles.
import type { Analysis } from '../pipeline/analysis.js';
import type { EventStatus, PloverType, Span } from '../pipeline/doc.js';
import { normalizeString } from '../text/normalize.js';
import { timexInterval, type DayInterval } from './time.js';
import { sentenceLookup } from '../text/index.js';

/** An entity's identity across articles: its kb id, else «~TYPE:normalised name». */
export type EntityKey = string;

export interface EntityRow {
  key: EntityKey;
  kb: string | null;
  type: string;
  name: string;
  name_en: string | null;
  mentions: Span[];
}

export type TimeBasis = 'stated' | 'published';

export interface EventRow {
  idx: number;
  type: PloverType;
  mode: string | null;
  status: EventStatus;
  trigger: Span;
  actors: EntityKey[];
  targets: EntityKey[];
  location: EntityKey | null;
  time: string | null;
  /** The days the event falls in: from its own time, else (basis 'published') the dateline. */
  when: DayInterval | null;
  basis: TimeBasis | null;
  sentence: number;
  sentenceText: string;
  summary_en: string | null;
}

export interface QuantityRow extends Span {
  idx: number;
  value: number | null;
  min: number | null;
  max: number | null;
  approx: boolean;
  unit: string | null;
  subject: EntityKey | null;
  location: EntityKey | null;
  time: string | null;
  when: DayInterval | null;
  sentenceText: string;
}

export interface TimeRow extends Span {
  idx: number;
  type: string;
  value: string | null;
  mod: string | null;
  when: DayInterval | null;
  sentence: number;
  sentenceText: string;
  /** Entities mentioned in the same sentence. */
  entities: EntityKey[];
}

export interface QuoteRow extends Span {
  idx: number;
  speaker: EntityKey | null;
  cue: Span | null;
  via: EntityKey | null;
}

export interface DerivedRows {
  published: DayInterval | null;
  entities: EntityRow[];
  events: EventRow[];
  quantities: QuantityRow[];
  times: TimeRow[];
  quotes: QuoteRow[];
}

export function entityKey(e: { kb: string | null; type: string; name: string }): EntityKey {
  return e.kb ?? `~${e.type}:${normalizeString(e.name).replace(/\s+/g, ' ').trim()}`;
}

/** The window the article was written in, as days. */
export function publishedInterval(a: Pick<Analysis, 'published'>): DayInterval | null {
  const p = a.published;
  if (!p) return null;
  if (p.date) return { from: p.date, to: p.date };
  if (p.earliest && p.latest) return { from: p.earliest, to: p.latest };
  return null;
}


/** Turn one analysis into cross-article rows. `text` is the article text the offsets point into. */
export function deriveRows(a: Analysis, text: string): DerivedRows {
  const published = publishedInterval(a);
  const keyOf = new Map<string, EntityKey>();
  const entities: EntityRow[] = [];
  const byKey = new Map<EntityKey, EntityRow>();
  for (const e of a.entities) {
    const key = entityKey(e);
    keyOf.set(e.id, key);
    const row = byKey.get(key);
    if (row) row.mentions.push(...e.mentions);
    else {
      const r: EntityRow = { key, kb: e.kb, type: e.type, name: e.name, name_en: e.name_en, mentions: [...e.mentions] };
      byKey.set(key, r);
      entities.push(r);
    }
  }
  const k = (id: string | null | undefined) => (id ? keyOf.get(id) ?? null : null);
  const ks = (ids: string[]) => [...new Set(ids.map((id) => keyOf.get(id)).filter((x): x is string => !!x))];
  const sentText = (i: number) => {
    const s = a.sentences[i];
    return s ? text.slice(s.start, s.end) : '';
  };
  // entities per sentence, for dated facts
  const inSentence = new Map<number, Set<EntityKey>>();
  for (const e of entities)
    for (const m of e.mentions) {
      const s = sentenceLookup(a.sentences)(m.start);
      if (!inSentence.has(s)) inSentence.set(s, new Set());
      inSentence.get(s)!.add(e.key);
    }

  const events: EventRow[] = a.events.map((e, idx) => {
    const own = timexInterval(e.time);
    const realized = e.status === 'realized' || e.status === 'negated';
    const when = own ?? (realized ? published : null);
    return {
      idx,
      type: e.type,
      mode: e.mode,
      status: e.status,
      trigger: e.trigger,
      actors: ks(e.actors),
      targets: ks(e.targets),
      location: k(e.location),
      time: e.time,
      when,
      basis: own ? 'stated' : when ? 'published' : null,
      sentence: e.sentence,
      sentenceText: sentText(e.sentence),
      summary_en: (e as { summary_en?: string }).summary_en ?? null,
    };
  });
  const quantities: QuantityRow[] = a.quantities.map((q, idx) => ({
    idx,
    start: q.start,
    end: q.end,
    text: q.text,
    value: q.value,
    min: q.min,
    max: q.max,
    approx: q.approx,
    unit: q.unit,
    subject: k(q.subject),
    location: k(q.location),
    time: q.time,
    when: timexInterval(q.time) ?? published,
    sentenceText: sentText(sentenceLookup(a.sentences)(q.start)),
  }));
  const times: TimeRow[] = a.times.map((t, idx) => {
    const s = sentenceLookup(a.sentences)(t.start);
    return {
      idx,
      start: t.start,
      end: t.end,
      text: t.text,
      type: t.type,
      value: t.value,
      mod: t.mod,
      when: t.type === 'DATE' ? timexInterval(t.value) : null,
      sentence: s,
      sentenceText: sentText(s),
      entities: [...(inSentence.get(s) ?? [])],
    };
  });
  const quotes: QuoteRow[] = a.quotes.map((q, idx) => ({
    idx,
    start: q.start,
    end: q.end,
    text: q.text,
    speaker: k(q.speaker),
    cue: q.cue,
    via: k(q.via),
  }));
  return { published, entities, events, quantities, times, quotes };
}
