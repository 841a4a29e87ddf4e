// A dateline as the caller gives it: one day «2025-02-05», or a window «2025-09-01/2025-09-30»
// (ISO 8601 interval) when only the period the article was written in is known.
import { createError } from '../errors.js';
import type { Published } from './doc.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface GivenDateline {
  date: string | null;
  earliest: string;
  latest: string;
}

function checkDay(s: string, whole: string): string {
  if (!DAY.test(s) || Number.isNaN(Date.parse(s)) || new Date(s).toISOString().slice(0, 10) !== s) throw createError('E_BAD_DATE', whole);
  return s;
}

/** A day that exists, «YYYY-MM-DD» (not 2025-02-30); throws E_BAD_DATE otherwise. */
export function parseDay(value: string): string {
  return checkDay(value.trim(), value);
}

/** Parse «YYYY-MM-DD» or «YYYY-MM-DD/YYYY-MM-DD»; throws E_BAD_DATE otherwise. */
export function parseDateline(value: string): GivenDateline {
  const v = value.trim();
  const slash = v.indexOf('/');
  if (slash < 0) {
    const d = checkDay(v, value);
    return { date: d, earliest: d, latest: d };
  }
  const earliest = checkDay(v.slice(0, slash), value);
  const latest = checkDay(v.slice(slash + 1), value);
  if (earliest > latest) throw createError('E_BAD_DATE', value);
  return earliest === latest ? { date: earliest, earliest, latest } : { date: null, earliest, latest };
}

/** The `published` object for a dateline the caller gave. */
export function givenPublished(value: string): Published {
  const g = parseDateline(value);
  return { date: g.date, earliest: g.earliest, latest: g.latest, basis: 'given', evidence: [] };
}
