// The best single day of an inferred dateline (`published.best`): not a bound but the day the
// evidence argues for, inside the window. News reports what happened in the last day or two, so
// the latest day the article names as past (or with no tense) is the day it is most likely
// written on, moved on to the weekday the text gives the dateline («اليوم الاثنين», «أمس الأحد»:
// the dateline is a Monday) when that weekday falls within the week after it. A window of one day
// is its own best day; a short window with no such date, its middle. Anything else: no best day.
//
// Work per article: one pass over the matched times (not over the tokens), and per candidate.
import type { RawTime } from '../temporal/index.js';
import type { TTok } from '../temporal/tokens.js';
import { dayOf, monthRange, weekday, yearRange, ymd } from '../temporal/calendar.js';
import type { DowClue } from './infer.js';
import { hull, type DaySet } from './intervals.js';

export interface Best {
  day: number;
  why: string;
  /** evidence spans in the normalised text (the date, the weekday) */
  spans: { ns: number; ne: number; why: string }[];
}

/** A window this short with no day named: its middle is the best day. */
export const SHORT_WINDOW = 45;
/** A date named without its year is looked for this far before the window (days). */
const NO_YEAR_BEFORE = 150;

const WD_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The day of `S` nearest to `d` (the later of two as near). */
function nearestIn(S: DaySet, d: number): number {
  let best = S[0][0];
  let dist = Infinity;
  for (const [a, b] of S) {
    const x = d < a ? a : d > b ? b : d;
    const e = Math.abs(x - d);
    if (e <= dist) {
      best = x;
      dist = e;
    }
  }
  return best;
}

/**
 * The latest day named as past or with no tense that can lie in the window `[e, l]`: a full date
 * («14 أكتوبر 2018»), or a day named without its year («14 أكتوبر», «الثاني من يوليو الحالي») in
 * the one year that puts it in the window or just before it.
 */
function latestNamedDay(raws: RawTime[], e: number, l: number, keep: (ns: number, ne: number) => boolean): { day: number; t: RawTime } | null {
  let out: { day: number; t: RawTime } | null = null;
  const [ey] = ymd(e);
  const [ly] = ymd(l);
  // the first day of the latest month named as past (or with no tense) in the window; quoted
  // months count here, unlike the days below (measured in session 5: leaving them out gave fewer
  // best days and fewer within 30 days on the dev and bulk sets)
  let ref: number | null = null;
  for (const t of raws) {
    const s = t.spec;
    if (t.type !== 'DATE' || t.tense === 'future' || t.bound != null || s.k !== 'abs' || s.m == null || s.cur != null) continue;
    const x = dayOf(s.y, s.m, 1);
    if (x <= l && x >= e - 31 && (ref == null || x > ref) && keep(t.ns, t.ne)) ref = x;
  }
  for (const t of raws) {
    if (t.type !== 'DATE' || t.tense === 'future' || t.inQuote) continue;
    if (t.bound != null) continue;
    const s = t.spec;
    let d: number | null = null;
    if (s.k === 'abs') {
      if (s.d == null || s.m == null || s.cur != null) continue;
      d = dayOf(s.y, s.m, s.d);
      if (d > l || d < e - NO_YEAR_BEFORE) continue;
    } else if (s.k === 'md') {
      if (s.d == null || s.yOff != null || s.rel === 1) continue;
      if (l - e <= 366) {
        // the latest year that puts the day no later than the window's end
        for (let y = ly; y >= ey - 1; y--) {
          const x = dayOf(y, s.m, s.d);
          if (x <= l) {
            if (x >= e - NO_YEAR_BEFORE) d = x;
            break;
          }
        }
      } else if (ref != null) {
        // a wide window: a day named without its year is of the months around the article,
        // which is after the latest month the text names as past: the first year that puts the
        // day no earlier than some months before that month
        const [ry] = ymd(ref);
        for (let y = ry; y <= ry + 1 && d == null; y++) {
          const x = dayOf(y, s.m, s.d);
          if (x >= ref - NO_YEAR_BEFORE && x <= l && x >= e) d = x;
        }
      }
      if (d == null) continue;
    } else continue;
    if (!keep(t.ns, t.ne)) continue;
    if (!out || d > out.day) out = { day: d, t };
  }
  return out;
}

/**
 * The latest month or year named as past or with no tense, its last day: «في أغسطس 2016»,
 * «عام 2017» (not «منذ 2014», not in a future clause or a quotation). Only one that ends inside
 * the window `[e, l]`: a year long before the window says nothing about where in it the article
 * lies. Measured on the news and bulk sets, the article is most often of that year or the next,
 * so the year's last day is the nearest to both.
 */
function latestNamedPeriod(raws: RawTime[], e: number, l: number, keep: (ns: number, ne: number) => boolean): { day: number; t: RawTime } | null {
  let out: { day: number; t: RawTime } | null = null;
  for (const t of raws) {
    const s = t.spec;
    if (t.type !== 'DATE' || t.listed || t.tense === 'future' || t.inQuote || t.bound != null || s.k !== 'abs' || s.cur != null || s.season) continue;
    const d = s.m == null ? yearRange(s.y)[1] : monthRange(s.y, s.m)[1];
    if (d < e || d > l || (out && d <= out.day) || !keep(t.ns, t.ne)) continue;
    out = { day: d, t };
  }
  return out;
}

/** A year written as four digits («2018», «كأس العالم 2018», «منذ 2014»), in the normalised text. */
export interface YearMention {
  y: number;
  ns: number;
  ne: number;
}

/** The four-digit numbers 1990 … `lastYear` among the digit-run tokens (`Scan.nums`): read as
 *  years whatever the matcher made of them (a competition's year, a year after «منذ», a count). */
export function writtenYears(toks: readonly TTok[], nums: readonly number[], lastYear: number): YearMention[] {
  const out: YearMention[] = [];
  for (const i of nums) {
    const t = toks[i];
    if (t.kind !== 'number' || t.norm.length !== 4) continue;
    const y = Number(t.norm);
    if (y >= 1990 && y <= lastYear) out.push({ y, ns: t.nStart, ne: t.nEnd });
  }
  return out;
}

export function bestDay(
  raws: RawTime[],
  S: DaySet,
  dows: DowClue[],
  keep: (ns: number, ne: number) => boolean = () => true,
  horizon?: number,
  years?: () => YearMention[],
): Best | null {
  const h = hull(S);
  if (!h) return null;
  const [e, l] = h;
  if (e === l) return { day: e, why: 'the window is one day', spans: [] };
  const want = new Set(dows.map((d) => d.dow));
  const dow = want.size === 1 ? dows[0] : null;
  const named = latestNamedDay(raws, e, l, keep);
  if (named) {
    const spans = [{ ns: named.t.ns, ne: named.t.ne, why: 'the latest day named as past' }];
    let d = named.day;
    let why = 'the latest day named as past or with no tense';
    if (dow) {
      const k = (((dow.dow - weekday(d)) % 7) + 7) % 7;
      d += k;
      why += `, moved on to the ${WD_NAMES[dow.dow]} the text gives the dateline`;
      spans.push({ ns: dow.ns, ne: dow.ne, why: dow.why });
    }
    const x = nearestIn(S, d);
    if (x !== d) why += ' (the nearest day of the window to it)';
    return { day: x, why, spans };
  }
  if (l - e + 1 <= SHORT_WINDOW) {
    const mid = Math.floor((e + l) / 2);
    return { day: nearestIn(S, mid), why: `the middle of a window of ${l - e + 1} days`, spans: [] };
  }
  // a window that runs to the horizon: its middle is a function of the horizon, not of the
  // evidence, so the latest month or year named is the better argument (measured: with both ends
  // bounded, the middle is nearer more often)
  if (horizon == null || l < horizon) return null;
  const period = latestNamedPeriod(raws, e, l, keep);
  // the latest year written in digits, whatever it was read as: a later one than the period's
  // year moves the best day to that year's end
  const [ey] = ymd(e);
  let year: YearMention | null = null;
  for (const m of years?.() ?? []) if (m.y >= ey && (!year || m.y > year.y) && keep(m.ns, m.ne)) year = m;
  if (year && (!period || year.y > ymd(period.day)[0])) {
    const d = yearRange(year.y)[1];
    const x = nearestIn(S, d);
    const why = `the last day of the latest year written in the text${x !== d ? ' (the nearest day of the window to it)' : ''}`;
    return { day: x, why, spans: [{ ns: year.ns, ne: year.ne, why: 'the latest year written' }] };
  }
  if (period) {
    const x = nearestIn(S, period.day);
    const why = `the last day of the latest month or year named as past or with no tense${x !== period.day ? ' (the nearest day of the window to it)' : ''}`;
    return { day: x, why, spans: [{ ns: period.t.ns, ne: period.t.ne, why: 'the latest month or year named' }] };
  }
  return null;
}
