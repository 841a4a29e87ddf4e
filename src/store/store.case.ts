// The conformance suite every Store runs (Hono's common.case pattern): `storeConformance(name,
// factory)` registers the tests; the SQLite store runs it in sqlite/sqlite.test.ts and the
// PostgreSQL store will in its own. Fixtures: the five seed articles analysed by hand
// (test/fixtures/store/seeds, made from the gold answers by test/fixtures/store/make.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conflicts, deadlines, timeline } from '../corpus/index.js';
import { recordOf } from '../ingest/prepare.js';
import type { Analysis } from '../pipeline/analysis.js';
import type { ArticleRecord, PutResult, Store, StoryProbe } from './types.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/store/seeds');

export interface Seed {
  text: string;
  analysis: Analysis;
}
export function loadSeeds(): Seed[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as Seed);
}
export const seedRecord = (s: Seed, patch: Partial<Analysis> = {}, text = s.text): ArticleRecord => recordOf({ ...structuredClone(s.analysis), ...patch }, text);

/** A copy of a seed republished by another outlet with small edits (same offsets where unchanged). */
export function republished(s: Seed, id: string): ArticleRecord {
  // replace one word inside the last sentence with one of the same length, keep offsets valid
  const a = structuredClone(s.analysis);
  const last = a.sentences[a.sentences.length - 1];
  let text = s.text;
  const at = text.indexOf('العراق', last.start);
  if (at >= 0) text = text.slice(0, at) + 'البلاد' + text.slice(at + 6);
  return recordOf({ ...a, id, source: 'Another Outlet' }, text, { source: 'Another Outlet' });
}

export function storeConformance(name: string, factory: () => Promise<Store> | Store): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store;
    const seeds = loadSeeds();
    const byId = (id: string) => seeds.find((s) => s.analysis.id.startsWith(id))!;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });
    const putAll = async () => {
      for (const s of seeds) expect((await store.put(seedRecord(s))).status).toBe('inserted');
    };

    it('stores an article once; the same article again is unchanged', async () => {
      const rec = seedRecord(seeds[0]);
      expect(await store.put(rec)).toMatchObject({ status: 'inserted', id: seeds[0].analysis.id });
      const before = await store.counts();
      expect(await store.put(seedRecord(seeds[0]))).toMatchObject({ status: 'unchanged' });
      expect(await store.counts()).toEqual(before);
      expect(await store.hashOf(seeds[0].analysis.id)).toBe(rec.contentHash);
      const back = await store.article(seeds[0].analysis.id);
      expect(back?.analysis).toEqual(seeds[0].analysis);
      expect(back?.text).toBe(seeds[0].text);
      expect(before.articles).toBe(1);
      expect(before.events).toBe(seeds[0].analysis.events.length);
    });

    it('a changed article replaces its own analysis and nothing else', async () => {
      await putAll();
      const before = await store.counts();
      const s = byId('001');
      const fewer = { events: s.analysis.events.slice(0, 3), quotes: [] };
      expect((await store.put(seedRecord(s, fewer, s.text + '\n'))).status).toBe('replaced');
      const after = await store.counts();
      expect(after.articles).toBe(before.articles);
      expect(after.events).toBe(before.events - (s.analysis.events.length - 3));
      expect(after.quotes).toBe(before.quotes - s.analysis.quotes.length);
      expect((await store.article(s.analysis.id))?.analysis.events).toHaveLength(3);
      expect(await store.check()).toEqual([]);
    });

    it('the same content under another id is an alias, not a second article', async () => {
      const s = seeds[2];
      await store.put(seedRecord(s));
      const again = await store.put(seedRecord(s, { id: 'copy-of-002' }));
      expect(again).toMatchObject({ status: 'duplicate', linkedTo: s.analysis.id, link: 'exact' });
      expect((await store.counts()).articles).toBe(1);
      expect((await store.article('copy-of-002'))?.summary.id).toBe(s.analysis.id);
    });

    it('one record per kb id, with every article and mention', async () => {
      await putAll();
      const nato = await store.entity('nato');
      expect(nato).not.toBeNull();
      expect(nato!.name_en).toBe('NATO');
      expect(nato!.articles.length).toBeGreaterThanOrEqual(4);
      const total = seeds.reduce((n, s) => n + (s.analysis.entities.find((e) => e.kb === 'nato')?.mentions.length ?? 0), 0);
      expect(nato!.mentionCount).toBe(total);
      for (const a of nato!.articles) for (const m of a.mentions) expect(seeds.find((s) => s.analysis.id === a.id)!.text.slice(m.start, m.end)).toBe(m.text);
      expect(await store.entity('no-such-entity')).toBeNull();
    });

    it('the same happening across outlets is one story event with its sources and evidence', async () => {
      await putAll();
      const retreat = (await store.stories({ entity: 'global-coalition-against-daesh', type: 'RETREAT', status: 'planned' })).filter((s) => s.time?.startsWith('2025-09'));
      expect(retreat).toHaveLength(1);
      const ids = retreat[0].sources.map((x) => x.article.id.slice(0, 3)).sort();
      expect(ids).toEqual(['000', '001', '003']);
      expect(retreat[0].sources.slice(1).every((x) => x.evidence.some((w) => w.includes('global-coalition-against-daesh')))).toBe(true);
      // the US–Iraq agreement of September 2024, reported by three articles
      const agree = (await store.stories({ type: 'AGREE', entity: 'usa' })).filter((s) => s.when?.from.startsWith('2024-09'));
      expect(agree).toHaveLength(1);
      expect(agree[0].sources.length).toBe(3);
      // one story by its id: the same story event as in the list; an unknown id is null
      expect(await store.story(agree[0].id)).toEqual(agree[0]);
      expect(await store.story(987_654_321)).toBeNull();
      // several types at once
      const two = await store.stories({ type: 'AGREE,RETREAT', limit: 10_000 });
      expect(new Set(two.map((s) => s.type))).toEqual(new Set(['AGREE', 'RETREAT']));
      expect(two.length).toBe((await store.stories({ type: 'AGREE', limit: 10_000 })).length + (await store.stories({ type: 'RETREAT', limit: 10_000 })).length);
      // the latest few of an entity's story events (an entity page): the last dated ones, in day order
      const usa = (await store.stories({ entity: 'usa', limit: 10_000 })).filter((x) => x.when);
      expect(usa.length).toBeGreaterThan(4);
      const latest = await store.stories({ entity: 'usa', limit: 3, latest: true });
      expect(latest.map((x) => x.id)).toEqual(usa.slice(-3).map((x) => x.id));
      const since = await store.stories({ entity: 'usa', limit: 2, latest: true, from: usa[1].when!.from });
      expect(since.map((x) => x.id)).toEqual(usa.slice(-2).map((x) => x.id));
    });

    it('distinct happenings stay apart: two meetings with Rutte on one day, two different meetings of the same people', async () => {
      await putAll();
      const rutte = await store.stories({ entity: 'mark-rutte', type: 'CONSULT' });
      expect(rutte).toHaveLength(2);
      // al-Sudani met NATO's heads on different days (Stoltenberg 2024-01-17, Schreurs 2024-10-30, Rutte 2025-02-05)
      const sudani = await store.stories({ entity: 'mohammed-shia-al-sudani', type: 'CONSULT' });
      expect(new Set(sudani.map((s) => s.when?.from)).size).toBe(sudani.length);
      // the same two people meeting again on another day is another story
      const s = byId('001');
      const later = structuredClone(s.analysis);
      later.id = 'later-meeting';
      later.published = { date: '2025-06-01', earliest: '2025-06-01', latest: '2025-06-01', basis: 'given', evidence: [] };
      later.events = later.events.filter((e) => e.type === 'CONSULT').map((e) => ({ ...e, time: '2025-06-01' }));
      await store.put(recordOf(later, s.text.replace('الأربعاء', 'الأحد')));
      const again = await store.stories({ entity: 'mark-rutte', type: 'CONSULT' });
      expect(again).toHaveLength(4);
    });

    it('a republished story with small edits is linked and adds no story event', async () => {
      await putAll();
      const before = await store.counts();
      const s = byId('003');
      const r = await store.put(republished(s, 'republished-003'));
      expect(r).toMatchObject({ status: 'inserted', linkedTo: s.analysis.id, link: 'near-duplicate' });
      const after = await store.counts();
      expect(after.stories).toBe(before.stories);
      expect(after.articles).toBe(before.articles + 1);
      const st = (await store.stories({ entity: 'global-coalition-against-daesh', type: 'RETREAT', status: 'planned' })).find((x) => x.time?.startsWith('2025-09'))!;
      const copy = st.sources.find((x) => x.article.id === 'republished-003')!;
      expect(copy.independent).toBe(false);
      expect(st.sources.filter((x) => x.independent)).toHaveLength(3);
      expect(await store.links('republished-003')).toEqual([{ from: 'republished-003', to: s.analysis.id, kind: 'near-duplicate', score: expect.any(Number) }]);
    });

    it('a page that embeds another story is linked as containing it', async () => {
      const inner = byId('000');
      const outer = byId('002');
      await store.put(seedRecord(inner));
      const text = outer.text + '\n' + inner.text;
      const a = structuredClone(outer.analysis);
      a.id = 'page-with-embed';
      const shift = outer.text.length + 1;
      a.sentences = [...a.sentences, ...inner.analysis.sentences.map((x) => ({ start: x.start + shift, end: x.end + shift }))];
      const r = await store.put(recordOf(a, text));
      expect(r).toMatchObject({ link: 'contains', linkedTo: inner.analysis.id });
      expect((await store.links(inner.analysis.id))[0]).toMatchObject({ from: 'page-with-embed', to: inner.analysis.id, kind: 'contains' });
    });

    it('figures about the same thing are listed side by side', async () => {
      await putAll();
      const claims = await conflicts(store);
      const us = claims.find((c) => c.unit === 'troops' && c.subject === 'usa' && c.location === 'iraq')!;
      expect(us).toBeDefined();
      const values = new Set(us.figures.map((f) => f.value));
      expect([...values].sort()).toEqual([2500, 3000, 5200]);
      expect(new Set(us.figures.map((f) => f.article.id.slice(0, 3)))).toEqual(new Set(['000', '001', '003', '004']));
      const nato = claims.find((c) => c.unit === 'troops' && c.subject === 'nato')!;
      expect(nato.figures.map((f) => [f.value, f.min, f.max])).toEqual(expect.arrayContaining([[500, null, null], [null, 4000, 5000]]));
    });

    it('the timeline runs from the coalition’s founding (2014) to the Erbil deadline (2026)', async () => {
      await putAll();
      const t = await timeline(store, { entity: 'global-coalition-against-daesh' });
      const dated = t.filter((e) => e.when);
      const founding = dated.find((e) => e.kind === 'fact' && e.fact!.sentence.includes('تأسس'))!;
      expect(founding.when!.from.slice(0, 4)).toBe('2014');
      expect(dated.filter((e) => e.when!.from < founding.when!.from).every((e) => e.when!.from.startsWith('2011'))).toBe(true);
      expect(dated.at(-1)!.when!.from.slice(0, 4)).toBe('2026');
      expect(t.some((e) => e.kind === 'event' && e.story!.type === 'MOBILIZE' && e.story!.location === 'erbil')).toBe(true);
      const only = await timeline(store, { entity: 'global-coalition-against-daesh', from: '2025-01-01', to: '2025-12-31' });
      expect(only.every((e) => !e.when || (e.when.to >= '2025-01-01' && e.when.from <= '2025-12-31'))).toBe(true);
    });

    it('finds the realized stories that could report a plan carried out, and only those', async () => {
      await putAll();
      const all = await store.stories({ limit: 10_000 });
      const realized = all.filter((x) => x.status === 'realized' && x.when);
      const plans = all.filter((x) => x.status !== 'realized' && x.when);
      // probes: from the seeds' plans (one party, wide windows), from realized stories (all their
      // parties, their place or none), and one by place only
      const wide = { from: '2014-01-01', to: '2026-12-31' };
      const probes: StoryProbe[] = [
        ...plans.filter((x) => x.actors.length).map((x) => ({ type: x.type, keys: x.actors.slice(0, 1), places: x.location ? [x.location] : [], unplaced: true, ...wide })),
        ...realized.map((x) => ({ type: x.type, keys: [...x.actors, ...x.targets], places: x.location ? [x.location, 'nowhere'] : [], unplaced: false, ...x.when! })),
      ];
      const placed = realized.find((x) => x.location)!;
      probes.push({ type: placed.type, keys: [], places: ['nowhere', placed.location!], unplaced: false, ...placed.when! });
      const expected = realized.filter((x) =>
        probes.some(
          (p) =>
            p.type === x.type &&
            x.when!.to >= p.from &&
            x.when!.from <= p.to &&
            p.keys.every((k) => [...x.actors, ...x.targets].includes(k)) &&
            (p.keys.length ? !p.places.length || (x.location ? p.places.includes(x.location) : p.unplaced) : !!x.location && p.places.includes(x.location)),
        ),
      );
      expect(expected.length).toBeLessThan(realized.length);
      const got = await store.realizedFor(probes);
      expect(got.map((x) => x.id)).toEqual(expected.map((x) => x.id));
      expect(got.length).toBeGreaterThan(1);
      expect(got.map((x) => x.id)).toContain(placed.id);
      // with its reports
      expect(got.find((x) => x.id === placed.id)).toEqual(placed);
      // another type, another period: nothing
      const other = ['THREATEN', 'PROTEST', 'SANCTION', 'ASSAULT'].find((t) => !realized.some((x) => x.type === t))!;
      expect(await store.realizedFor([{ ...probes.at(-1)!, type: other }])).toEqual([]);
      expect(await store.realizedFor([{ ...probes.at(-1)!, from: '1990-01-01', to: '1990-12-31' }])).toEqual([]);
      expect(await store.realizedFor([])).toEqual([]);
    });

    it('deadlines are due, passed or met relative to a day', async () => {
      await putAll();
      const early = await deadlines(store, '2025-06-01');
      const end2025 = early.find((d) => d.kind === 'event' && d.story!.type === 'RETREAT' && d.due === '2025-09-30')!;
      expect(end2025.status).toBe('due');
      const erbil = early.find((d) => d.kind === 'event' && d.story!.location === 'erbil')!;
      expect(erbil).toMatchObject({ due: '2026-09-30', status: 'due' });
      const late = await deadlines(store, '2026-11-01');
      expect(late.find((d) => d.story?.id === end2025.story!.id)!.status).toBe('passed');
      // a later report that the coalition withdrew meets it
      const s = byId('003');
      const done = structuredClone(s.analysis);
      done.id = 'withdrawal-done';
      done.published = { date: '2025-09-28', earliest: '2025-09-28', latest: '2025-09-28', basis: 'given', evidence: [] };
      done.events = [{ ...done.events.find((e) => e.type === 'RETREAT')!, status: 'realized', time: '2025-09-28' }];
      await store.put(recordOf(done, s.text.replace('حالياً', 'الآن')));
      const after = await deadlines(store, '2026-11-01');
      expect(after.find((d) => d.story?.id === end2025.story!.id)!.status).toBe('met');
    });

    it('searches Arabic text: stems, diacritics, quotes and events', async () => {
      await putAll();
      const hits = await store.search({ text: 'الاتفاقات' });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.some((h) => h.snippet?.includes('[الاتفاق'))).toBe(true);
      const voweled = await store.search({ text: 'الاتِّفاقُ' });
      expect(voweled.map((h) => h.article.id).sort()).toEqual(hits.map((h) => h.article.id).sort());
      const quotes = await store.search({ text: 'داعش', kinds: ['quote'] });
      expect(quotes.length).toBeGreaterThan(0);
      expect(quotes.every((h) => h.kind === 'quote')).toBe(true);
      const events = await store.search({ text: 'إنهاء مهمة التحالف', kinds: ['event'] });
      expect(events.length).toBeGreaterThan(0);
      // an event hit says its type, status and story; the story holds that very report
      for (const h of events) {
        expect(h.event).toMatchObject({ type: expect.stringMatching(/^[A-Z_]+$/), status: expect.any(String), story: expect.any(Number) });
        const st = (await store.story(h.event!.story))!;
        expect(st.sources.some((x) => x.article.id === h.article.id && x.eventIdx === h.idx)).toBe(true);
      }
      expect(events.some((h) => h.event!.type === 'RETREAT')).toBe(true);
      expect(quotes.every((h) => h.event === null)).toBe(true);
      expect(await store.search({ text: 'في من على' })).toEqual([]);
      expect(await store.search({ text: 'كلمةغيرموجودةابدا' })).toEqual([]);
    });

    it('keeps no trace of a replaced article in search', async () => {
      const s = byId('001');
      await store.put(seedRecord(s));
      expect((await store.search({ text: 'روته' })).length).toBeGreaterThan(0);
      const other = 'خبر قصير عن الطقس في عمان اليوم.';
      await store.put(recordOf({ ...structuredClone(s.analysis), entities: [], events: [], quotes: [], times: [], quantities: [], sentences: [{ start: 0, end: other.length }] }, other));
      expect(await store.search({ text: 'روته' })).toEqual([]);
      expect((await store.search({ text: 'الطقس' })).length).toBe(1);
      expect(await store.check()).toEqual([]);
    });

    it('lists articles latest first, pages them and finds them by title words', async () => {
      await putAll();
      const all = await store.articleList({ limit: 500 });
      expect(all.total).toBe(seeds.length);
      const days = all.items.map((a) => a.published?.to ?? '');
      expect(days).toEqual([...days].sort().reverse());
      const page = await store.articleList({ limit: 2, offset: 1 });
      expect(page.items.map((a) => a.id)).toEqual(all.items.slice(1, 3).map((a) => a.id));
      // titles match with diacritics and hamza forms folded
      await store.put(seedRecord(byId('003'), { title: 'الناتو يُنهي مهمّته في العراق' }, byId('003').text + ' '));
      expect((await store.articleList({ title: 'ينهي مهمته' })).items.map((a) => a.id)).toEqual([byId('003').analysis.id]);
      expect((await store.articleList({ title: 'كلمةلاتوجد' })).total).toBe(0);
    });

    it('lists entities by how many articles mention them, filtered by type and name', async () => {
      await putAll();
      const all = await store.entityList({ limit: 1000 });
      expect(all.items[0].articles).toBe(seeds.length);
      const nato = all.items.find((e) => e.kb === 'nato')!;
      expect(nato.mentions).toBe((await store.entity('nato'))!.mentionCount);
      const people = await store.entityList({ type: 'PER', limit: 1000 });
      expect(people.items.length).toBeGreaterThan(3);
      expect(people.items.every((e) => e.type === 'PER')).toBe(true);
      expect((await store.entityList({ name: 'stoltenberg' })).items.map((e) => e.kb)).toContain('jens-stoltenberg');
      expect((await store.entityList({ name: 'ستولتنبرغ' })).items.map((e) => e.kb)).toContain('jens-stoltenberg');
    });

    it('finds the quotes of a speaker and the entities seen with it', async () => {
      await putAll();
      const speakers = seeds.flatMap((s) => s.analysis.quotes.map((q) => s.analysis.entities.find((e) => e.id === q.speaker)?.kb)).filter(Boolean) as string[];
      const top = speakers.sort((a, b) => speakers.filter((x) => x === b).length - speakers.filter((x) => x === a).length)[0];
      const quotes = await store.quotesBy(top);
      expect(quotes.length).toBe(speakers.filter((x) => x === top).length);
      for (const q of quotes) expect(seeds.find((s) => s.analysis.id === q.article.id)!.text.slice(q.start, q.end)).toBe(q.text);
      const co = await store.cooccurring('nato');
      expect(co.map((e) => e.kb)).toContain('iraq');
      expect(co.map((e) => e.kb)).not.toContain('nato');
      expect(await store.quotesBy('no-such-entity')).toEqual([]);
    });

    it('counts story events by place', async () => {
      await putAll();
      const places = await store.places();
      expect(places.length).toBeGreaterThan(0);
      const stories = await store.stories({ limit: 10_000 });
      for (const p of places) {
        expect(p.events).toBe(stories.filter((s) => s.location === p.key).length);
        expect(Object.values(p.types).reduce((a, b) => a + b, 0)).toBe(p.events);
      }
    });

    it('has a revision that changes with every write and only then', async () => {
      const r0 = await store.revision();
      expect(await store.revision()).toBe(r0);
      await store.put(seedRecord(seeds[0]));
      const r1 = await store.revision();
      expect(r1).not.toBe(r0);
      await store.put(seedRecord(seeds[0])); // unchanged
      expect(await store.revision()).toBe(r1);
      await store.search({ text: 'الناتو' });
      expect(await store.revision()).toBe(r1);
    });

    describe('several articles in one transaction (putMany)', () => {
      /** Everything a batch could change, ingest times aside. */
      const snapshot = async (st: Store) => {
        const stories = await st.stories({ limit: 10_000 });
        const ids: string[] = [];
        for await (const a of st.articles()) ids.push(`${a.summary.id} ${a.summary.contentHash}`);
        const hits = [];
        for (const text of ['الناتو', 'التحالف الدولي', 'انسحاب القوات', 'روته', 'أربيل'])
          hits.push((await st.search({ text, limit: 100 })).map((h) => `${h.kind} ${h.article.id} ${h.idx} ${h.snippet} ${h.event?.story ?? ''}`));
        return {
          counts: await st.counts(),
          articles: ids,
          aliases: await Promise.all(['copy-of-001', 'copy-of-003'].map(async (id) => (await st.article(id))?.summary.id ?? null)),
          stories: stories.map((x) => ({ ...x, sources: x.sources.map(({ article, ...y }) => ({ article: article.id, ...y })) })),
          links: await st.links(),
          entities: (await st.entityList({ limit: 1000 })).items,
          nato: (await st.entity('nato'))?.articles.map((a) => `${a.id} ${a.mentions.length}`),
          hits,
          figures: (await st.figures()).map(({ article, ...f }) => ({ article: article.id, ...f })),
          facts: (await st.facts({ limit: 10_000 })).map(({ article, ...f }) => ({ article: article.id, ...f })),
        };
      };
      const status = (rs: (PutResult | Error)[]) => rs.map((r) => (r instanceof Error ? 'failed' : `${r.status} ${r.linkedTo ?? ''} ${r.link ?? ''}`));
      const many = (st: Store, rs: ArticleRecord[]) => {
        expect(typeof st.putMany).toBe('function');
        return st.putMany!(rs);
      };
      const oneByOne = async (st: Store, rs: ArticleRecord[]) => {
        const out: (PutResult | Error)[] = [];
        for (const r of rs) out.push(await st.put(r));
        return out;
      };
      const changed = (s: Seed) => seedRecord(s, { events: s.analysis.events.slice(0, 2), quotes: [] }, s.text + '\n');

      it('store what one put after another stores: stories across the batch, links, copies, a replacement', async () => {
        // the seeds (whose stories span articles), a republished copy of one of them and an exact
        // copy of another, both in the batch; then the same id again, unchanged and changed
        const records = () => [
          ...seeds.map((x) => seedRecord(x)),
          republished(seeds[3], 'republished-003'),
          seedRecord(seeds[1], { id: 'copy-of-001' }),
          seedRecord(seeds[0]),
          changed(seeds[2]),
          seedRecord(seeds[4], { id: 'edited-004' }, seeds[4].text + ' '),
        ];
        const one = await factory();
        try {
          const want = await oneByOne(one, records());
          const got = await many(store, records());
          expect(status(got)).toEqual(status(want));
          expect(status(got).map((x) => x.split(' ')[0])).toEqual(['inserted', 'inserted', 'inserted', 'inserted', 'inserted', 'inserted', 'duplicate', 'unchanged', 'replaced', 'inserted']);
          expect(await snapshot(store)).toEqual(await snapshot(one));
          // an event of a later article joined the story an earlier one of the batch made
          const retreat = (await store.stories({ entity: 'global-coalition-against-daesh', type: 'RETREAT', status: 'planned' })).filter((s) => s.time?.startsWith('2025-09'));
          expect(retreat.map((s) => s.sources.map((x) => x.article.id.slice(0, 3)).sort())).toEqual([['000', '001', '003', 'rep']]);
          expect(await store.links('republished-003')).toEqual([expect.objectContaining({ from: 'republished-003', kind: 'near-duplicate' })]);
          expect(await store.check()).toEqual([]);
        } finally {
          await one.close();
        }
      });

      it('on a store that holds articles already: replacements, copies and unchanged ones among new ones', async () => {
        const first = () => [seedRecord(seeds[0]), seedRecord(seeds[1]), seedRecord(seeds[3])];
        const records = () => [
          seedRecord(seeds[2]),
          changed(seeds[0]),
          seedRecord(seeds[1]),
          seedRecord(seeds[3], { id: 'copy-of-003' }),
          republished(seeds[3], 'republished-003'),
          changed(seeds[3]),
          seedRecord(seeds[4]),
          seedRecord(seeds[1], { id: 'copy-of-001' }),
        ];
        const one = await factory();
        try {
          await oneByOne(one, first());
          await oneByOne(store, first());
          const want = await oneByOne(one, records());
          const got = await many(store, records());
          expect(status(got)).toEqual(status(want));
          expect(status(got).map((x) => x.split(' ')[0])).toEqual(['inserted', 'replaced', 'unchanged', 'duplicate', 'inserted', 'replaced', 'inserted', 'duplicate']);
          expect(await snapshot(store)).toEqual(await snapshot(one));
          expect(await store.check()).toEqual([]);
        } finally {
          await one.close();
        }
      });

      it('an article that fails in the middle of a batch fails alone: absent, every row of it; the others as they would be alone', async () => {
        // an event whose day is no calendar day makes its article fail
        const bad = seedRecord(seeds[2]);
        expect(bad.rows.events.length).toBeGreaterThan(0);
        bad.rows.events[0].when = { from: '2025-13-45', to: '2025-13-45' };
        const out = await many(store, [seedRecord(seeds[0]), seedRecord(seeds[1]), bad, seedRecord(seeds[3]), republished(seeds[3], 'republished-003'), seedRecord(seeds[4])]);
        expect(out.map((r) => (r instanceof Error ? 'failed' : r.status))).toEqual(['inserted', 'inserted', 'failed', 'inserted', 'inserted', 'inserted']);
        expect(await store.hashOf(seeds[2].analysis.id)).toBeNull();
        const alone = await factory();
        try {
          await oneByOne(alone, [seedRecord(seeds[0]), seedRecord(seeds[1]), seedRecord(seeds[3]), republished(seeds[3], 'republished-003'), seedRecord(seeds[4])]);
          expect(await snapshot(store)).toEqual(await snapshot(alone));
          expect(await store.check()).toEqual([]);
          // and the batch again, the bad article mended: only it is new
          const again = await many(store, [seedRecord(seeds[0]), seedRecord(seeds[2]), seedRecord(seeds[4])]);
          expect(status(again).map((x) => x.split(' ')[0])).toEqual(['unchanged', 'inserted', 'unchanged']);
          expect(await many(store, [])).toEqual([]);
        } finally {
          await alone.close();
        }
      });
    });

    it('exports every article in id order', async () => {
      await putAll();
      const ids: string[] = [];
      for await (const a of store.articles()) ids.push(a.summary.id);
      expect(ids).toEqual(seeds.map((s) => s.analysis.id).sort());
    });
  });
}
