// The text layer's word lists, loaded once from data/text (see data/text/README.md).
import { dataPath, readDataLines } from '../data.js';
import { normalizeString } from './normalize.js';

export interface TextLexicon {
  /** Corpus frequency of a normalised word form (0 when unseen). */
  freq(w: string): number;
  /** Words whose first letters look like proclitics but are part of the word. */
  noSplit: Set<string>;
  /** Words that start with «ال» that is not the article («التي», «الف»). */
  notArticle: Set<string>;
  /** Two-letter words a proclitic may stand before («بما», «لها»). */
  shortRest: Set<string>;
}

let cached: TextLexicon | null = null;

export function lexicon(): TextLexicon {
  if (cached) return cached;
  const counts = new Map<string, number>();
  for (const { text } of readDataLines(dataPath('text', 'wordfreq.tsv'))) {
    const tab = text.indexOf('\t');
    counts.set(text.slice(0, tab), Number(text.slice(tab + 1)));
  }
  const set = (file: string) =>
    new Set(readDataLines(dataPath('text', file)).map((l) => normalizeString(l.text.trim())));
  cached = {
    freq: (w) => counts.get(w) ?? 0,
    noSplit: set('no-split.txt'),
    notArticle: set('not-article.txt'),
    shortRest: set('short-rest.txt'),
  };
  return cached;
}
