// Validation of `marsad.analysis/1` objects: the JSON Schema (structure) and the offset checks
// the schema cannot express (every span's text is the slice of the article it points to; entity
// references point to entities of the same analysis).
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Analysis } from '../analysis.js';
import schema from './analysis.schema.json' with { type: 'json' };

export const analysisSchema: object = schema;

const ajv = new Ajv({ allErrors: true, strict: false });
const validateStructure = ajv.compile(analysisSchema);

/** Problems with an analysis of `text`; an empty list when it is valid. */
export function validateAnalysis(analysis: unknown, text?: string): string[] {
  const problems: string[] = [];
  if (!validateStructure(analysis)) {
    for (const e of validateStructure.errors as ErrorObject[]) problems.push(`${e.instancePath || '/'} ${e.message}`);
    return problems;
  }
  const a = analysis as Analysis;
  const ids = new Set(a.entities.map((e) => e.id));
  const ref = (where: string, id: string | null) => {
    if (id != null && !ids.has(id)) problems.push(`${where}: unknown entity ${id}`);
  };
  if (text != null) {
    const check = (where: string, s: { start: number; end: number; text?: string }) => {
      if (s.start > s.end || s.end > text.length) problems.push(`${where}: bad range ${s.start}..${s.end} (text length ${text.length})`);
      else if (s.text != null && text.slice(s.start, s.end) !== s.text)
        problems.push(`${where}: text «${s.text}» is not the slice «${text.slice(s.start, s.end)}»`);
    };
    a.sentences.forEach((s, i) => check(`sentences[${i}]`, s));
    for (let i = 1; i < a.sentences.length; i++)
      if (a.sentences[i].start < a.sentences[i - 1].end) problems.push(`sentences[${i}] overlaps the one before`);
    a.entities.forEach((e, i) => e.mentions.forEach((m, j) => check(`entities[${i}].mentions[${j}]`, m)));
    a.times.forEach((t, i) => check(`times[${i}]`, t));
    a.quantities.forEach((q, i) => check(`quantities[${i}]`, q));
    a.events.forEach((e, i) => check(`events[${i}].trigger`, e.trigger));
    a.quotes.forEach((q, i) => {
      check(`quotes[${i}]`, q);
      if (q.cue) check(`quotes[${i}].cue`, q.cue);
    });
    a.published?.evidence.forEach((ev, i) => check(`published.evidence[${i}]`, ev));
    a.published?.best?.evidence.forEach((ev, i) => check(`published.best.evidence[${i}]`, ev));
    (a.segments ?? []).forEach((s, i) => check(`segments[${i}]`, s));
  }
  a.quantities.forEach((q, i) => (ref(`quantities[${i}].subject`, q.subject), ref(`quantities[${i}].location`, q.location)));
  a.events.forEach((e, i) => {
    [...e.actors, ...e.targets].forEach((id) => ref(`events[${i}]`, id));
    ref(`events[${i}].location`, e.location);
    if (e.sentence >= a.sentences.length) problems.push(`events[${i}].sentence out of range`);
  });
  a.quotes.forEach((q, i) => (ref(`quotes[${i}].speaker`, q.speaker), ref(`quotes[${i}].via`, q.via)));
  return problems;
}
