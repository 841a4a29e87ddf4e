import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteLines, readJsonlFile } from './jsonl.js';

async function lines(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const l of byteLines(Readable.from(chunks.map((c) => Buffer.from(c))))) out.push(`${l.line}:${Buffer.from(l.bytes).toString()}`);
  return out;
}

describe('byteLines', () => {
  it.each([
    [['أ\nب\n'], ['1:أ', '2:ب']],
    [['أ\r\nب'], ['1:أ', '2:ب']],
    [['أ', 'ب\n', 'ج'], ['1:أب', '2:ج']],
    [['\n\n'], ['1:', '2:']],
    [[], []],
  ])('%j → %j', async (chunks, expected) => {
    expect(await lines(chunks)).toEqual(expected);
  });

  it('splits a UTF-8 letter cut across chunks correctly', async () => {
    const b = Buffer.from('العراق\nبغداد');
    const out: string[] = [];
    for await (const l of byteLines(Readable.from([b.subarray(0, 3), b.subarray(3, 14), b.subarray(14)]))) out.push(Buffer.from(l.bytes).toString());
    expect(out).toEqual(['العراق', 'بغداد']);
  });
});

describe('readJsonlFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marsad-jsonl-'));

  it('reports a truncated .jsonl.gz after the lines it could read', async () => {
    const rec = (i: number) => JSON.stringify({ id: `r${i}`, text: `خبر رقم ${i} عن العراق والناتو` });
    const gz = gzipSync(Buffer.from(Array.from({ length: 2000 }, (_, i) => rec(i)).join('\n')));
    const file = path.join(dir, 'cut.jsonl.gz');
    writeFileSync(file, gz.subarray(0, gz.length - 40));
    const rs = [];
    for await (const r of readJsonlFile(file, true)) rs.push(r);
    const last = rs[rs.length - 1];
    expect(rs.length).toBeGreaterThan(1000);
    expect(rs.slice(0, -1).every((r) => r.ok)).toBe(true);
    expect(!last.ok && last.error.code).toBe('E_INPUT_FORMAT');
    expect(!last.ok && last.error.message).toContain('gzip');
  });

  it('reports a line that is not UTF-8', async () => {
    const file = path.join(dir, 'latin.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc7, 0xe1, 0xda]), Buffer.from('"}\n{"text":"نص"}\n')]));
    const rs = [];
    for await (const r of readJsonlFile(file, false)) rs.push(r);
    expect(rs.map((r) => (r.ok ? 'ok' : `${r.origin.split('/').pop()} ${r.error.code}`))).toEqual(['latin.jsonl:1 E_INPUT_DECODE', 'ok']);
  });

  it('streams a large .jsonl.gz without holding it (early stop closes the file)', async () => {
    const rec = JSON.stringify({ text: 'وأكد السوداني على أهمية استمرار التواصل لبناء علاقات التعاون مع حلف الناتو'.repeat(5) });
    const gz = gzipSync(Buffer.from(Array.from({ length: 20000 }, () => rec).join('\n')));
    const file = path.join(dir, 'big.jsonl.gz');
    writeFileSync(file, gz);
    let n = 0;
    for await (const r of readJsonlFile(file, true)) {
      expect(r.ok).toBe(true);
      if (++n === 10) break;
    }
    expect(n).toBe(10);
  });
});
