// Quantities: figures in digits (Western and Eastern, with ٬ and , separators) and in words, with
// their qualifiers (approx / min / max), ranges and alternatives («4000 أو 5000», «بين 4000 و5000»),
// changes («من 5200 جندي إلى 3000» → two figures), the unit from the counted noun, whose figure it
// is (subject), where (location) and when (time). Lexicons: data/claims/{numbers,qualifiers,units,
// time-nouns,nisba}.tsv. Years, dates, ordinals and numbers inside time expressions are skipped.
import type { Doc, Entity, Quantity } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import {
  Ctx,
  PhraseLexicon,
  datelineValue,
  isClauseBreak,
  normEntry,
  origSpan,
  readTsv,
  nisbaTable,
  registerKeys,
  allVariants,
  vs,
  NearestScan,
  type Word,
} from '../events/common.js';

type NumKind = 'unit' | 'ten' | 'hundred' | 'scale' | 'dual-scale' | 'vague';
type QualEffect = 'approx' | 'min' | 'max' | 'range';

interface Lex {
  numbers: Map<string, { value: number; kind: NumKind }>;
  qualBefore: PhraseLexicon<QualEffect>;
  qualAfter: PhraseLexicon<QualEffect>;
  units: PhraseLexicon<string>;
  timeNouns: Set<string>;
}
let lexCache: Lex | null = null;
function lex(): Lex {
  if (lexCache) return lexCache;
  const numbers = new Map<string, { value: number; kind: NumKind }>();
  for (const { cols } of readTsv('numbers.tsv', 3)) numbers.set(normEntry(cols[0]), { value: Number(cols[1]), kind: cols[2] as NumKind });
  const qualBefore = new PhraseLexicon<QualEffect>();
  const qualAfter = new PhraseLexicon<QualEffect>();
  for (const { cols } of readTsv('qualifiers.tsv', 3)) (cols[2] === 'after' ? qualAfter : qualBefore).add(cols[0], cols[1] as QualEffect);
  const units = new PhraseLexicon<string>();
  for (const { cols } of readTsv('units.tsv', 2)) units.add(cols[0], cols[1]);
  const timeNouns = new Set<string>();
  for (const { cols } of readTsv('time-nouns.tsv', 1)) timeNouns.add(normEntry(cols[0]));
  nisbaTable(); // registers the nisba forms
  registerKeys(numbers.keys());
  registerKeys([...numbers.keys()].map((k) => 'ال' + k));
  registerKeys(timeNouns);
  return (lexCache = { numbers, qualBefore, qualAfter, units, timeNouns });
}

export interface QuantityStageOptions {
  /** Create an entity (kb from data/claims/nisba.tsv) when a subject nisba has none in the article. */
  createEntities?: boolean;
}

interface Num {
  /** word range of the number itself */
  i: number;
  j: number;
  value: number | null;
  /** a vague amount word («المئات») */
  vague: boolean;
  /** a number word with the article (الست), which may follow its noun */
  definite: boolean;
}

const FORCE_HEADS = new Set(['قوات', 'القوات', 'قواتها', 'قواته', 'جنود', 'الجنود', 'جندي', 'القوه', 'عديد', 'عدد', 'تعداد']);
const COMPOSE = new Set(['يتكون', 'تتكون', 'يضم', 'تضم', 'يشمل', 'تشمل', 'يتالف', 'تتالف']);
const LOC_PREPS = new Set(['في', 'داخل', 'بداخل']);
const MEDIA_KB = /^(reuters|afp|ap|anadolu|ina|iraqi-news-agency|.*-news-agency|.*tv|aljazeera|.*-agency)$/;

export function createQuantityStage(options: QuantityStageOptions = {}): Stage {
  const createEntities = options.createEntities ?? true;
  lex();
  return {
    name: 'quantities',
    requires: ['tokens', 'sentences', 'times', 'entities', 'published'],
    assigns: ['quantities'],
    run(doc: Doc) {
      doc.quantities = extractQuantities(doc, createEntities);
    },
  };
}

function numberWord(w: Word | undefined): { value: number; kind: NumKind; definite: boolean } | null {
  if (!w || w.k !== 'w') return null;
  const L = lex();
  for (const v of vs(w)) {
    if (v.suf || v.fut) continue;
    const hit = L.numbers.get(v.f);
    if (hit) return { ...hit, definite: false };
    // «الست» → «ست»: a number word with the article is an adjective after its noun (الدول الست)
    if (v.f.startsWith('ال')) {
      const h2 = L.numbers.get(v.f.slice(2));
      if (h2 && h2.kind !== 'vague') return { ...h2, definite: true };
    }
  }
  return null;
}

function parseDigits(t: string): number {
  if (/^\d{1,3}(,\d{3})+$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  return Number(t);
}

/** Read a number starting at word i (digits or number words, with a following scale word). */
function readNumber(words: Word[], i: number): Num | null {
  const w = words[i];
  if (!w) return null;
  if (w.k === 'n') {
    let value = parseDigits(w.t);
    let j = i + 1;
    const nw = numberWord(words[j]);
    if (nw && (nw.kind === 'scale' || nw.kind === 'vague') && !nw.definite && words[j].s - w.e <= 1) {
      // «2.5 مليون»; «3000 آلاف» (a figure already in thousands) keeps its value
      if (!(value >= 1000 && nw.value === 1000)) value *= nw.value;
      j++;
    }
    return { i, j, value, vague: false, definite: false };
  }
  const first = numberWord(w);
  if (!first) return null;
  if (first.kind === 'vague') {
    // «عشرات/مئات/آلاف» alone; «ثلاثة آلاف» is read below from its first word
    return { i, j: i + 1, value: null, vague: true, definite: first.definite };
  }
  let total = 0;
  let cur = 0;
  let j = i;
  let definite = first.definite;
  while (j < words.length) {
    const x = words[j];
    const nw = numberWord(x);
    if (!nw || (j > i && nw.definite)) break;
    if (j > i && x.t[0] !== 'و' && !(nw.kind === 'scale' || nw.kind === 'hundred' || nw.kind === 'ten' || nw.kind === 'vague')) break;
    if (nw.kind === 'vague' && j > i) {
      // «ثلاثة آلاف»: the plural scale after a unit
      total += (cur || 1) * nw.value;
      cur = 0;
      j++;
      break;
    }
    if (nw.kind === 'scale' || nw.kind === 'dual-scale') {
      total += (cur || 1) * nw.value;
      cur = 0;
    } else if (nw.kind === 'hundred' && cur > 0 && cur < 10) {
      cur *= nw.value;
    } else if (nw.kind === 'ten' && nw.value === 10 && cur > 0 && cur < 10 && x.t[0] !== 'و') {
      cur += 10; // أحد عشر … تسعة عشر
    } else {
      cur += nw.value;
    }
    if (j === i) definite = nw.definite;
    j++;
  }
  const value = total + cur;
  if (!value) return null;
  return { i, j, value, vague: false, definite };
}

/**
 * The sentence-wide searches of one article (findSubject, findLocation, findTime), each a
 * NearestScan: the figures are read in text order, so a sentence holding thousands of figures
 * (a page without punctuation) is read once per search, not once per figure (issue 9).
 */
interface Scans {
  /** findSubject step 2: a force noun followed by an entity or a nisba that names one */
  force: NearestScan;
  /** findSubject step 3: an entity that is not a person */
  notPer: NearestScan;
  /** findSubject step 4: an entity that is not a place adjunct, a medium or a person */
  subject: NearestScan;
  /** findLocation: a place after «في/داخل» */
  locAfterPrep: NearestScan;
  /** findTime: a word of a dated time expression */
  dated: NearestScan;
}

function makeScans(ctx: Ctx, create: boolean): Scans {
  const words = ctx.words;
  const startsEntity = (k: number) => {
    const e = ctx.entAt[k];
    return e !== undefined && e.i === k;
  };
  return {
    // exactly when step 2's force-noun test returns at k
    force: new NearestScan((k) => {
      if (!allVariants(words[k]).some((v) => FORCE_HEADS.has(v.f))) return false;
      if (startsEntity(k + 1)) return true;
      const row = ctx.nisbaAt(k + 1);
      return !!row && (create || !!ctx.entityByKb(row.kb));
    }),
    notPer: new NearestScan((k) => startsEntity(k) && ctx.entAt[k]!.type !== 'PER'),
    subject: new NearestScan((k) => {
      if (!startsEntity(k)) return false;
      const e = ctx.entAt[k]!;
      const p = words[k - 1]?.t;
      if (p && LOC_PREPS.has(p)) return false;
      if (words[k].t.startsWith('في')) return false;
      const ent = ctx.entityById(e.id);
      if (ent?.kb && MEDIA_KB.test(ent.kb)) return false;
      return e.type !== 'PER';
    }),
    locAfterPrep: new NearestScan((k) => {
      if (!startsEntity(k) || ctx.entAt[k]!.type !== 'LOC') return false;
      const p = words[k - 1]?.t;
      return !!(p && LOC_PREPS.has(p));
    }),
    dated: new NearestScan((k) => {
      const ti = ctx.timeAt[k];
      if (ti < 0) return false;
      const t = ctx.doc.times[ti];
      return t.type === 'DATE' && !!t.value;
    }),
  };
}

/** The nearer of the last passing word at or before x and the first after it (a tie: the one before). */
function nearest(ctx: Ctx, scan: NearestScan, sent: number, x: number): number {
  const l = scan.lastAtOrBefore(ctx, sent, x);
  const r = scan.firstAtOrAfter(ctx, sent, x + 1);
  if (l >= 0 && (r < 0 || x - l <= r - x)) return l;
  return r;
}

function extractQuantities(doc: Doc, createEntities: boolean): Quantity[] {
  const L = lex();
  const ctx = Ctx.for(doc);
  const scans = makeScans(ctx, createEntities);
  const words = ctx.words;
  const out: Quantity[] = [];
  const dateline = datelineValue(doc);
  interface Found {
    q: Quantity;
    i: number; // first word (incl. qualifier)
    numI: number;
    end: number; // one past the last word
    unitEnd: number;
    sent: number;
  }
  const found: Found[] = [];
  const isTimeNoun = (x: Word | undefined) => {
    if (!x || x.k !== 'w') return false;
    return vs(x).some((v) => !v.suf && L.timeNouns.has(v.f));
  };

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.bp || ctx.timeAt[i] >= 0) continue;
    if (w.k !== 'n' && w.k !== 'w') continue;
    const num = readNumber(words, i);
    if (!num) continue;
    const prev = words[i - 1];
    const next = words[num.j];
    // ordinals «الـ54», dates «3/1/2020», «2020-2021» (a time span)
    if (w.k === 'n' && prev && prev.e === w.s && prev.k === 'w' && /ال$/.test(prev.t)) { i = num.j - 1; continue; }
    if (w.k === 'n' && ((prev && prev.e === w.s && (prev.t === '/' || prev.t === '-')) || (next && next.s === words[num.j - 1].e && (next.t === '/' || next.t === ':')))) { i = num.j - 1; continue; }
    if (isTimeNoun(next) || isTimeNoun(prev)) { i = num.j - 1; continue; }
    if (num.j < words.length && ctx.timeAt[num.j] >= 0 && isTimeNoun(words[num.j])) { i = num.j - 1; continue; }

    let value = num.value;
    let min: number | null = null;
    let max: number | null = null;
    let approx = num.vague;
    let startI = i;
    let endI = num.j;

    // range / alternative: «4000 أو 5000», «بين 4000 و5000», «4000 - 5000», «من 10 إلى 15»
    let second: Num | null = null;
    {
      let k = num.j;
      const sep = words[k];
      if (sep && (sep.t === 'او' || sep.t === '-' || sep.t === 'الي' || sep.t === 'و')) {
        const n2 = readNumber(words, k + 1);
        if (n2 && n2.value != null && value != null && n2.value > value && !isTimeNoun(words[n2.j])) {
          const isRange = sep.t === 'او' || sep.t === '-' || (sep.t === 'و' && L.qualBefore.match(words, i - 1)?.value === 'range') ||
            (sep.t === 'الي' && words[i - 1]?.t === 'من');
          if (isRange) second = n2;
        }
      }
      // «وX» glued: «بين 4000 و5000» → words «و», «5000»
    }

    // qualifier before
    let qual: QualEffect | null = null;
    for (let k = Math.max(0, i - 4); k < i; k++) {
      const h = L.qualBefore.match(words, k);
      if (h && h.j === i) {
        qual = h.value;
        startI = k;
        break;
      }
    }
    if (second) {
      min = value;
      max = second.value;
      value = null;
      endI = second.j;
    } else if (qual === 'min' && value != null) {
      min = value;
      value = null;
    } else if (qual === 'max' && value != null) {
      max = value;
      value = null;
    }
    if (qual === 'approx') approx = true;
    if (qual === 'range' && !second) qual = null;

    // unit: the counted noun after the figure («2500 جندي», «المئات من قوات التحالف»)
    let unit: string | null = null;
    let unitEnd = endI;
    {
      let k = endI;
      if (words[k]?.t === 'من' && (num.vague || value == null || value >= 100)) k++;
      const h = L.units.match(words, k);
      if (h) {
        unit = h.value;
        unitEnd = h.j;
      } else if (num.definite && !second) {
        // «الدول الست»: the noun comes first
        const hb = L.units.match(words, i - 1);
        if (hb && hb.j === i) {
          unit = hb.value;
          startI = Math.min(startI, i - 1);
        }
      }
      if (w.k === 'n' && words[endI]?.t === '%') {
        unit = 'percent';
        unitEnd = endI + 1;
      }
    }
    // a qualifier after the noun («كحد أقصى», «على الأقل», «تقريبا»)
    let endAll = Math.max(unitEnd, endI);
    {
      const h = L.qualAfter.match(words, endAll);
      if (h) {
        if (h.value === 'approx') approx = true;
        else if (h.value === 'min') {
          if (min == null) min = value ?? min;
          if (!approx) value = null;
        } else if (h.value === 'max') {
          if (max == null) max = value ?? max;
          if (!approx) value = null;
        }
        endAll = h.j;
      }
    }

    // a bare number inherits the unit of the figure it is coordinated with («2500 جندي … و900»)
    let inheritFrom: Found | null = null;
    if (!unit) {
      const last = found[found.length - 1];
      if (last && last.sent === w.sent && i - last.end <= 8 && last.q.unit) {
        let linked = false;
        for (let k = last.end; k < startI; k++) {
          const t = words[k].t;
          if (t === 'و' || t === 'او' || t === 'الي' || t === 'الى' || t === '،' || t === ',') linked = true;
          if (t === '.' || t === ':') { linked = false; break; }
        }
        if (linked) {
          unit = last.q.unit;
          inheritFrom = last;
        }
      }
    }

    // years and bare numbers without a unit are not figures
    if (!unit) {
      i = Math.max(i, num.j - 1);
      continue;
    }
    if (value != null && w.k === 'n' && value >= 1900 && value <= 2100 && !w.t.includes(',') && unit === null) continue;

    const span = origSpan(doc, words[startI].s, words[endAll - 1].e);
    const q: Quantity = {
      ...span,
      value,
      min,
      max,
      approx,
      unit,
      subject: null,
      location: null,
      time: null,
    };
    q.subject = findSubject(ctx, scans, i, num.j, unitEnd, createEntities) ?? inheritFrom?.q.subject ?? null;
    q.location = findLocation(ctx, scans, endAll, i) ?? inheritFrom?.q.location ?? null;
    if (q.subject && q.subject === q.location) q.subject = inheritFrom?.q.subject ?? null;
    if (!q.subject) q.subject = fallbackSubject(ctx, unit);
    if (!q.location) q.location = ctx.salient(['LOC']);
    q.time = findTime(ctx, scans, i, dateline);
    found.push({ q, i: startI, numI: i, end: endAll, unitEnd, sent: w.sent });

    // a change «من 5200 جندي إلى 3000»: the second figure is read on its own and inherits the unit
    i = endAll - 1;
  }
  for (const f of found) out.push(f.q);
  return out;
}

function findSubject(ctx: Ctx, scans: Scans, numI: number, numJ: number, unitEnd: number, create: boolean): string | null {
  const words = ctx.words;
  const sent = words[numI].sent;
  // 1. right after the counted noun: «جندي أميركي», «جنود الحلف», «قوات التحالف»
  for (let k = unitEnd; k < Math.min(unitEnd + 2, words.length); k++) {
    if (words[k].sent !== sent || isClauseBreak(words[k])) break;
    const e = ctx.entAt[k];
    if (e && e.i === k && words[k - 1]?.t !== 'في') return e.id;
    const n = ctx.nisbaEntity(k, create);
    if (n) return n;
  }
  // 2. a force noun before the figure in the sentence: «القوات الأمريكية … 2500 جندي»,
  //    «للولايات المتحدة حاليا نحو 2500 جندي»
  const sr = ctx.sentRange[sent];
  for (let k = numI - 1; k >= sr.i; k--) {
    // past the last five words only a force noun can answer: go to the nearest that does
    if (numI - k > 5 && (k = scans.force.lastAtOrBefore(ctx, sent, k)) < 0) break;
    const vs = allVariants(words[k]);
    if (vs.some((v) => FORCE_HEADS.has(v.f))) {
      const e = ctx.entAt[k + 1];
      if (e && e.i === k + 1) return e.id;
      const n = ctx.nisbaEntity(k + 1, create);
      if (n) return n;
    }
    const e = ctx.entAt[k];
    if (e && e.i === k && numI - k <= 5 && vs.some((v) => v.prep === 'ل') && e.type !== 'PER') return e.id;
  }
  // 3. «يتكون التحالف من أكثر من 60 دولة»: the subject of a verb of composition
  for (let k = numI - 1; k >= Math.max(sr.i, numI - 5); k--) {
    if (COMPOSE.has(allVariants(words[k])[words[k].t[0] === 'و' ? 1 : 0]?.f ?? '')) {
      // the first entity of the sentence before the figure that is not a person
      const m = scans.notPer.firstAtOrAfter(ctx, sent, sr.i);
      if (m >= 0 && m < numI) return ctx.entAt[m]!.id;
    }
  }
  // 4. the nearest entity before the figure in its sentence that is not a place adjunct («في X»)
  const k4 = scans.subject.lastAtOrBefore(ctx, sent, numI - 1);
  return k4 >= sr.i ? ctx.entAt[k4]!.id : null;
}

function fallbackSubject(ctx: Ctx, unit: string): string | null {
  if (unit !== 'troops' && unit !== 'advisers' && unit !== 'countries' && unit !== 'trainers') return null;
  return ctx.salient(['ORG'], isMedia) ?? ctx.salient(['LOC']);
}
/** A news agency or channel (one function, so that Ctx.salient can remember its answer). */
const isMedia = (e: Entity): boolean => !!e.kb && MEDIA_KB.test(e.kb);

function findLocation(ctx: Ctx, scans: Scans, from: number, numI: number): string | null {
  const words = ctx.words;
  const sent = words[numI].sent;
  // «… في العراق» right after the figure (before the clause ends)
  for (let k = from; k < Math.min(from + 5, words.length); k++) {
    const w = words[k];
    if (w.sent !== sent || (isClauseBreak(w) && w.t !== ',' && w.t !== '،')) break;
    const e = ctx.entAt[k];
    if (e && e.i === k && e.type === 'LOC') {
      const p = words[k - 1]?.t;
      if ((p && LOC_PREPS.has(p)) || /^(ف|ب)/.test(w.t) || p === 'العاصمه' || p === 'مدينه') return e.id;
    }
  }
  // else the nearest «في X» in the sentence
  const k = nearest(ctx, scans.locAfterPrep, sent, numI);
  return k >= 0 ? ctx.entAt[k]!.id : null;
}

/** The value of the dated time expression nearest the figure in its sentence, else the dateline. */
function findTime(ctx: Ctx, scans: Scans, numI: number, dateline: string | null): string | null {
  const k = nearest(ctx, scans.dated, ctx.words[numI].sent, numI);
  if (k < 0) return dateline;
  const value = ctx.doc.times[ctx.timeAt[k]].value;
  return (value === 'PRESENT_REF' ? dateline : value) ?? dateline;
}
