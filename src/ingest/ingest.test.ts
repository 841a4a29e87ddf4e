// Ingestion end to end: idempotence, changed articles, near-duplicates, bad files, feeds, and a
// process killed mid-ingest. Most cases analyse with the text layer only (`textOnly`), so they
// test ingestion whatever state the extraction stages are in; the worker-thread case runs the
// default pipeline.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeeds, republished, seedRecord } from '../store/store.case.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { ArticleRecord, Store } from '../store/types.js';
import { ingest, readTargets } from './index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEEDS = path.resolve(ROOT, '../shared/corpora/seeds');
const BULK = path.resolve(ROOT, '../shared/corpora/bulk/saudinewsnet.jsonl.gz');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-ingest-'));
const db = (name: string) => path.join(tmp, `${name}.db`);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const folder = path.join(tmp, 'in');
beforeAll(() => {
  fs.mkdirSync(folder);
  for (const f of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, f), path.join(folder, f));
  fs.copyFileSync(path.resolve(ROOT, 'test/fixtures/input/article.html'), path.join(folder, 'page.html'));
  fs.writeFileSync(path.join(folder, 'broken.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  fs.writeFileSync(
    path.join(folder, 'feed.rss'),
    `<?xml version="1.0"?><rss version="2.0"><channel><title>عربي21</title>
<item><guid>feed-1</guid><title>التحالف</title><pubDate>Wed, 10 Sep 2025 10:00:00 +0300</pubDate>
<description>قال مسؤول عراقي إن مهام التحالف الدولي في بغداد والأنبار ستنتهي في أيلول/سبتمبر الحالي، على أن تستمر في أربيل حتى أيلول/سبتمبر 2026.</description></item>
</channel></rss>`,
  );
});

describe('ingest', () => {
  it('stores each article once: a second run changes nothing', async () => {
    const store = openSqliteStore(db('twice'));
    const first = await ingest(store, [folder], { workers: 0, textOnly: true });
    expect(first).toMatchObject({ read: 8, inserted: 7, failed: 1 });
    const counts = await store.counts();
    const second = await ingest(store, [folder], { workers: 0, textOnly: true });
    expect(second).toMatchObject({ read: 8, inserted: 0, unchanged: 7, failed: 1 });
    expect(await store.counts()).toEqual(counts);
    expect(await store.check()).toEqual([]);
    await store.close();
  });

  it('reports a bad file by name and stores the rest', async () => {
    const store = openSqliteStore(db('bad'));
    const errors: string[] = [];
    const r = await ingest(store, [folder], { workers: 0, textOnly: true, onError: (origin) => errors.push(origin) });
    expect(errors).toEqual([path.join(folder, 'broken.txt')]);
    expect(r.errors[0]).toMatchObject({ origin: path.join(folder, 'broken.txt'), code: 'E_INPUT_BINARY' });
    expect((await store.counts()).articles).toBe(7);
    expect(await store.hashOf('feed-1')).not.toBeNull();
    expect(await store.hashOf('page')).not.toBeNull();
    await store.close();
  });

  it('a changed article replaces its own analysis', async () => {
    const store = openSqliteStore(db('changed'));
    const one = path.join(tmp, 'one');
    fs.mkdirSync(one);
    const file = path.join(one, '001_c409ea6c0fbed91a.txt');
    fs.copyFileSync(path.join(SEEDS, '001_c409ea6c0fbed91a.txt'), file);
    await ingest(store, [one], { workers: 0, textOnly: true });
    fs.appendFileSync(file, '\nوأضاف البيان أن الزيارة تأتي في إطار التشاور المستمر بين الجانبين.');
    const r = await ingest(store, [one], { workers: 0, textOnly: true });
    expect(r).toMatchObject({ replaced: 1, inserted: 0 });
    expect((await store.counts()).articles).toBe(1);
    expect((await store.article('001_c409ea6c0fbed91a'))!.text).toContain('التشاور المستمر');
    const hits = await store.search({ text: 'التشاور' });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.article.id))).toEqual(new Set(['001_c409ea6c0fbed91a']));
    await store.close();
  });

  it('links a republished story with small edits instead of counting it twice', async () => {
    const store = openSqliteStore(db('neardup'));
    const text = fs.readFileSync(path.join(SEEDS, '003_0fda4c2446710f18.txt'), 'utf8');
    const edited = text.replace('عربي21', 'عربي 21').replace('حالياً', 'الآن');
    async function* inputs() {
      yield { ok: true as const, article: { id: 'original', text, source: 'Arabi21', published: '2025-09-10' } };
      yield { ok: true as const, article: { id: 'copy', text: edited, source: 'Other', published: '2025-09-11' } };
    }
    const r = await ingest(store, inputs(), { workers: 0, textOnly: true });
    expect(r).toMatchObject({ inserted: 2, linked: 1 });
    expect(await store.links('copy')).toEqual([expect.objectContaining({ from: 'copy', to: 'original', kind: 'near-duplicate' })]);
    // every story the copy reports is one the original reports too
    for (const s of await store.stories()) expect(s.sources.some((x) => x.article.id === 'original')).toBe(true);
    await store.close();
  });

  it('analyses in worker threads with the same result', async () => {
    const a = openSqliteStore(db('w0'));
    const b = openSqliteStore(db('w2'));
    await ingest(a, [SEEDS], { workers: 0 });
    const r = await ingest(b, [SEEDS], { workers: 2 });
    expect(r.inserted).toBe(5);
    for (const id of ['000_2cb12162d14b0c7f', '004_dd8d8cd0ba8ee6f5']) expect((await b.article(id))!.analysis).toEqual((await a.article(id))!.analysis);
    await a.close();
    await b.close();
  });

  it('several articles to a transaction store what one at a time stores; a failing one fails alone', async () => {
    const seeds = loadSeeds();
    // the five seeds analysed by hand, a republished copy, the same content under another id
    const records = (): ArticleRecord[] => [
      ...seeds.map((x) => seedRecord(x)),
      republished(seeds[3], 'republished-003'),
      seedRecord(seeds[1], { id: 'copy-of-001' }),
    ];
    const snapshot = async (st: Store) => ({
      counts: await st.counts(),
      stories: (await st.stories({ limit: 1000 })).map((x) => x.sources.map((y) => `${y.article.id}#${y.eventIdx}`).join(' ')).sort(),
      links: await st.links(),
    });
    const one = openSqliteStore(db('one-by-one'));
    const each: string[] = [];
    for (const r of records()) each.push((await one.put(r)).status);
    const many = openSqliteStore(db('batched'));
    const got = many.putMany(records());
    expect(got.map((r) => (r instanceof Error ? r : r.status))).toEqual(each);
    expect(each).toEqual(['inserted', 'inserted', 'inserted', 'inserted', 'inserted', 'inserted', 'duplicate']);
    expect(await snapshot(many)).toEqual(await snapshot(one));
    expect((await snapshot(many)).links).toEqual([expect.objectContaining({ from: 'republished-003', kind: 'near-duplicate' })]);

    // an event whose day is no calendar day makes its article fail in the middle of a batch:
    // that article is absent, every row of it; the others are stored as they would be alone
    const bad = seedRecord(seeds[2]);
    expect(bad.rows.events.length).toBeGreaterThan(0);
    bad.rows.events[0].when = { from: '2025-13-45', to: '2025-13-45' };
    const mixed = openSqliteStore(db('mixed'));
    const out = mixed.putMany([seedRecord(seeds[0]), seedRecord(seeds[1]), bad, seedRecord(seeds[3]), seedRecord(seeds[4])]);
    expect(out.map((r) => (r instanceof Error ? 'failed' : r.status))).toEqual(['inserted', 'inserted', 'failed', 'inserted', 'inserted']);
    expect(await mixed.hashOf(seeds[2].analysis.id)).toBeNull();
    const alone = openSqliteStore(db('alone'));
    for (const i of [0, 1, 3, 4]) await alone.put(seedRecord(seeds[i]));
    expect(await snapshot(mixed)).toEqual(await snapshot(alone));
    expect(await mixed.check()).toEqual([]);
    for (const st of [one, many, mixed, alone]) await st.close();
  });

  it('reads feeds, folders and JSONL through one door', async () => {
    const seen: string[] = [];
    for await (const r of readTargets([path.join(folder, 'feed.rss'), path.join(SEEDS, '000_2cb12162d14b0c7f.txt')])) seen.push(r.ok ? r.article.id! : r.origin);
    expect(seen).toEqual(['feed-1', '000_2cb12162d14b0c7f']);
  });

  it('survives kill -9 mid-ingest: consistent, no duplicates, and a rerun completes it', async () => {
    // 150 short bulk articles as JSONL
    const lines = zlib
      .gunzipSync(fs.readFileSync(BULK))
      .toString('utf8')
      .split('\n')
      .filter((l) => l && l.length < 2500)
      .slice(0, 150);
    const jsonl = path.join(tmp, 'bulk.jsonl');
    fs.writeFileSync(jsonl, lines.join('\n') + '\n');
    const file = db('crash');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fixtures/store/ingest-child.ts'), jsonl, file], { cwd: ROOT, stdio: 'ignore' });
    // wait until some articles are in, then kill it without warning
    const t0 = Date.now();
    let n = 0;
    while (Date.now() - t0 < 120_000) {
      await new Promise((r) => setTimeout(r, 200));
      if (!fs.existsSync(file)) continue;
      try {
        const peek = new Database(file, { readonly: true, fileMustExist: true });
        n = (peek.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'articles'").get() as { n: number }).n
          ? (peek.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
          : 0;
        peek.close();
      } catch {
        n = 0;
      }
      if (n >= 10) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(n).toBeGreaterThanOrEqual(10);
    // after the crash: the database opens, checks clean, holds whole articles only
    const store = openSqliteStore(file);
    expect(await store.check()).toEqual([]);
    const mid = await store.counts();
    expect(mid.articles).toBeGreaterThanOrEqual(10);
    expect(mid.articles).toBeLessThan(150);
    // ingest again: everything in, once
    const r = await ingest(store, [jsonl], { workers: 2, textOnly: true });
    expect(r.failed).toBe(0);
    expect(r.unchanged).toBeGreaterThanOrEqual(mid.articles);
    const ids = new Set(lines.map((l) => JSON.parse(l).id));
    const end = await store.counts();
    expect(end.articles + end.aliases).toBe(ids.size);
    expect(await store.check()).toEqual([]);
    const again = await ingest(store, [jsonl], { workers: 0, textOnly: true });
    expect(again.unchanged).toBe(150);
    await store.close();
  }, 300_000);
});
