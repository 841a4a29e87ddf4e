// Page furniture inside plain text: marked, never removed (offsets always point into the input).
//
// - whole lines listed in data/text/furniture.tsv («اضف تعليق», «التعليقات (0)», «خبر عاجل»,
//   «اظهار أخبار متعلقة», the agency's disclaimer footer …)
// - a line repeated right after itself (a photo caption printed twice): the copy is marked
// - a byline near the top («ليث الجنيدي/ الأناضول», «بغداد - رويترز:»): marked, and its agency
//   (data/text/agencies.tsv) fills the article's source when none was given.
//
// Policy: claim stages (times, quantities, events, quotes) extract from no boilerplate at all;
// entity stages may read bylines (they name the reporter and the outlet), nothing else.
import { dataPath, readDataLines } from '../data.js';
import type { Boilerplate, Doc, Range } from '../pipeline/doc.js';
import { createError } from '../errors.js';
import { normalize, normalizeString, toOriginal, type Normalized } from './normalize.js';

interface Furniture {
  kind: Boilerplate['kind'];
  re: RegExp;
}
interface Agency {
  name: string;
  forms: string[]; // normalised
}

let furnitureCache: Furniture[] | null = null;
let furnitureAny: RegExp | null = null;
let agencyCache: { list: Agency[]; byForm: Map<string, string>; re: RegExp } | null = null;

function furniture(): Furniture[] {
  if (furnitureCache) return furnitureCache;
  const file = dataPath('text', 'furniture.tsv');
  furnitureCache = readDataLines(file).map(({ line, text }) => {
    const [kind, pattern] = text.split('\t');
    if (!pattern) throw createError('E_DATA', file, line, 'expected kind<TAB>pattern');
    try {
      return { kind: kind as Boilerplate['kind'], re: new RegExp(`^(?:${pattern})$`, 'u') };
    } catch (e) {
      throw createError('E_DATA', file, line, `bad pattern: ${(e as Error).message}`);
    }
  });
  furnitureAny = new RegExp(furnitureCache.map((f) => f.re.source).join('|'), 'u');
  return furnitureCache;
}

export function agencies(): { list: Agency[]; byForm: Map<string, string>; re: RegExp } {
  if (agencyCache) return agencyCache;
  const file = dataPath('text', 'agencies.tsv');
  const list: Agency[] = readDataLines(file).map(({ line, text }) => {
    const [name, forms] = text.split('\t');
    if (!forms) throw createError('E_DATA', file, line, 'expected name<TAB>forms');
    return { name, forms: forms.split('|').map((f) => squash(normalizeString(f))) };
  });
  const byForm = new Map<string, string>();
  for (const a of list) for (const f of a.forms) byForm.set(f, a.name);
  const alts = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
  const re = new RegExp(`(?:^|[\\s/(\\-–—:،])(?:(?:وكاله|لوكاله)\\s+)?(${alts.join('|')})\\s*\\)?\\s*[:\\-–—]?\\s*$`, 'u');
  agencyCache = { list, byForm, re };
  return agencyCache;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lines of the normalised text, trimmed (empty lines skipped), as normalised ranges. */
function lines(ntext: string): Range[] {
  const out: Range[] = [];
  let at = 0;
  const n = ntext.length;
  while (at <= n) {
    let nl = ntext.indexOf('\n', at);
    if (nl < 0) nl = n;
    let s = at;
    let e = nl;
    while (s < e && ntext.charCodeAt(s) <= 0x20) s++;
    while (e > s && ntext.charCodeAt(e - 1) <= 0x20) e--;
    if (e > s) out.push({ start: s, end: e });
    at = nl + 1;
  }
  return out;
}

const BYLINE_MAX = 80;
/** A dateline prefix at the start of a paragraph: «بغداد (رويترز) -», «واشنطن - أ ف ب:». */
const PREFIX_RE = /^([^\s\d"«(]{2,20}(?: [^\s\d"«(]{2,20})?)?\s*[-–—/]?\s*\(([^()]{2,30})\)\s*[-–—:]\s*|^([^\s\d"«(]{2,20}(?: [^\s\d"«(]{2,20})?)\s*[-–—/]\s*([^\s\-–—:][^\-–—:]{1,28}?)\s*[:\-–—]\s+/u;

export interface BoilerplateResult {
  ranges: Boilerplate[];
  /** The outlet named in a byline (English name from data/text/agencies.tsv), if any. */
  source: string | null;
}

/** Find boilerplate in a text. */
export function findBoilerplate(text: string, normalized?: Normalized): BoilerplateResult {
  const ranges: Boilerplate[] = [];
  let source: string | null = null;
  const ag = agencies();
  const furn = furniture();
  const nt = normalized ?? normalize(text);
  let prevNorm = '';
  const all = lines(nt.text);
  for (let li = 0; li < all.length; li++) {
    const nl = all[li];
    const orig = () => toOriginal(nt, text, nl.start, nl.end); // only for lines we mark
    const lineNorm = nt.text.slice(nl.start, nl.end);
    const norm = lineNorm.length <= 400 && /\s\s|[\t\r]/.test(lineNorm) ? squash(lineNorm) : lineNorm;
    // furniture: the whole line
    const f = norm.length <= 400 && furnitureAny!.test(norm) ? furn.find((x) => x.re.test(norm)) : undefined;
    if (f) {
      ranges.push({ ...orig(), kind: f.kind });
      prevNorm = norm;
      continue;
    }
    // a line printed twice in a row (a photo caption): mark the copy
    if (norm.length >= 15 && norm === prevNorm) {
      ranges.push({ ...orig(), kind: 'caption' });
      continue;
    }
    prevNorm = norm;
    if (li > 3) continue;
    const ln = orig();
    // a byline line: «NAME/ AGENCY», «AGENCY», «CITY - AGENCY»
    const raw = text.slice(ln.start, ln.end);
    if (raw.length <= BYLINE_MAX && norm.split(' ').length <= 8) {
      const m = ag.re.exec(norm);
      if (m && (m.index === 0 || /[/\-–—(]/.test(norm))) {
        ranges.push({ ...ln, kind: 'byline' });
        source ??= ag.byForm.get(m[1]) ?? null;
        continue;
      }
    }
    // a dateline prefix at the head of a paragraph: «بغداد (رويترز) - …»
    const p = PREFIX_RE.exec(raw);
    if (p) {
      const agencyRaw = squash(normalizeString(p[2] ?? p[4] ?? ''));
      const name = ag.byForm.get(agencyRaw) ?? ag.byForm.get(agencyRaw.replace(/^وكاله /, ''));
      if (name) {
        ranges.push({ start: ln.start, end: ln.start + p[0].trimEnd().length, kind: 'byline' });
        source ??= name;
      }
    }
  }
  return { ranges, source };
}

/** Is [start, end) inside boilerplate? Bylines count only when `includeBylines` is true. */
export function inBoilerplate(doc: Pick<Doc, 'boilerplate'>, start: number, end: number, includeBylines = true): boolean {
  for (const b of doc.boilerplate) {
    if (!includeBylines && b.kind === 'byline') continue;
    if (start < b.end && end > b.start) return true;
  }
  return false;
}
