import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_001, SEED_002 } from '../../test/fixtures/input/texts.js';
import { readArticles, type ReadOptions, type ReadResult } from './index.js';

const FIX = 'test/fixtures/input';

async function all(target: string, opts?: ReadOptions): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readArticles(target, opts)) out.push(r);
  return out;
}
const articles = (rs: ReadResult[]) => rs.flatMap((r) => (r.ok ? [r.article] : []));
const errors = (rs: ReadResult[]) => rs.flatMap((r) => (r.ok ? [] : [r]));
const stdin = (s: string | Uint8Array) => Readable.from([Buffer.from(s as string)]);

describe('readArticles: one file of each kind', () => {
  it.each([
    ['utf8.txt', SEED_001],
    ['utf8-bom.txt', SEED_001],
    ['cp1256.txt', SEED_002],
    ['utf16le-bom.txt', SEED_000],
    ['utf16be-bom.txt', SEED_000],
  ])('%s → its text, id from the file name, origin the path', async (name, text) => {
    const [r] = await all(`${FIX}/${name}`);
    expect(r).toEqual({ ok: true, article: { id: name.replace(/\.txt$/, ''), text, origin: `${FIX}/${name}` } });
  });

  it('.html → main text and metadata, no script text', async () => {
    const [r] = await all(`${FIX}/article.html`);
    if (!r.ok) throw r.error;
    expect(r.article).toMatchObject({
      id: 'article',
      title: 'العراق والناتو يبحثان توسيع التعاون الثنائي',
      published: '2024-10-30',
      source: 'الأناضول',
      url: 'https://www.aa.com.tr/ar/iraq-nato/3456789',
      origin: `${FIX}/article.html`,
    });
    expect(r.article.text.startsWith('بحث العراق وحلف شمال الأطلسي')).toBe(true);
    expect(r.article.text).not.toContain('سكربت');
  });

  it('.json with one object → id from the file name, date validated', async () => {
    const [r] = await all(`${FIX}/record.json`);
    expect(r).toEqual({
      ok: true,
      article: { id: 'record', text: SEED_001, title: 'بحث العراق والناتو', url: null, source: null, published: '2024-10-30', origin: `${FIX}/record.json` },
    });
  });

  it('.json with an array → one result per item, the bad item named by index', async () => {
    const rs = await all(`${FIX}/records.json`);
    expect(rs.map((r) => (r.ok ? r.article.id : r.error.code))).toEqual(['snn-1', 'E_INPUT_FORMAT', '42']);
    expect(errors(rs)[0].origin).toBe(`${FIX}/records.json[1]`);
    expect(errors(rs)[0].error.message).toContain('neither "text" nor "html"');
  });

  it.each([['news.jsonl'], ['news.jsonl.gz']])('%s → good lines read, broken lines reported by line number', async (name) => {
    const rs = await all(`${FIX}/${name}`);
    const file = `${FIX}/${name}`;
    expect(rs.map((r) => (r.ok ? r.article.origin : r.origin))).toEqual([`${file}:1`, `${file}:2`, `${file}:4`, `${file}:5`, `${file}:6`]);
    const [a1, a2, a3] = articles(rs);
    expect(a1).toMatchObject({ id: 'snn-1', source: 'Al-Sharq Al-Awsat', published: '2024-01-17' });
    expect(a2).toMatchObject({ id: '42', published: '2024-08-05', url: 'https://example.org/ar/42', text: SEED_000 });
    // the HTML record: text extracted, metadata from the page, id a content hash
    expect(a3).toMatchObject({ source: 'الأناضول', published: '2024-10-30' });
    expect(a3.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a3.text).not.toContain('لا يظهر');
    const [broken, badDate] = errors(rs);
    expect(broken.error.code).toBe('E_INPUT_FORMAT');
    expect(broken.error.message).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}:4: not valid JSON`));
    expect(badDate.error.message).toContain('"published": not a date: "2024-13-45"');
  });

  it('an empty file → E_INPUT_EMPTY naming it', async () => {
    const [r] = await all(`${FIX}/empty.txt`);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('E_INPUT_EMPTY');
      expect(r.error.message).toContain(`${FIX}/empty.txt`);
    }
  });

  it('a whitespace-only file → E_INPUT_EMPTY', async () => {
    const [r] = await all(`${FIX}/blank.txt`);
    expect(!r.ok && r.error.code).toBe('E_INPUT_EMPTY');
  });

  it('a PNG under a supported extension → E_INPUT_BINARY naming the file', async () => {
    const [r] = await all(`${FIX}/folder/02_scan.txt`);
    expect(!r.ok && r.error.code).toBe('E_INPUT_BINARY');
    expect(!r.ok && r.error.message).toContain(`${FIX}/folder/02_scan.txt`);
  });

  it('an unknown extension → E_INPUT_UNSUPPORTED, not a throw', async () => {
    const [r] = await all(`${FIX}/image.png`);
    expect(!r.ok && r.error.code).toBe('E_INPUT_UNSUPPORTED');
  });

  it('a missing target throws E_INPUT_NOT_FOUND', async () => {
    await expect(all(`${FIX}/nope.txt`)).rejects.toMatchObject({ code: 'E_INPUT_NOT_FOUND' });
  });
});

describe('readArticles: a folder', () => {
  it('reads recursively in sorted order, skips hidden files, reports the bad ones; ids by path in the folder', async () => {
    const rs = await all(`${FIX}/folder`);
    expect(rs.map((r) => (r.ok ? `ok ${r.article.id}` : `${r.error.code} ${r.origin}`))).toEqual([
      'ok 01_c409ea6c0fbed91a',
      `E_INPUT_BINARY ${FIX}/folder/02_scan.txt`,
      `E_INPUT_UNSUPPORTED ${FIX}/folder/03_notes.md`,
      'ok sub/04_legacy', // a file in a subfolder: its path from the folder read
      'ok 42',
    ]);
    expect(articles(rs)[1].text).toBe(SEED_002);
  });
});

describe('readArticles: options', () => {
  it('--published overrides every article', async () => {
    const rs = await all(`${FIX}/news.jsonl`, { published: '2025-01-01T09:00:00Z' });
    expect(articles(rs).map((a) => a.published)).toEqual(['2025-01-01', '2025-01-01', '2025-01-01']);
  });

  it('a bad --published throws E_BAD_DATE', async () => {
    await expect(all(`${FIX}/utf8.txt`, { published: 'أمس' })).rejects.toMatchObject({ code: 'E_BAD_DATE' });
  });

  it('--id names the one article', async () => {
    const rs = await all(`${FIX}/utf8.txt`, { id: 'my-id' });
    expect(articles(rs)[0].id).toBe('my-id');
  });

  it('--id over several articles throws E_BAD_OPTION', async () => {
    await expect(all(`${FIX}/news.jsonl`, { id: 'x' })).rejects.toMatchObject({ code: 'E_BAD_OPTION' });
  });
});

describe('readArticles: stdin', () => {
  it.each([
    ['text', SEED_001, SEED_001],
    ['text with a BOM', '\ufeff' + SEED_000, SEED_000],
    ['HTML', '  <html><body><script>x()</script><p>' + SEED_000 + '</p></body></html>', SEED_000],
  ])('sniffs %s', async (_, input, text) => {
    const [r] = await all('-', { stdin: stdin(input) });
    if (!r.ok) throw r.error;
    expect(r.article.text).toBe(text);
    expect(r.article.origin).toBe('<stdin>');
    expect(r.article.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sniffs JSON Lines and streams them, chunks split anywhere', async () => {
    const bytes = Buffer.from(`{"id":"a","text":"${SEED_000}"}\n\n{"id":"b","text":1}\r\n{"id":"c","text":"نص"}`);
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 77), bytes.subarray(77, 78), bytes.subarray(78)];
    const rs = await all('-', { stdin: Readable.from(chunks) });
    expect(rs.map((r) => (r.ok ? r.article.id : `${r.origin} ${r.error.code}`))).toEqual(['a', '<stdin>:3 E_INPUT_FORMAT', 'c']);
    expect(articles(rs)[0].text).toBe(SEED_000);
  });

  it('sniffs a JSON array', async () => {
    const rs = await all('-', { stdin: stdin(`\n[{"id":"a","text":"${SEED_000}"},{"id":"b"}]`) });
    expect(rs.map((r) => (r.ok ? r.article.id : r.origin))).toEqual(['a', '<stdin>[1]']);
  });

  it('takes the format it is told', async () => {
    const [r] = await all('-', { stdin: stdin('<b>نص</b>'), stdinFormat: 'txt' });
    expect(r.ok && r.article.text).toBe('<b>نص</b>');
  });

  it('reports empty stdin', async () => {
    const [r] = await all('-', { stdin: Readable.from([]) });
    expect(!r.ok && r.error.code).toBe('E_INPUT_EMPTY');
  });
});
