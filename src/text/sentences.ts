// Sentence splitting for Arabic news. Sentences end at . ؟ ? ! ؛ … and at line breaks; they
// never end inside a quotation or parentheses (the closing mark stays with its sentence), nor at
// the period of an abbreviation (د. م. ق.م ص.ب U.S.) or a decimal number (2.5).
// Sentences are trimmed of surrounding space and tile the text: they never overlap and together
// cover every non-space character.
import type { Range } from '../pipeline/doc.js';

const TERMINAL = new Set(['.', '؟', '?', '!', '؛', '…']);
const OPEN: Record<string, string> = { '«': '»', '(': ')', '[': ']', '“': '”', '{': '}', '﴾': '﴿' };
const CLOSERS = new Set(['»', ')', ']', '”', '}', '﴿', '"', "'", '’']);
/** A quotation or parenthesis still open after this many characters is taken as unbalanced. */
const MAX_OPEN = 600;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x3000;
const isBreak = (c: number) => c === 0x0a || c === 0x2029 || c === 0x2028 || c === 0x0b || c === 0x0c || c === 0x85;
const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => ch >= '0' && ch <= '9' || (ch >= '٠' && ch <= '٩') || (ch >= '۰' && ch <= '۹');

export function splitSentences(text: string): Range[] {
  const out: Range[] = [];
  const n = text.length;
  let start = -1; // first non-space char of the current sentence
  let lastNonSpace = -1;
  const stack: string[] = [];
  let openedAt = -1;
  let straightOpen = false;

  const close = (endExclusive: number) => {
    if (start >= 0 && endExclusive > start) out.push({ start, end: endExclusive });
    start = -1;
    stack.length = 0;
    straightOpen = false;
  };

  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (isBreak(code)) {
      if (start >= 0) close(lastNonSpace + 1);
      continue;
    }
    if (isSpace(code) || code === 0x200f || code === 0x200e || code === 0xfeff) continue;
    const ch = text[i];
    if (start < 0) start = i;
    lastNonSpace = i;

    // quotation and bracket depth
    if (OPEN[ch]) {
      if (!stack.length) openedAt = i;
      stack.push(OPEN[ch]);
    } else if (stack.length && ch === stack[stack.length - 1]) {
      stack.pop();
    } else if (ch === '"') {
      straightOpen = !straightOpen;
      if (straightOpen && !stack.length) openedAt = i;
    }
    const depth = stack.length + (straightOpen ? 1 : 0);
    if (depth > 0 && i - openedAt > MAX_OPEN) {
      stack.length = 0;
      straightOpen = false;
    }

    if (!TERMINAL.has(ch) || stack.length || straightOpen) continue;
    if (ch === '.' && !isSentencePeriod(text, i)) continue;
    // take further terminal marks and closing quotes/brackets with this sentence
    let j = i + 1;
    while (j < n && (TERMINAL.has(text[j]) || CLOSERS.has(text[j]))) j++;
    lastNonSpace = j - 1;
    i = j - 1;
    close(j);
  }
  if (start >= 0) close(lastNonSpace + 1);
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
  if (isLetter(next) && isLetter(prev) && /[\u0600-\u06FF]/.test(next)) {
    // «مهامه..وتصاعد» is handled by the ellipsis rule; a single period glued to the next Arabic
    // word usually still ends a sentence (missing space), unless the word before was one letter.
    return true;
  }
  return true;
}
