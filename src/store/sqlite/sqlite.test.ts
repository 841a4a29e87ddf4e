import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeeds, seedRecord, storeConformance } from '../store.case.js';
import { openSqliteStore, scanInOrder } from './index.js';
import { MIGRATIONS } from './migrations.js';
import { kbSamePlace } from '../../corpus/places.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-sqlite-'));
let n = 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

storeConformance('sqlite', () => openSqliteStore(path.join(dir, `t${++n}.db`)));

describe('sqlite specifics', () => {
  it('uses WAL and records the schema version', () => {
    const file = path.join(dir, 'wal.db');
    openSqliteStore(file).close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });
  it('check() says when the search index was built by another stemmer', () => {
    const file = path.join(dir, 'stemmer.db');
    const store = openSqliteStore(file);
    store.put(seedRecord(loadSeeds()[0]));
    expect(store.check()).toEqual([]);
    store.close();
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = 'other' WHERE key = 'stemmer'").run();
    db.close();
    const again = openSqliteStore(file);
    expect(again.check()).toEqual([expect.stringContaining('built by another stemmer')]);
    again.close();
  });
  it("an entity's timeline is the same read either way: walked in day order or read and sorted", async () => {
    const store = openSqliteStore(path.join(dir, 'entity-plans.db'));
    for (const s of loadSeeds()) store.put(seedRecord(s));
    // a small limit makes a frequent entity walk the table in day order; a large one reads its rows
    expect(scanInOrder(20, 100, 1, 2)).toBe(true);
    expect(scanInOrder(20, 100, 10_000, 2)).toBe(false);
    for (const entity of ['iraq', 'nato', 'usa', 'baghdad']) {
      const all = await store.stories({ entity, limit: 10_000 });
      const facts = await store.facts({ entity, limit: 10_000 });
      expect(all.length).toBeGreaterThan(2);
      for (const k of [1, 2, 5]) {
        expect(await store.stories({ entity, limit: k })).toEqual(all.slice(0, k));
        expect(await store.facts({ entity, limit: k })).toEqual(facts.slice(0, k));
      }
      for (const s of all) expect([...s.actors, ...s.targets, s.location]).toContain(entity);
    }
    store.close();
  });
  it('a store of schema version 2 is upgraded: story keys get their story\'s type and period, and reads give the same stories', async () => {
    const file = path.join(dir, 'v2.db');
    const store = openSqliteStore(file);
    for (const s of loadSeeds()) store.put(seedRecord(s));
    const before = await store.stories({ limit: 10_000 });
    store.close();
    // take the database back to version 2: migration 3's indexes and columns gone
    const db = new Database(file);
    db.exec(`DROP INDEX story_keys_match; DROP INDEX stories_place;
      ALTER TABLE story_keys DROP COLUMN type; ALTER TABLE story_keys DROP COLUMN grp;
      ALTER TABLE story_keys DROP COLUMN when_from; ALTER TABLE story_keys DROP COLUMN when_to;`);
    db.pragma('user_version = 2');
    db.close();
    const again = openSqliteStore(file);
    expect(await again.stories({ limit: 10_000 })).toEqual(before);
    again.close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    const keys = raw.prepare('SELECT k.*, s.type AS s_type, s.grp AS s_grp, s.when_from AS s_from, s.when_to AS s_to FROM story_keys k JOIN stories s ON s.id = k.story_id').all() as Record<string, unknown>[];
    expect(keys.length).toBeGreaterThan(20);
    for (const k of keys) expect([k.type, k.grp, k.when_from, k.when_to]).toEqual([k.s_type, k.s_grp, k.s_from, k.s_to]);
    raw.close();
  });
  it('story candidates looked up by related places join the same stories as those read by time and filtered by samePlace', async () => {
    const byPlace = openSqliteStore(path.join(dir, 'cands-place.db'));
    const byTime = openSqliteStore(path.join(dir, 'cands-time.db'), { match: { samePlace: kbSamePlace() } });
    for (const s of loadSeeds()) {
      byPlace.put(seedRecord(s));
      byTime.put(seedRecord(s));
    }
    const read = async (st: typeof byPlace) => JSON.parse(JSON.stringify(await st.stories({ limit: 10_000 }), (k, v) => (k === 'ingestedAt' ? undefined : v)));
    const a = await read(byPlace);
    expect(a.some((s: { sources: unknown[] }) => s.sources.length > 1)).toBe(true);
    expect(await read(byTime)).toEqual(a);
    // story keys follow their story: after every join, the copied period is the story's
    const raw = (byPlace as unknown as { db: Database.Database }).db;
    const off = raw.prepare('SELECT count(*) AS n FROM story_keys k JOIN stories s ON s.id = k.story_id WHERE k.type IS NOT s.type OR k.grp IS NOT s.grp OR k.when_from IS NOT s.when_from OR k.when_to IS NOT s.when_to').get() as { n: number };
    expect(off.n).toBe(0);
    byPlace.close();
    byTime.close();
  });
  it('refuses a database from a newer version', () => {
    const file = path.join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/E_STORE_VERSION|schema version 999/);
  });
});
