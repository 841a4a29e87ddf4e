import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_001, SEED_002 } from '../../test/fixtures/input/texts.js';
import { isMarsadError } from '../errors.js';
import { decodeBytes, sniffMagic } from './decode.js';

const FIX = 'test/fixtures/input';
const file = (name: string) => readFileSync(`${FIX}/${name}`);

/** The error decodeBytes throws, or null. */
function failure(bytes: Uint8Array, origin = 'x.txt') {
  try {
    decodeBytes(bytes, origin);
    return null;
  } catch (e) {
    if (!isMarsadError(e)) throw e;
    return e;
  }
}

/** A byte table for windows-1256 (the inverse of the WHATWG decoder). */
function cp1256(text: string): Uint8Array {
  const dec = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Uint8Array.from([...text], (ch) => table.get(ch)!);
}

describe('decodeBytes: encodings', () => {
  it.each([
    ['utf8.txt', SEED_001, 'utf-8'],
    ['utf8-bom.txt', SEED_001, 'utf-8'],
    ['cp1256.txt', SEED_002, 'windows-1256'],
    ['utf16le-bom.txt', SEED_000, 'utf-16le'],
    ['utf16be-bom.txt', SEED_000, 'utf-16be'],
  ])('%s decodes to the seed text (%#)', (name, text, encoding) => {
    const d = decodeBytes(file(name), name);
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });

  it('strips the BOM and nothing else: offsets point into the text after it', () => {
    const d = decodeBytes(file('utf8-bom.txt'), 'utf8-bom.txt');
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(d.text.startsWith('ليث الجنيدي/ الأناضول')).toBe(true);
  });

  it('keeps CRLF as it is', () => {
    const d = decodeBytes(Buffer.from('سطر أول\r\nسطر ثان\r\n'), 'crlf.txt');
    expect(d.text).toBe('سطر أول\r\nسطر ثان\r\n');
  });

  it.each([
    ['بحث العراق وحلف شمال الأطلسي توسيع التعاون الثنائي بين الجانبين'],
    ['قال حسين علاوي، مستشار رئيس الوزراء العراقي، إن جدولا زمنيا جرى وضعه (2024).'],
    ['وأكد السوداني «أهمية استمرار التواصل» مع حلف الناتو؛ هل يتغير الموقف؟'],
  ])('windows-1256 round-trips %s', (text) => {
    const d = decodeBytes(cp1256(text), 'legacy.txt');
    expect(d).toEqual({ text, encoding: 'windows-1256' });
  });

  it('keeps damaged UTF-8 Arabic as UTF-8 (a stray byte) rather than windows-1256 mojibake', () => {
    const good = Buffer.from(SEED_001, 'utf8');
    const bytes = Buffer.concat([good.subarray(0, 100), Buffer.from([0xff]), good.subarray(100)]);
    const d = decodeBytes(bytes, 'damaged.txt');
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('الأناضول');
    expect(d.text).toContain('\ufffd');
  });

  it('keeps a UTF-8 file cut in the middle of a letter as UTF-8', () => {
    const good = Buffer.from(SEED_000, 'utf8');
    const d = decodeBytes(good.subarray(0, good.length - 1), 'cut.txt');
    expect(d.encoding).toBe('utf-8');
    expect(d.text.startsWith('وتعتقد لجنة الأمن')).toBe(true);
  });

  it('reads BOM-less UTF-16 Arabic', () => {
    const le = file('utf16le-bom.txt').subarray(2);
    expect(decodeBytes(le, 'nobom.txt')).toEqual({ text: SEED_000, encoding: 'utf-16le' });
  });

  it('reads pure ASCII as UTF-8', () => {
    expect(decodeBytes(Buffer.from('NATO summit, 2024.\n'), 'a.txt').encoding).toBe('utf-8');
  });
});

describe('decodeBytes: refusals', () => {
  it('refuses a PNG, naming the file', () => {
    const e = failure(file('image.png'), 'test/fixtures/input/image.png');
    expect(e?.code).toBe('E_INPUT_BINARY');
    expect(e?.message).toContain('test/fixtures/input/image.png');
    expect(e?.message).toContain('PNG');
  });

  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00])],
    ['ELF', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01])],
  ])('refuses %s by its magic number', (name, bytes) => {
    const e = failure(bytes, 'file.txt');
    expect(e?.code).toBe('E_INPUT_BINARY');
    expect(e?.message).toMatch(new RegExp(name, 'i'));
  });

  it('refuses bytes with NULs that are not UTF-16', () => {
    const bytes = Buffer.from([0x41, 0x00, 0x00, 0x42, 0x01, 0x02, 0x03, 0x00, 0x99]);
    expect(failure(bytes)?.code).toBe('E_INPUT_BINARY');
  });

  it('refuses random bytes', () => {
    let seed = 7;
    const bytes = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expect(['E_INPUT_BINARY', 'E_INPUT_DECODE']).toContain(failure(bytes)?.code);
  });

  it('refuses text full of control characters', () => {
    const bytes = Buffer.from('نص\x01\x02\x03\x04\x05\x06 عربي\x07\x08\x0e\x0f', 'utf8');
    expect(failure(bytes)?.code).toBe('E_INPUT_BINARY');
  });

  it('refuses Latin-1 text that windows-1256 would turn into junk', () => {
    const latin1 = Buffer.from('Die Größe der Ausländer über äußerst schöne Übungen für Mädchen, Jäger und Bäcker.', 'latin1');
    const e = failure(latin1, 'latin1.txt');
    expect(e?.code).toBe('E_INPUT_DECODE');
    expect(e?.message).toContain('latin1.txt');
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['whitespace', Buffer.from(' \n\t\r\n ')],
    ['a BOM alone', Buffer.from([0xef, 0xbb, 0xbf])],
    ['a UTF-16 BOM and spaces', Buffer.from([0xff, 0xfe, 0x20, 0x00, 0x0a, 0x00])],
  ])('refuses %s as E_INPUT_EMPTY', (_, bytes) => {
    const e = failure(bytes, 'empty.txt');
    expect(e?.code).toBe('E_INPUT_EMPTY');
    expect(e?.message).toContain('empty.txt');
  });

  it('sniffMagic names nothing for Arabic text', () => {
    expect(sniffMagic(Buffer.from(SEED_001))).toBeNull();
  });
});

describe('decodeBytes: windows-1256 judged', () => {
  it('keeps French Latin-1 text, which windows-1256 reads right', () => {
    const d = decodeBytes(Buffer.from('Le président a déclaré à la télévision, très ému.', 'latin1'), 'fr.txt');
    expect(d.text).toBe('Le président a déclaré à la télévision, très ému.');
  });
  it('reads Arabic with French words in windows-1256', () => {
    const text = 'قال الرئيس في حوار مع قناة France 24 إن الاتفاق "très important" للبلدين.';
    expect(decodeBytes(cp1256(text), 'mixed.txt').text).toBe(text);
  });
});
