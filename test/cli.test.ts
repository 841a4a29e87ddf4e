// The `marsad` CLI end to end, in-process (run(argv) with captured streams).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { expectValid, marsad, SAMPLES, sampleText } from './helpers.js';


/** windows-1256 bytes for a string, by inverting the decoder's table. */
function encode1256(s: string): Buffer {
  const dec = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Buffer.from([...s].map((ch) => {
    const b = table.get(ch);
    if (b == null) throw new Error(`no windows-1256 byte for ${ch}`);
    return b;
  }));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-cli-'));
const SEED = path.join(SAMPLES, '001_c409ea6c0fbed91a.txt');
const SENTENCE = 'وللولايات المتحدة حاليا نحو 2500 جندي في العراق.';

describe('marsad analyze', () => {
  it('prints a valid analysis of a seed with its sentences and the byline’s outlet', async () => {
    const r = await marsad('analyze', SEED);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expectValid(a, sampleText('001_c409ea6c0fbed91a.txt'));
    expect(a.schema).toBe('marsad.analysis/1');
    expect(a.id).toBe('001_c409ea6c0fbed91a');
    expect(a.source).toBe('Anadolu');
    expect(a.sentences.length).toBeGreaterThan(15);
  });

  it('takes --published and --id', async () => {
    const r = await marsad('analyze', SEED, '--published', '2025-02-05', '--id', 'rutte-visit');
    const a = JSON.parse(r.out);
    expect(a.id).toBe('rutte-visit');
    expect(a.published).toMatchObject({ date: '2025-02-05', basis: 'given' });
  });

  it('--published takes a window when only the period is known (README), and refuses a day that does not exist', async () => {
    const r = await marsad('analyze', SEED, '--published', '2025-09-01/2025-09-30');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).published).toMatchObject({ date: null, earliest: '2025-09-01', latest: '2025-09-30', basis: 'given' });
    for (const bad of ['2025-02-30', '2025-09-30/2025-09-01']) {
      const b = await marsad('analyze', SEED, '--published', bad);
      expect(b.code).toBe(2);
      expect(b.err).toMatch(/not a date/);
    }
  });

  it('refuses a bad date with a usage error', async () => {
    const r = await marsad('analyze', SEED, '--published', '5/2/2025');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a date/);
  });

  it('reads a folder as JSON Lines, one valid analysis per article', async () => {
    const r = await marsad('analyze', SAMPLES, '--format', 'jsonl');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((a) => a.id).sort()).toEqual(fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => f.replace('.txt', '')).sort());
    for (const a of lines) expectValid(a, sampleText(`${a.id}.txt`));
  });

  it('decodes windows-1256 bytes', async () => {
    const file = path.join(tmp, 'legacy.txt');
    fs.writeFileSync(file, encode1256(SENTENCE));
    const r = await marsad('analyze', file);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expectValid(a, SENTENCE);
    const s = a.sentences[0];
    expect(SENTENCE.slice(s.start, s.end)).toBe(SENTENCE);
  });

  it('reads JSON Lines (gzip too) and reports a broken line by file and line, going on with the rest', async () => {
    const file = path.join(tmp, 'batch.jsonl.gz');
    const lines = [
      JSON.stringify({ id: 'a1', text: SENTENCE, published: '2025-02-05' }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'a3', text: 'وقال السوداني إن العراق ماض في الإصلاح.' }),
    ];
    fs.writeFileSync(file, zlib.gzipSync(lines.join('\n') + '\n'));
    const r = await marsad('analyze', file, '--format', 'jsonl');
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a1', 'a3']);
    expect(r.err).toContain('batch.jsonl.gz:2');
  });

  it('refuses a binary file by name and still analyses the rest of the folder', async () => {
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.txt'), SENTENCE);
    fs.writeFileSync(path.join(dir, 'b.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    fs.writeFileSync(path.join(dir, 'c.txt'), '');
    const r = await marsad('analyze', dir, '--format', 'jsonl');
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(['a']);
    expect(r.err).toMatch(/b\.txt: not text/);
    expect(r.err).toMatch(/c\.txt: the file is empty/);
  });

  it('names a missing file', async () => {
    const r = await marsad('analyze', path.join(tmp, 'nope.txt'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nope\.txt: no such file or folder/);
  });

  it('analyses an HTML page: no script text, title and dateline from metadata', async () => {
    const file = path.join(tmp, 'page.html');
    fs.writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><title>الناتو يوسع مهامه</title>
<meta property="article:published_time" content="2021-02-16T10:00:00Z"><meta property="og:site_name" content="رويترز">
<script>alert("x")</script></head><body><nav><a href="/">الرئيسية</a></nav><article><h1>الناتو يوسع مهامه</h1>
<p>قال مسؤولون ودبلوماسيون إن وزراء دفاع الناتو يعتزمون توسيع نطاق مهمة التدريب التي يضطلع بها الحلف في العراق بمجرد انحسار جائحة كورونا.</p>
<p>وقال الأمين العام لحلف شمال الأطلسي ينس ستولتنبرج أمس الاثنين إنه يتوقع أن يوافق وزراء الدفاع على التوسيع.</p></article>
<script>document.write("<p>حقن</p>")</script></body></html>`);
    const r = await marsad('analyze', file);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.title).toBe('الناتو يوسع مهامه');
    expect(a.published).toMatchObject({ date: '2021-02-16', basis: 'given' });
    expect(r.out).not.toContain('alert');
    expect(r.out).not.toContain('حقن');
  });
});

describe('marsad sample', () => {
  it('analyses the bundled samples and prints a table', async () => {
    const db = path.join(tmp, 'sample.db');
    const r = await marsad('sample', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('5 new, 0 already stored, 0 failed');
    const again = await marsad('sample', '--db', db);
    expect(again.out).toContain('0 new, 5 already stored, 0 failed');
    expect(r.out).toContain('001_c409ea6c0fbed91a');
    expect(r.out).toContain('Anadolu');
    expect(r.out).toMatch(/5 sample articles analysed/);
  });
});
