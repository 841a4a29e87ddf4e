// The dateline stage: fills `published` (given by the caller, or inferred from the text) and
// `segments` (where one page joins stories written at different times, each part with its own
// dateline). Runs before the temporal stage, which resolves times against these datelines.
import type { Doc, Evidence, Published, Segment } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import { createError } from '../../errors.js';
import { givenPublished, parseDateline } from '../../pipeline/dateline.js';
import { inBoilerplate } from '../../text/boilerplate.js';
import { toOriginal } from '../../text/normalize.js';
import { isoDay, parseIsoDay, ymd } from '../temporal/calendar.js';
import { getRawTimes, getScan, getTense, prepareScan } from '../temporal/index.js';
import { findFacts, loadFacts, type Facts } from './facts.js';
import { inferDays, loadOrdinals, timeClues, type Clue, type DowClue, type Inference } from './infer.js';
import { loadTimeLexicon } from '../temporal/lexicon.js';
import { hull, intersect, size } from './intervals.js';
import { bestDay, writtenYears } from './best.js';

export { inferDays, timeClues, type Clue } from './infer.js';
export { findFacts, loadFacts } from './facts.js';

export interface DatelineOptions {
  /** The latest day an article can have been written (default: today, UTC). YYYY-MM-DD. */
  now?: string;
  /** A facts file other than data/time/facts.tsv. */
  factsFile?: string;
  /** Look for segments (default true). */
  segments?: boolean;
}

/** All clues of a doc (facts and time expressions), outside boilerplate. */
/** At most this many line starts are tried as the start of a second segment (a long page). */
export const MAX_CUTS = 100;

/**
 * The line starts worth trying as a segment boundary, in order: a line start with no clue since
 * the previous one splits the clues as that one did, so it would fail the same way and is left
 * out. On a very long page (more than MAX_CUTS such starts) an even sample of them is tried,
 * so that the stage stays linear in the page's length.
 */
export function cutPoints(text: string, cluePositions: number[]): number[] {
  const pos = [...cluePositions].sort((a, b) => a - b);
  const out: number[] = [];
  let j = 0;
  let prev = -1;
  for (let n = text.indexOf('\n'); n >= 0; n = text.indexOf('\n', n + 1)) {
    const k = n + 1;
    if (k >= text.length || n === 0) continue;
    let moved = false;
    while (j < pos.length && pos[j] < k) {
      j++;
      moved = true;
    }
    if (prev < 0 || moved) out.push(k);
    prev = k;
  }
  if (out.length <= MAX_CUTS) return out;
  return Array.from({ length: MAX_CUTS }, (_, i) => out[Math.floor((i * out.length) / MAX_CUTS)]);
}

/** `strongOnly`: at least every clue that is strong (strength 2 or more) and not soft (what a
 *  given dateline can conflict with), not all the others: the phrases' clues (all soft or weak)
 *  and the weak clues of the time expressions are left out. */
export function collectClues(doc: Doc, facts: Facts, horizon: number, strongOnly = false): { clues: Clue[]; dows: DowClue[] } {
  const scan = getScan(doc);
  const raws = getRawTimes(doc);
  const tense = getTense(doc);
  const factHits = findFacts(doc.norm.text, scan.toks, facts, horizon, (ti) => tense(ti, ti + 1) === 'future', scan.facts, scan.factTrig, scan.nums, !strongOnly);
  const { clues, dows } = timeClues(raws, horizon, doc.norm.text, strongOnly);
  for (const f of factHits) clues.push({ days: f.days, strength: f.strength, ns: f.ns, ne: f.ne, why: f.why, soft: f.strength === 2 });
  if (!doc.boilerplate?.length) return { clues, dows };
  return { clues: clues.filter((c) => keep(doc, c.ns, c.ne)), dows: dows.filter((d) => keep(doc, d.ns, d.ne)) };
}

/** Is a span of the normalised text outside the doc's boilerplate? */
function keep(doc: Doc, ns: number, ne: number): boolean {
  const { start, end } = toOriginal(doc.norm, doc.text, ns, ne);
  return !inBoilerplate(doc, start, end);
}

function evidenceOf(doc: Doc, inf: Inference): Evidence[] {
  const ev: Evidence[] = [];
  for (const c of [...inf.used, ...inf.dowUsed]) {
    const { start, end } = toOriginal(doc.norm, doc.text, c.ns, c.ne);
    ev.push({ start, end, text: doc.text.slice(start, end), why: c.why });
  }
  return ev.sort((a, b) => a.start - b.start);
}

function publishedOf(doc: Doc, inf: Inference, horizon: number, dows: DowClue[] = [], from = 0, to = Infinity): Published {
  const h = hull(inf.days)!;
  const pub: Published = {
    date: h[0] === h[1] ? isoDay(h[0]) : null,
    earliest: isoDay(h[0]),
    latest: isoDay(h[1]),
    basis: 'inferred',
    evidence: evidenceOf(doc, inf),
  };
  // the best single day: the days named in this part of the text (a segment's own), outside boilerplate
  const raws = getRawTimes(doc);
  const inPart = (ns: number, ne: number) => ns >= from && ns < to && (!doc.boilerplate?.length || keep(doc, ns, ne));
  // the years written in digits, read only when a best day is argued from them (one look at each
  // digit-run token)
  const years = () => {
    const scan = getScan(doc);
    return writtenYears(scan.toks, scan.nums, ymd(horizon)[0]);
  };
  const b = bestDay(raws, inf.days, dows.filter((d) => d.ns >= from && d.ns < to), inPart, horizon, years);
  if (b) {
    pub.best = {
      date: isoDay(b.day),
      why: b.why,
      evidence: b.spans.map((sp) => {
        const { start, end } = toOriginal(doc.norm, doc.text, sp.ns, sp.ne);
        return { start, end, text: doc.text.slice(start, end), why: sp.why };
      }),
    };
  }
  return pub;
}

/** Parse the caller's dateline: 'YYYY-MM-DD', or a window 'YYYY-MM-DD/YYYY-MM-DD'. */
export function parseGiven(s: string): [number, number] {
  const g = parseDateline(s);
  return [parseIsoDay(g.earliest)!, parseIsoDay(g.latest)!];
}

const strong = (inf: Inference) => !inf.dropped.some((c) => c.strength >= 2 && !c.soft);

export function createDatelineStage(options: DatelineOptions = {}): Stage {
  const facts = options.factsFile ? loadFacts(options.factsFile) : loadFacts();
  // the time lexicon and the scan's index are loaded and built now, not inside the first document
  // (see prepareScan)
  loadTimeLexicon();
  loadOrdinals();
  prepareScan();
  const fixedNow = options.now ? parseIsoDay(options.now) : null;
  if (options.now && fixedNow == null) throw createError('E_BAD_DATE', options.now);
  const wantSegments = options.segments !== false;
  return {
    name: 'dateline',
    requires: ['text', 'norm', 'boilerplate', 'sentences'],
    assigns: ['published', 'segments'],
    run(doc: Doc): void {
      const horizon = fixedNow ?? Math.floor(Date.now() / 86_400_000);
      const given = doc.givenPublished ? parseGiven(doc.givenPublished) : null;
      doc.segments = [];
      const H = Math.max(horizon, given ? given[1] : horizon);
      let clues: Clue[];
      let dows: DowClue[];
      if (given) {
        // a given dateline is the document's: the clues are read only to look for segments, which
        // need a strong clue that conflicts with it; only those are read first, and all of them
        // only when one does (no inference over the whole text: it would argue the published date)
        doc.published = givenPublished(doc.givenPublished!);
        if (!wantSegments) return;
        const strongClues = collectClues(doc, facts, H, true).clues;
        if (!strongClues.some((c) => c.strength >= 2 && !c.soft && !intersect(c.days, [given]).length)) return;
        ({ clues, dows } = collectClues(doc, facts, H));
      } else {
        ({ clues, dows } = collectClues(doc, facts, H));
        const whole = inferDays(clues, dows, horizon);
        doc.published = publishedOf(doc, whole, horizon, dows);
        if (!wantSegments) return;
        // segments: a later part whose own clues agree with each other but not with the first part
        if (strong(whole)) return;
      }
      const text = doc.norm.text;
      for (const k of cutPoints(text, [...clues.map((c) => c.ns), ...dows.map((d) => d.ns)])) {
        const A = clues.filter((c) => c.ns < k);
        const B = clues.filter((c) => c.ns >= k);
        if (!B.some((c) => c.strength >= 2 && !c.soft)) break;
        if (text.length - k < 200) break;
        const infB = inferDays(B, dows.filter((d) => d.ns >= k), horizon);
        if (!strong(infB)) continue;
        let daysA: [number, number][];
        let infA: Inference | null = null;
        if (given) daysA = [given];
        else {
          if (!A.some((c) => c.strength >= 2 && !c.soft)) continue;
          infA = inferDays(A, dows.filter((d) => d.ns < k), horizon);
          if (!strong(infA)) continue;
          daysA = infA.days;
        }
        if (intersect(daysA, infB.days).length || size(infB.days) === 0) continue;
        // the parts must be told apart by a dated fact, not only by the tense of a date
        const byFact =
          B.some((c) => c.strength === 3 && !intersect(c.days, daysA).length) ||
          (infA != null && A.some((c) => c.strength === 3 && !intersect(c.days, infB.days).length));
        if (!byFact) continue;
        // a page appends an older story to a newer one (related news, archive), not the reverse
        if (hull(infB.days)![1] >= hull(daysA)![0]) continue;
        const cut = toOriginal(doc.norm, doc.text, k, k).start;
        const pubA = infA ? publishedOf(doc, infA, horizon, dows, 0, k) : doc.published!;
        doc.published = pubA;
        const segs: Segment[] = [
          { start: 0, end: cut, published: pubA },
          { start: cut, end: doc.text.length, published: publishedOf(doc, infB, horizon, dows, k) },
        ];
        doc.segments = segs;
        return;
      }
    },
  };
}
