import type { MarsadError } from '../errors.js';
import type { ArticleInput } from '../pipeline/doc.js';

/** One article read, or why one input (a file, a JSONL line) could not be. */
export type ReadResult = { ok: true; article: ArticleInput } | { ok: false; origin: string; error: MarsadError };

export interface ReadOptions {
  /** Dateline for every article read (YYYY-MM-DD or an ISO timestamp); overrides the input's. */
  published?: string;
  /** Id for the article; only when the target holds exactly one article. */
  id?: string;
  /** How to read stdin; by default sniffed: "{" → jsonl, "<" → html, else text. */
  stdinFormat?: 'txt' | 'html' | 'jsonl';
  /** Where stdin comes from (tests); defaults to process.stdin. */
  stdin?: AsyncIterable<Uint8Array>;
}
