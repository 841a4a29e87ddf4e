// Claims: figures about the same thing (unit, subject, place) set side by side; a figure whose
// subject (whose troops, whose members) is unknown, or is just the place, is left out. Units of measure
// (percent, dollars, km) are left out: the same unit about one country may measure anything;
// counts of a happening (killed, injured) are compared only within one day. Two figures
// disagree when their values differ beyond rounding; they are a *conflict* when different
// sources give them for the same period, and a *change* when the periods differ or one article
// gives both (an article that says «from 500 to 4000–5000» reports a change, not a dispute), or
// one outlet gives both in different articles (it updated its figure).
// A figure without a stated time holds at its article's dateline, give or take a month; two
// periods both longer than a quarter (undated articles' windows) are not «the same period».
import { dataPath, readDataLines } from '../data.js';
import type { FigureRow } from '../store/types.js';
import { overlaps, spanDays } from './time.js';

/** What a unit counts (data/corpus/unit-kinds.tsv): a measure is never compared; an incident
 *  count only within one day; a stock (the default) by period. */
export type UnitKind = 'measure' | 'incident' | 'stock';
let unitKinds: Map<string, UnitKind> | null = null;
export function unitKind(unit: string): UnitKind {
  unitKinds ??= new Map(
    readDataLines(dataPath('corpus', 'unit-kinds.tsv')).map((l) => {
      const [u, k] = l.text.split('\t');
      return [u.trim(), k.trim() as UnitKind];
    }),
  );
  return unitKinds.get(unit) ?? 'stock';
}

export type ClaimKind = 'conflict' | 'change';
export interface Claim {
  unit: string;
  subject: string | null;
  location: string | null;
  kind: ClaimKind;
  /** The figures, oldest period first. */
  figures: FigureRow[];
  /** The disagreeing pairs (indexes into `figures`) with what makes them a conflict or change. */
  pairs: { a: number; b: number; kind: ClaimKind; why: string }[];
}

const lo = (f: FigureRow) => f.value ?? f.min ?? f.max;
const hi = (f: FigureRow) => f.value ?? f.max ?? f.min;

/** Do two figures say the same (within 5% when either is approximate)? Unknown values agree. */
export function agree(a: FigureRow, b: FigureRow): boolean {
  const [al, ah, bl, bh] = [lo(a), hi(a), lo(b), hi(b)];
  if (al == null || bl == null || ah == null || bh == null) return true;
  // an open «more than 60» agrees with anything above 60
  const aOpen = a.value == null && a.max == null;
  const bOpen = b.value == null && b.max == null;
  const tol = a.approx || b.approx ? 0.05 * Math.max(Math.abs(ah), Math.abs(bh)) : 0;
  const aTop = aOpen ? Infinity : ah;
  const bTop = bOpen ? Infinity : bh;
  return al - tol <= bTop && bl - tol <= aTop;
}

/** A figure as a short string: «2500», «4000–5000», «>60», or its words when it has no number («dozens»). */
export const showFigure = (f: Pick<FigureRow, 'value' | 'min' | 'max' | 'span'>) =>
  f.value != null ? String(f.value) : f.min != null && f.max != null ? `${f.min}–${f.max}` : f.min != null ? `>${f.min}` : f.max != null ? `<${f.max}` : `«${f.span.text}»`;
const show = showFigure;

/** Group figures by what they measure and list the groups whose figures disagree. */
export function findClaims(rows: FigureRow[]): Claim[] {
  const groups = new Map<string, FigureRow[]>();
  for (const r of rows) {
    // whose figure it is must be known, and be more than the place it is about
    if (!r.unit || !r.subject || r.subject === r.location || unitKind(r.unit) === 'measure') continue;
    const k = `${r.unit}\u0000${r.subject ?? ''}\u0000${r.location ?? ''}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const out: Claim[] = [];
  for (const figs of groups.values()) {
    // a near-duplicate's figure repeats its original: keep one
    const kept: FigureRow[] = [];
    for (const f of figs)
      if (!kept.some((k) => (k.linked.includes(f.article.id) || f.linked.includes(k.article.id)) && agree(k, f) && k.time === f.time)) kept.push(f);
    kept.sort((a, b) => (a.when?.from ?? '9999').localeCompare(b.when?.from ?? '9999') || a.article.id.localeCompare(b.article.id) || a.idx - b.idx);
    const pairs: Claim['pairs'] = [];
    for (let i = 0; i < kept.length; i++)
      for (let j = i + 1; j < kept.length; j++) {
        const a = kept[i];
        const b = kept[j];
        if (agree(a, b)) continue;
        // counts of a happening (killed, injured) are the same thing only on the same day
        if (unitKind(a.unit) === 'incident' && !(a.when && b.when && spanDays(a.when) === 1 && a.when.from === b.when.from)) continue;
        const sameArticle = a.article.id === b.article.id || a.linked.includes(b.article.id);
        // one outlet's later figure updates its earlier one; a dispute is between outlets
        const sameOutlet = !!a.article.source && a.article.source === b.article.source;
        // a figure without a stated time holds at its article's dateline: a month's slack
        const slack = a.time == null || b.time == null ? 31 : 0;
        // …and two periods known only as wide windows (an undated article) prove nothing
        const samePeriod = !!a.when && !!b.when && overlaps(a.when, b.when, slack) && (spanDays(a.when) <= 92 || spanDays(b.when) <= 92);
        const kind: ClaimKind = !sameArticle && !sameOutlet && samePeriod ? 'conflict' : 'change';
        const why = sameArticle
          ? `one article gives ${show(a)} and ${show(b)}`
          : sameOutlet && samePeriod
            ? `${a.article.source} gives ${show(a)}, then ${show(b)}`
          : samePeriod
            ? `${a.article.source ?? a.article.id} says ${show(a)}, ${b.article.source ?? b.article.id} says ${show(b)} for the same period`
            : `${show(a)} (${a.time ?? a.when?.from ?? '?'}) then ${show(b)} (${b.time ?? b.when?.from ?? '?'})`;
        pairs.push({ a: i, b: j, kind, why });
      }
    if (!pairs.length) continue;
    out.push({
      unit: kept[0].unit,
      subject: kept[0].subject,
      location: kept[0].location,
      kind: pairs.some((p) => p.kind === 'conflict') ? 'conflict' : 'change',
      figures: kept,
      pairs,
    });
  }
  out.sort((a, b) => (a.kind === b.kind ? b.figures.length - a.figures.length : a.kind === 'conflict' ? -1 : 1));
  return out;
}
