// Dated facts (data/time/facts.tsv): who held which office when, and well-known events. Finds
// them in the normalised text and turns each into the set of days the article can have been
// written on.
import { createError } from '../../errors.js';
import { normalizeString } from '../../text/normalize.js';
import { dayOf, isoDay, parseIsoDay } from '../temporal/calendar.js';
import { dataPath, normWords, readTsv } from '../temporal/lexicon.js';
import { addTrigger, FormIndex, readings, surfaceForms, triggerValue, TRIGGER_FACT, type Reading, type Trigger, type TTok } from '../temporal/tokens.js';
import { anniversaryAt, anniversaryDays, loadOrdinals, phraseClues } from './infer.js';
import { complement, intersect, normalizeSet, size, type DaySet } from './intervals.js';

export interface FactRow {
  id: string;
  kind: 'office' | 'event';
  names: string[][];
  cues: string[];
  /** cues that show only that the office was held at some time («~حكومة» in the file) */
  weakCues: Set<string>;
  from: number;
  to: number | null;
  note: string;
  line: number;
}
export interface Facts {
  rows: FactRow[];
  /** first word of a name → the names it starts (longest first) */
  byFirst: Map<string, FactName[]>;
  byId: Map<string, FactRow[]>;
  /** every surface form of a first word of a name (see surfaceForms), with its readings (the
   *  article not dropped) that start names, and those names (longest first) */
  surface: FormIndex<FactStarts>;
  /** titles read in the construct state («وزير خارجية») that no row lists as written */
  construct: Set<string>;
}

/** The readings of a surface form that start names, with those names (longest first); for a
 *  reading that starts many names (علي، محمد), `by2` holds its names of two words or more by their
 *  second word and `ones` its one-word names, so a candidate tries only the names that can match. */
type FactStarts = { r: Reading; cands: FactName[]; by2: Map<string, FactName[]> | null; ones: FactName[] }[];
const NO_NAMES: FactName[] = [];
/** Names of more than this many per reading are looked up by their second word. */
const BY2_MIN = 4;
/** A name of a fact: its words, the fact's id, rows (all terms of the id) and their titles. */
interface FactName {
  id: string;
  words: string[];
  rows: FactRow[];
  /** the cues (titles) of the rows, each once */
  cues: string[];
  /** the names of the same words in its list (byFirst's), this one among them */
  group: NameGroup;
}
/**
 * The names of one list (byFirst's) that have the same words (one name, several facts: مارك روته,
 * NATO and the Netherlands): what a match of those words is, made when the facts are loaded
 * instead of joined for each candidate. In the list's order: the ids, their rows one after the
 * other, their cues each once.
 */
interface NameGroup {
  words: string[];
  ids: string[];
  rows: FactRow[];
  cues: string[];
  /** the ids joined with '/' (the evidence's text) and an event's `why` */
  mid: string;
  eventWhy: string;
  /** what a title found before the name makes of the rows (see officeOf), by title, made on
   *  the first article that names the holder so */
  offices: Map<string, Office> | null;
}
/** The rows of a name group that list one title (all terms of that office), and what a hit of
 *  them says that does not depend on the article: made once, not for each candidate. */
interface Office {
  rows: FactRow[];
  id: string;
  /** the first term's first day */
  first: number;
  /** the title is one of the rows' weak cues (held at some time only) */
  weak: boolean;
  /** the title is only a construct-state reading of a written one */
  construct: boolean;
  /** the office and its terms, for the evidence */
  text: string;
}

/** A title of two words, the second with the article («وزير الخارجية», «رئيسة الوزراء»), is also
 *  written in the construct state before a country's name: «وزير خارجية البحرين خالد بن أحمد»,
 *  «رئيسة وزراء بريطانيا تيريزا ماي» (the country is then a word of the gap). */
function withConstruct(cues: string[], derived: Set<string>, written: Set<string>): string[] {
  const out = [...cues];
  for (const c of cues) {
    written.add(c);
    const m = /^([^\s]+) ال([^\s]+)$/.exec(c);
    if (m && !m[1].startsWith('ال')) {
      const v = `${m[1]} ${m[2]}`;
      if (!out.includes(v)) out.push(v);
      derived.add(v);
    }
  }
  return out;
}
/** The country after a construct title is a word or three («البحرين», «الإمارات العربية المتحدة»):
 *  a longer gap is another clause («… رئيس دولة الإمارات العربية المتحدة وجه الشيخ محمد»). */
const CONSTRUCT_GAP = 3;

let cached: Facts | null = null;
export function loadFacts(file = dataPath('time', 'facts.tsv')): Facts {
  const isDefault = file === dataPath('time', 'facts.tsv');
  if (cached && isDefault) return cached;
  const rows: FactRow[] = [];
  const derived = new Set<string>();
  const written = new Set<string>();
  for (const { line, cols } of readTsv(file)) {
    const [id, kind, names, cues, from, to, note] = cols;
    if (kind !== 'office' && kind !== 'event') throw createError('E_DATA', file, line, `kind must be office or event, not «${kind}»`);
    const f = parseIsoDay(from);
    if (f == null) throw createError('E_DATA', file, line, `bad from date «${from}»`);
    const t = to ? parseIsoDay(to) : null;
    if (to && t == null) throw createError('E_DATA', file, line, `bad to date «${to}»`);
    if (!names) throw createError('E_DATA', file, line, 'no names');
    if (kind === 'office' && !cues) throw createError('E_DATA', file, line, 'an office needs cues (titles)');
    rows.push({
      id,
      kind,
      names: names.split('|').map(normWords).filter((w) => w.length),
      cues: cues ? withConstruct(cues.split('|').map((c) => normalizeString(c.replace(/^~/, '')).trim()).filter(Boolean), derived, written) : [],
      weakCues: new Set(cues ? cues.split('|').filter((c) => c.startsWith('~')).map((c) => normalizeString(c.slice(1)).trim()) : []),
      from: f,
      to: t,
      note: note ?? '',
      line,
    });
  }
  const byFirst = new Map<string, FactName[]>();
  const byId = new Map<string, FactRow[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  for (const r of rows) {
    const idRows = byId.get(r.id)!;
    for (const w of r.names) {
      const list = byFirst.get(w[0]) ?? [];
      if (!list.some((x) => x.id === r.id && x.words.join(' ') === w.join(' '))) list.push({ id: r.id, words: w, rows: idRows, cues: [...new Set(idRows.flatMap((x) => x.cues))], group: null! });
      byFirst.set(w[0], list);
    }
  }
  for (const l of byFirst.values()) {
    l.sort((a, b) => b.words.length - a.words.length);
    // the names of the same words, in the list's order (a candidate matches the first of them,
    // and the others then, because their words are the same: findFacts takes the group)
    for (const c of l) {
      if (c.group) continue;
      const key = c.words.join(' ');
      const same = l.filter((x) => x.words.join(' ') === key);
      const ids = same.map((x) => x.id);
      const rows = same.flatMap((x) => x.rows);
      const g: NameGroup = { words: c.words, ids, rows, cues: [...new Set(same.flatMap((x) => x.cues))], mid: ids.join('/'), eventWhy: '', offices: null };
      g.eventWhy = `${rows[0].note} (${g.mid}, from ${iso(rows[0].from)})`;
      for (const x of same) x.group = g;
    }
  }
  const forms = surfaceForms(byFirst.keys());
  const surface: Facts['surface'] = new FormIndex();
  for (const f of forms) {
    const starts: FactStarts = [];
    for (const r of readings(f)) {
      const cands = r.def ? undefined : byFirst.get(r.form);
      if (!cands) continue;
      let by2: Map<string, FactName[]> | null = null;
      const ones: FactName[] = [];
      if (cands.length > BY2_MIN) {
        by2 = new Map();
        for (const c of cands) {
          if (c.words.length === 1) ones.push(c);
          else {
            const l = by2.get(c.words[1]);
            if (l) l.push(c);
            else by2.set(c.words[1], [c]);
          }
        }
      }
      starts.push({ r, cands, by2, ones });
    }
    surface.set(f, starts);
  }
  // a form some row lists as written is that row's own title, not only a construct reading
  for (const o of written) derived.delete(o);
  const out = { rows, byFirst, byId, surface, construct: derived };
  for (const f of forms) addTrigger(f, TRIGGER_FACT, out, surface.get(f));
  if (isDefault) cached = out;
  return out;
}

export interface FactHit {
  /** span of the evidence in the normalised text */
  ns: number;
  ne: number;
  days: DaySet;
  why: string;
  /** 3: what the mention proves (held the office at some time, the event happened);
   *  2: what it suggests (still in office: a title can be used of the past; an anniversary);
   *  1: phrases read as likely (a Hijri year named) — see phraseClues */
  strength: 1 | 2 | 3;
  /** the office's fact id, and how the holder was named */
  id?: string;
  role?: 'held' | 'in-office' | 'former' | 'designate';
}

const FORMER = new Set(['السابق', 'السابقه', 'الاسبق', 'المخلوع', 'الراحل', 'المعزول', 'المقال', 'المستقيل', 'الوالد']);
const ELECT = new Set(['المكلف', 'المكلفه']);
const CURRENT = new Set(['الحالي', 'الحاليه']);
/** «وزير الخارجية الجديد مايك بومبيو»: named, or in the first months of the term */
const NEW = new Set(['الجديد', 'الجديده']);
/** Days before a term «الجديد» is used (a nominee awaiting confirmation) and after it begins. */
const NEW_BEFORE = 80;
const NEW_AFTER = 180;
/** «وزيرة الخارجية آنذاك»: the title is of the past */
const THEN = new Set(['انذاك', 'حينها', 'حينذاك', 'وقتها', 'وقتذاك', 'يومها', 'يومذاك']);
// as the text is: «نائب» is «نايب» there
const NOT_HOLDER = new Set(
  [
    'نائب', 'مساعد', 'مستشار', 'مستشاره', 'المرشح', 'مرشح', 'زوجه', 'ابن', 'ابنه', 'صهر', 'مبعوث', 'متحدث', 'المتحدث', 'باسم', 'مكتب', 'الناطق', 'ناطق', 'سفير', 'سفيره', 'مدير', 'حرس', 'مستشارو', 'مساعدو', 'نجل',
    // places and institutions named after a ruler («مركز الملك سلمان للإغاثة», «جامعة السلطان قابوس»)
    'مركز', 'جامعه', 'مطار', 'مدينه', 'مستشفي', 'مؤسسه', 'جايزه', 'مجمع', 'شارع', 'ملعب', 'استاد', 'قاعده', 'برنامج', 'صندوق', 'مكتبه', 'معهد', 'كليه', 'مسجد', 'جسر', 'ميناء', 'طريق', 'ساحه', 'مدرسه', 'اكاديميه', 'حي', 'كاس', 'بطوله', 'قصر',
  ].map((w) => normalizeString(w)),
);
// normalised as the text is. «الى» and «على» (written with ى, they never matched) are left out:
// «المبعوث الأممي إلى اليمن مارتن غريفيث» has «إلى» in its title, and «على» normalised is the
// name «علي». «ونائبه»: «الرئيس باراك أوباما ونائبه جو بايدن» names the deputy.
const GAP_STOP = new Set(
  ['نظيره', 'نظيرته', 'نظيريه', 'مع', 'عن', 'في', 'قال', 'ان', 'انه', 'و', 'او', 'ثم', 'بين', 'الذي', 'التي', 'نائبه', 'ونائبه', 'نائبته', 'ونائبته'].map((w) => normalizeString(w)),
);
const FAR_PAST = dayOf(1900, 1, 1);
/** Days a former holder may still be named with the title after the handover. */
const TITLE_SLACK = 14;

/** Find dated facts in the normalised text. `isFuture(ns, ne)` says whether the span sits in a future-tense clause. */
/** `cands`: the tokens that may start a name (`Scan.facts`), with their triggers (`Scan.factTrig`);
 *  without them every word is tried. `nums`: the digit-run tokens (`Scan.nums`), so that
 *  phraseClues reads those (and the words a few tokens before a year) rather than every token.
 *  `phrases`: false leaves out phraseClues' clues (the stage then reads only the strong ones). */
export function findFacts(
  norm: string,
  toks: TTok[],
  facts: Facts,
  horizon: number,
  isFuture: (ti: number) => boolean,
  cands?: readonly number[],
  trigs?: readonly Trigger[],
  nums?: readonly number[],
  phrases = true,
): FactHit[] {
  const out: FactHit[] = [];
  const list = cands ?? toks.flatMap((t, i) => (t.kind === 'word' && facts.surface.get(t.norm) ? [i] : []));
  let next = 0;
  for (let ci = 0; ci < list.length; ci++) {
    const i = list[ci];
    if (i < next) continue;
    if (toks[i].kind !== 'word') continue;
    const starts = trigs ? triggerValue<FactStarts>(trigs[ci], facts) : facts.surface.get(toks[i].norm);
    if (!starts) continue;
    // the first name that matches, longest first; the names of the same words come with it (its group)
    let g: NameGroup | null = null;
    let cut = 0;
    for (const { r, cands: all, by2, ones } of starts) {
      // the names that can match here, in the order of `all` (longest first): those whose second
      // word is the next token's, then the one-word names
      let cands = all;
      let rest = NO_NAMES;
      if (by2) {
        const nx = toks[i + 1];
        cands = (nx && by2.get(nx.norm)) || NO_NAMES;
        rest = ones;
      }
      for (let k = 0, m = cands.length + rest.length; k < m; k++) {
        const c = k < cands.length ? cands[k] : rest[k - cands.length];
        let ok = true;
        for (let w = 1; w < c.words.length; w++) {
          if (toks[i + w]?.norm !== c.words[w]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        g = c.group;
        cut = r.cut;
        break;
      }
      if (g) break;
    }
    if (!g) continue;
    const rows = g.rows;
    const end = i + g.words.length;
    const ns = toks[i].nStart + cut;
    const ne = toks[end - 1].nEnd;
    if (rows[0].kind === 'event') {
      if (!isFuture(i)) out.push({ ns, ne, days: [[rows[0].from, horizon]], strength: 3, why: g.eventWhy });
      // «الذكرى العاشرة لسقوط بغداد»: the anniversary of the event, reported around its day
      const a = cut > 0 && toks[i].norm.startsWith('ل') ? anniversaryBefore(toks, i) : null;
      if (a) {
        const days = anniversaryDays(rows[0].from, a.n, horizon);
        if (days.length) out.push({ ns: toks[a.k].nStart, ne, days, strength: 2, why: `anniversary ${a.n} of ${rows[0].note} (${g.mid}, ${iso(rows[0].from)})` });
      }
      next = end;
      continue;
    }
    // an office: a title just before the name, with at most a few words between
    const before = norm.slice(Math.max(0, ns - 90), ns);
    let bestAt = -1;
    let bestLen = 0;
    let bestCue = '';
    for (const cue of g.cues) {
      const at = before.lastIndexOf(cue);
      if (at < 0) continue;
      // the cue must end at a word boundary
      const after = before[at + cue.length];
      if (after && after !== ' ' && after !== '،' && after !== ',' && after !== '(' && after !== '"') continue;
      // the title nearest the name, and of two that end together the longer: «ولي ولي العهد»
      // (deputy crown prince) is not «ولي العهد»
      const e = at + cue.length;
      if (e > bestAt + bestLen || (e === bestAt + bestLen && cue.length > bestLen)) {
        bestAt = at;
        bestLen = cue.length;
        bestCue = cue;
      }
    }
    if (bestAt < 0) continue;
    // the words between the title and the name: most often none (a single space, read as such)
    const gap = before.slice(bestAt + bestLen);
    let gapWords = NO_WORDS;
    if (gap !== ' ') {
      gapWords = gap.split(/[^\u0621-\u064a0-9a-z]+/).filter(Boolean);
      // a comma then «و…» starts another person («حاكم دبي، والشيخ محمد بن زايد»)
      if (gapWords.length > 6 || /[.!?؟\n]|[،,]\s*و/.test(gap) || gapWords.some((w) => GAP_STOP.has(w))) continue;
    }
    // rows that list the cue found (all terms of that office)
    const o = officeOf(g, bestCue, facts);
    if (gapWords.length > CONSTRUCT_GAP && o.construct) continue;
    const pre = lastWordBefore(before, bestAt);
    if (NOT_HOLDER.has(pre) || (pre.length > 1 && PROCLITIC.has(pre.charCodeAt(0)) && NOT_HOLDER.has(pre.slice(1)))) continue;
    // a surname alone must follow the title (or a word of it), not another given name: «رفيق الحريري»
    if (g.words.length === 1 && gapWords.length) {
      const last = gapWords[gapWords.length - 1];
      // «الرئيس الأميركي دونالد #ترمب»: the given name set apart by a hashtag is the person's own
      // (and the word before it is the title's, not another clause: «… مايك بومبيو بعد إقالة ريكس #تيلرسون»)
      const prev = gapWords[gapWords.length - 2];
      const given = givenNameOf(rows, last, g.words[0]) && (prev === undefined || /^(ال|لل|وال)/.test(prev));
      if (!/^(ال|لل|وال)/.test(last) && !FORMER.has(last) && !ELECT.has(last) && !given) continue;
    }
    const nextWord = toks[end]?.norm ?? '';
    // «… وزير الخارجية خلفاً لريكس تيلرسون»: the one succeeded is a former holder
    const former = gapWords.some((w) => FORMER.has(w) || w === 'خلفا') || FORMER.has(nextWord);
    const elect = gapWords.some((w) => ELECT.has(w));
    const then = gapWords.some((w) => THEN.has(w)) || THEN.has(nextWord);
    const sameOffice = o.rows;
    const cueStart = ns - (before.length - bestAt);
    const office = o.text;
    if (former) {
      // «السابق» is used as soon as a successor is named, a few weeks before the handover
      const firstEnd = Math.min(...sameOffice.map((r) => r.to ?? horizon));
      const later: DaySet = normalizeSet(sameOffice.filter((r) => r.from >= firstEnd).map((r) => [r.from, r.to == null ? horizon : r.to - 1] as [number, number]));
      const days = intersect(complement(later, [FAR_PAST, horizon]), [[firstEnd - 45, horizon]]);
      if (days.length) out.push({ ns: cueStart, ne, days: normalizeSet(days), strength: 3, why: `former holder of the office (${office})`, id: o.id, role: 'former' });
    } else if (gapWords.some((w) => NEW.has(w))) {
      // not «has held»: a nominee is called the new minister before he takes office
      const days = normalizeSet(sameOffice.map((r) => [r.from - NEW_BEFORE, Math.min(horizon, r.from + NEW_AFTER)] as [number, number]));
      out.push({ ns: cueStart, ne, days, strength: 2, why: `new in the office, or named to it (${office})`, id: o.id, role: 'designate' });
    } else if (elect) {
      const days = normalizeSet(sameOffice.map((r) => [r.from - 80, r.from] as [number, number]));
      out.push({ ns: cueStart, ne, days, strength: 3, why: `designated, not yet in office (${office})`, id: o.id, role: 'designate' });
    } else {
      out.push({ ns: cueStart, ne, days: [[o.first, horizon]], strength: 3, why: `has held the office (${office})`, id: o.id, role: 'held' });
      // a title lingers in reports for some days after a handover; a term ends the day before
      // the successor takes over
      const terms: DaySet = normalizeSet(sameOffice.map((r) => [r.from, r.to == null ? horizon : r.to - 1] as [number, number]));
      const held = normalizeSet(terms.map(([a, b]) => [a, b >= horizon ? b : Math.min(horizon, b + TITLE_SLACK)] as [number, number]));
      // «حكومة حيدر العبادي الحالية»: the weak title said of the present
      const weak = o.weak && !CURRENT.has(nextWord);
      if (!then && !weak && size(held) < horizon - o.first + 1) out.push({ ns: cueStart, ne, days: held, strength: 2, why: `in office (${office})`, id: o.id, role: 'in-office' });
    }
    next = end;
  }
  // a holder called «السابق» somewhere in the article is named of the past where the title is bare
  let kept = out;
  if (out.some((h) => h.role === 'former')) {
    const former = new Set(out.filter((h) => h.role === 'former').map((h) => h.id));
    kept = out.filter((h) => !(h.role === 'in-office' && former.has(h.id)));
  }
  // years the time matcher leaves out (العام المقبل 2019، 1439 هـ، الذكرى السبعين … عام 1948)
  if (phrases) for (const p of phraseClues(toks, horizon, nums)) kept.push(p);
  return kept;
}

const NO_WORDS: readonly string[] = [];
/** «و», «ف», «ب», «ل» before a word of NOT_HOLDER («ومستشار») */
const PROCLITIC = new Set([0x648, 0x641, 0x628, 0x644]);
const isLetter = (c: number) => c >= 0x621 && c <= 0x64a;

/** The last word of Arabic letters in s before `at` ('' if none): what splitting s.slice(0, at) on
 *  other characters gives last, without the split. */
function lastWordBefore(s: string, at: number): string {
  let e = at;
  while (e > 0 && !isLetter(s.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > 0 && isLetter(s.charCodeAt(b - 1))) b--;
  return s.slice(b, e);
}

/** The rows of a name group that list the title `cue`, and what they say (see Office). */
function officeOf(g: NameGroup, cue: string, facts: Facts): Office {
  let o = g.offices?.get(cue);
  if (o) return o;
  const rows = g.rows.filter((r) => r.cues.includes(cue));
  o = {
    rows,
    id: rows[0].id,
    first: Math.min(...rows.map((r) => r.from)),
    weak: rows.some((r) => r.weakCues.has(cue)),
    construct: facts.construct.has(cue),
    text: `${rows[0].id}: ${termsText(rows)}`,
  };
  (g.offices ??= new Map()).set(cue, o);
  return o;
}

/** «الذكرى [السنوية] العاشرة» ending right before token i (the event, governed by «ل»). */
function anniversaryBefore(toks: TTok[], i: number): { n: number; k: number } | null {
  for (let k = i - 2; k >= 0 && k >= i - 5; k--) {
    const a = anniversaryAt(toks, k, loadOrdinals());
    if (a) return a.end === i ? { n: a.n, k } : null;
  }
  return null;
}

/** Is «given surname» one of the names of these rows («دونالد ترمب»)? */
function givenNameOf(rows: FactRow[], given: string, surname: string): boolean {
  return rows.some((r) => r.names.some((n) => n.length === 2 && n[0] === given && n[1] === surname));
}

function iso(d: number): string {
  return isoDay(d);
}
function termsText(rows: FactRow[]): string {
  return rows.map((r) => `${iso(r.from)}..${r.to == null ? '' : iso(r.to)}`).join(', ');
}
