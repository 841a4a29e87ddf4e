// The light stemmer for search. A word is normalised (normalizeString: no diacritics, one alef,
// ة→ه, ى→ي, Eastern digits → 0-9), its proclitics are split off by the text layer's clitic
// analyser (و ف ب ك ل س ال لل, guided by the corpus lexicon), then up to two suffixes from
// data/search/suffixes.txt are stripped, keeping at least three letters. Names in the knowledge
// base keep their suffixes: «سوريا», «عمان», «إيران» are not cut down to «سور», «عم», «اير».
// Index and query go through the same function, so «الاتفاقات» and «الاتفاق» both become «اتفاق».
import { createHash } from 'node:crypto';
import { dataPath, readDataLines } from '../data.js';
import { loadKb } from '../kb/index.js';
import { normalizeString } from '../text/normalize.js';
import { analyseClitics } from '../text/tokens.js';

interface StemData {
  suffixes: string[];
  stopwords: Set<string>;
  protectedWords: Set<string>;
}

let data: StemData | null = null;
const memo = new Map<string, string>();

function words(s: string): string[] {
  return normalizeString(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function stemData(): StemData {
  if (data) return data;
  const list = (f: string) => readDataLines(dataPath('search', f)).map((l) => normalizeString(l.text.trim()));
  const suffixes = [...new Set(list('suffixes.txt'))].sort((a, b) => b.length - a.length);
  const stopwords = new Set(list('stopwords.txt'));
  const protectedWords = new Set<string>();
  const kb = loadKb();
  for (const r of kb.records.values())
    for (const n of [...r.names_ar, ...(r.aliases_ctx ?? []), ...(r.ambiguous_ar ?? [])])
      for (const w of words(n)) if (/\p{Script=Arabic}/u.test(w)) protectedWords.add(stripProclitics(w));
  data = { suffixes, stopwords, protectedWords };
  return data;
}

function stripProclitics(w: string): string {
  if (w.length < 3) return w;
  const a = analyseClitics(w);
  return a.stemAt > 0 && w.length - a.stemAt >= 2 ? w.slice(a.stemAt) : w;
}

/** The search stem of one word (any spelling; diacritics ignored). */
export function stemWord(word: string): string {
  let s = memo.get(word);
  if (s !== undefined) return s;
  s = stemNormalized(normalizeString(word));
  if (memo.size > 500_000) memo.clear();
  memo.set(word, s);
  return s;
}

function stemNormalized(w: string): string {
  if (!/\p{Script=Arabic}/u.test(w)) return w.toLowerCase();
  const d = stemData();
  let s = stripProclitics(w);
  if (d.protectedWords.has(s) || d.protectedWords.has(w)) return s;
  for (let pass = 0; pass < 2; pass++) {
    const suf = d.suffixes.find((x) => s.endsWith(x) && s.length - x.length >= 3);
    if (!suf) break;
    s = s.slice(0, s.length - suf.length);
    if (d.protectedWords.has(s)) break;
  }
  return s;
}

const WORD = /[\p{L}\p{M}\p{N}\u0640]+/gu;

/** The words of a text with their original offsets. */
export function* wordsOf(text: string): Generator<{ word: string; start: number; end: number }> {
  for (const m of text.matchAll(WORD)) yield { word: m[0], start: m.index!, end: m.index! + m[0].length };
}

/** A text as the search index holds it: one stem per word, separated by spaces. */
export function searchBody(text: string): string {
  let out = '';
  for (const m of text.matchAll(WORD)) {
    const s = stemWord(m[0]);
    if (s) out += (out ? ' ' : '') + s;
  }
  return out;
}

/** A fingerprint of what the stemmer does (its suffixes and protected names): an index built
 *  under another fingerprint may stem some words differently and should be rebuilt. */
export function stemmerFingerprint(): string {
  const d = stemData();
  const h = createHash('sha1');
  h.update(STEMMER_VERSION + '\u0000' + d.suffixes.join(' ') + '\u0000');
  for (const w of [...d.protectedWords].sort()) h.update(w + ' ');
  return h.digest('hex').slice(0, 16);
}
const STEMMER_VERSION = '1';

/** Is the (normalised) word a function word left out of queries? */
export function isStopword(word: string): boolean {
  return stemData().stopwords.has(normalizeString(word));
}
