// Resolution of a matched time expression to a TIMEX3 value against a reference day (the
// dateline). Every relative reading here is a non-decreasing function of the reference day, so
// over a window of days a value is the same for the whole window exactly when it is the same at
// both ends (resolveOver).
import { addMonths, dayOf, isoDay, isoMonth, isoWeek, pad2, pad4, weekday, ymd } from './calendar.js';
import type { RawTime, Spec } from './match.js';

export const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

/** The value an expression has when the article was written on `ref` (null when it has none). */
export function resolveAt(t: Pick<RawTime, 'spec' | 'tense' | 'tod'>, ref: number): string | null {
  const v = resolveDate(t.spec, t.tense, ref);
  if (v && t.tod && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T${t.tod}`;
  return v;
}

function resolveDate(s: Spec, tense: RawTime['tense'], ref: number): string | null {
  const [ry, rm, rd] = ymd(ref);
  switch (s.k) {
    case 'abs':
      if (s.season) return `${pad4(s.y)}-${s.season}`;
      if (s.m == null) return pad4(s.y);
      if (s.d == null) return isoMonth(s.y, s.m);
      return `${pad4(s.y)}-${pad2(s.m)}-${pad2(s.d)}`;
    case 'md': {
      let y: number;
      if (s.yOff != null) y = ry + s.yOff;
      else if (s.rel === -1) y = s.m < rm ? ry : ry - 1; // the last such month before this one
      else if (s.rel === 1) y = s.m > rm ? ry : ry + 1; // the next such month after this one
      else if (s.rel === 0) y = ry;
      else if (tense === 'future') y = s.m > rm || (s.m === rm && (s.d == null || s.d >= rd)) ? ry : ry + 1;
      else y = s.m < rm || (s.m === rm && (s.d == null || s.d <= rd)) ? ry : ry - 1;
      return s.d == null ? isoMonth(y, s.m) : `${pad4(y)}-${pad2(s.m)}-${pad2(s.d)}`;
    }
    case 'rel':
      if (s.unit === 'D') return isoDay(ref + s.off);
      if (s.unit === 'W') return isoWeek(ref + 7 * s.off);
      if (s.unit === 'M') {
        const [y, m] = addMonths(ry, rm, s.off);
        return isoMonth(y, m);
      }
      return pad4(ry + s.off);
    case 'wd': {
      const w = weekday(ref);
      const future = s.rel === 1 || (s.rel == null && tense === 'future');
      if (future) {
        const k = (s.w - w + 7) % 7;
        return isoDay(ref + (k === 0 && s.rel === 1 ? 7 : k));
      }
      const k = (w - s.w + 7) % 7;
      return isoDay(ref - (k === 0 && s.rel === -1 ? 7 : k));
    }
    case 'season': {
      // the season holding ref (rel 0), the one before it (-1), or after it (+1)
      const order = ['WI', 'SP', 'SU', 'FA'];
      // season index of ref: WI = Dec-Feb
      const idx = rm === 12 || rm <= 2 ? 0 : rm <= 5 ? 1 : rm <= 8 ? 2 : 3;
      const seasonYear = rm === 12 ? ry + 1 : ry; // winter is named by the year it ends in
      let cur = seasonYear * 4 + idx;
      // the named season nearest to ref in the asked direction
      const target = order.indexOf(s.season);
      if (s.rel === 0) {
        let c = cur;
        while (c % 4 !== target) c += c % 4 < target ? 1 : -1;
        cur = c;
      } else if (s.rel === -1) {
        cur -= 1;
        while (((cur % 4) + 4) % 4 !== target) cur -= 1;
      } else {
        cur += 1;
        while (((cur % 4) + 4) % 4 !== target) cur += 1;
      }
      const y = Math.floor(cur / 4);
      return `${pad4(y)}-${s.season}`;
    }
    case 'decade':
      return s.v;
    case 'ref':
      return s.v;
    case 'dur':
      return s.v;
    case 'set':
      return s.v;
    default:
      return null;
  }
}

/** The value over a window of possible datelines: the same at both ends, else null. */
export function resolveOver(t: Pick<RawTime, 'spec' | 'tense' | 'tod'>, earliest: number, latest: number): string | null {
  const a = resolveAt(t, earliest);
  if (earliest === latest) return a;
  const b = resolveAt(t, latest);
  return a === b ? a : null;
}

/** Is this expression's value independent of the dateline? */
export function isAbsolute(s: Spec): boolean {
  return s.k === 'abs' || s.k === 'decade' || s.k === 'ref' || s.k === 'dur' || s.k === 'set' || s.k === 'null';
}

/** The days an absolute date covers: [first, last], or null. */
export function absRange(s: Spec): [number, number] | null {
  if (s.k !== 'abs') return null;
  if (s.season) {
    const m0 = SEASON_START[s.season];
    const y0 = s.season === 'WI' ? s.y - 1 : s.y;
    const a = dayOf(y0, m0, 1);
    const [ey, em] = addMonths(y0, m0, 3);
    return [a, dayOf(ey, em, 1) - 1];
  }
  if (s.m == null) return [dayOf(s.y, 1, 1), dayOf(s.y, 12, 31)];
  if (s.d == null) {
    const [ey, em] = addMonths(s.y, s.m, 1);
    return [dayOf(s.y, s.m, 1), dayOf(ey, em, 1) - 1];
  }
  const d = dayOf(s.y, s.m, s.d);
  return [d, d];
}
