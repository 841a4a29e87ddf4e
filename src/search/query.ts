// A user's query to an FTS5 MATCH expression over stemmed text. Words are stemmed like the index
// and ANDed (function words dropped unless inside quotes); «"…"» keeps a phrase; «أو»/OR between
// words makes an alternative; a leading «-» excludes a word.
import { isStopword, stemWord, wordsOf } from './stem.js';

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when the query holds no searchable word. */
  match: string | null;
  /** Stems to highlight in snippets. */
  stems: string[];
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function parseQuery(q: string): ParsedQuery {
  const parts: string[] = [];
  const stems = new Set<string>();
  let pendingOr = false;
  const re = /"([^"]*)"|«([^»]*)»|(\S+)/g;
  for (const m of q.matchAll(re)) {
    const phrase = m[1] ?? m[2];
    if (phrase != null) {
      const ws = [...wordsOf(phrase)].map((w) => stemWord(w.word)).filter(Boolean);
      if (!ws.length) continue;
      ws.forEach((s) => stems.add(s));
      push(quote(ws.join(' ')));
      continue;
    }
    let tok = m[3];
    if (tok === 'OR' || tok === 'أو' || tok === '|') {
      pendingOr = parts.length > 0;
      continue;
    }
    const neg = tok.startsWith('-') && tok.length > 1;
    if (neg) tok = tok.slice(1);
    const ws = [...wordsOf(tok)].map((w) => w.word);
    for (const w of ws) {
      if (!neg && isStopword(w)) continue;
      const s = stemWord(w);
      if (!s) continue;
      if (neg) {
        if (parts.length) parts.push(`NOT ${quote(s)}`);
        continue;
      }
      stems.add(s);
      push(quote(s));
    }
  }
  function push(term: string) {
    if (pendingOr && parts.length) parts[parts.length - 1] = `(${parts[parts.length - 1]} OR ${term})`;
    else parts.push(term);
    pendingOr = false;
  }
  // NOT must follow a positive term in FTS5: «a NOT b» – join them in order
  let match = '';
  for (const p of parts) match = match ? (p.startsWith('NOT ') ? `${match} ${p}` : `${match} AND ${p}`) : p;
  return { match: match || null, stems: [...stems] };
}

/** A short piece of `text` around the first word whose stem is in `stems`, with it marked «[…]». */
export function snippet(text: string, stems: string[], width = 160): { text: string; start: number; end: number } | null {
  if (!stems.length) return null;
  const want = new Set(stems);
  for (const w of wordsOf(text)) {
    if (!want.has(stemWord(w.word))) continue;
    let a = Math.max(0, w.start - Math.floor(width / 2));
    let b = Math.min(text.length, w.end + Math.floor(width / 2));
    const sp = text.lastIndexOf(' ', a);
    if (a > 0 && sp >= 0 && w.start - sp < width) a = sp + 1;
    const sp2 = text.indexOf(' ', b);
    if (b < text.length && sp2 > 0 && sp2 - w.end < width) b = sp2;
    const piece = text.slice(a, w.start) + '[' + text.slice(w.start, w.end) + ']' + text.slice(w.end, b);
    return { text: (a > 0 ? '…' : '') + piece.replace(/\s+/g, ' ') + (b < text.length ? '…' : ''), start: w.start, end: w.end };
  }
  return null;
}
