// Sentence splitting for Arabic news. Sentences end at . ؟ ? ! ؛ … and at line breaks; they
// never end inside a quotation or parentheses (the closing mark stays with its sentence), nor at
// the period of an abbreviation (د. م. ق.م ص.ب U.S.) or a decimal number (2.5).
// Sentences are trimmed of surrounding space and tile the text: they never overlap and together
// cover every non-space character.
import type { Range } from '../pipeline/doc.js';

// character tables (one lookup per char: the splitter runs over every article)
const T_NONE = 0;
const T_TERM = 1; // . ؟ ? ! ؛ …
const T_OPEN = 2;
const T_CLOSE = 3;
const T_STRAIGHT = 4; // "
const T_BREAK = 5;
const T_SPACE = 6;
const KIND = new Uint8Array(0x10000);
const CLOSE_OF = new Uint16Array(0x10000);
for (const ch of '.؟?!؛…') KIND[ch.charCodeAt(0)] = T_TERM;
for (const [o, c] of [['«', '»'], ['(', ')'], ['[', ']'], ['“', '”'], ['{', '}'], ['﴾', '﴿']]) {
  KIND[o.charCodeAt(0)] = T_OPEN;
  CLOSE_OF[o.charCodeAt(0)] = c.charCodeAt(0);
  KIND[c.charCodeAt(0)] = T_CLOSE;
}
KIND[0x22] = T_STRAIGHT;
for (const c of [0x0a, 0x2029, 0x2028, 0x0b, 0x0c, 0x85]) KIND[c] = T_BREAK;
for (const c of [0x20, 0x09, 0x0d, 0xa0, 0x202f, 0x3000, 0x200e, 0x200f, 0xfeff]) KIND[c] = T_SPACE;
for (let c = 0x2000; c <= 0x200f; c++) KIND[c] = T_SPACE; // spaces, zero-width marks, LRM, RLM
for (const c of [0x061c, 0x2060, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) KIND[c] = T_SPACE;
/** Marks taken with the sentence after its terminal punctuation. */
const TRAILING = new Set(['»', ')', ']', '”', '}', '﴿', '"', "'", '’', '.', '؟', '?', '!', '؛', '…'].map((c) => c.charCodeAt(0)));
/** A quotation or parenthesis still open after this many characters is taken as unbalanced. */
const MAX_OPEN = 600;

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => (ch >= '0' && ch <= '9') || (ch >= '٠' && ch <= '٩') || (ch >= '۰' && ch <= '۹');

export function splitSentences(text: string): Range[] {
  const out: Range[] = [];
  const n = text.length;
  let start = -1; // first non-space char of the current sentence
  let lastNonSpace = -1;
  const stack: number[] = []; // expected closing marks
  let openedAt = -1;
  let straightOpen = false;

  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const kind = KIND[code];
    if (kind === T_BREAK) {
      if (start >= 0) out.push({ start, end: lastNonSpace + 1 });
      start = -1;
      stack.length = 0;
      straightOpen = false;
      continue;
    }
    if (kind === T_SPACE) continue;
    if (start < 0) start = i;
    lastNonSpace = i;
    if (kind === T_NONE) continue;

    // quotation and bracket depth
    if (kind === T_OPEN) {
      if (!stack.length && !straightOpen) openedAt = i;
      stack.push(CLOSE_OF[code]);
    } else if (kind === T_CLOSE) {
      if (stack.length && code === stack[stack.length - 1]) stack.pop();
    } else if (kind === T_STRAIGHT) {
      straightOpen = !straightOpen;
      if (straightOpen && !stack.length) openedAt = i;
    }
    if ((stack.length || straightOpen) && i - openedAt > MAX_OPEN) {
      stack.length = 0;
      straightOpen = false;
    }

    if (kind !== T_TERM) continue;
    if (code === 0x2e && !isSentencePeriod(text, i)) continue;
    if (stack.length || straightOpen) {
      // inside a quotation: end only where the mark closes it («… انتهت.» ثم)
      let j = i + 1;
      while (j < n && KIND[text.charCodeAt(j)] === T_TERM) j++;
      const c = text.charCodeAt(j);
      const closes = stack.length ? c === stack[stack.length - 1] && stack.length === 1 : c === 0x22 && !stack.length;
      if (!closes || !(j + 1 >= n || KIND[text.charCodeAt(j + 1)] === T_SPACE || KIND[text.charCodeAt(j + 1)] === T_BREAK)) continue;
    }
    // take further terminal marks and closing quotes/brackets with this sentence
    let j = i + 1;
    while (j < n && TRAILING.has(text.charCodeAt(j))) j++;
    out.push({ start, end: j });
    start = -1;
    stack.length = 0;
    straightOpen = false;
    i = j - 1;
  }
  if (start >= 0) out.push({ start, end: lastNonSpace + 1 });
  return out;
}

/** Does the period at i end a sentence (not an abbreviation, decimal, or «..» inside a title)? */
function isSentencePeriod(text: string, i: number): boolean {
  const prev = text[i - 1] ?? ' ';
  const next = text[i + 1] ?? ' ';
  if (isDigit(prev) && isDigit(next)) return false; // 2.5
  if (next === '.' ) return true; // ellipsis: the run is taken together by the caller
  // a single letter before the period (د. م. ص.ب ق.م U.S.) is an abbreviation
  if (isLetter(prev)) {
    let k = i - 1;
    while (k > 0 && /[\u064B-\u065F\u0640]/.test(text[k])) k--;
    const before = text[k - 1] ?? ' ';
    if (!isLetter(before)) return false;
  }
  // a period directly followed by a letter (no space) is inside a token: «ق.م», «www.x.com»
  if (isLetter(next) && !/[\u0600-\u06FF]/.test(next)) return false;
  // a single period glued to the next Arabic word usually still ends a sentence (a missing space)
  return true;
}
