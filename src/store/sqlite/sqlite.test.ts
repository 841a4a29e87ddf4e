import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeeds, seedRecord, storeConformance } from '../store.case.js';
import { openSqliteStore, scanInOrder } from './index.js';
import { MIGRATIONS } from './migrations.js';

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
  it('refuses a database from a newer version', () => {
    const file = path.join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/E_STORE_VERSION|schema version 999/);
  });
});
