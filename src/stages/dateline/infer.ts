// Dateline inference: every clue in the text becomes a set of days the article can have been
// written on; the sets are intersected, strongest clues first, and a clue that contradicts the
// stronger ones already kept is set aside (it is more likely misread than they are).
//
// Clues and their strength:
//   3  dated facts: an office holder named with the title (data/time/facts.tsv), a known event
//   2  explicit tense: «بحلول سبتمبر 2025» (still ahead), «منذ 2014», «عام 2018 الجاري»,
//      «سبتمبر الجاري» (this month is September), a date in a clause with a future/past cue
//   1  a date named with no tense cue: the article is most likely written after it
// A weekday clue («اليوم الاثنين», «أمس الأحد») narrows a window of a few weeks to those days.
import { absRange, type RawTime } from '../temporal/index.js';
import { dayOf, monthRange, weekday, ymd } from '../temporal/calendar.js';
import { hull, intersect, normalizeSet, size, type DaySet } from './intervals.js';

export interface Clue {
  days: DaySet;
  strength: 1 | 2 | 3;
  /** evidence span in the normalised text */
  ns: number;
  ne: number;
  why: string;
  /** a clue that may well be wrong without anything being amiss (a title used of the past) */
  soft?: boolean;
}
export interface DowClue {
  dow: number;
  ns: number;
  ne: number;
  why: string;
}

export const EPOCH = dayOf(1990, 1, 1);

const WD_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Clues from the matched time expressions. */
/** A clue of a time expression (a function, not a closure in the loop: one made per time cost more). */
function clue(clues: Clue[], t: RawTime, days: DaySet, strength: 1 | 2, why: string): void {
  clues.push({ days, strength, ns: t.ns, ne: t.ne, why });
}

export function timeClues(raws: RawTime[], horizon: number): { clues: Clue[]; dows: DowClue[] } {
  const clues: Clue[] = [];
  const dows: DowClue[] = [];
  const [hy] = ymd(horizon);
  for (const t of raws) {
    const s = t.spec;
    if (t.type === 'DURATION' || t.type === 'SET') continue;
    if (s.k === 'abs') {
      const r = absRange(s);
      if (!r) continue;
      const [a, b] = r;
      if (s.cur === 0) clue(clues, t, [[a, b]], 2, 'named as the current period');
      else if (s.cur === -1) clue(clues, t, [[b + 1, horizon]], 2, 'named as past');
      else if (t.bound === 'SINCE') clue(clues, t, [[a, horizon]], 2, 'a time since which something holds');
      else if ((t.bound === 'ON_OR_BEFORE' && t.tense !== 'past') || (t.tense === 'future' && !t.weakFuture)) clue(clues, t, [[EPOCH, b]], 2, 'a date still ahead (future tense or deadline)');
      // «حتى / بحلول» with a past verb near: often a relative clause («… تم تحديدها … حتى سبتمبر 2026»)
      else if (t.tense === 'past' && t.bound === 'ON_OR_BEFORE') clue(clues, t, [[a, horizon]], 1, 'a bound date near a past-tense verb');
      else if (t.tense === 'past') clue(clues, t, [[a, horizon]], 2, 'a date in a past-tense clause');
      else if (s.m == null && !s.season) {
        // a year named with no tense cue: often the coming year («انتخابات 2019», «تصنيف 2018»)
        const [y0] = ymd(a);
        clue(clues, t, [[dayOf(y0 - 1, 1, 1), horizon]], 1, 'a year named (most likely past or the coming one)');
      } else clue(clues, t, [[a, horizon]], 1, 'a date named (most likely past)');
      // a weekday named with a full date that does not fall on it: ignore (no clue)
    } else if (s.k === 'md') {
      if (s.rel === 0 && s.yOff == null) {
        const days: DaySet = [];
        for (let y = 1990; y <= hy; y++) days.push(monthRange(y, s.m));
        clues.push({ days: normalizeSet(days).map(([a, b]) => [a, Math.min(b, horizon)]), strength: 2, ns: t.ns, ne: t.ne, why: 'the month named as the current one' });
      } else if (s.d != null && t.wd != null) {
        // «الاثنين 15 أكتوبر»: the years in which that day is that weekday
        const days: DaySet = [];
        for (let y = 1990; y <= hy; y++) {
          const d = dayOf(y, s.m, s.d);
          if (weekday(d) !== t.wd) continue;
          days.push(t.tense === 'future' ? [d - 60, d] : [d, d + 60]);
        }
        if (days.length) clues.push({ days: normalizeSet(days), strength: 1, ns: t.ns, ne: t.ne, why: `the day named with its weekday (${WD_NAMES[t.wd]})` });
      }
    } else if (s.k === 'rel' && s.unit === 'D' && t.wd != null) {
      const dow = (((t.wd - s.off) % 7) + 7) % 7;
      dows.push({ dow, ns: t.ns, ne: t.ne, why: `the dateline is a ${WD_NAMES[dow]}` });
    }
  }
  return { clues, dows };
}

export interface Inference {
  days: DaySet;
  used: Clue[];
  dropped: Clue[];
  dowUsed: DowClue[];
}

/** Intersect clues, strongest (then narrowest) first, setting aside those that contradict. */
export function inferDays(clues: Clue[], dows: DowClue[], horizon: number): Inference {
  let S: DaySet = [[EPOCH, horizon]];
  const order = clues
    .map((c, i) => ({ c, i, n: size(c.days) }))
    .sort((x, y) => y.c.strength - x.c.strength || x.n - y.n || x.i - y.i);
  const used: Clue[] = [];
  const dropped: Clue[] = [];
  for (const { c } of order) {
    const T = intersect(S, c.days);
    if (!T.length) {
      dropped.push(c);
      continue;
    }
    if (size(T) < size(S)) used.push(c);
    S = T;
  }
  const dowUsed: DowClue[] = [];
  if (dows.length && size(S) <= 62) {
    const want = new Set(dows.map((d) => d.dow));
    if (want.size === 1) {
      const dow = [...want][0];
      const days: DaySet = [];
      for (const [a, b] of S) for (let d = a; d <= b; d++) if (weekday(d) === dow) days.push([d, d]);
      if (days.length) {
        S = days;
        dowUsed.push(...dows);
      }
    }
  }
  return { days: S, used, dropped, dowUsed };
}

export function windowOfDays(days: DaySet): [number, number] | null {
  return hull(days);
}
