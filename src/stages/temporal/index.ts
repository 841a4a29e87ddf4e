// The temporal stage: every Arabic time expression of the article as a TIMEX3 `times` entry,
// resolved against the article's dateline (doc.published, or the segment's own dateline).
// Runs after the dateline stage, which infers the dateline from the same matches.
import type { Doc, Published, TimeExpr } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import { inBoilerplate } from '../../text/boilerplate.js';
import { toOriginal } from '../../text/normalize.js';
import { parseIsoDay } from './calendar.js';
import { loadTimeLexicon, type TimeLexicon } from './lexicon.js';
import { matchTimes, tenseFinder, type RawTime, type Tense } from './match.js';
import { resolveOver } from './resolve.js';
import { prepareScan, scanDoc, scanTokens, ttokenize, type Scan, type TTok } from './tokens.js';

export { matchTimes, type RawTime, type Spec } from './match.js';
export { prepareScan } from './tokens.js';
export { resolveAt, resolveOver, absRange } from './resolve.js';

// What the matcher derives from a doc, kept for the last few docs (the dateline and temporal
// stages read it one after the other for each doc). A ring of references, not a WeakMap: V8's
// weak tables slow every garbage collection down when thousands of short-lived docs pass
// through them (measured: matching cost 3x as much behind two WeakMaps).
interface Derived {
  key: object;
  scan: Scan;
  raws: RawTime[] | null;
  /** the tense finder over the scan's tokens with the default lexicon (it memoises per token) */
  tense: ((a: number, b: number) => Tense | 'future?') | null;
}
const RING = 4;
const ring: (Derived | null)[] = new Array(RING).fill(null);
let ringAt = 0;
function derived(doc: Pick<Doc, 'norm'> & { tokens?: Doc['tokens'] }): Derived {
  const key = doc.norm as object;
  for (let k = 0; k < RING; k++) {
    const d = ring[(ringAt - k + RING) % RING];
    if (d && d.key === key) return d;
  }
  const d: Derived = { key, scan: doc.tokens ? scanDoc(doc.norm.text, doc.tokens) : scanTokens(ttokenize(doc.norm.text)), raws: null, tense: null };
  ringAt = (ringAt + 1) % RING;
  ring[ringAt] = d;
  return d;
}

/** Drop what is kept for a doc (the temporal stage, the last to read it, calls this: a doc kept
 *  here after the pipeline is done with it survives the next garbage collections, and copying and
 *  promoting it costs more than all the matching). Reading the doc again recomputes it. */
export function forgetDoc(doc: Pick<Doc, 'norm'>): void {
  const key = doc.norm as object;
  for (let k = 0; k < RING; k++) if (ring[k]?.key === key) ring[k] = null;
}

/** The matcher's tokens of a doc (the text layer's tokens with line breaks) and its candidates. */
export function getScan(doc: Pick<Doc, 'norm'> & { tokens?: Doc['tokens'] }): Scan {
  return derived(doc).scan;
}

/** The matcher's tokens of a doc: the text layer's tokens with line breaks. */
export function getTokens(doc: Pick<Doc, 'norm'> & { tokens?: Doc['tokens'] }): TTok[] {
  return derived(doc).scan.toks;
}

/** The tense finder of a doc's tokens with the default lexicon (shared by the matcher and the facts). */
export function getTense(doc: Pick<Doc, 'norm'> & { tokens?: Doc['tokens'] }): (a: number, b: number) => Tense | 'future?' {
  const d = derived(doc);
  return (d.tense ??= tenseFinder(d.scan.toks, loadTimeLexicon()));
}

/** The raw matches of a doc (shared by the dateline and temporal stages, which run one after the other). */
export function getRawTimes(doc: Pick<Doc, 'norm'> & { tokens?: Doc['tokens'] }, lex?: TimeLexicon): RawTime[] {
  const d = derived(doc);
  if (d.raws) return d.raws;
  const dflt = loadTimeLexicon();
  const l = lex ?? dflt;
  return (d.raws = matchTimes(doc.norm.text, l, d.scan.toks, d.scan.starts, d.scan.startTrig, l === dflt ? getTense(doc) : undefined, d.scan));
}

export interface TemporalOptions {
  /** a lexicon file other than data/time/words.tsv */
  lexiconFile?: string;
}

/** The window [earliest, latest] (day numbers) of a dateline, or null. */
export function windowOf(p: Published | null | undefined): [number, number] | null {
  if (!p) return null;
  const d = parseIsoDay(p.date);
  if (d != null) return [d, d];
  const a = parseIsoDay(p.earliest);
  const b = parseIsoDay(p.latest);
  return a != null && b != null ? [a, b] : null;
}

const CONCRETE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Resolve raw matches of a doc into `times` (exported for tests and the benchmark). */
export function resolveTimes(doc: Doc, raws: RawTime[]): TimeExpr[] {
  const out: TimeExpr[] = [];
  let lastThen: string | null = null;
  let lastDay: string | null = null;
  const segs = doc.segments ?? [];
  // the window of the dateline the last time resolved against (read once per dateline)
  let winOf: Published | null | undefined;
  let win: [number, number] | null = null;
  for (const t of raws) {
    const { start, end } = toOriginal(doc.norm, doc.text, t.ns, t.ne);
    if (end <= start) continue;
    if (doc.boilerplate?.length && inBoilerplate(doc, start, end)) continue;
    const seg = segs.length ? segs.find((s) => start >= s.start && start < s.end) : undefined;
    const pub = seg ? seg.published : doc.published;
    if (pub !== winOf) {
      winOf = pub;
      win = windowOf(pub);
    }
    let value: string | null = null;
    const s = t.spec;
    if (s.k === 'anaphor') {
      if (s.a === 'then') value = lastThen;
      else if (s.a === 'then-day') value = lastDay;
      else if (s.a === 'next' && s.unit) {
        const anchor = lastThen as string | null;
        if (anchor && s.unit === 'Y') value = String(+anchor.slice(0, 4) + 1).padStart(4, '0');
        else if (win) value = resolveOver({ spec: { k: 'rel', unit: s.unit, off: 1 }, tense: t.tense, tod: null }, win[0], win[1]);
      }
    } else if (s.k === 'rel' && s.unit === 'D' && s.off === 0 && t.wd == null && (t.inQuote || !win || win[0] !== win[1])) {
      value = 'PRESENT_REF'; // «اليوم» meaning "nowadays", or today with no exact dateline
    } else if (win) {
      value = resolveOver(t, win[0], win[1]);
    } else if (s.k === 'abs' || s.k === 'decade' || s.k === 'ref' || s.k === 'dur' || s.k === 'set') {
      value = resolveOver(t, 0, 0);
    }
    const text = doc.text.slice(start, end);
    out.push({ start, end, text, type: t.type, value, mod: t.mod });
    // anaphora anchors: the last plain date named (not a deadline or a bound)
    if (t.type === 'DATE' && value && CONCRETE.test(value) && s.k !== 'anaphor' && t.mod == null && t.bound !== 'ON_OR_BEFORE') {
      if (!(s.k === 'rel' && s.unit === 'D' && s.off === 0)) {
        lastThen = value;
        if (value.length === 10) lastDay = value;
      }
    }
  }
  return out;
}

export function createTemporalStage(options: TemporalOptions = {}): Stage {
  const lex = options.lexiconFile ? loadTimeLexicon(options.lexiconFile) : loadTimeLexicon();
  prepareScan();
  return {
    name: 'temporal',
    requires: ['text', 'norm', 'boilerplate', 'published', 'segments'],
    assigns: ['times'],
    run(doc: Doc): void {
      doc.times = resolveTimes(doc, getRawTimes(doc, lex));
      forgetDoc(doc);
    },
  };
}
