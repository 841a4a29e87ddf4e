// The writer: a Doc to its `marsad.analysis/1` JSON object (shared/spec/analysis.md).
import { createError } from '../errors.js';
import { givenPublished } from './dateline.js';
import { validateAnalysis } from './schema/index.js';
import type { Doc, Published, Span } from './doc.js';

export const SCHEMA_ID = 'marsad.analysis/1';

export interface Analysis {
  schema: typeof SCHEMA_ID;
  id: string;
  title?: string | null;
  url?: string | null;
  source: string | null;
  published: Published | null;
  segments: Doc['segments'];
  sentences: { start: number; end: number }[];
  boilerplate: Doc['boilerplate'];
  entities: Doc['entities'];
  times: Doc['times'];
  quantities: Doc['quantities'];
  events: Doc['events'];
  quotes: Doc['quotes'];
}

const span = (s: Span): Span => ({ start: s.start, end: s.end, text: s.text });


/** With MARSAD_VALIDATE=1 (set for the whole test run), every analysis is checked as it is made. */
const VALIDATE = process.env.MARSAD_VALIDATE === '1';

export function toAnalysis(doc: Doc): Analysis {
  const a = build(doc);
  if (VALIDATE) {
    const problems = validateAnalysis(a, doc.text);
    if (problems.length) throw createError('E_SCHEMA', doc.id, problems.slice(0, 5).join('; '));
  }
  return a;
}

function build(doc: Doc): Analysis {
  return {
    schema: SCHEMA_ID,
    id: doc.id,
    title: doc.title,
    url: doc.url,
    source: doc.source,
    published: doc.published ?? (doc.givenPublished ? givenPublished(doc.givenPublished) : null),
    segments: doc.segments,
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    boilerplate: doc.boilerplate.map((b) => ({ start: b.start, end: b.end, kind: b.kind })),
    entities: doc.entities.map((e) => ({
      id: e.id,
      kb: e.kb,
      type: e.type,
      name: e.name,
      name_en: e.name_en,
      mentions: e.mentions.map(span),
    })),
    times: doc.times.map((t) => ({ start: t.start, end: t.end, text: t.text, type: t.type, value: t.value, mod: t.mod })),
    quantities: doc.quantities.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      value: q.value,
      min: q.min,
      max: q.max,
      approx: q.approx,
      unit: q.unit,
      subject: q.subject,
      location: q.location,
      time: q.time,
    })),
    events: doc.events.map((e) => ({
      type: e.type,
      mode: e.mode,
      trigger: span(e.trigger),
      actors: e.actors,
      targets: e.targets,
      location: e.location,
      time: e.time,
      status: e.status,
      sentence: e.sentence,
      ...(e.summary_en ? { summary_en: e.summary_en } : {}),
    })),
    quotes: doc.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      speaker: q.speaker,
      cue: q.cue ? span(q.cue) : null,
      via: q.via,
    })),
  };
}
