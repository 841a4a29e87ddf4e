// Tokens with their proclitics split off as sub-tokens that keep their own offsets.
//
// Tokens are found on the normalised text (so diacritics and tatweel never break a word) and
// reported with original offsets. Punctuation is split off words, as in ANERcorp.
// A word's leading و ف (conjunction), ب ك ل (preposition), س (future, before a verb) and ال
// (article, also the elided «لل» of «للقوات») are split off when the corpus word-frequency lexicon
// says the rest is a word in its own right: «وقال» = و + قال, but «وزير», «بغداد», «لبنان» stay whole.
import { lexicon } from './lexicon.js';
import type { Range } from '../pipeline/doc.js';
import { FNV_OFFSET, FNV_PRIME } from './forms.js';
import { isMark, toOriginal, type Normalized } from './normalize.js';

export type TokenKind = 'word' | 'latin' | 'number' | 'punct' | 'symbol';

export interface SubToken {
  /** Original offsets. */
  start: number;
  end: number;
  /** Normalised form («ال» for the elided article of «لل»). */
  norm: string;
}

export interface Token {
  /** Original offsets: `doc.text.slice(start, end)` is the token as written. */
  start: number;
  end: number;
  /** Offsets into the normalised text. */
  nStart: number;
  nEnd: number;
  /** Normalised form of the whole token. */
  norm: string;
  /** For an Arabic word, `formHash(norm)` (FNV-1a, computed as the tokenizer reads the word:
   *  see forms.ts); 0 for other tokens. */
  hash: number;
  kind: TokenKind;
  /** Index of the sentence holding the token. */
  sentence: number;
  /** Proclitics split off, in order (e.g. و, ب, ال). Empty for most tokens. */
  clitics: SubToken[];
  /** The token without its proclitics (the token itself when there are none). */
  stem: SubToken;
}

// character classes over the normalised text
const C_SPACE = 1;
const C_AR = 2;
const C_LATIN = 3;
const C_DIGIT = 4;
const C_PUNCT = 5;
const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000).fill(C_PUNCT);
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0x2028, 0x2029]) t[c] = C_SPACE;
  for (let c = 0x0621; c <= 0x064a; c++) t[c] = C_AR;
  for (let c = 0x0671; c <= 0x06d3; c++) t[c] = C_AR;
  for (let c = 0x06fa; c <= 0x06ff; c++) t[c] = C_AR;
  for (let c = 0x0750; c <= 0x077f; c++) t[c] = C_AR;
  t[0x0640] = C_AR; // tatweel (only present when the caller did not normalise)
  for (let c = 0x61; c <= 0x7a; c++) t[c] = C_LATIN;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = C_LATIN;
  for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) t[c] = C_LATIN;
  for (let c = 0x30; c <= 0x39; c++) t[c] = C_DIGIT;
  return t;
})();
const SYMBOLS = new Set('%$€£¥#@&*+=<>|~^°§©®™'.split('').map((c) => c.charCodeAt(0)));

/** Tokenise the normalised text; each token records the index of the sentence holding its start. */
export function tokenize(text: string, norm: Normalized, sentences: readonly Range[]): Token[] {
  const s = norm.text;
  const n = s.length;
  const toOrig = norm.toOrig;
  const out: Token[] = [];
  let sent = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const cls = CLASS[c];
    if (cls === C_SPACE) {
      i++;
      continue;
    }
    const begin = i;
    let kind: TokenKind;
    // an Arabic word's hash (Token.hash), taken as its letters are read
    let h = FNV_OFFSET;
    if (cls === C_AR) {
      for (; i < n; i++) {
        const cc = s.charCodeAt(i);
        if (CLASS[cc] !== C_AR) break;
        h = Math.imul(h ^ cc, FNV_PRIME);
      }
      kind = 'word';
    } else if (cls === C_LATIN) {
      while (i < n) {
        const k = CLASS[s.charCodeAt(i)];
        if (k === C_LATIN || k === C_DIGIT) i++;
        else if (s.charCodeAt(i) === 0x27 && i + 1 < n && CLASS[s.charCodeAt(i + 1)] === C_LATIN) i++; // o'clock
        else break;
      }
      kind = 'latin';
    } else if (cls === C_DIGIT) {
      while (i < n) {
        const k = CLASS[s.charCodeAt(i)];
        if (k === C_DIGIT) i++;
        else if ((s[i] === '.' || s[i] === ',') && i + 1 < n && CLASS[s.charCodeAt(i + 1)] === C_DIGIT) i++;
        else break;
      }
      kind = 'number';
    } else {
      // surrogate pairs (emoji) stay one token
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      kind = SYMBOLS.has(c) || c > 0xffff ? 'symbol' : 'punct';
    }
    // original offsets: the end takes the diacritics and tatweel after the last char along
    const start = toOrig[begin];
    let end = toOrig[i - 1] + 1;
    while (end < text.length && isMark(text.charCodeAt(end))) end++;
    while (sent + 1 < sentences.length && sentences[sent + 1].start <= start) sent++;
    const form = s.slice(begin, i);
    const tok: Token = {
      start,
      end,
      nStart: begin,
      nEnd: i,
      norm: form,
      hash: kind === 'word' ? h : 0,
      kind,
      sentence: sent,
      clitics: NO_CLITICS,
      stem: null as unknown as SubToken,
    };
    tok.stem = tok; // a token without proclitics is its own stem (one object less per token)
    if (kind === 'word' && form.length >= 3 && MAY_HAVE_CLITIC[form.charCodeAt(0)]) splitClitics(tok, text, norm);
    out.push(tok);
  }
  return out;
}

const NO_CLITICS: SubToken[] = [];
/** First letters a proclitic can start with: و ف ب ك ل س and the ا of ال. */
const MAY_HAVE_CLITIC = new Uint8Array(0x10000);
for (const ch of 'وفبكلسا') MAY_HAVE_CLITIC[ch.charCodeAt(0)] = 1;

/** Words whose first letters look like clitics but never are (data/text/no-split.txt). */
const isNoSplit = (w: string) => lexicon().noSplit.has(w);

/** The proclitic analysis of a normalised word: lengths and forms of each part. */
export function analyseClitics(w: string): CliticAnalysis {
  // the article alone (the commonest case) needs no lexicon: only the short exceptions list
  if (w.charCodeAt(0) === 0x0627) {
    if (w.charCodeAt(1) !== 0x0644 || w.length < 4) return NONE;
    if (w.length <= 7 && lexicon().notArticle.has(w)) return NONE; // the longest exception: «اللواتي»
    return ARTICLE;
  }
  let a = memo.get(w);
  if (a) return a;
  a = analyse(w);
  if (memo.size > 300_000) memo.clear();
  memo.set(w, a);
  return a;
}
type CliticAnalysis = { parts: { len: number; norm: string }[]; stemAt: number };
const memo = new Map<string, CliticAnalysis>();
const NONE: CliticAnalysis = { parts: [], stemAt: 0 };
const ARTICLE: CliticAnalysis = { parts: [{ len: 2, norm: 'ال' }], stemAt: 2 };

function analyse(w: string): CliticAnalysis {
  const parts: { len: number; norm: string }[] = [];
  if (isNoSplit(w)) return { parts, stemAt: 0 };
  let p = 0;
  // conjunction و / ف
  const c0 = w[0];
  if ((c0 === 'و' || c0 === 'ف') && restIsWord(w, 1)) {
    parts.push({ len: 1, norm: c0 });
    p = 1;
  }
  // preposition ب ك ل, the elided article «لل», or the future س
  const c1 = w[p];
  if (c1 === 'ل' && w[p + 1] === 'ل' && w.length - p - 2 >= 2 && !isNoSplit(w.slice(p)) && restIsWord(w, p + 2, 'ال')) {
    parts.push({ len: 1, norm: 'ل' }, { len: 1, norm: 'ال' });
    return { parts, stemAt: p + 2 };
  }
  if ((c1 === 'ب' || c1 === 'ك' || c1 === 'ل') && restIsWord(w, p + 1)) {
    parts.push({ len: 1, norm: c1 });
    p += 1;
  } else if (c1 === 'س' && p > 0 && 'يتنا'.includes(w[p + 1] ?? '') && restIsWord(w, p + 1)) {
    parts.push({ len: 1, norm: 'س' });
    p += 1;
  }
  // the article
  if (w.startsWith('ال', p) && w.length - p - 2 >= 2 && !lexicon().notArticle.has(w.slice(p))) {
    parts.push({ len: 2, norm: 'ال' });
    p += 2;
  }
  return { parts, stemAt: p };
}

/** Is w.slice(k) (with `prefix` before it) a word in its own right, more than w is? */
function restIsWord(w: string, k: number, prefix = ''): boolean {
  const rest = w.slice(k);
  if (rest.length < 2) return false;
  const lex = lexicon();
  const fw = lex.freq(w);
  // «وال…», «بال…»: the rest carries the article, which is nearly always a real split
  if (rest.length >= 4 && rest.startsWith('ال') && !prefix) {
    const fr = lex.freq(rest);
    return fr > 0 || fw === 0 ? fr * 4 >= fw : false;
  }
  if (rest.length < 3 && !prefix) return lex.shortRest.has(rest);
  const fr = lex.freq(prefix + rest) + (prefix ? 0 : lex.freq('ال' + rest) / 2);
  if (fw === 0) return fr >= 3;
  return fr >= fw * 0.3;
}

function splitClitics(tok: Token, text: string, norm: Normalized): void {
  const { parts, stemAt } = analyseClitics(tok.norm);
  if (!parts.length) return;
  const clitics: SubToken[] = [];
  let at = tok.nStart;
  for (const part of parts) {
    const r = toOriginal(norm, text, at, at + part.len);
    clitics.push({ start: r.start, end: r.end, norm: part.norm });
    at += part.len;
  }
  const r = toOriginal(norm, text, tok.nStart + stemAt, tok.nEnd);
  tok.clitics = clitics;
  tok.stem = { start: r.start, end: r.end, norm: tok.norm.slice(stemAt) };
}
