// The record's CLI commands end to end, in-process: ingest, then timeline, entity, search,
// conflicts, deadlines and export over a database of the five seeds analysed by hand
// (test/fixtures/store/seeds), so the figures do not depend on the extraction stages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeeds, seedRecord } from '../src/store/store.case.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { CSV_COLUMNS } from '../src/store/export.js';
import { marsad } from './helpers.js';


const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-store-cli-'));
const db = path.join(tmp, 'seeds.db');
beforeAll(() => {
  const store = openSqliteStore(db);
  for (const s of loadSeeds()) store.put(seedRecord(s));
  store.close();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('marsad ingest', () => {
  it('ingests files with plain progress lines off a terminal, then reports unchanged', async () => {
    const file = path.join(tmp, 'ingest.db');
    const seeds = path.resolve(import.meta.dirname, '../../shared/corpora/seeds');
    const first = await marsad('ingest', seeds, '--db', file, '--workers', '0', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ read: 5, inserted: 5, failed: 0 });
    const second = await marsad('ingest', seeds, '--db', file, '--workers', '0');
    expect(second.out).toMatch(/5 read — 0 new, 0 replaced, 5 unchanged/);
  });
  it('exits 1 and names a missing path', async () => {
    const r = await marsad('ingest', path.join(tmp, 'nope'), '--db', path.join(tmp, 'x.db'), '--workers', '0');
    expect(r.code).toBe(1);
    expect(r.err).toContain('nope: no such file or folder');
  });
});

describe('reading the record', () => {
  it('timeline: 2014 to 2026 for the coalition, as JSON and as a table', async () => {
    const j = await marsad('timeline', '--entity', 'global-coalition-against-daesh', '--db', db, '--json');
    expect(j.code).toBe(0);
    const entries = JSON.parse(j.out) as { when: { from: string } | null }[];
    const years = entries.filter((e) => e.when).map((e) => e.when!.from.slice(0, 4));
    expect(years).toContain('2014');
    expect(years.at(-1)).toBe('2026');
    const t = await marsad('timeline', '--entity', 'global-coalition-against-daesh', '--type', 'RETREAT', '--db', db);
    expect(t.out).toMatch(/^when\s+what\s+status\s+who/);
    expect(t.out).toContain('التحالف الدولي');
    expect(t.out).toContain('Global Coalition');
  });
  it('timeline filters by status and dates', async () => {
    const r = JSON.parse((await marsad('timeline', '--status', 'planned', '--from', '2026-01-01', '--db', db, '--json')).out) as { story: { status: string; when: { to: string } } }[];
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((e) => e.story.status === 'planned' && e.story.when.to >= '2026-01-01')).toBe(true);
  });
  it('refuses a day that does not exist and a window that ends before it starts (usage errors)', async () => {
    for (const args of [['timeline', '--from', '2025-02-30'], ['timeline', '--to', '2025-04-31'], ['deadlines', '--date', '2025-02-29']]) {
      const r = await marsad(...args, '--db', db);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/not a date: «2025-0\d-\d\d»/);
    }
    const r = await marsad('timeline', '--from', '2026-01-01', '--to', '2025-01-01', '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--to: 2025-01-01 is before --from 2026-01-01/);
    expect((await marsad('deadlines', '--date', '2024-02-29', '--db', db)).code).toBe(0);
  });
  it('timeline of an entity the store does not know: an error, not an empty record', async () => {
    const r = await marsad('timeline', '--entity', 'natoo', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no entity «natoo» in the store/);
    // a known entity with nothing in the window is an empty timeline
    const k = await marsad('timeline', '--entity', 'nato', '--from', '2090-01-01', '--db', db);
    expect(k.code).toBe(0);
    expect(k.out).toMatch(/\b0 entries/);
  });
  it('entity: every article and mention of NATO', async () => {
    const r = await marsad('entity', 'nato', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(NATO)  [nato, ORG]');
    expect(r.out).toMatch(/mentions in [45] articles/);
    const missing = await marsad('entity', 'nobody', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('E_ENTITY_NOT_FOUND');
  });
  it('search: «الاتفاقات» finds «الاتفاق»', async () => {
    const r = JSON.parse((await marsad('search', 'الاتفاقات', '--db', db, '--json')).out) as { snippet: string }[];
    expect(r.length).toBeGreaterThan(0);
    expect(r.some((h) => h.snippet.includes('[الاتفاق]'))).toBe(true);
    const q = await marsad('search', 'داعش', '--kind', 'quote', '--db', db);
    expect(q.out).toMatch(/^kind\s+article/);
    expect(q.out).toContain('quote');
  });
  it('conflicts: the US troop figures side by side with their sources', async () => {
    const r = await marsad('conflicts', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/(CONFLICT|CHANGE)\s+troops — الولايات المتحدة|troops — .*United States/);
    for (const v of ['2500', '3000', '5200']) expect(r.out).toContain(v);
    expect(r.out).toContain('Anadolu');
    const j = JSON.parse((await marsad('conflicts', '--db', db, '--json')).out) as { subject: string }[];
    expect(j.some((c) => c.subject === 'usa')).toBe(true);
  });
  it('deadlines: due before, passed after', async () => {
    const before = JSON.parse((await marsad('deadlines', '--date', '2025-06-01', '--db', db, '--json')).out) as { due: string; status: string }[];
    expect(before.find((d) => d.due === '2026-09-30')?.status).toBe('due');
    const after = await marsad('deadlines', '--date', '2027-01-01', '--status', 'passed', '--db', db);
    expect(after.out).toContain('2026-09-30');
    expect(after.out).not.toMatch(/\bdue\b\s+-?\d/);
  });
  it('deadlines and conflicts: --limit and --offset page the list and say so', async () => {
    const all = JSON.parse((await marsad('deadlines', '--date', '2025-06-01', '--db', db, '--json')).out) as { due: string }[];
    const page = JSON.parse((await marsad('deadlines', '--date', '2025-06-01', '--limit', '2', '--offset', '1', '--db', db, '--json')).out) as { due: string }[];
    expect(page).toEqual(all.slice(1, 3));
    const text = await marsad('deadlines', '--date', '2025-06-01', '--limit', '1', '--db', db);
    expect(text.out).toContain(`1–1 of ${all.length} shown`);
    const claims = await marsad('conflicts', '--limit', '1', '--db', db);
    expect(claims.out.match(/^(CONFLICT|CHANGE) /gm)).toHaveLength(1);
    // past the end: said so, not «4–3 of 3 shown»
    const past = await marsad('deadlines', '--date', '2025-06-01', '--offset', '1000', '--db', db);
    expect(past.out).toContain(`none of ${all.length} shown: --offset 1000 is past the end`);
    expect((await marsad('conflicts', '--offset', '1000', '--db', db)).out).toMatch(/none of \d+ shown: --offset 1000 is past the end/);
  });
  it('export: jsonl analyses, csv events, PLOVER records with event_text and offsets', async () => {
    const jsonl = (await marsad('export', '--format', 'jsonl', '--db', db)).out.trim().split('\n');
    expect(jsonl).toHaveLength(5);
    expect(JSON.parse(jsonl[0]).schema).toBe('marsad.analysis/1');
    const csv = (await marsad('export', '--format', 'csv', '--db', db)).out.trim().split('\n');
    expect(csv[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.length).toBe(1 + loadSeeds().reduce((n, s) => n + s.analysis.events.length, 0));
    const plover = (await marsad('export', '--format', 'plover', '--db', db)).out.trim().split('\n').map((l) => JSON.parse(l));
    const seeds = loadSeeds();
    for (const p of plover) {
      expect(p).toHaveProperty('event_text');
      const s = seeds.find((x) => x.analysis.id === p.article_id)!;
      expect(s.text.slice(p.trigger.start, p.trigger.end)).toBe(p.trigger.text);
    }
    expect((await marsad('export', '--format', 'xml', '--db', db)).code).toBe(2);
  });
  it('MARSAD_DB names the database when --db does not', async () => {
    process.env.MARSAD_DB = db;
    try {
      expect((await marsad('entity', 'iraq')).code).toBe(0);
    } finally {
      delete process.env.MARSAD_DB;
    }
  });
  it('a missing database is an error, not an empty one', async () => {
    const r = await marsad('search', 'x', '--db', path.join(tmp, 'missing.db'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('E_STORE_OPEN');
    expect(fs.existsSync(path.join(tmp, 'missing.db'))).toBe(false);
  });
});
