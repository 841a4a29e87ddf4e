// Loads data/time/words.tsv: Arabic time words (months, Hijri months, weekdays, numbers, units,
// relative words, parts of a period, bounds, tense cues). Forms are normalised with the text
// layer's normalizeString so they compare equal to words of doc.norm.text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createError } from '../../errors.js';
import { formHash } from '../../text/forms.js';
import { normalizeString } from '../../text/normalize.js';
import { addTrigger, FormIndex, readings, surfaceForms, TRIGGER_START, type Reading } from './tokens.js';

export type WordKind =
  | 'month' | 'hijri' | 'weekday' | 'num' | 'tens' | 'ord' | 'unit' | 'unitdual' | 'unitplural'
  | 'rel' | 'part' | 'approx' | 'bound' | 'ref' | 'anaphor' | 'decade' | 'season' | 'tod' | 'set'
  | 'future' | 'past' | 'durnull' | 'relday' | 'this';
const KINDS = new Set<string>([
  'month', 'hijri', 'weekday', 'num', 'tens', 'ord', 'unit', 'unitdual', 'unitplural', 'rel', 'part',
  'approx', 'bound', 'ref', 'anaphor', 'decade', 'season', 'tod', 'set', 'future', 'past', 'durnull',
  'relday', 'this',
]);

/** One bit per kind (the order of KINDS). */
export const KIND_BIT: Record<WordKind, number> = Object.fromEntries([...KINDS].map((k, i) => [k, 1 << i])) as Record<WordKind, number>;

export interface WordEntry {
  kind: WordKind;
  /** KIND_BIT[kind]: the matcher tests a set of kinds with one AND */
  bit: number;
  value: string;
  /** The normalised words of the form. */
  words: string[];
  /** The form as written in the data file. */
  form: string;
}

export interface TimeLexicon {
  /** first normalised word → entries starting with it (longest first) */
  byFirst: Map<string, WordEntry[]>;
  /** every surface form of a first word with its clitics (tokens outside it match nothing),
   *  with the entries its readings start (in reading order, longest entries first) */
  forms: FormIndex<Hits>;
  /** the tense cues of each surface form: its hits of kind future/past whose reading a verb or
   *  particle can take (itself, or without و/ف; not without ب ل ك or ال), in the order of `forms` */
  tense: FormIndex<Hits>;
}

/** An entry a reading of a surface form starts, with what the matcher tests first copied beside
 *  it: an entry whose next words are not there is told from these without reading the entry or
 *  its words (records scattered in memory: a cache miss each). */
export interface FirstHit {
  e: WordEntry;
  r: Reading;
  /** e.words.length, e.bit */
  n: number;
  bit: number;
  /** formHash of e.words[1] and e.words[2] (0: no such word, or one not of Arabic letters alone,
   *  which the matcher compares as a string) */
  h1: number;
  h2: number;
}
export type Hits = FirstHit[];
/** Arabic letters only: a word whose token hash is formHash of it (Token.hash, TTok.hash). */
const ARABIC_WORD = /^[\u0621-\u064a]+$/;
const wordHash = (w: string | undefined) => (w !== undefined && ARABIC_WORD.test(w) ? formHash(w) : 0);

const NO_HITS: Hits = [];
/** The entries a token's readings start (computed for every surface form when loading). */
export function firstHitsOf(lex: TimeLexicon, t: string): Hits {
  return lex.forms.get(t) ?? NO_HITS;
}

const pathCache = new Map<string, string>();
/** Find a file under the repository's data/ folder from this module (src/ or dist/src/). */
export function dataPath(...parts: string[]): string {
  const key = parts.join('/');
  const hit = pathCache.get(key);
  if (hit) return hit;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  let found = path.join(process.cwd(), 'data', ...parts);
  for (let i = 0; i < 8; i++) {
    const p = path.join(dir, 'data', ...parts);
    if (fs.existsSync(p)) {
      found = p;
      break;
    }
    dir = path.dirname(dir);
  }
  pathCache.set(key, found);
  return found;
}

/** Read a TSV data file: non-empty lines not starting with '#', split on tabs. */
export function readTsv(file: string): { line: number; cols: string[] }[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw createError('E_DATA', file, 0, `cannot read: ${(e as Error).message}`);
  }
  const out: { line: number; cols: string[] }[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.replace(/\r$/, '');
    if (!l.trim() || l.startsWith('#')) return;
    out.push({ line: i + 1, cols: l.split('\t').map((c) => c.trim()) });
  });
  return out;
}

export function normWords(s: string): string[] {
  return normalizeString(s).split(/\s+/).filter(Boolean);
}

let cached: TimeLexicon | null = null;

export function loadTimeLexicon(file?: string): TimeLexicon {
  if (cached && (file === undefined || file === dataPath('time', 'words.tsv'))) return cached;
  file ??= dataPath('time', 'words.tsv');
  const byFirst = new Map<string, WordEntry[]>();
  for (const { line, cols } of readTsv(file)) {
    const [form, kind, value] = cols;
    if (!form || !kind || value === undefined) throw createError('E_DATA', file, line, 'expected: form<TAB>kind<TAB>value');
    if (!KINDS.has(kind)) throw createError('E_DATA', file, line, `unknown kind «${kind}»`);
    const words = normWords(form);
    const e: WordEntry = { kind: kind as WordKind, bit: KIND_BIT[kind as WordKind], value, words, form };
    const list = byFirst.get(words[0]) ?? [];
    list.push(e);
    byFirst.set(words[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const startWords = [...byFirst].filter(([, l]) => l.some((e) => e.kind !== 'future' && e.kind !== 'past')).map(([w]) => w);
  const forms = new FormIndex<Hits>();
  for (const f of surfaceForms(byFirst.keys())) {
    const hits: Hits = [];
    for (const r of readings(f)) {
      const list = byFirst.get(r.form);
      if (list) for (const e of list) hits.push({ e, r, n: e.words.length, bit: e.bit, h1: wordHash(e.words[1]), h2: wordHash(e.words[2]) });
    }
    forms.set(f, hits);
  }
  const tense = new FormIndex<Hits>(14);
  for (const f of surfaceForms(byFirst.keys())) {
    const cues = (forms.get(f) ?? []).filter(
      ({ e, r }) => (e.kind === 'future' || e.kind === 'past') && !r.def && (r.cut === 0 || (r.cut === 1 && (f[0] === 'و' || f[0] === 'ف') && r.form === f.slice(1))),
    );
    if (cues.length) tense.set(f, cues);
  }
  const starts = surfaceForms(startWords);
  const lex: TimeLexicon = { byFirst, forms, tense };
  for (const f of starts) addTrigger(f, TRIGGER_START, lex, forms.get(f) ?? []);
  if (file === dataPath('time', 'words.tsv')) cached = lex;
  return lex;
}
