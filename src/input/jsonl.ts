// JSON Lines, streamed: bytes are split at "\n" as they arrive (a 1 GB .jsonl.gz never sits in
// memory), each line is decoded and parsed on its own, and a bad line becomes an error result
// naming `file.jsonl:LINE` while the lines after it still go through.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createError, isMarsadError } from '../errors.js';
import { recordToArticle } from './records.js';
import type { ReadResult } from './types.js';
import { readError } from './walk.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LF = 0x0a;

/** The lines of a byte stream, "\n" or "\r\n" ended, numbered from 1 (the last may lack "\n"). */
export async function* byteLines(source: AsyncIterable<Uint8Array>): AsyncGenerator<{ bytes: Uint8Array; line: number }> {
  let pending: Uint8Array[] = [];
  let line = 0;
  const take = (last: Uint8Array): Uint8Array => {
    const bytes = pending.length ? Buffer.concat([...pending, last]) : last;
    pending = [];
    const n = bytes.length;
    return n && bytes[n - 1] === 0x0d ? bytes.subarray(0, n - 1) : bytes;
  };
  for await (const chunk of source) {
    let from = 0;
    for (let nl = chunk.indexOf(LF, from); nl >= 0; nl = chunk.indexOf(LF, from)) {
      yield { bytes: take(chunk.subarray(from, nl)), line: ++line };
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
  }
  if (pending.length) yield { bytes: take(new Uint8Array(0)), line: ++line };
}

/** One JSONL line → a result, or null for a blank line. */
export function lineResult(text: string, origin: string): ReadResult | null {
  if (!/\S/.test(text)) return null;
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw createError('E_INPUT_FORMAT', origin, `not valid JSON (${shorten((e as Error).message)})`);
    }
    return { ok: true, article: recordToArticle(value, origin) };
  } catch (e) {
    if (isMarsadError(e)) return { ok: false, origin, error: e };
    throw e;
  }
}

/** The records of a JSON Lines byte stream; `name` is the file (or "<stdin>") errors cite. */
export async function* readJsonlStream(source: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<ReadResult> {
  try {
    for await (const { bytes, line } of byteLines(source)) {
      const origin = `${name}:${line}`;
      let b = bytes;
      if (line === 1 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      let text: string;
      try {
        text = UTF8.decode(b);
      } catch {
        yield { ok: false, origin, error: createError('E_INPUT_DECODE', origin, 'the line is not valid UTF-8, which JSON Lines must be') };
        continue;
      }
      const r = lineResult(text, origin);
      if (r) yield r;
    }
  } catch (e) {
    // the stream itself broke: a corrupt or truncated gzip, a read error
    const code = (e as NodeJS.ErrnoException)?.code ?? '';
    const error = code.startsWith('Z_')
      ? createError('E_INPUT_FORMAT', name, `corrupt or truncated gzip data (${(e as Error).message})`)
      : readError(name, e);
    yield { ok: false, origin: name, error };
  }
}

/** A .jsonl or .jsonl.gz file, streamed. */
export function readJsonlFile(file: string, gzipped: boolean): AsyncGenerator<ReadResult> {
  const raw = createReadStream(file);
  if (!gzipped) return readJsonlStream(raw, file);
  const gunzip = createGunzip();
  // pipeline() passes a read error on to gunzip and closes the file when reading stops early
  pipeline(raw, gunzip, () => {});
  return readJsonlStream(gunzip, file);
}

function shorten(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}
