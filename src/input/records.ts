// One JSON record → one ArticleInput. Records look like
// {id, text | html, title?, url?, source?, published?}; anything else is a MarsadError naming
// where the record came from (`file.jsonl:12`, `file.json[3]`).
import path from 'node:path';
import { hasText } from '../text/decode.js';
import { createError } from '../errors.js';
import type { ArticleInput } from '../pipeline/doc.js';
import { extractHtml, isoDatePart } from '../text/html.js';
import { contentId } from '../text/index.js';

/** "corpus/001_c409ea6c0fbed91a.txt" → "001_c409ea6c0fbed91a"; "x.jsonl.gz" → "x". */
export function fileStem(file: string): string {
  const base = path.basename(file);
  const m = /^(.+?)(\.jsonl\.gz|\.[^.]+)$/i.exec(base);
  return m ? m[1] : base;
}

/**
 * The id of an article file without one of its own: its stem, or, for a file found in a subfolder
 * of a folder being read, its path from that folder without the extension («2024/a/index»), so
 * that two files of one name in different subfolders stay two articles.
 */
export function fileId(file: string, root?: string): string {
  const stem = fileStem(file);
  if (root === undefined) return stem;
  const dir = path.relative(root, path.dirname(file));
  return dir && !dir.startsWith('..') ? `${dir.split(path.sep).join('/')}/${stem}` : stem;
}

/** A date as a record or an option gives it: YYYY-MM-DD or an ISO timestamp (its date part). */
export function recordDate(value: unknown, origin: string, field = 'published'): string | null {
  if (value === undefined || value === null || value === '') return null;
  const iso = typeof value === 'string' ? isoDatePart(value) : null;
  if (!iso) {
    throw createError(
      'E_INPUT_FORMAT',
      origin,
      `"${field}": not a date: ${JSON.stringify(value)} (expected YYYY-MM-DD or an ISO timestamp)`,
    );
  }
  return iso;
}

function optionalString(rec: Record<string, unknown>, field: string, origin: string): string | null {
  const v = rec[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw createError('E_INPUT_FORMAT', origin, `"${field}" must be a string, found ${kindOf(v)}`);
  const t = v.trim();
  return t ? t : null;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * The article a parsed JSON value describes. `fallbackId` names a record without an id (the
 * file's stem for a one-record .json); without one the id is a hash of the text.
 */
export function recordToArticle(value: unknown, origin: string, fallbackId?: string): ArticleInput {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw createError('E_INPUT_FORMAT', origin, `expected a JSON object with "text" or "html", found ${kindOf(value)}`);
  }
  const rec = value as Record<string, unknown>;

  // 1. the text: "text" as given, else the main text of "html"
  const rawText = optionalRawString(rec, 'text', origin);
  const rawHtml = optionalRawString(rec, 'html', origin);
  if (rawText === null && rawHtml === null) {
    throw createError('E_INPUT_FORMAT', origin, 'the record has neither "text" nor "html"');
  }
  let text = rawText ?? '';
  let fromHtml: ReturnType<typeof extractHtml> | null = null;
  if (!hasText(text) && rawHtml !== null) {
    fromHtml = extractHtml(rawHtml, origin);
    text = fromHtml.text;
  }
  if (!hasText(text)) throw createError('E_INPUT_NO_TEXT', origin);

  // 2. the id: given (string or number), else the fallback, else a hash of the text
  let id: string;
  const rawId = rec.id;
  if (typeof rawId === 'string' && rawId.trim()) id = rawId.trim();
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  else if (rawId === undefined || rawId === null || rawId === '') id = fallbackId ?? contentId(text);
  else throw createError('E_INPUT_FORMAT', origin, `"id" must be a string or a number, found ${kindOf(rawId)}`);

  // 3. metadata: the record's own, else what the HTML said
  return {
    id,
    text,
    title: optionalString(rec, 'title', origin) ?? fromHtml?.title ?? null,
    url: optionalString(rec, 'url', origin) ?? fromHtml?.url ?? null,
    source: optionalString(rec, 'source', origin) ?? fromHtml?.source ?? null,
    published: recordDate(rec.published, origin) ?? fromHtml?.published ?? null,
    origin,
  };
}

function optionalRawString(rec: Record<string, unknown>, field: string, origin: string): string | null {
  const v = rec[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw createError('E_INPUT_FORMAT', origin, `"${field}" must be a string, found ${kindOf(v)}`);
  return v;
}
