// The PostgreSQL store against the server on 127.0.0.1:5432 (or $MARSAD_TEST_PG): one fresh
// database per run, a fresh schema per test, dropped at the end. No server is a failure, with
// a message saying how to start one, unless MARSAD_SKIP_PG=1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSeeds, republished, seedRecord, storeConformance } from '../store.case.js';
import { matchToTsquery, openPostgresStore, type PostgresStore } from './index.js';
import { PG_MIGRATIONS } from './migrations.js';
import { parseQuery } from '../../search/query.js';
import { stemWord } from '../../search/stem.js';
import { createTestDatabase, type TestDatabase } from './testdb.js';
import { openSqliteStore } from '../sqlite/index.js';
import type { SearchHit } from '../types.js';
import type { EventRow } from '../../corpus/records.js';

const skip = process.env.MARSAD_SKIP_PG === '1';

describe.skipIf(skip)('postgres', () => {
  let tdb: TestDatabase;
  let n = 0;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await tdb?.drop();
  }, 60_000);
  const fresh = (schema = `t${++n}`) => {
    if (!tdb) throw new Error('no test database (see the first failure)');
    return openPostgresStore(tdb.url, { schema });
  };

  storeConformance('postgres', () => fresh());

  describe('postgres specifics', () => {
    it('records the schema version; a second open migrates nothing; a newer schema is refused', async () => {
      const s1 = await fresh('mig');
      const [a, b] = await Promise.all([openPostgresStore(tdb.url, { schema: 'mig2' }), openPostgresStore(tdb.url, { schema: 'mig2' })]);
      const v = (await s1.pool.query('SELECT max(version)::int AS v FROM schema_migrations')).rows[0].v;
      expect(v).toBe(PG_MIGRATIONS.at(-1)!.version);
      expect((await a.pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(PG_MIGRATIONS.length);
      await Promise.all([a.close(), b.close()]);
      await s1.pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
      await s1.close();
      await expect(openPostgresStore(tdb.url, { schema: 'mig' })).rejects.toThrow(/schema version 999/);
    });

    it('turns the parsed query into a tsquery: phrases, OR, -excluded, quotes escaped', () => {
      expect(matchToTsquery('"it\'s" AND "a""b"')).toBe(`'it''s' & 'a"b'`);
      const s = (w: string) => `'${stemWord(w)}'`;
      expect(matchToTsquery(parseQuery('"وزير الخارجية"').match!)).toBe(`(${s('وزير')} <-> ${s('الخارجية')})`);
      expect(matchToTsquery(parseQuery('النفط أو الغاز').match!)).toBe(`( ${s('النفط')} | ${s('الغاز')} )`);
      expect(matchToTsquery(parseQuery('الصحة -كورونا').match!)).toBe(`${s('الصحة')} & ! ${s('كورونا')}`);
    });

    it('phrases, alternatives and exclusions find what SQLite finds', async () => {
      const store = await fresh();
      for (const s of loadSeeds()) await store.put(seedRecord(s));
      const ids = async (q: string) => new Set((await store.search({ text: q, limit: 100 })).map((h) => `${h.kind}:${h.article.id}:${h.idx}`));
      const both = await ids('التحالف الدولي');
      const phrase = await ids('"التحالف الدولي"');
      expect(phrase.size).toBeGreaterThan(0);
      for (const h of phrase) expect(both.has(h)).toBe(true);
      const one = await ids('روته');
      const other = await ids('ستولتنبرغ');
      const either = await ids('روته أو ستولتنبرغ');
      expect(either).toEqual(new Set([...one, ...other]));
      const without = await ids('التحالف -روته');
      for (const h of without) expect(one.has(h)).toBe(false);
      await store.close();
    });

    it('finds the same hits as the SQLite store (snippets included)', async () => {
      const store = await fresh();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-pg-vs-sqlite-'));
      const lite = openSqliteStore(path.join(dir, 'x.db'));
      try {
        for (const s of loadSeeds()) {
          await store.put(seedRecord(s));
          lite.put(seedRecord(s));
        }
        const key = (h: SearchHit) => `${h.kind}:${h.article.id}:${h.idx}:${h.snippet}`;
        for (const q of ['الاتفاقات', 'الاتِّفاقُ', '"التحالف الدولي"', 'روته أو ستولتنبرغ', 'التحالف -روته', 'داعش', 'انسحاب القوات', '"حلف شمال الأطلسي"', 'أربيل']) {
          const a = (await store.search({ text: q, limit: 100 })).map(key).sort();
          const b = (await lite.search({ text: q, limit: 100 })).map(key).sort();
          expect(a, q).toEqual(b);
        }
      } finally {
        lite.close();
        fs.rmSync(dir, { recursive: true, force: true });
        await store.close();
      }
    });

    it('two writers at once: one story per happening, every link kept', async () => {
      const seeds = loadSeeds();
      // the reference: one writer, in order
      const ref = await fresh('serial');
      for (const s of seeds) await ref.put(seedRecord(s));
      await ref.put(republished(seeds[3], 'republished-003'));
      const want = await ref.counts();
      const wantStories = (await ref.stories({ limit: 10_000 })).map((s) => s.sources.length).sort();
      await ref.close();
      // two stores (two pools) writing the same articles, related ones at the same moment
      const [a, b] = [await fresh('race'), await fresh('race')];
      const recs = [...seeds.map((s) => seedRecord(s)), republished(seeds[3], 'republished-003')];
      await Promise.all([
        (async () => {
          for (const r of recs.filter((_, i) => i % 2 === 0)) await a.put(r);
        })(),
        (async () => {
          for (const r of recs.filter((_, i) => i % 2 === 1)) await b.put(r);
        })(),
      ]);
      expect(await a.counts()).toEqual(want);
      expect((await a.stories({ limit: 10_000 })).map((s) => s.sources.length).sort()).toEqual(wantStories);
      expect(await a.links('republished-003')).toHaveLength(1);
      expect(await a.check()).toEqual([]);
      await Promise.all([a.close(), b.close()]);
    });

    it('a batch writer and a one-at-a-time writer at once: one story per happening, every link kept', async () => {
      const seeds = loadSeeds();
      const recs = () => [...seeds.map((s) => seedRecord(s)), republished(seeds[3], 'republished-003'), seedRecord(seeds[1], { id: 'copy-of-001' })];
      const ref = await fresh('serial-batch');
      for (const r of recs()) await ref.put(r);
      const want = await ref.counts();
      const wantStories = (await ref.stories({ limit: 10_000 })).map((s) => s.sources.length).sort();
      await ref.close();
      for (const round of [0, 1]) {
        const [a, b] = [await fresh(`race-batch${round}`), await fresh(`race-batch${round}`)];
        const [mine, theirs] = [recs().filter((_, i) => i % 2 === round), recs().filter((_, i) => i % 2 !== round)];
        const [out] = await Promise.all([
          a.putMany(mine),
          (async () => {
            for (const r of theirs) await b.put(r);
          })(),
        ]);
        expect(out.filter((r) => r instanceof Error)).toEqual([]);
        expect(await a.counts()).toEqual(want);
        expect((await a.stories({ limit: 10_000 })).map((s) => s.sources.length).sort()).toEqual(wantStories);
        expect(await a.links('republished-003')).toHaveLength(1);
        expect(await a.check()).toEqual([]);
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('the same content from two writers at once is one article and one alias', async () => {
      const [a, b] = [await fresh('dup'), await fresh('dup')];
      const s = loadSeeds()[1];
      const rs = await Promise.all([a.put(seedRecord(s)), b.put(seedRecord(s, { id: 'copy' }))]);
      expect(rs.map((r) => r.status).sort()).toEqual(['duplicate', 'inserted']);
      expect((await a.counts()).articles).toBe(1);
      expect((await a.counts()).aliases).toBe(1);
      await Promise.all([a.close(), b.close()]);
    });

    it('putMany: the round trips of a batch do not grow with its articles and events', async () => {
      const seeds = loadSeeds();
      const trips = async (records: ReturnType<typeof seedRecord>[], one = false) => {
        const store = await fresh();
        const spy = vi.spyOn(pg.Client.prototype, 'query');
        try {
          if (one) for (const r of records) await store.put(r);
          else expect((await store.putMany(records)).every((r) => !(r instanceof Error))).toBe(true);
          return spy.mock.calls.length;
        } finally {
          spy.mockRestore();
          await store.close();
        }
      };
      // both batches make stories, join them and link a republished copy
      const small = [seedRecord(seeds[3]), republished(seeds[3], 'republished-003')];
      const big = [...seeds.map((x) => seedRecord(x)), republished(seeds[3], 'republished-003'), seedRecord(seeds[1], { id: 'copy-of-001' })];
      const events = big.reduce((n, r) => n + r.rows.events.length, 0);
      expect(events).toBeGreaterThan(50);
      const [a, b] = [await trips(small), await trips(big)];
      expect(b).toBe(a);
      expect(b).toBeLessThan(20);
      expect(await trips(big, true)).toBeGreaterThan(5 * b);
    });

    it('putMany: a candidate read cut at its limit, with a story the batch moved out of it, is read further', async () => {
      const seeds = loadSeeds();
      // one candidate of each kind is read (`candidates: 1`). Stored: story A (X with Z, 5 January)
      // and story B (X with Y, January). In the batch, article 1 places B on 30 January; then
      // article 2 reports X on 5 January: the read made before the batch gives B, which no longer
      // fits; one put after another would read A, and join it
      const ev = (actors: string[], from: string, to: string, basis: 'stated' | 'published'): EventRow => ({
        idx: 0, type: 'CONSULT', mode: null, status: 'realized', trigger: { start: 0, end: 5, text: 'التقى' }, actors, targets: [], location: null,
        time: from, when: { from, to }, basis, sentence: 0, sentenceText: 'التقى', summary_en: null,
      });
      const rec = (i: number, e: EventRow) => {
        const r = seedRecord(seeds[i]);
        r.rows.events = [e];
        return r;
      };
      const stored = () => [rec(0, ev(['x', 'z'], '2025-01-05', '2025-01-05', 'published')), rec(1, ev(['x', 'y'], '2025-01-01', '2025-01-31', 'stated'))];
      const batch = () => [rec(2, ev(['x', 'y'], '2025-01-30', '2025-01-30', 'stated')), rec(3, ev(['x'], '2025-01-05', '2025-01-05', 'published'))];
      const [one, many] = [await openPostgresStore(tdb.url, { schema: `t${++n}`, candidates: 1 }), await openPostgresStore(tdb.url, { schema: `t${++n}`, candidates: 1 })];
      for (const r of [...stored(), ...batch()]) await one.put(r);
      for (const r of stored()) await many.put(r);
      expect((await many.putMany(batch())).filter((r) => r instanceof Error)).toEqual([]);
      const view = async (st: PostgresStore) => (await st.stories({ limit: 100 })).map((s) => `${s.id} ${s.when?.from} ${s.sources.map((z) => z.article.id.slice(0, 3)).join(' ')}`);
      expect(await view(one)).toEqual(['1 2025-01-05 000 003', '2 2025-01-30 001 002']);
      expect(await view(many)).toEqual(await view(one));
      await Promise.all([one.close(), many.close()]);
    });

    it('putMany: an article the server refuses fails alone, the rest of its batch stored as put stores it', async () => {
      const seeds = loadSeeds();
      // a NUL in a name: SQLite keeps it, PostgreSQL's text refuses it (when the rows are written)
      const bad = seedRecord(seeds[2]);
      bad.rows.entities[0].name += '\u0000';
      const rest = () => [seedRecord(seeds[0]), seedRecord(seeds[1]), seedRecord(seeds[3]), seedRecord(seeds[4])];
      const [store, alone] = [await fresh(), await fresh()];
      const [x, y] = rest().reduce<[ReturnType<typeof seedRecord>[], ReturnType<typeof seedRecord>[]]>((acc, r, i) => (acc[i < 2 ? 0 : 1].push(r), acc), [[], []]);
      const out = await store.putMany([...x, bad, ...y]);
      expect(out.map((r) => (r instanceof Error ? 'failed' : r.status))).toEqual(['inserted', 'inserted', 'failed', 'inserted', 'inserted']);
      expect(String(out[2])).toMatch(/0x00/);
      for (const r of rest()) await alone.put(r);
      const view = async (st: PostgresStore) => ({
        counts: await st.counts(),
        stories: (await st.stories({ limit: 10_000 })).map((s) => `${s.id} ${s.sources.map((z) => `${z.article.id}#${z.eventIdx}`).join(' ')}`),
        links: await st.links(),
      });
      expect(await view(store)).toEqual(await view(alone));
      expect(await store.hashOf(seeds[2].analysis.id)).toBeNull();
      expect(await store.check()).toEqual([]);
      await Promise.all([store.close(), alone.close()]);
    });

    it('a failed transaction leaves nothing behind', async () => {
      const store = (await fresh()) as PostgresStore;
      const s = loadSeeds()[0];
      await expect(
        store.putWith(seedRecord(s), async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.counts()).toMatchObject({ articles: 0, mentions: 0, events: 0, stories: 0 });
      expect((await store.pool.query('SELECT count(*)::int AS n FROM search_docs')).rows[0].n).toBe(0);
      await store.close();
    });
  });
});

if (skip) describe.skip('postgres (MARSAD_SKIP_PG=1)', () => it('skipped', () => {}));
