// Normalisation for matching, never for offsets. `normalize(text)` returns a normalised copy and
// a map from every normalised position back to the original text, so that anything found in the
// normalised form can be reported as a span of the original.
//
// What it folds (one table, built once):
//   - diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel: dropped
//   - invisible format marks (ZWNJ, ZWJ, LRM, RLM, ALM, BOM, bidi embeddings): dropped
//   - alef forms أ إ آ ٱ → ا; ؤ → و; ئ → ي; ى → ي; ة → ه
//   - Persian/Urdu letters: ک → ك, ی ے → ي, ۀ ہ ھ ۃ → ه, گ → ك, پ → ب, چ → ج, ژ → ز, ڤ → ف, ڨ → ق
//   - Arabic-Indic and Persian digits → 0-9; ٫ → .; ٬ → ,
//   - typographic quotes “ ” « » „ ‟ → " and ‘ ’ ‚ ‛ → '; dashes – — → -
//   - Latin capitals → lower case; NBSP and other spaces → ' '
//   - Arabic presentation forms (FB50–FDFF, FE70–FEFF) → their NFKC letters (ﻻ → لا)

export interface Normalized {
  /** The normalised text. */
  readonly text: string;
  /** `toOrig[i]` is the original offset of normalised char i; `toOrig[text.length]` is the original length. */
  readonly toOrig: Int32Array;
}

const DROP = 0;
const SPECIAL = 0xffff;
const TABLE: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  const drop = (from: number, to = from) => {
    for (let c = from; c <= to; c++) t[c] = DROP;
  };
  const map = (chars: string, to: string) => {
    for (const ch of chars) t[ch.charCodeAt(0)] = to.charCodeAt(0);
  };
  // diacritics and tatweel
  drop(0x064b, 0x065f);
  drop(0x0670);
  drop(0x06d6, 0x06dc);
  drop(0x06df, 0x06e4);
  drop(0x06e7, 0x06e8);
  drop(0x06ea, 0x06ed);
  drop(0x0610, 0x061a);
  drop(0x08d3, 0x08ff);
  drop(0x0640);
  // invisible format characters
  drop(0x200b, 0x200f);
  drop(0x202a, 0x202e);
  drop(0x2066, 0x2069);
  drop(0x061c);
  drop(0xfeff);
  drop(0x00ad);
  // letters
  map('أإآٱٲٳ', 'ا');
  map('ؤ', 'و');
  map('ئ', 'ي');
  map('ىیےۍې', 'ي');
  map('ة', 'ه');
  map('ۀہھۃە', 'ه');
  map('کگڪ', 'ك');
  map('پ', 'ب');
  map('چ', 'ج');
  map('ژ', 'ز');
  map('ڤ', 'ف');
  map('ڨ', 'ق');
  // digits and separators
  for (let d = 0; d < 10; d++) {
    t[0x0660 + d] = 0x30 + d;
    t[0x06f0 + d] = 0x30 + d;
  }
  map('٫', '.');
  map('٬', ',');
  // quotes, dashes, spaces
  map('“”«»„‟〝〞＂', '"');
  map('‘’‚‛`´', "'");
  map('–—―‒', '-');
  map('\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000', ' ');
  // Latin capitals
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 0x20;
  // presentation forms: resolved through NFKC one char at a time
  for (let c = 0xfb50; c <= 0xfdff; c++) t[c] = SPECIAL;
  for (let c = 0xfe70; c <= 0xfefe; c++) t[c] = SPECIAL;
  t[0xfeff] = DROP;
  return t;
}

/** Normalise one code unit as the table says (DROP → '', presentation forms via NFKC). */
function special(ch: string): string {
  let out = '';
  for (const c of ch.normalize('NFKC')) {
    const m = TABLE[c.charCodeAt(0)];
    if (m !== DROP && m !== SPECIAL) out += String.fromCharCode(m);
  }
  return out;
}

/** Normalise `text` for matching, keeping a map back to original offsets. */
export function normalize(text: string): Normalized {
  const n = text.length;
  // Worst case a presentation form expands to 4 chars (ﷺ is longer, handled by growth below).
  let buf = new Uint16Array(n + 16);
  let map = new Int32Array(n + 17);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const m = TABLE[c];
    if (m === DROP) continue;
    if (m !== SPECIAL) {
      buf[j] = m;
      map[j++] = i;
      continue;
    }
    const s = special(text[i]);
    if (j + s.length + 1 >= buf.length) {
      const grow = Math.max(buf.length * 2, j + s.length + 16);
      const nb = new Uint16Array(grow);
      nb.set(buf);
      buf = nb;
      const nm = new Int32Array(grow + 1);
      nm.set(map);
      map = nm;
    }
    for (let k = 0; k < s.length; k++) {
      buf[j] = s.charCodeAt(k);
      map[j++] = i;
    }
  }
  map[j] = n;
  return { text: decodeUtf16(buf.subarray(0, j)), toOrig: map.slice(0, j + 1) };
}

const utf16 = new TextDecoder('utf-16le');
function decodeUtf16(units: Uint16Array): string {
  return utf16.decode(units);
}

/** Normalise a short string (a lexicon entry, a query) without keeping the map. */
export function normalizeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const m = TABLE[s.charCodeAt(i)];
    if (m === DROP) continue;
    out += m === SPECIAL ? special(s[i]) : String.fromCharCode(m);
  }
  return out;
}

/** True for the combining marks and tatweel that `normalize` drops from inside words. */
export function isMark(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    code === 0x0640 ||
    (code >= 0x06d6 && code <= 0x06ed) ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x08d3 && code <= 0x08ff)
  );
}

/**
 * Map a normalised range [nStart, nEnd) to the original text. The end is placed just after the
 * original char of the last normalised char, extended over the diacritics and tatweel that follow
 * it (they belong to the word), but not over spaces or invisible marks.
 */
export function toOriginal(norm: Normalized, text: string, nStart: number, nEnd: number): { start: number; end: number } {
  const start = norm.toOrig[nStart];
  if (nEnd <= nStart) return { start, end: start };
  let end = norm.toOrig[nEnd - 1] + 1;
  // a surrogate pair is one char
  const hi = text.charCodeAt(end - 1);
  if (hi >= 0xd800 && hi <= 0xdbff && end < text.length) end++;
  while (end < text.length && isMark(text.charCodeAt(end))) end++;
  return { start, end };
}

/**
 * Map an original offset to the first normalised position at or after it (for going the other
 * way, e.g. to look up what the normaliser made of a span the caller found in the original).
 */
export function toNormalized(norm: Normalized, orig: number): number {
  const m = norm.toOrig;
  let lo = 0;
  let hi = m.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m[mid] < orig) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
