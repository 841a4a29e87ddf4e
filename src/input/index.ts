// The readers: how bytes become ArticleInput. `readArticles(target)` takes a file, a folder or
// "-" (stdin) and yields one result per article, or per input that could not be read — a binary
// file, a broken JSONL line — so that the rest still goes through and the caller can say in its
// exit code that something failed.
import { promises as fs } from 'node:fs';
import { hasText } from '../text/decode.js';
import { createError, isMarsadError } from '../errors.js';
import type { ArticleInput } from '../pipeline/doc.js';
import { decodeBytes } from '../text/decode.js';
import { extractHtml } from '../text/html.js';
import { contentId } from '../text/index.js';
import { parseDateline } from '../pipeline/dateline.js';
import { lineResult, readJsonlFile, readJsonlStream } from './jsonl.js';
import { fileId, fileStem, recordDate, recordToArticle } from './records.js';
import type { ReadOptions, ReadResult } from './types.js';
import { inputKind, readError, walkFolder } from './walk.js';

export type { ReadOptions, ReadResult } from './types.js';
export { inputKind, type InputKind } from './walk.js';
export { fileId, fileStem, recordToArticle } from './records.js';

export const STDIN_ORIGIN = '<stdin>';

/**
 * Every article in `target`: a .txt/.html/.htm/.json/.jsonl/.jsonl.gz file, a folder of them
 * (recursive, sorted, hidden files skipped), or "-" for stdin. A missing target or a bad option
 * throws; everything else that goes wrong is a `{ ok: false }` result.
 */
export async function* readArticles(target: string, opts: ReadOptions = {}): AsyncGenerator<ReadResult> {
  // 1. options first: a bad --published fails before anything is read
  let published: string | null = null;
  if (opts.published !== undefined) {
    try {
      // a day (or an ISO timestamp's day), or a window when only the period is known
      published = opts.published.includes('/') ? (parseDateline(opts.published), opts.published.trim()) : recordDate(opts.published, '--published');
    } catch {
      throw createError('E_BAD_DATE', opts.published);
    }
  }
  // 2. the articles, then the overrides
  const results = target === '-' ? readStdin(opts) : readTarget(target);
  yield* withOverrides(results, published, opts.id, target);
}

async function* readTarget(target: string): AsyncGenerator<ReadResult> {
  let stat: import('node:fs').Stats;
  try {
    stat = await fs.stat(target);
  } catch (e) {
    throw readError(target, e);
  }
  if (!stat.isDirectory()) {
    yield* readFile(target);
    return;
  }
  for await (const entry of walkFolder(target)) {
    if ('error' in entry) yield { ok: false, origin: entry.path, error: entry.error };
    else yield* readFile(entry.path, fileId(entry.path, target));
  }
}

/** One file, by its extension; `id` names a text or HTML file (and a one-record .json without one). */
export async function* readFile(file: string, id = fileStem(file)): AsyncGenerator<ReadResult> {
  const kind = inputKind(file);
  if (kind === null) {
    yield { ok: false, origin: file, error: createError('E_INPUT_UNSUPPORTED', file) };
    return;
  }
  if (kind === 'jsonl' || kind === 'jsonl.gz') {
    yield* readJsonlFile(file, kind === 'jsonl.gz');
    return;
  }
  let results: ReadResult[];
  try {
    const bytes = await fs.readFile(file);
    const { text } = decodeBytes(bytes, file);
    if (kind === 'txt') results = [{ ok: true, article: { id, text, origin: file } }];
    else if (kind === 'html') results = [{ ok: true, article: htmlArticle(text, file, id) }];
    else results = jsonResults(text, file, id);
  } catch (e) {
    results = [failure(file, e)];
  }
  yield* results;
}

/** An HTML page → its main text and metadata. */
function htmlArticle(html: string, origin: string, id?: string): ArticleInput {
  const page = extractHtml(html, origin);
  if (!hasText(page.text)) throw createError('E_INPUT_NO_TEXT', origin);
  return {
    id: id ?? contentId(page.text),
    text: page.text,
    title: page.title,
    url: page.url,
    source: page.source,
    published: page.published,
    origin,
  };
}

/** A .json file: one record (id defaults to the file's stem) or an array of records (`file.json[i]`). */
function jsonResults(text: string, file: string, fallbackId?: string): ReadResult[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw createError('E_INPUT_FORMAT', file, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(value)) return [{ ok: true, article: recordToArticle(value, file, fallbackId) }];
  if (value.length === 0) throw createError('E_INPUT_FORMAT', file, 'an empty JSON array: no articles');
  return value.map((item, i) => {
    const origin = `${file}[${i}]`;
    try {
      return { ok: true, article: recordToArticle(item, origin) } as const;
    } catch (e) {
      return failure(origin, e);
    }
  });
}

/** stdin: JSON Lines are streamed; text, HTML and a JSON array are read whole. */
async function* readStdin(opts: ReadOptions): AsyncGenerator<ReadResult> {
  const input: AsyncIterable<Uint8Array> = opts.stdin ?? process.stdin;
  const it = input[Symbol.asyncIterator]();
  // 1. read until the first byte that is not whitespace or a UTF-8 BOM, to sniff the format
  const head: Uint8Array[] = [];
  let first = -1;
  let done = false;
  let seen = 0;
  while (first < 0) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = next.value;
    head.push(chunk);
    for (let i = 0; i < chunk.length && first < 0; i++, seen++) {
      const b = chunk[i];
      const bom = seen < 3 && (b === 0xef || b === 0xbb || b === 0xbf);
      if (!bom && b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) first = b;
    }
  }
  const utf16 = head.length > 0 && head[0].length >= 2 && ((head[0][0] === 0xff && head[0][1] === 0xfe) || (head[0][0] === 0xfe && head[0][1] === 0xff));
  const format = opts.stdinFormat ?? (utf16 ? null : sniffByte(first));

  // 2. JSON Lines: stream what was read, then the rest
  if (format === 'jsonl') {
    yield* readJsonlStream(replay(head, it, done), STDIN_ORIGIN);
    return;
  }
  // 3. text or HTML (or UTF-16, sniffed after decoding): read it all
  const chunks = [...head];
  if (!done) for (let n = await it.next(); !n.done; n = await it.next()) chunks.push(n.value);
  try {
    const { text } = decodeBytes(Buffer.concat(chunks), STDIN_ORIGIN);
    const kind = format ?? sniffText(text);
    if (kind === 'json') {
      yield* jsonResults(text, STDIN_ORIGIN);
    } else if (kind === 'jsonl') {
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const r = lineResult(lines[i].replace(/\r$/, ''), `${STDIN_ORIGIN}:${i + 1}`);
        if (r) yield r;
      }
    } else if (kind === 'html') {
      yield { ok: true, article: htmlArticle(text, STDIN_ORIGIN) };
    } else {
      yield { ok: true, article: { id: contentId(text), text, origin: STDIN_ORIGIN } };
    }
  } catch (e) {
    yield failure(STDIN_ORIGIN, e);
  }
}

/** stdin's format by its first non-blank character: "{" JSON Lines, "[" a JSON array, "<" HTML, else text. */
function sniffByte(c: number): 'jsonl' | 'json' | 'html' | 'txt' {
  return c === 0x7b ? 'jsonl' : c === 0x5b ? 'json' : c === 0x3c ? 'html' : 'txt';
}

function sniffText(text: string): 'jsonl' | 'json' | 'html' | 'txt' {
  return sniffByte(/\S/.exec(text)?.[0].charCodeAt(0) ?? -1);
}

async function* replay(head: Uint8Array[], it: AsyncIterator<Uint8Array>, done: boolean): AsyncGenerator<Uint8Array> {
  yield* head;
  if (!done) for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
}

/**
 * --published applies to every article; --id only when the target holds exactly one article,
 * so the results are held back until a second article shows up (then --id is an error) or the
 * input ends.
 */
async function* withOverrides(
  results: AsyncIterable<ReadResult>,
  published: string | null,
  id: string | undefined,
  target: string,
): AsyncGenerator<ReadResult> {
  const held: ReadResult[] = [];
  let articles = 0;
  for await (const r of results) {
    if (r.ok && published) r.article.published = published;
    if (id === undefined) {
      yield r;
      continue;
    }
    if (r.ok && ++articles > 1) {
      throw createError('E_BAD_OPTION', 'id', `gives one article an id, but ${target} holds more than one`);
    }
    held.push(r);
  }
  for (const r of held) {
    if (r.ok && id !== undefined) r.article.id = id;
    yield r;
  }
}

function failure(origin: string, e: unknown): ReadResult {
  if (isMarsadError(e)) return { ok: false, origin, error: e };
  return { ok: false, origin, error: readError(origin, e) };
}
