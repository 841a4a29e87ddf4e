// Bytes to text. `decodeBytes(bytes, origin)` decides how a file (or stdin, or a record) was
// encoded and returns the decoded text, which from then on is the article text that every
// offset points into. Nothing is rewritten except a leading byte order mark.
//
// The recipe, cheapest test first:
//   1. no bytes                                   → E_INPUT_EMPTY
//   2. a known magic number (PNG, PDF, ZIP, …)    → E_INPUT_BINARY
//   3. a byte order mark                          → UTF-8 / UTF-16LE / UTF-16BE, BOM stripped
//   4. NUL bytes: BOM-less UTF-16 if it reads as text, else → E_INPUT_BINARY
//   5. valid UTF-8                                → UTF-8
//   6. invalid UTF-8: a few bad bytes in UTF-8 Arabic (a truncated or damaged file) stay UTF-8
//      with U+FFFD where the bytes were bad; otherwise windows-1256, if it reads as Arabic
//   7. the decoded text: too many control characters → E_INPUT_BINARY; only whitespace → E_INPUT_EMPTY
import { createError } from '../errors.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256';

export interface Decoded {
  /** The decoded text, leading BOM removed; otherwise exactly what the bytes say. */
  text: string;
  encoding: Encoding;
}

// Decoders are reused: a one-shot decode() call keeps no state between calls.
const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_LOSSY = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });
const UTF16BE = new TextDecoder('utf-16be', { ignoreBOM: true });
const CP1256 = new TextDecoder('windows-1256');

/** File signatures of formats that are certainly not article text. */
const MAGIC: ReadonlyArray<{ bytes: ReadonlyArray<number | null>; name: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], name: 'a WebP image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (or a .docx/.xlsx/.epub)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], name: 'an empty ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'an old Microsoft Office document' },
  { bytes: [0x1f, 0x8b], name: 'gzip-compressed data (name JSON Lines .jsonl.gz)' },
  { bytes: [0x42, 0x5a, 0x68], name: 'bzip2-compressed data' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz-compressed data' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd-compressed data' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], name: 'a RAR archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'an ELF executable' },
  { bytes: [0x4d, 0x5a, 0x90, 0x00], name: 'a Windows executable' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], name: 'a WebAssembly module' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x00], name: 'an SQLite database' },
  { bytes: [0x49, 0x44, 0x33], name: 'an MP3 file' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], name: 'an Ogg media file' },
  { bytes: [null, null, null, null, 0x66, 0x74, 0x79, 0x70], name: 'an MP4/QuickTime media file' },
];

/** What a file looks like by its first bytes, or null when no known signature matches. */
export function sniffMagic(bytes: Uint8Array): string | null {
  for (const m of MAGIC) {
    if (bytes.length < m.bytes.length) continue;
    let ok = true;
    for (let i = 0; i < m.bytes.length; i++) {
      const b = m.bytes[i];
      if (b !== null && bytes[i] !== b) {
        ok = false;
        break;
      }
    }
    if (ok) return m.name;
  }
  return null;
}

/** Decode the bytes of one file (or stream, or record); `origin` names it in errors. */
export function decodeBytes(bytes: Uint8Array, origin: string): Decoded {
  // 1. nothing at all
  if (bytes.length === 0) throw createError('E_INPUT_EMPTY', origin);

  // 2. known binary formats
  const magic = sniffMagic(bytes);
  if (magic) throw createError('E_INPUT_BINARY', origin, `it is ${magic}`);

  // 3. byte order marks
  const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2];
  let decoded: Decoded;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    decoded = { text: decodeUtf8(bytes.subarray(3), origin), encoding: 'utf-8' };
  } else if (b0 === 0xff && b1 === 0xfe) {
    if (bytes.length >= 4 && bytes[2] === 0 && bytes[3] === 0) {
      throw createError('E_INPUT_DECODE', origin, 'UTF-32 is not supported; save it as UTF-8');
    }
    decoded = { text: UTF16LE.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (b0 === 0xfe && b1 === 0xff) {
    decoded = { text: UTF16BE.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else if (bytes.indexOf(0) >= 0) {
    // 4. NUL bytes never occur in UTF-8 or windows-1256 text: BOM-less UTF-16, or binary
    const utf16 = guessUtf16(bytes);
    if (!utf16) throw createError('E_INPUT_BINARY', origin, 'it contains NUL bytes');
    decoded = utf16;
  } else {
    // 5./6. UTF-8, else windows-1256
    decoded = decodeUtf8OrLegacy(bytes, origin);
  }

  // 7. what the text looks like
  const text = decoded.text;
  const controls = countControls(text);
  if (controls >= 4 && controls > text.length * 0.01) {
    throw createError('E_INPUT_BINARY', origin, `${controls} control characters in ${text.length}`);
  }
  if (!hasText(text)) throw createError('E_INPUT_EMPTY', origin);
  return decoded;
}

/** Anything besides whitespace and invisible marks (LRM/RLM, ALM, ZWJ/ZWNJ, bidi controls, BOM)? */
export function hasText(s: string): boolean {
  return /[^\s\u200b-\u200f\u061c\u2060\u202a-\u202e\u2066-\u2069\ufeff]/.test(s);
}

/** UTF-8 after a BOM: the BOM says UTF-8, so bad bytes become U+FFFD rather than a guess. */
function decodeUtf8(bytes: Uint8Array, _origin: string): string {
  try {
    return UTF8_FATAL.decode(bytes);
  } catch {
    return UTF8_LOSSY.decode(bytes);
  }
}

function decodeUtf8OrLegacy(bytes: Uint8Array, origin: string): Decoded {
  try {
    return { text: UTF8_FATAL.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not valid UTF-8: judge the two readings below
  }
  // A UTF-8 file with a few damaged bytes: nearly all its non-ASCII characters decode.
  const lossy = UTF8_LOSSY.decode(bytes);
  let bad = 0;
  let nonAscii = 0;
  for (let i = 0; i < lossy.length; i++) {
    const c = lossy.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) bad++;
  }
  if (bad <= 2 + (nonAscii - bad) * 0.02 && nonAscii - bad >= bad * 4) {
    return { text: lossy, encoding: 'utf-8' };
  }
  // windows-1256 maps almost every byte to something. In Arabic text its Arabic letters stand in
  // words of their own; Latin-1 or another legacy encoding read as windows-1256 puts them inside
  // Latin words ("Größe" becomes "Gr" + kasra + "ك" + "e"). French accented letters sit at the same bytes
  // in both and read right.
  const text = CP1256.decode(bytes);
  let arabic = 0;
  let inLatinWords = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0621 || c > 0x06d3) continue;
    arabic++;
    if (isAsciiLetter(text.charCodeAt(i - 1)) || isAsciiLetter(text.charCodeAt(i + 1))) inLatinWords++;
  }
  if (arabic >= 4 && inLatinWords > arabic * 0.3) {
    throw createError(
      'E_INPUT_DECODE',
      origin,
      `not UTF-8, and read as windows-1256 ${inLatinWords} of its ${arabic} Arabic letters sit inside Latin words (Latin-1 or another legacy encoding?)`,
    );
  }
  return { text, encoding: 'windows-1256' };
}

/**
 * BOM-less UTF-16: text in UTF-16 puts NUL bytes in the high half of every ASCII character,
 * so NULs sit on one parity only. Decode that way and keep it when it reads as text.
 */
function guessUtf16(bytes: Uint8Array): Decoded | null {
  if (bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, 8192);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const le = oddNul > 0 && evenNul === 0;
  const be = evenNul > 0 && oddNul === 0;
  if (!le && !be) return null;
  const text = (le ? UTF16LE : UTF16BE).decode(bytes);
  let plausible = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      (c >= 0xa0 && c < 0x250) ||
      (c >= 0x0600 && c < 0x0700) ||
      (c >= 0x2000 && c < 0x2070) ||
      (c >= 0xfb50 && c < 0xff00)
    ) {
      plausible++;
    }
  }
  if (plausible < text.length * 0.95) return null;
  return { text, encoding: le ? 'utf-16le' : 'utf-16be' };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL; C1 controls. */
function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c < 0x09 || c > 0x0d) n++;
    } else if (c >= 0x7f && c < 0xa0) {
      n++;
    }
  }
  return n;
}
