// Dateline inference: every clue in the text becomes a set of days the article can have been
// written on; the sets are intersected, strongest clues first, and a clue that contradicts the
// stronger ones already kept is set aside (it is more likely misread than they are).
//
// Clues and their strength:
//   3  dated facts: an office holder named with the title (data/time/facts.tsv), a known event
//   2  explicit tense: «بحلول سبتمبر 2025» (a deadline: still ahead), «منذ 2014», «عام 2018 الجاري»,
//      «سبتمبر الجاري» (this month is September), a date in a clause with a past cue,
//      «العام الماضي 2017» (written in 2018), «العام المقبل 2019» (written in 2018), an
//      anniversary of a dated year or event («الذكرى السبعين للنكبة»), «أمس الأحد 14 أكتوبر 2018»
//   1  a date in a future-tense clause (the verb is often of another clause: «ستمثل … مقارنة
//      بالعام 2017»; wrong for 21-46% of them on the bulk set, against 2% for a past-tense one);
//      a date named with no tense cue: the article is most likely written after it; a date named
//      without its year («27 سبتمبر») lies within five months of the article; a Hijri year;
//      «أمس الأحد» with «الأحد 14 أكتوبر» (the day after a 14 October that was a Sunday)
// A weekday clue («اليوم الاثنين», «أمس الأحد») narrows a window of a few weeks to those days.
import { absRange, type RawTime } from '../temporal/index.js';
import { dayOf, fromHijri, monthRange, weekday, yearRange, ymd } from '../temporal/calendar.js';
import { dataPath, readTsv } from '../temporal/lexicon.js';
import type { TTok } from '../temporal/tokens.js';
import { normalizeString } from '../../text/normalize.js';
import { createError } from '../../errors.js';
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

/** How far from the article a date named without its year lies (days): «27 سبتمبر» in news is
 *  of the last months or the coming ones, or the year would be named. */
const NO_YEAR_REACH = 150;
/** Days after a weekday named alone («قال الوزير، الأحد،»): the most recent one. */
const BARE_WEEKDAY_REACH = 6;

/** «حتى» (or «وحتى», «حتى عام») right before a date: the end of a span («من 2008 وحتى 2010») as
 *  often as a deadline. */
const UNTIL = /(?:^|[\s،,(])و?حتي(?:\s+(?:عام|العام|سنه|نهايه|مطلع|بدايه|منتصف|اواخر|اوائل|شهر))?\s*$/;
function untilBefore(norm: string, ns: number): boolean {
  return UNTIL.test(norm.slice(Math.max(0, ns - 24), ns));
}

/** `strongOnly`: only the clues of strength 2 (what a given dateline can conflict with, see the
 *  stage), without making the others' day sets where that costs a loop over the years. */
export function timeClues(raws: RawTime[], horizon: number, norm?: string, strongOnly = false): { clues: Clue[]; dows: DowClue[] } {
  const clues: Clue[] = [];
  const dows: DowClue[] = [];
  const [hy] = ymd(horizon);
  for (const t of raws) {
    const s = t.spec;
    if (t.type === 'DURATION' || t.type === 'SET' || t.listed) continue;
    if (s.k === 'abs') {
      const r = absRange(s);
      if (!r) continue;
      const [a, b] = r;
      if (s.cur === 0) clue(clues, t, [[a, b]], 2, 'named as the current period');
      else if (s.cur === -1 && s.m == null && !s.season) clue(clues, t, [[b + 1, yearRange(s.y + 1)[1]]], 2, 'named as last year: written the year after');
      else if (s.cur === -1 && s.m != null) clue(clues, t, [[b + 1, monthRange(s.y + 1, s.m)[1]]], 2, 'a month named as the last one: written within the year after');
      else if (s.cur === -1) clue(clues, t, [[b + 1, horizon]], 2, 'named as past');
      else if (t.bound === 'SINCE') clue(clues, t, [[a, horizon]], 2, 'a time since which something holds');
      else if (t.tense === 'future' && !t.weakFuture) clue(clues, t, [[EPOCH, b]], 1, 'a date still ahead (future tense)');
      // «حتى» + a date with no future tense: the end of a span of the past («من 2008 وحتى 2010»,
      // «استمر حتى عام 2007») as often as a term still running («تم تمديد العقد حتى 2020»): no clue
      else if (t.bound === 'ON_OR_BEFORE' && norm !== undefined && untilBefore(norm, t.ns)) continue;
      else if (t.bound === 'ON_OR_BEFORE' && t.tense !== 'past') clue(clues, t, [[EPOCH, b]], 2, 'a date still ahead (deadline)');
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
        if (strongOnly) continue;
        // «الاثنين 15 أكتوبر»: the years in which that day is that weekday
        const days: DaySet = [];
        for (let y = 1990; y <= hy; y++) {
          const d = dayOf(y, s.m, s.d);
          if (weekday(d) !== t.wd) continue;
          // with no tense cue, before or after it: news dates coming matches, concerts and
          // premieres by weekday as often as past ones (a past reading missed 9 of 22 on bulk)
          days.push(t.tense === 'future' ? [d - 60, d] : t.tense === 'past' ? [d, d + 60] : [d - 60, d + 60]);
        }
        if (days.length) clues.push({ days: normalizeSet(days), strength: 1, ns: t.ns, ne: t.ne, why: `the day named with its weekday (${WD_NAMES[t.wd]})` });
      } else if (s.d != null && s.rel == null && s.yOff == null) {
        if (strongOnly) continue;
        // «27 سبتمبر» with no year: within some months of the article, before or after it
        const days: DaySet = [];
        for (let y = 1989; y <= hy + 1; y++) {
          const d = dayOf(y, s.m, s.d);
          days.push([d - NO_YEAR_REACH, d + NO_YEAR_REACH]);
        }
        clues.push({ days: clip(normalizeSet(days), horizon), strength: 1, ns: t.ns, ne: t.ne, why: `a day named without its year: within ${NO_YEAR_REACH} days of it` });
      }
    } else if (s.k === 'rel' && s.unit === 'D' && t.wd != null) {
      const dow = (((t.wd - s.off) % 7) + 7) % 7;
      dows.push({ dow, ns: t.ns, ne: t.ne, why: `the dateline is a ${WD_NAMES[dow]}` });
    }
  }
  pinClues(raws, horizon, clues);
  return { clues: strongOnly ? clues.filter((c) => c.strength >= 2) : clues, dows };
}

const clip = (days: DaySet, horizon: number): DaySet => intersect(days, [[EPOCH, horizon]]);

/**
 * A relative day with its weekday and a date with that weekday name one day: «أمس الأحد 14
 * أكتوبر» (side by side), or «أمس الأحد» and «وصل الأحد 14 أكتوبر» in the same article (one
 * Sunday only is dated). Then the dateline is that date plus one day, in the years where 14
 * October is a Sunday (the year itself when it is named). A weekday named alone («قال، الأحد،»)
 * with a date of that weekday: the article is of the week after it.
 */
function pinClues(raws: RawTime[], horizon: number, clues: Clue[]): void {
  let rels: RawTime[] | null = null;
  let bare: RawTime[] | null = null;
  let dated: RawTime[] | null = null;
  for (const t of raws) {
    const s = t.spec;
    if (s.k === 'rel' && s.unit === 'D' && t.wd != null && s.off >= -2 && s.off <= 1) (rels ??= []).push(t);
    else if (s.k === 'wd' && s.rel == null) (bare ??= []).push(t);
    else if (t.tense !== 'future' && t.bound == null && ((s.k === 'md' && s.d != null && s.rel == null && s.yOff == null) || (s.k === 'abs' && s.d != null && s.m != null))) (dated ??= []).push(t);
  }
  if (!dated || (!rels && !bare)) return;
  const [hy] = ymd(horizon);
  // the date's day in each year it can be in (one year when named), keeping those on `wd`
  const daysOn = (t: RawTime, wd: number): number[] => {
    const s = t.spec as { k: 'md' | 'abs'; y?: number; m: number; d: number };
    const out: number[] = [];
    for (let y = s.k === 'abs' ? s.y! : 1990, last = s.k === 'abs' ? s.y! : hy; y <= last; y++) {
      const d = dayOf(y, s.m, s.d);
      if (weekday(d) === wd) out.push(d);
    }
    return out;
  };
  const key = (t: RawTime) => `${(t.spec as { m: number }).m}-${(t.spec as { d: number }).d}`;
  for (const r of rels ?? []) {
    const off = (r.spec as { off: number }).off;
    // side by side («أمس الأحد 14 أكتوبر»: the weekday went with the relative day), else the one
    // date named with that weekday
    let m = dated.find((t) => t.ns >= r.ne && t.ns - r.ne <= 2);
    if (!m) {
      const same = dated.filter((t) => t.wd === r.wd);
      if (!same.length || same.some((t) => key(t) !== key(same[0]))) continue;
      m = same[0];
    }
    const days = daysOn(m, r.wd!).map((d) => [d - off, d - off] as [number, number]);
    if (!days.length) continue;
    const explicit = m.spec.k === 'abs';
    const rel = off === 0 ? 'today' : off === -1 ? 'yesterday' : off === 1 ? 'tomorrow' : `${-off} days ago`;
    // the evidence: both when side by side, else the date (the relative day is the weekday clue)
    const near = m.ns - r.ne <= 2 && m.ns >= r.ne;
    clues.push({
      days: clip(days, horizon),
      strength: explicit ? 2 : 1,
      ns: near ? r.ns : m.ns,
      ne: m.ne,
      why: `${rel} is a ${WD_NAMES[r.wd!]}, and this date falls on one: the dateline is ${off === 0 ? 'that day' : off === -1 ? 'the day after it' : off === 1 ? 'the day before it' : `${-off} days after it`}`,
    });
  }
  for (const w of bare ?? []) {
    const same = dated.filter((t) => t.wd === w.wd);
    if (!same.length || same.some((t) => key(t) !== key(same[0]))) continue;
    const m = same[0];
    const days = daysOn(m, w.wd!).map((d) => (w.tense === 'future' ? [d - BARE_WEEKDAY_REACH, d] : [d, d + BARE_WEEKDAY_REACH]) as [number, number]);
    if (!days.length) continue;
    clues.push({ days: clip(normalizeSet(days), horizon), strength: 1, ns: m.ns, ne: m.ne, why: `a ${WD_NAMES[w.wd!]} named alone (the nearest one) and dated here: the article is of that week` });
  }
}

// ---------------------------------------------------------------- phrases the matcher leaves out

/** A clue read from the tokens (the dateline stage adds them to the dated facts' clues). */
export interface PhraseClue {
  ns: number;
  ne: number;
  days: DaySet;
  strength: 1 | 2;
  why: string;
}

let ordinals: Map<string, number> | null = null;
/** Ordinals of anniversaries (data/time/ordinals.tsv): normalised form → value. */
export function loadOrdinals(file = dataPath('time', 'ordinals.tsv')): Map<string, number> {
  if (ordinals && file === dataPath('time', 'ordinals.tsv')) return ordinals;
  const out = new Map<string, number>();
  for (const { line, cols } of readTsv(file)) {
    const v = Number(cols[1]);
    if (!cols[0] || !Number.isInteger(v) || v < 1) throw createError('E_DATA', file, line, 'expected: form <TAB> a whole number');
    out.set(normalizeString(cols[0]).trim(), v);
  }
  if (file === dataPath('time', 'ordinals.tsv')) ordinals = out;
  return out;
}

const YEAR_WORD = /^(?:[وفب]?(?:ال)?|لل|ل)(?:عام|سنه)$|^(?:عام|سنه)$/;
const NEXT = new Set(['المقبل', 'القادم', 'المقبله', 'القادمه']);
const THIS_REL = new Set(['الجاري', 'الحالي', 'الجاريه', 'الحاليه']);
const LAST = new Set(['الماضي', 'الماضيه', 'المنصرم', 'المنصرمه', 'الفايت', 'الفايته']);
const THIS = new Set(['هذا', 'وهذا', 'هذه', 'وهذه']);
const HIJRI_MARK = new Set(['ه', 'هجري', 'هجريه', 'للهجره']);
const SKIP = new Set(['(', '،', ',', '-', ':']);
const ANNIV = /^(?:[وب]?ال|لل|ل|[وب])?ذكري$/;
const SENT_END = new Set(['.', '!', '?', '؟', '\n', '؛']);
/** An anniversary is reported from some months before its day to some weeks after. */
const ANNIV_BEFORE = 120;
const ANNIV_AFTER = 90;

/**
 * The anniversary ordinal after «الذكرى» at token k: «الذكرى [السنوية] العاشرة / الخامسة
 * والعشرين / الحادية عشرة / الـ70 / 45». Returns the number and the token after it.
 */
export function anniversaryAt(toks: TTok[], k: number, ords = loadOrdinals()): { n: number; end: number } | null {
  if (!ANNIV.test(toks[k]?.norm ?? '')) return null;
  let i = k + 1;
  if (toks[i]?.norm === 'السنويه') i++;
  const t = toks[i];
  if (!t) return null;
  if (t.norm === 'ال' && toks[i + 1]?.kind === 'number') i++;
  const u = toks[i];
  if (u.kind === 'number') {
    const n = Number(u.norm);
    return n >= 1 && n <= 300 && u.norm.length <= 3 ? { n, end: i + 1 } : null;
  }
  let n = ords.get(u.norm);
  if (n == null) return null;
  i++;
  if (n < 10 && (toks[i]?.norm === 'عشره' || toks[i]?.norm === 'عشر')) return { n: n + 10, end: i + 1 };
  const tens = toks[i]?.norm.startsWith('و') ? ords.get(toks[i].norm.slice(1)) : undefined;
  if (n < 10 && tens != null && tens % 10 === 0 && tens < 100) return { n: n + tens, end: i + 1 };
  return { n, end: i };
}

/** An anniversary word («الذكرى», «بالذكرى» …), tested on its length and last letter first. */
function isAnniv(t: TTok): boolean {
  return t.kind === 'word' && t.norm.length >= 4 && t.norm.charCodeAt(t.norm.length - 1) === 0x64a && ANNIV.test(t.norm);
}
/** How many tokens before the year it counts from an anniversary word can be: «الذكرى السنوية
 *  الخامسة والعشرين» ends 4 tokens after it (anniversaryAt), and the year is looked for in the 14
 *  tokens from there (phraseClues). */
const ANNIV_REACH = 4 + 13;
/** The anniversary words that have a four-digit number at most ANNIV_REACH tokens after them
 *  (only those can count from a year), in order; null if none. */
function annivsBefore(toks: TTok[], nums: readonly number[]): number[] | null {
  let out: number[] | null = null;
  let from = 0;
  for (let k = 0; k < nums.length; k++) {
    const u = nums[k];
    if (toks[u].norm.length !== 4) continue;
    for (let j = Math.max(from, u - ANNIV_REACH); j < u; j++) if (isAnniv(toks[j])) (out ??= []).push(j);
    from = u + 1;
  }
  return out;
}

/** The days around the Nth anniversary of a day. */
export function anniversaryDays(day: number, n: number, horizon: number): DaySet {
  const [y, m, d] = ymd(day);
  const t = dayOf(y + n, m, Math.min(d, 28));
  return clip([[t - ANNIV_BEFORE, t + ANNIV_AFTER]], horizon);
}

/** First and last day of a Hijri year. */
function hijriYear(hy: number): [number, number] | null {
  const a = fromHijri(hy, 1, 1);
  const b = fromHijri(hy + 1, 1, 1);
  return a == null || b == null ? null : [a, b - 1];
}

/**
 * Clues from years the time matcher reads without their word (it keeps «العام الماضي 2017»,
 * «العام الجاري 2018» but not the year after «العام المقبل» or «هذا العام»), Hijri years
 * («1439 هـ»), and anniversaries with the year they count from («الذكرى السبعين … عام 1948»).
 */
export function phraseClues(toks: TTok[], horizon: number, nums?: readonly number[]): PhraseClue[] {
  const out: PhraseClue[] = [];
  const [hy] = ymd(horizon);
  let ords: Map<string, number> | null = null;
  // with the digit-run tokens (Scan.nums, every number token): those, and the anniversary words
  // close enough before a four-digit one to count from it, are read, not every token
  const annivs = nums === undefined ? null : annivsBefore(toks, nums);
  const nn = nums === undefined ? 0 : nums.length;
  const na = annivs === null ? 0 : annivs.length;
  // (the two lists merged in the tokens' order, as a pass over every token meets them)
  for (let k = 0, q = 0, m = nums === undefined ? toks.length : nn + na; k + q < m; ) {
    let i: number;
    if (nums === undefined) i = k++;
    else if (q < na && (k >= nn || annivs![q] < nums[k])) i = annivs![q++];
    else i = nums[k++];
    const t = toks[i];
    if (isAnniv(t)) {
      const a = anniversaryAt(toks, i, (ords ??= loadOrdinals()));
      if (!a) continue;
      // the year it counts from, in the same sentence
      for (let j = a.end; j < toks.length && j < a.end + 14 && !SENT_END.has(toks[j].norm); j++) {
        const u = toks[j];
        if (u.kind !== 'number' || u.norm.length !== 4 || HIJRI_MARK.has(toks[j + 1]?.norm ?? '')) continue;
        const y = Number(u.norm);
        if (y < 1000 || y > hy || y + a.n < 1990 || y + a.n > hy + 1) break;
        const days = clip([[dayOf(y + a.n, 1, 1) - ANNIV_BEFORE, dayOf(y + a.n, 12, 31) + ANNIV_AFTER]], horizon);
        if (days.length) out.push({ ns: t.nStart, ne: u.nEnd, days, strength: 2, why: `anniversary ${a.n} of ${y}: written around ${y + a.n}` });
        break;
      }
      continue;
    }
    if (t.kind !== 'number' || t.norm.length !== 4) continue;
    const v = Number(t.norm);
    const hijri = HIJRI_MARK.has(toks[i + 1]?.norm ?? '');
    if (hijri ? v < 1400 || v > 1500 : v < 1990 || v > hy + 1) continue;
    const range = (y: number): [number, number] | null => (hijri ? hijriYear(y) : yearRange(y));
    // the words before the year, over a bracket or comma: «العام المقبل (2019)»
    let j = i - 1;
    while (j >= 0 && SKIP.has(toks[j].norm)) j--;
    const w1 = toks[j]?.norm ?? '';
    let w0 = toks[j - 1]?.norm ?? '';
    if (w0 === 'الهجري' || w0 === 'الميلادي') w0 = toks[j - 2]?.norm ?? '';
    let year: number | null = null;
    let why = '';
    if (YEAR_WORD.test(w0) && NEXT.has(w1)) {
      year = v - 1;
      why = 'named as next year: written the year before';
    } else if (YEAR_WORD.test(w0) && LAST.has(w1)) {
      year = v + 1;
      why = 'named as last year: written the year after';
    } else if ((YEAR_WORD.test(w0) && THIS_REL.has(w1)) || (THIS.has(w0) && YEAR_WORD.test(w1))) {
      year = v;
      why = 'named as this year';
    }
    const start = year != null ? toks[j - 1].nStart : t.nStart;
    const end = hijri ? toks[i + 1].nEnd : t.nEnd;
    if (year != null) {
      const r = range(year);
      const days = r ? clip([r], horizon) : [];
      if (days.length) out.push({ ns: start, ne: end, days, strength: 2, why: hijri ? `a Hijri year ${why}` : `a year ${why}` });
    } else if (hijri) {
      // a Hijri year named: like a year named, most likely past or the coming one
      const r = hijriYear(v - 1);
      if (r && r[0] <= horizon) out.push({ ns: start, ne: end, days: [[r[0], horizon]], strength: 1, why: `a Hijri year named (${v}): most likely past or the coming one` });
    }
  }
  return out;
}

export interface Inference {
  days: DaySet;
  used: Clue[];
  dropped: Clue[];
  dowUsed: DowClue[];
}

/**
 * Intersect clues, strongest first, setting aside those that contradict. Of one strength, what
 * the text states (a tense, «الجاري») comes before what is only likely (`soft`: a holder still in
 * office); of those, the narrowest first, but of two likely ones the one that reaches later: an
 * article that names a former president with his title («الرئيس جورج بوش») and the present one
 * is written in the present one's term, not the other way round.
 */
export function inferDays(clues: Clue[], dows: DowClue[], horizon: number): Inference {
  let S: DaySet = [[EPOCH, horizon]];
  const order = clues
    .map((c, i) => ({ c, i, n: size(c.days), soft: c.soft ? 1 : 0, end: c.soft ? c.days[c.days.length - 1]?.[1] ?? 0 : 0 }))
    .sort((x, y) => y.c.strength - x.c.strength || x.soft - y.soft || y.end - x.end || x.n - y.n || x.i - y.i);
  const used: Clue[] = [];
  const dropped: Clue[] = [];
  // (S's size kept beside it, not counted again for each clue)
  let nS = size(S);
  for (const { c } of order) {
    const T = intersect(S, c.days);
    if (!T.length) {
      dropped.push(c);
      continue;
    }
    const nT = size(T);
    if (nT < nS) used.push(c);
    S = T;
    nS = nT;
  }
  const dowUsed: DowClue[] = [];
  if (dows.length && nS <= 62) {
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
