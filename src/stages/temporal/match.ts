// The time-expression matcher: finds Arabic time expressions in the normalised text and reads
// each into a Spec (what it says, before it is resolved against a dateline). Hand-written over
// a lexicon (data/time/words.tsv); see docs/time.md for why chrono-node's Arabic locale is not
// used here.
import type { TimexMod, TimexType } from '../../pipeline/doc.js';
import { normalizeString } from '../../text/normalize.js';
import { fromHijri, isoDay } from './calendar.js';
import { firstHitsOf, KIND_BIT, loadTimeLexicon, type Hits, type TimeLexicon, type WordEntry, type WordKind } from './lexicon.js';
import { scanTokens, triggerValue, ttokenize, type Reading, type Trigger, type TTok } from './tokens.js';

const NO_HITS: never[] = [];
/** Tense cues: a token whose entries are all of these kinds starts no time expression. */
const TENSE_BITS = KIND_BIT.future | KIND_BIT.past;
/** Kinds that cannot start the core of an expression (a date, a duration …). */
const NOT_CORE_BITS = KIND_BIT.future | KIND_BIT.past | KIND_BIT.bound | KIND_BIT.approx | KIND_BIT.part;

export type Unit = 'D' | 'W' | 'M' | 'Y' | 'DE' | 'CE' | 'H' | 'MIN';
export type Spec =
  /** a date with its year: a day, a month, a season or a year */
  | { k: 'abs'; y: number; m?: number; d?: number; season?: string; cur?: -1 | 0 }
  /** a month (and day) whose year comes from the dateline: rel -1 الماضي, 0 الجاري, 1 المقبل */
  | { k: 'md'; m: number; d?: number; rel: -1 | 0 | 1 | null; yOff?: number }
  /** today, yesterday, last week, next month, this year … */
  | { k: 'rel'; unit: 'D' | 'W' | 'M' | 'Y'; off: number }
  /** a weekday on its own: rel -1 الماضي, 1 المقبل, null by tense */
  | { k: 'wd'; w: number; rel: -1 | 1 | null }
  | { k: 'season'; season: string; rel: -1 | 0 | 1 }
  | { k: 'decade'; v: string }
  | { k: 'ref'; v: string }
  /** the time of the last date named before (آنذاك، حينها) or the unit after it (العام التالي) */
  | { k: 'anaphor'; a: 'then' | 'then-day' | 'next'; unit?: 'D' | 'W' | 'M' | 'Y' }
  | { k: 'dur'; v: string | null }
  | { k: 'set'; v: string }
  /** a Hijri month without a year */
  | { k: 'hijri'; hm: number; hd?: number }
  | { k: 'null' };

export type Tense = 'past' | 'future' | null;

export interface RawTime {
  /** span in the normalised text */
  ns: number;
  ne: number;
  type: TimexType;
  spec: Spec;
  mod: TimexMod;
  /** the bound word before it (بحلول، حتى، منذ، قبل، بعد …) as a mod-like tag */
  bound: string | null;
  /** a weekday stated with the date (اليوم الاثنين، الأربعاء 5 فبراير) */
  wd: number | null;
  /** part of the day (MO AF EV NI) for TIME values */
  tod: string | null;
  tense: Tense;
  /** the future cue was an imperfect verb (يعقد، يتوقع، أن يوافق): likely, not certain */
  weakFuture: boolean;
  inQuote: boolean;
  /** a year of a series read since session 6 («عامي 2014 و2015», «عام 2003 و2011»: the dual or
   *  plural word's first year and every year listed after a year): a time, but no dateline
   *  evidence, since the clause's tense is the series' («سيتجاوز … لعامي 2017 و2018», a forecast
   *  written in 2018) and no one year of it bounds the article */
  listed: boolean;
}

const SENT_END = new Set(['.', '!', '?', '؟', '\n', '؛']);
/** Does a token end a sentence (one of SENT_END: single characters, tested without hashing)? */
const SENT_END_CODE = new Set([...SENT_END].map((c) => c.charCodeAt(0)));
const endsSentence = (t: string) => t.length === 1 && SENT_END_CODE.has(t.charCodeAt(0));
const YEAR_PREP = new Set(['في', 'فى', 'منذ', 'حتى', 'قبل', 'بعد', 'خلال', 'بحلول', 'وفي', 'ومنذ', 'وحتى', 'وبحلول', 'لعام', 'ولعام', 'اواخر', 'اوائل', 'مطلع', 'نهايه', 'بدايه', 'منتصف', 'خريف', 'ربيع', 'صيف', 'شتاء'].map(normalizeString));
const MONTH_PREP = new Set(['في', 'فى', 'وفي', 'منذ', 'ومنذ', 'حتى', 'وحتى', 'بحلول', 'وبحلول', 'خلال', 'من', 'الى', 'مطلع', 'اوائل', 'منتصف', 'اواسط', 'اواخر', 'نهايه', 'بدايه', 'شهر', 'شهري', 'بين', 'و'].map(normalizeString));
/** Month names that are also ordinary words (مارس "practised", آب "father", نيسان the car maker …). */
const AMBIG_MONTH = new Set(['مارس', 'اب', 'ماي', 'نيسان', 'تموز', 'جوان', 'اوت', 'ايار', 'صفر', 'رجب', 'شعبان', 'رمضان', 'محرم', 'شوال']);
const FUT_VERB = /^(?:و|ف|ل)?س(?:ي|ت|ن)[\u0621-\u064a]{2,}$/;
/** FUT_VERB needs a س among the first three letters (a cheap test before the regexes). */
const hasSeen = (w: string) => w.charCodeAt(0) === 0x633 || w.charCodeAt(1) === 0x633 || w.charCodeAt(2) === 0x633;
const NOT_FUT = /^(?:و|ف|ل)?(?:سيا|سيار|سيط|سيد|سين|سيف|سيول|سير|سيي|سيل|سيم|سيو|ستين|ستار|ستور|ستا|ستر|ستو|ستي|سنه|سنو|سنين|سنت|سنغ|سنا|سند|سنن|سني|سنج|سنب|سنك|سنع|سيتي$|ستميه$|ستمايه$)/;

const UNIT_TIMEX: Record<Unit, [string, string]> = {
  D: ['P', 'D'], W: ['P', 'W'], M: ['P', 'M'], Y: ['P', 'Y'], DE: ['P', 'DE'], CE: ['P', 'CE'], H: ['PT', 'H'], MIN: ['PT', 'M'],
};
export function durValue(n: number | 'X', unit: Unit): string {
  const [p, u] = UNIT_TIMEX[unit];
  return `${p}${n}${u}`;
}

interface Hit {
  e: WordEntry;
  /** token index after the match */
  end: number;
  r: Reading;
  /** e.bit, read by look() without reading the entry */
  bit: number;
}

interface Core {
  end: number;
  /** start in the normalised text (after clitics) */
  ns: number;
  type: TimexType;
  spec: Spec;
  wd?: number | null;
  tod?: string | null;
  /** the expression refuses bound mods (refs, weekdays) */
  noBound?: boolean;
  /** an approx/part word is required before it (singular units) */
  needsPre?: boolean;
  /** the expression is a month name that needs context */
  weak?: boolean;
  /** the first year of a series (RawTime.listed) */
  listed?: boolean;
}

// kinds of lexicon entries, as bits (look() takes a set of them)
const K_ANAPHOR = KIND_BIT.anaphor;
const K_APPROX = KIND_BIT.approx;
const K_BOUND = KIND_BIT.bound;
const K_DECADE = KIND_BIT.decade;
const K_DURNULL = KIND_BIT.durnull;
const K_HIJRI = KIND_BIT.hijri;
const K_MONTH = KIND_BIT.month;
const K_NUM = KIND_BIT.num;
const K_ORD = KIND_BIT.ord;
const K_PART = KIND_BIT.part;
const K_REF = KIND_BIT.ref;
const K_REL = KIND_BIT.rel;
const K_RELDAY = KIND_BIT.relday;
const K_SEASON = KIND_BIT.season;
const K_SET = KIND_BIT.set;
const K_TENS = KIND_BIT.tens;
const K_THIS = KIND_BIT.this;
const K_TOD = KIND_BIT.tod;
const K_UNIT = KIND_BIT.unit;
const K_UNITDUAL = KIND_BIT.unitdual;
const K_UNITPLURAL = KIND_BIT.unitplural;
const K_WEEKDAY = KIND_BIT.weekday;

// The state of the document being matched. matchTimes sets it and the helpers below read it:
// they are made once, not as closures for every document (and matching is never re-entered).
let norm = '';
let lex: TimeLexicon;
let toks: TTok[] = [];
let n = 0;
let cands: readonly number[] = [];
let trigs: readonly (Trigger | undefined)[] | undefined;
// every lexicon entry that matches at token i (readings in order, longest entries first)
// (kept from document to document: hstamp[i] === hgen marks an entry of this document)
let hcache: (Hit[] | undefined)[] = [];
let hstamp = new Int32Array(0);
let hgen = 0;
/** the kinds of token i's entries (the union of their bits, beside hcache[i]): look() and the
 *  tests whether a token can start an expression or a core read this, not the entries, and most
 *  of the time find no kind they want (each entry has one kind, one bit) */
let hbits = new Int32Array(0);

/**
 * The time expressions of a normalised text. `tokens` (with `starts` and `startTrig`, the tokens
 * that may start one and their triggers: a Scan's complete lists, see `scanDoc`, since a token
 * outside them is taken to start nothing) are the doc's; without them the text is tokenised here.
 * `tense` (a tenseFinder over the same tokens and lexicon) and `marks` (the Scan's '"' and line
 * break tokens) are shared with the caller when given.
 */
export function matchTimes(
  normText: string,
  lexicon: TimeLexicon = loadTimeLexicon(),
  tokens?: TTok[],
  starts?: readonly number[],
  startTrig?: readonly (Trigger | undefined)[],
  tense?: (a: number, b: number) => Tense | 'future?',
  marks?: { quotes: readonly number[]; lines: readonly number[] },
): RawTime[] {
  norm = normText;
  lex = lexicon;
  toks = tokens ?? ttokenize(norm);
  cands = starts ?? [];
  trigs = startTrig;
  if (!starts) {
    const sc = scanTokens(toks);
    cands = sc.starts;
    trigs = sc.startTrig;
  }
  n = toks.length;
  if (hstamp.length < n) {
    const size = Math.max(n, 2 * hstamp.length, 1024);
    hstamp = new Int32Array(size);
    hbits = new Int32Array(size);
    hcache = new Array(size).fill(undefined);
    hgen = 0;
  }
  if (hgen === 0x7fffffff) {
    hstamp.fill(0);
    hgen = 0;
  }
  hgen++;
  lastK = 0;
  qTok = 0;
  qState = 0;
  qMarks = marks ?? null;
  qLastJ = 0;
  qi = 0;
  qb = 0;
  qli = 0;
  prevBound = null;
  try {
    return mainLoop(tense ?? tenseFinder(toks, lex));
  } finally {
    // hold no document after matching it (hcache too: the hit lists left in it, most of them at
    // positions the next documents do not look up, lived on through every scavenge and were
    // promoted to the old generation: 16 KB promoted a scavenge, against 2 KB without them)
    hcache.fill(undefined, 0, n);
    toks = [];
    norm = '';
    cands = [];
    trigs = undefined;
    qMarks = null;
  }
}

function mainLoop(tenseAround: (a: number, b: number) => Tense | 'future?'): RawTime[] {

  // ---------------------------------------------------------------- main loop
  const out: RawTime[] = [];
  // only candidates can start an expression (words that start a lexicon entry, digit runs):
  // jump from one to the next at or after i
  let i = 0;
  let ci = 0;
  for (;;) {
    while (ci < cands.length && cands[ci] < i) ci++;
    if (ci >= cands.length) break;
    i = cands[ci];
    lastK = ci;
    const tg = trigs !== undefined ? trigs[ci] : undefined;
    // a relative word (الماضي) starts nothing: core() has no reading that begins with one
    if (tg !== undefined && tg.noStart) {
      i++;
      continue;
    }
    if (toks[i].kind === 'word' ? !startsExprAt(i) : toks[i].kind !== 'number') {
      i++;
      continue;
    }
    let j = i;
    let bound: string | null = null;
    let boundMod: TimexMod = null;
    const bh = look(j, K_BOUND);
    if (bh) {
      bound = bh.e.value;
      if (bh.e.value === 'ON_OR_BEFORE' || bh.e.value === 'BEFORE' || bh.e.value === 'AFTER') boundMod = bh.e.value as TimexMod;
      j = bh.end;
      if (tokIs(j, 'في')) j++;
    }
    let preStart = -1;
    let mod: TimexMod = null;
    const ah = look(j, K_APPROX);
    if (ah) {
      mod = ah.e.value as TimexMod;
      preStart = startOf(j, ah);
      j = ah.end;
    }
    const ph = look(j, K_PART);
    if (ph) {
      mod = ph.e.value as TimexMod;
      if (preStart < 0) preStart = startOf(j, ph);
      j = ph.end;
      if (tokIs(j, 'من')) j++;
    }
    prevBound = bound;
    const c = core(j, bound != null || ph != null);
    if (!c || (c.needsPre && bound == null && ah == null)) {
      i = bh ? bh.end : i + 1;
      continue;
    }
    // part words go with dates only; approx words with durations and dates
    if (ph && c.type !== 'DATE') {
      i = j;
      continue;
    }
    const ns = preStart >= 0 ? preStart : c.ns;
    const ne = toks[c.end - 1].nEnd;
    if (mod == null && boundMod && !c.noBound && c.type === 'DATE' && c.spec.k !== 'anaphor') mod = boundMod;
    const tn = tenseAround(bh ? i : j, c.end);
    const tense: Tense = tn === 'future?' ? 'future' : tn;
    out.push({
      ns,
      ne,
      type: c.type,
      spec: c.spec,
      mod,
      bound,
      wd: c.wd ?? null,
      tod: c.tod ?? null,
      tense,
      weakFuture: tn === 'future?',
      inQuote: inQuoteAt(j),
      listed: c.listed ?? false,
    });
    i = c.end;
    // years listed after a year, each a date of its own: «عامي 2014 و2015», «في أعوام 2015 و2016
    // و2017», «عام 2003 و2011» (a bare year after «و» alone is not one: «و2016 شخصا»)
    if (c.type === 'DATE' && c.spec.k === 'abs' && c.spec.m == null && c.spec.season == null) {
      while (tokIs(i, 'و', '،', ',')) {
        const y = num4(i + 1);
        // (not the first part of a written date: «و2015/2016», «و2015-09-27»)
        if (y == null || (tokIs(i + 2, '/', '-', '.') && contiguous(i + 2) && i + 3 < n && toks[i + 3].kind === 'number')) break;
        const t = toks[i + 1];
        out.push({ ns: t.nStart, ne: t.nEnd, type: 'DATE', spec: { k: 'abs', y }, mod, bound, wd: null, tod: null, tense, weakFuture: tn === 'future?', inQuote: inQuoteAt(i + 1), listed: true });
        i += 2;
      }
    }
  }
  return out;
}

/** the lexicon entries token i's readings start, from its trigger when the scan found one */
const firstAt = (i: number): Hits => {
  if (trigs) {
    // candidates come in order: find i among them
    const k = candIndex(i);
    if (k >= 0) {
      const v = triggerValue<Hits>(trigs[k], lex);
      if (v) return v;
    } else {
      // not a candidate: every form that starts an entry other than a tense cue is a trigger (the
      // lexicon registers them when it loads), so the token starts tense cues at most, and no
      // reader of hitsAt() asks for those (the tense finder reads the lexicon itself)
      return NO_HITS;
    }
  }
  return firstHitsOf(lex, toks[i].norm);
};
let lastK = 0;
const candIndex = (i: number): number => {
  const c = cands!;
  if (lastK < c.length && c[lastK] === i) return lastK;
  let lo = 0;
  let hi = c.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid] === i) return (lastK = mid);
    if (c[mid] < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
};
const hitsAt = (i: number): Hit[] => {
  if (hstamp[i] === hgen) return hcache[i]!;
  let h: Hit[] = NO_HITS;
  let bits = 0;
  if (toks[i].kind === 'word') {
    const hs = firstAt(i);
    for (let k = 0; k < hs.length; k++) {
      const x = hs[k];
      const nw = x.n;
      if (nw > 1) {
        // the next words by their hashes first (a word token's hash is formHash of it; every
        // other token's is 0, and no such token is a word of Arabic letters), then exactly
        const t1 = toks[i + 1];
        if (t1 === undefined || (x.h1 !== 0 && t1.hash !== x.h1)) continue;
        if (nw > 2) {
          const t2 = toks[i + 2];
          if (t2 === undefined || (x.h2 !== 0 && t2.hash !== x.h2)) continue;
        }
        const words = x.e.words;
        let ok = true;
        for (let w = 1; w < nw; w++) {
          const t = toks[i + w];
          if (!t || t.norm !== words[w]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      if (h === NO_HITS) h = [];
      h.push({ e: x.e, end: i + nw, r: x.r, bit: x.bit });
      bits |= x.bit;
    }
  }
  hcache[i] = h;
  hbits[i] = bits;
  hstamp[i] = hgen;
  return h;
};
/** the kinds of token i's entries (see hbits) */
const kindsAt = (i: number): number => {
  if (hstamp[i] !== hgen) hitsAt(i);
  return hbits[i];
};
/** Can token i start a time expression (has it an entry that is not a tense cue)? */
const startsExprAt = (i: number): boolean => (kindsAt(i) & ~TENSE_BITS) !== 0;
/** Can token i start the core of an expression (a date, a duration …)? */
const startsCoreAt = (i: number): boolean => (kindsAt(i) & ~NOT_CORE_BITS) !== 0;

const look = (i: number, kinds: number, defOk = true): Hit | null => {
  if (i >= n || (kindsAt(i) & kinds) === 0) return null;
  for (const h of hcache[i]!) {
    if ((h.bit & kinds) !== 0 && (defOk || !h.r.def)) return h;
  }
  return null;
};
/** Is token i one of the forms (up to four)? */
function tokIs(i: number, a: string, b?: string, c?: string, d?: string): boolean {
  if (i >= n || i < 0) return false;
  const s = toks[i].norm;
  return s === a || s === b || s === c || s === d;
}
const startOf = (i: number, h?: Hit | null) => toks[i].nStart + (h ? h.r.cut : 0);

// is token j inside "…" on its line? (the '"' tokens since the last line break token: every '"'
// and every line break of the text is a token of its own; counted on from where the last call
// stopped, as matches come in text order)
let qTok = 0;
let qState = 0;
// with the scan's lists of '"' and line break tokens: pointers into them
let qMarks: { quotes: readonly number[]; lines: readonly number[] } | null = null;
let qLastJ = 0;
let qi = 0;
let qb = 0;
let qli = 0;
function inQuoteAt(j: number): boolean {
  if (qMarks) {
    const { quotes, lines } = qMarks;
    if (j < qLastJ) qi = qb = qli = 0;
    qLastJ = j;
    while (qli < lines.length && lines[qli] < j) qli++;
    const lb = qli > 0 ? lines[qli - 1] : -1;
    // quotes before j, less those up to the line break before it
    while (qi < quotes.length && quotes[qi] < j) qi++;
    while (qb < quotes.length && quotes[qb] <= lb) qb++;
    return ((qi - qb) & 1) === 1;
  }
  if (j < qTok) {
    // (not in text order: count again from the line's start)
    let k = j - 1;
    while (k >= 0 && toks[k].norm !== '\n') k--;
    qTok = k + 1;
    qState = 0;
  }
  for (; qTok < j; qTok++) {
    const s = toks[qTok].norm;
    if (s.length !== 1) continue;
    const c = s.charCodeAt(0);
    if (c === 10) qState = 0;
    else if (c === 0x22) qState ^= 1;
  }
  return qState === 1;
}

const num4 = (i: number): number | null => {
  if (i >= n || toks[i].kind !== 'number' || toks[i].norm.length !== 4) return null;
  const y = +toks[i].norm;
  return y >= 1900 && y <= 2099 ? y : null;
};
const contiguous = (i: number) => i > 0 && toks[i].nStart === toks[i - 1].nEnd;

/** (عام|العام|سنة) YEAR [م|ه] → year */
/** "عام 2018 الجاري": a relative word (current or past) after a year phrase ending at `end` is part of it. */
const trailingRel = (end: number): { end: number; cur: -1 | 0 | undefined } => {
  const r = look(end, K_REL);
  return r && (r.e.value === '0' || r.e.value === '-1') ? { end: r.end, cur: +r.e.value as -1 | 0 } : { end, cur: undefined };
};
const yearPhrase = (i: number): { y: number | null; end: number; noValue: boolean } | null => {
  let j = i;
  const u = look(j, K_UNIT);
  if (u && u.e.value === 'Y' && u.end === j + 1) j = u.end;
  // with عام/سنة before it, a year can be older than 1900 («عام 1187»)
  const y = j > i && j < n && toks[j].kind === 'number' && toks[j].norm.length === 4 && +toks[j].norm >= 1000 && +toks[j].norm <= 2099 ? +toks[j].norm : num4(j);
  if (y == null) {
    // Hijri year: 1446 هـ
    if (j < n && toks[j].kind === 'number' && toks[j].norm.length === 4 && tokIs(j + 1, 'ه', 'هجريه', 'هجري', 'للهجره')) {
      return { y: null, end: j + 2, noValue: true };
    }
    return null;
  }
  j++;
  if (tokIs(j, '/') && j + 1 < n && toks[j + 1].kind === 'number' && (toks[j + 1].norm.length === 2 || toks[j + 1].norm.length === 4)) return { y: null, end: j + 2, noValue: true };
  if (tokIs(j, 'م', 'ميلادي', 'ميلاديه') && j < n) j++;
  else if (tokIs(j, 'ه', 'هجريه', 'هجري', 'للهجره')) return { y: null, end: j + 1, noValue: true };
  return { y, end: j, noValue: false };
};

/** [شهر] MONTH [/ MONTH] ; returns month number */
const monthName = (i: number): { m: number; end: number; ns: number; pair: boolean; shahr: boolean; ambig: boolean; hit: Hit } | null => {
  let j = i;
  let shahr = false;
  const ns = i < n ? toks[i].nStart : 0;
  let first: Hit | null = null;
  if (i < n && toks[i].kind === 'word') {
    if (hitsAt(i).some((x) => x.r.form === 'شهر' && !x.r.def)) {
      const h = look(i + 1, K_MONTH);
      if (h) {
        shahr = true;
        j = i + 1;
        first = h;
      }
    }
  }
  const h = first ?? look(j, K_MONTH);
  if (!h) return null;
  const m = +h.e.value;
  let end = h.end;
  let pair = false;
  // paired names: سبتمبر/ أيلول, أيلول (سبتمبر), أكتوبر /تشرين الأول
  if (end < n && (toks[end].norm === '/' || toks[end].norm === '(' || toks[end].norm === '-' || toks[end].norm === '\\')) {
    const sep = toks[end].norm;
    const h2 = look(end + 1, K_MONTH);
    if (h2 && +h2.e.value === m) {
      end = h2.end;
      pair = true;
      if (sep === '(' && tokIs(end, ')')) end++;
    }
  }
  const ambig = h.e.words.length === 1 && AMBIG_MONTH.has(h.e.words[0]) && !pair && !shahr;
  return { m, end, ns: shahr ? ns : startOf(j, h), pair, shahr, ambig, hit: h };
};

/** after a month: [من] [عام|العام|سنة] YEAR | الماضي/الجاري/المقبل | من العام الماضي */
// noYearValue: a Hijri or fiscal year («1446 هـ», «2022/21») follows: the month has no Gregorian value
const monthTail = (j: number): { end: number; y?: number; cur?: -1 | 0; rel?: -1 | 0 | 1; yOff?: number; noYearValue?: boolean } => {
  let k = j;
  if (tokIs(k, 'من')) k++;
  const yp = yearPhrase(k);
  if (yp) {
    if (yp.noValue) return { end: yp.end, noYearValue: true };
    const { end, cur } = trailingRel(yp.end);
    return { end, y: yp.y!, cur };
  }
  // من العام الماضي / من هذا العام
  if (tokIs(j, 'من')) {
    const th = look(j + 1, K_THIS);
    const u = look(th ? th.end : j + 1, K_UNIT);
    if (u && u.e.value === 'Y') {
      if (th) return { end: u.end, yOff: 0 };
      const r = look(u.end, K_REL);
      if (r && /^-?[01]$/.test(r.e.value)) return { end: r.end, yOff: +r.e.value };
    }
  }
  const r = look(j, K_REL);
  if (r && /^-?[01]$/.test(r.e.value)) return { end: r.end, rel: +r.e.value as -1 | 0 | 1 };
  return { end: j };
};

/** a day of the month: digits 1-31 or an ordinal (الثالث، الحادي والعشرين، الثاني عشر) */
const dayNum = (i: number): { d: number; end: number; ord: boolean } | null => {
  if (i >= n) return null;
  if (toks[i].kind === 'number') {
    const d = +toks[i].norm;
    if (toks[i].norm.length <= 2 && d >= 1 && d <= 31) return { d, end: i + 1, ord: false };
    return null;
  }
  const h = look(i, K_ORD, false);
  if (!h) return null;
  let d = +h.e.value;
  let end = h.end;
  if (d < 10 && tokIs(end, 'عشر')) {
    d += 10;
    end++;
  } else if (d < 10) {
    const t = look(end, K_ORD);
    if (t && toks[end].norm.startsWith('و') && (+t.e.value === 20 || +t.e.value === 30)) {
      d += +t.e.value;
      end = t.end;
    }
  }
  return d >= 1 && d <= 31 ? { d, end, ord: true } : null;
};

/** a cardinal in words: ثلاثة، خمسة عشر، خمسة وعشرين، عشرين، بضعة */
const numWord = (i: number): { n: number | 'X'; end: number } | null => {
  const h = look(i, K_NUM | K_TENS, false);
  if (!h) return null;
  if (h.e.value === 'X') return { n: 'X', end: h.end };
  let v = +h.e.value;
  let end = h.end;
  if (h.e.kind === 'num' && v < 10 && tokIs(end, 'عشر', 'عشره')) {
    v += 10;
    end++;
  } else if (h.e.kind === 'num' && v < 10) {
    const t = look(end, K_TENS);
    if (t && toks[end].norm.startsWith('و')) {
      v += +t.e.value;
      end = t.end;
    }
  }
  return { n: v, end };
};

/** a unit after a number: شهرا، سنوات، أيام، يوما */
const unitAfterNum = (i: number): { u: Unit; end: number } | null => {
  const h = look(i, K_UNIT | K_UNITPLURAL, false);
  if (!h) return null;
  return { u: h.e.value as Unit, end: h.end };
};

const dateFromDMY = (d: number, m: number, y: number | undefined, rel: -1 | 0 | 1 | null, yOff?: number): Spec | null => {
  if (y != null) {
    if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
    return { k: 'abs', y, m, d };
  }
  return { k: 'md', m, d, rel, yOff };
};

// ---------------------------------------------------------------- core expressions
let prevBound: string | null = null;
const core = (i: number, afterPre: boolean): Core | null => {
  if (i >= n) return null;
  const tk = toks[i];

  // --- digits ---
  if (tk.kind === 'number') {
    // numeric dates 27/9/2024, 2024-09-27, 27-9-2024, 27.9.2024
    if (i + 4 < n && contiguous(i + 1) && contiguous(i + 2) && contiguous(i + 3) && contiguous(i + 4)) {
      const s1 = toks[i + 1].norm;
      const s2 = toks[i + 3].norm;
      if (s1 === s2 && (s1 === '/' || s1 === '-' || s1 === '.') && toks[i + 2].kind === 'number' && toks[i + 4].kind === 'number') {
        const a = +tk.norm;
        const b = +toks[i + 2].norm;
        const c = +toks[i + 4].norm;
        let y = 0, m = 0, d = 0;
        if (tk.norm.length === 4) [y, m, d] = [a, b, c];
        else if (toks[i + 4].norm.length === 4) [y, m, d] = [c, b, a];
        if (y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
          const sp = dateFromDMY(d, m, y, null);
          if (sp) return { end: i + 5, ns: tk.nStart, type: 'DATE', spec: sp };
        }
      }
    }
    // day + month
    const dn = dayNum(i);
    if (dn) {
      let j = dn.end;
      if (tokIs(j, 'من')) j++;
      const mn = monthName(j);
      if (mn) {
        const tail = monthTail(mn.end);
        if (tail.noYearValue) return null;
        const sp = dateFromDMY(dn.d, mn.m, tail.y, tail.rel ?? null, tail.yOff);
        if (sp) return { end: tail.end, ns: tk.nStart, type: 'DATE', spec: sp };
      }
      // Hijri: 15 رمضان 1440 هـ
      const hh = look(j, K_HIJRI);
      if (hh) {
        let k = hh.end;
        if (k < n && toks[k].kind === 'number' && toks[k].norm.length === 4) {
          const hy = +toks[k].norm;
          k++;
          if (tokIs(k, 'ه', 'هجريه', 'هجري', 'للهجره')) k++;
          const day = fromHijri(hy, +hh.e.value, dn.d);
          if (day != null) {
            const [y, m, d] = isoDay(day).split('-').map(Number);
            return { end: k, ns: tk.nStart, type: 'DATE', spec: { k: 'abs', y, m, d } };
          }
        }
        return { end: hh.end, ns: tk.nStart, type: 'DATE', spec: { k: 'hijri', hm: +hh.e.value, hd: dn.d } };
      }
    }
    // a number of units: 12 شهرا، 3 أيام
    const ua = unitAfterNum(i + 1);
    if (ua && tk.norm.length <= 4) {
      return { end: ua.end, ns: tk.nStart, type: 'DURATION', spec: { k: 'dur', v: durValue(+tk.norm, ua.u) } };
    }
    // a year on its own after a preposition, a part word, or with م
    const y = num4(i);
    if (y != null) {
      const prev = i > 0 ? toks[i - 1].norm : '';
      const prevOk = YEAR_PREP.has(prev) || afterPre;
      if (tokIs(i + 1, 'ه', 'هجريه', 'للهجره')) return { end: i + 2, ns: tk.nStart, type: 'DATE', spec: { k: 'null' } };
      // a fiscal or season year «2022/21», «2020/2021»: two years, no single value
      if (tokIs(i + 1, '/') && i + 2 < n && toks[i + 2].kind === 'number' && contiguous(i + 2) && (toks[i + 2].norm.length === 2 || toks[i + 2].norm.length === 4)) {
        if (prevOk) return { end: i + 3, ns: tk.nStart, type: 'DATE', spec: { k: 'null' } };
        return null;
      }
      if (prevOk || tokIs(i + 1, 'م')) {
        let end = i + 1;
        if (tokIs(end, 'م')) end++;
        return { end, ns: tk.nStart, type: 'DATE', spec: { k: 'abs', y } };
      }
    }
    return null;
  }
  // every core below starts with a lexicon word of a core kind: reject the rest at once
  if (tk.kind !== 'word' || !startsCoreAt(i)) return null;

  // --- relative days, optionally with a weekday: اليوم الاثنين، أمس الأحد، غدا الخميس ---
  const rday = look(i, K_RELDAY);
  if (rday) {
    // اليوم التالي
    const nx = look(rday.end, K_REL);
    if (rday.e.value === '0' && nx && nx.e.value === 'next') {
      return { end: nx.end, ns: startOf(i, rday), type: 'DATE', spec: { k: 'anaphor', a: 'next', unit: 'D' }, noBound: true };
    }
    let end = rday.end;
    let wd: number | null = null;
    const w = look(end, K_WEEKDAY);
    if (w) {
      wd = +w.e.value;
      end = w.end;
    } else if (tokIs(end, '(') && look(end + 1, K_WEEKDAY) && tokIs(look(end + 1, K_WEEKDAY)!.end, ')')) {
      // «اليوم (الاثنين)», as Saudi papers write it
      const w3 = look(end + 1, K_WEEKDAY)!;
      wd = +w3.e.value;
      end = w3.end + 1;
    } else if (tokIs(end, 'يوم', 'اليوم')) {
      const w2 = look(end + 1, K_WEEKDAY);
      if (w2) {
        wd = +w2.e.value;
        end = w2.end;
      }
    }
    if (rday.e.value === '0' && wd == null) {
      // «اليوم نفسه / ذاته», «نفس اليوم»: the day just named; «في مثل هذا اليوم»: a day in history
      if (tokIs(end, 'نفسه', 'ذاته') || tokIs(i - 1, 'نفس', 'ذات')) {
        const e2 = tokIs(end, 'نفسه', 'ذاته') ? end + 1 : end;
        return { end: e2, ns: startOf(i, rday), type: 'DATE', spec: { k: 'anaphor', a: 'then-day' }, noBound: true };
      }
      if (tokIs(i - 1, 'هذا')) return null;
      // اليوم alone: today (a date) — or, in a quotation, "nowadays"
      return { end, ns: startOf(i, rday), type: 'DATE', spec: { k: 'rel', unit: 'D', off: 0 }, wd, noBound: true };
    }
    return { end, ns: startOf(i, rday), type: 'DATE', spec: { k: 'rel', unit: 'D', off: +rday.e.value }, wd, noBound: true };
  }

  // --- part of a day + a day: صباح اليوم، مساء أمس، ليلة الجمعة ---
  const tod = look(i, K_TOD);
  if (tod) {
    const inner = core(tod.end, false);
    if (inner && inner.type === 'DATE' && (inner.spec.k === 'rel' && inner.spec.unit === 'D' || inner.spec.k === 'wd' || inner.spec.k === 'abs' && inner.spec.d != null || inner.spec.k === 'md' && inner.spec.d != null)) {
      return { ...inner, ns: startOf(i, tod), type: 'TIME', tod: tod.e.value };
    }
    return null;
  }

  // --- weekdays: [يوم] الاثنين [15 أكتوبر [2018]] | الاثنين الماضي ---
  {
    let j = i;
    let yawm = false;
    if (tokIs(j, 'يوم', 'ويوم', 'بيوم', 'ليوم')) {
      j++;
      yawm = true;
    }
    const w = look(j, K_WEEKDAY);
    if (w && (yawm || w.r.cut === 0 || w.r.form.startsWith('ال'))) {
      const wd = +w.e.value;
      const ns = yawm ? startOf(i) + (toks[i].norm.length - 3) : startOf(j, w);
      let k = w.end;
      if (tokIs(k, ',', '،', '-')) k++;
      const inner = core(k, false);
      if (inner && (inner.spec.k === 'abs' && inner.spec.d != null || inner.spec.k === 'md' && inner.spec.d != null)) {
        return { ...inner, ns, wd };
      }
      const r = look(w.end, K_REL);
      if (r && (r.e.value === '-1' || r.e.value === '1')) {
        return { end: r.end, ns, type: 'DATE', spec: { k: 'wd', w: wd, rel: +r.e.value as -1 | 1 }, wd, noBound: true };
      }
      return { end: w.end, ns, type: 'DATE', spec: { k: 'wd', w: wd, rel: null }, wd, noBound: true };
    }
  }

  // --- day as an ordinal: الثالث من يناير ---
  {
    const dn = dayNum(i);
    if (dn && dn.ord && tokIs(dn.end, 'من')) {
      const mn = monthName(dn.end + 1);
      if (mn) {
        const tail = monthTail(mn.end);
        const sp = tail.noYearValue ? null : dateFromDMY(dn.d, mn.m, tail.y, tail.rel ?? null, tail.yOff);
        if (sp) return { end: tail.end, ns: startOf(i, look(i, K_ORD)), type: 'DATE', spec: sp };
      }
    }
  }

  // --- month names: [شهر] سبتمبر[/ أيلول] [2025 | الماضي | من العام الماضي] ---
  {
    const mn = monthName(i);
    if (mn) {
      const tail = monthTail(mn.end);
      if (tail.noYearValue) return null;
      const prev = i > 0 ? toks[i - 1].norm : '';
      const hasCtx = tail.y != null || tail.rel != null || tail.yOff != null || mn.pair || mn.shahr;
      // a bare month name needs a preposition or a part word before it («في سبتمبر», not «سبتمبر نت»)
      if (!hasCtx && !afterPre && !MONTH_PREP.has(prev) && !(mn.hit.r.cut > 0 && !mn.ambig)) return null;
      const spec: Spec = tail.y != null ? { k: 'abs', y: tail.y, m: mn.m, cur: tail.cur } : { k: 'md', m: mn.m, rel: tail.rel ?? null, yOff: tail.yOff };
      return { end: tail.end, ns: mn.ns, type: 'DATE', spec };
    }
  }

  // --- Hijri month with a year: رمضان 1446 هـ ; or alone after شهر ---
  {
    let j = i;
    const shahr = tokIs(j, 'شهر');
    if (shahr) j++;
    const hh = look(j, K_HIJRI);
    if (hh) {
      const k = hh.end;
      if (k < n && toks[k].kind === 'number' && toks[k].norm.length === 4) {
        const hy = +toks[k].norm;
        let end = k + 1;
        if (tokIs(end, 'ه', 'هجريه', 'هجري', 'للهجره')) end++;
        const a = fromHijri(hy, +hh.e.value, 1);
        if (a != null) {
          // a Hijri month runs across two Gregorian months: no single TIMEX month value
          return { end, ns: startOf(i), type: 'DATE', spec: { k: 'hijri', hm: +hh.e.value } };
        }
      }
      const ambig = hh.e.words.length === 1 && AMBIG_MONTH.has(hh.e.words[0]);
      if (shahr || !ambig) return { end: hh.end, ns: startOf(i), type: 'DATE', spec: { k: 'hijri', hm: +hh.e.value } };
    }
  }

  // --- year with its word: عام 2014، العام 2017، سنة 2003 ---
  {
    const u = look(i, K_UNIT);
    if (u && u.e.value === 'Y' && u.end === i + 1) {
      const yp = yearPhrase(i);
      if (yp && yp.end > i + 1) {
        if (yp.noValue) return { end: yp.end, ns: startOf(i, u), type: 'DATE', spec: { k: 'null' } };
        const { end, cur } = trailingRel(yp.end);
        return { end, ns: startOf(i, u), type: 'DATE', spec: { k: 'abs', y: yp.y!, cur } };
      }
    }
  }

  // --- a dual or plural year word before a year: «عامي 2014 و2015», «الأعوام 2014 و2015 و2016»
  // (the years after the first are listed by mainLoop) ---
  {
    const u = look(i, K_UNITDUAL | K_UNITPLURAL);
    if (u && u.e.value === 'Y') {
      const y = num4(u.end);
      if (y != null) return { end: u.end + 1, ns: startOf(i, u), type: 'DATE', spec: { k: 'abs', y }, listed: true };
    }
  }

  // --- هذا العام، هذا الشهر، هذا الأسبوع، هذا الخريف ---
  {
    const th = look(i, K_THIS, false);
    if (th) {
      const u = look(th.end, K_UNIT);
      if (u && u.r.def && ['D', 'W', 'M', 'Y'].includes(u.e.value)) {
        if (u.e.value === 'D') return null;
        return { end: u.end, ns: startOf(i, th), type: 'DATE', spec: { k: 'rel', unit: u.e.value as 'W' | 'M' | 'Y', off: 0 } };
      }
      const s = look(th.end, K_SEASON);
      if (s) return { end: s.end, ns: startOf(i, th), type: 'DATE', spec: { k: 'season', season: s.e.value, rel: 0 } };
      return null;
    }
  }

  // --- units: العام الماضي، الشهر المقبل، العام التالي، الأسابيع الأخيرة، عامين، سنوات ---
  {
    const u = look(i, K_UNIT | K_UNITDUAL | K_UNITPLURAL);
    if (u) {
      const unit = u.e.value as Unit;
      const r = look(u.end, K_REL);
      if (u.e.kind === 'unit' && u.r.def && r && ['D', 'W', 'M', 'Y'].includes(unit)) {
        const un = unit as 'D' | 'W' | 'M' | 'Y';
        if (r.e.value === 'next') return { end: r.end, ns: startOf(i, u), type: 'DATE', spec: { k: 'anaphor', a: 'next', unit: un } };
        if (r.e.value === 'last') return null;
        // العام الحالي 2018
        const y = num4(r.end);
        if (y != null && un === 'Y' && (r.e.value === '0' || r.e.value === '-1')) return { end: r.end + 1, ns: startOf(i, u), type: 'DATE', spec: { k: 'abs', y, cur: +r.e.value as -1 | 0 } };
        return { end: r.end, ns: startOf(i, u), type: 'DATE', spec: { k: 'rel', unit: un, off: +r.e.value } };
      }
      if (u.e.kind === 'unitplural') {
        if (u.r.def && !r) return null;
        // عدة سنوات / سنوات عديدة
        let end = r ? r.end : u.end;
        if (tokIs(end, 'عديده', 'طويله', 'قليله')) end++;
        return { end, ns: startOf(i, u), type: 'DURATION', spec: { k: 'dur', v: durValue('X', unit) } };
      }
      if (u.e.kind === 'unitdual') {
        // «عامي»/«سنتي» name two years only before them (a dual or plural year word before a year, above)
        if (u.r.form === 'عامي' || u.r.form === 'سنتي') return null;
        const end = r && u.r.def ? r.end : u.end;
        return { end, ns: startOf(i, u), type: 'DURATION', spec: { k: 'dur', v: durValue(2, unit) } };
      }
      // a bare singular unit: a duration of one only after نحو/منذ/خلال/لمدة/قبل/بعد
      // (not عقد after قبل/بعد: «بعد عقد اجتماع» is a verb)
      if (!u.r.def && !(unit === 'DE' && (prevBound === 'AFTER' || prevBound === 'BEFORE'))) {
        let end = u.end;
        if (tokIs(end, 'واحد', 'واحده', 'كامل', 'كامله')) end++;
        return { end, ns: startOf(i, u), type: 'DURATION', spec: { k: 'dur', v: durValue(1, unit) }, needsPre: end === u.end };
      }
      return null;
    }
  }

  // --- numbers in words + unit: عشر سنوات، ثلاثة أشهر، بضعة أيام ---
  {
    const nw = numWord(i);
    if (nw) {
      const ua = unitAfterNum(nw.end);
      if (ua) return { end: ua.end, ns: startOf(i, look(i, K_NUM | K_TENS)), type: 'DURATION', spec: { k: 'dur', v: durValue(nw.n, ua.u) } };
    }
  }

  // --- decades: التسعينيات [من القرن الماضي] ---
  {
    const d = look(i, K_DECADE);
    if (d) {
      let end = d.end;
      let century = '19';
      if (tokIs(end, 'من')) end++;
      const c = look(end, K_UNIT);
      if (c && c.e.value === 'CE') {
        const r = look(c.end, K_REL);
        if (r) end = r.end;
        else if (tokIs(c.end, 'العشرين')) end = c.end + 1;
        else if (tokIs(c.end, 'الحالي', 'الحادي')) {
          century = '20';
          end = c.end + (tokIs(c.end + 1, 'والعشرين') ? 2 : 1);
        } else end = c.end;
      } else end = d.end;
      return { end, ns: startOf(i, d), type: 'DATE', spec: { k: 'decade', v: century + d.e.value } };
    }
  }

  // --- seasons with a year or a relative word: صيف 2018، الخريف الماضي ---
  {
    const s = look(i, K_SEASON);
    if (s) {
      const y = num4(s.end);
      if (y != null) return { end: s.end + 1, ns: startOf(i, s), type: 'DATE', spec: { k: 'abs', y, season: s.e.value } };
      const r = look(s.end, K_REL);
      if (r && /^-?[01]$/.test(r.e.value)) return { end: r.end, ns: startOf(i, s), type: 'DATE', spec: { k: 'season', season: s.e.value, rel: +r.e.value as -1 | 0 | 1 } };
      return null;
    }
  }

  // --- references, anaphora, vague durations, sets ---
  {
    const h = look(i, K_REF | K_ANAPHOR | K_DURNULL | K_SET);
    if (h) {
      const ns = startOf(i, h);
      if (h.e.kind === 'ref') return { end: h.end, ns, type: 'DATE', spec: { k: 'ref', v: h.e.value }, noBound: true };
      if (h.e.kind === 'anaphor') return { end: h.end, ns, type: 'DATE', spec: { k: 'anaphor', a: h.e.value as 'then' | 'then-day' }, noBound: true };
      if (h.e.kind === 'durnull') return { end: h.end, ns, type: 'DURATION', spec: { k: 'dur', v: null } };
      return { end: h.end, ns, type: 'SET', spec: { k: 'set', v: h.e.value }, noBound: true };
    }
  }
  return null;
};


type Cue = 'future' | 'future?' | 'past' | null;
/** The tense cue at token j, memoised in `memo` (a function of its own: closures made for every
 *  document cost more). */
function cueAt(toks: TTok[], lex: TimeLexicon, memo: (Cue | undefined)[], j: number): Cue {
  const m = memo[j];
  if (m !== undefined) return m;
  let out: Cue = null;
  const t = toks[j];
  if (t.kind === 'word') {
    // the form's tense cues (verbs and particles take و/ف only: لبحث is a noun, not the verb
    // بحث), from a small index of their own (see TimeLexicon.tense)
    // (a cue of several words is told by the next word's hash first, as in hitsAt)
    const hs = lex.tense.getHashed(t.norm, t.hash);
    if (hs !== undefined) for (let k = 0; k < hs.length; k++) {
      const x = hs[k];
      if (x.n > 1) {
        const t1 = toks[j + 1];
        if (t1 === undefined || (x.h1 !== 0 && t1.hash !== x.h1)) continue;
      }
      const e = x.e;
      let ok = true;
      for (let w = 1; w < x.n; w++) if (toks[j + w]?.norm !== e.words[w]) ok = false;
      if (ok) {
        out = e.kind === 'past' ? 'past' : e.value === '0' ? 'future?' : 'future';
        break;
      }
    }
    if (!out && hasSeen(t.norm) && FUT_VERB.test(t.norm) && !NOT_FUT.test(t.norm)) out = 'future';
    if (!out && (t.norm === 'ان' || t.norm === 'وان') && j + 1 < toks.length && /^[يتن]/.test(toks[j + 1].norm) && toks[j + 1].norm.length >= 4) out = 'future?';
  }
  memo[j] = out;
  return out;
}

/**
 * Tense of the clause around tokens [a, b): the nearest cue word before (up to 14 tokens) or
 * after (up to 5) inside the sentence — a future cue (سـ + imperfect verb, سوف، من المقرر،
 * بحلول، أن + imperfect …) or a past one (reporting verbs, الماضي، منذ، أمس …).
 */
export function tenseFinder(toks: TTok[], lex: TimeLexicon = loadTimeLexicon()): (a: number, b: number) => Tense | 'future?' {
  const n = toks.length;
  const memo = new Array<Cue | undefined>(n);
  return (a: number, b: number): Tense | 'future?' => {
    // the verb that governs a time adverbial mostly comes before it (VSO): look back first,
    // then ahead inside the clause (up to a comma)
    for (let d = 1; d <= 14; d++) {
      const back = a - d;
      if (back < 0 || endsSentence(toks[back].norm)) break;
      const c = cueAt(toks, lex, memo, back);
      if (c) return c;
    }
    for (let d = 0; d < 5; d++) {
      const fwd = b + d;
      if (fwd >= n || endsSentence(toks[fwd].norm) || toks[fwd].norm === '،' || toks[fwd].norm === ',') break;
      const c = cueAt(toks, lex, memo, fwd);
      if (c) return c;
    }
    return null;
  };
}
