// The HTTP API (src/http) over a store holding the five seed articles (the store fixtures: their
// analyses as the gold gives them), on SQLite and on PostgreSQL (the server on 127.0.0.1:5432; no
// server is a failure unless MARSAD_SKIP_PG=1). Every route, good and bad parameters, unknown
// ids, the token, and the security headers. Requests go through Fastify's inject (no socket).
import { gunzipSync } from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { createTestDatabase, type TestDatabase } from '../src/store/postgres/testdb.js';
import { loadSeeds, seedRecord } from '../src/store/store.case.js';
import type { Store } from '../src/store/types.js';

const TOKEN = 'test-token-0123456789';
const seeds = loadSeeds();
const json = (r: { body: string }) => JSON.parse(r.body);

let pgdb: TestDatabase | null = null;
const stores: [string, () => Promise<Store>][] = [
  ['sqlite', async () => openSqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-api-')), 'api.db'))],
];
if (process.env.MARSAD_SKIP_PG !== '1')
  stores.push([
    'postgres',
    async () => {
      pgdb = await createTestDatabase('marsad_api');
      return openPostgresStore(pgdb.url);
    },
  ]);
afterAll(async () => {
  await pgdb?.drop();
}, 60_000);

describe.each(stores)('the API on %s', (_kind, openTestStore) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-api-web-'));
  let store: Store;
  let app: FastifyInstance;
  let open: FastifyInstance; // no token: read-only
  const web = path.join(tmp, 'web');
  const get = (url: string, server = app) => server.inject({ method: 'GET', url });

  beforeAll(async () => {
    store = await openTestStore();
    for (const s of seeds) await store.put(seedRecord(s));
    fs.mkdirSync(web);
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Marsad</title>');
    app = await buildServer({ store, token: TOKEN, webDir: web, rateLimit: 0 });
    open = await buildServer({ store, webDir: web, rateLimit: 0 });
  });
  afterAll(async () => {
    await app.close();
    await open.close();
    await store.close();
  });

  describe('reading routes', () => {
    it('GET /api/health', async () => {
      const r = await get('/api/health');
      expect(r.statusCode).toBe(200);
      expect(json(r)).toMatchObject({ status: 'ok', store: _kind, ingest: true, counts: { articles: 5 } });
      expect(json(await get('/api/health', open)).ingest).toBe(false);
    });

    it('GET /api/articles lists, pages and filters by title', async () => {
      const r = json(await get('/api/articles?limit=2&offset=1'));
      expect(r.total).toBe(5);
      expect(r.items).toHaveLength(2);
      const all = json(await get('/api/articles')).items.map((a: { id: string }) => a.id);
      expect(r.items.map((a: { id: string }) => a.id)).toEqual(all.slice(1, 3));
      expect(json(await get('/api/articles?q=' + encodeURIComponent('لاتوجدكلمة'))).total).toBe(0);
    });

    it('GET /api/articles/:id gives the text, the analysis and its links; 404 for an unknown id', async () => {
      const s = seeds[1];
      const r = json(await get(`/api/articles/${s.analysis.id}`));
      expect(r.text).toBe(s.text);
      expect(r.analysis.schema).toBe('marsad.analysis/1');
      expect(r.analysis.events.length).toBe(s.analysis.events.length);
      // each local entity id maps to its store key, which opens its entity page
      for (const e of r.analysis.entities) expect(r.keys[e.id]).toBe(e.kb ?? expect.any(String));
      const local = r.analysis.entities.find((e: { kb: string | null }) => !e.kb);
      if (local) expect((await get(`/api/entities/${encodeURIComponent(r.keys[local.id])}`)).statusCode).toBe(200);
      const miss = await get('/api/articles/no-such-article');
      expect(miss.statusCode).toBe(404);
      expect(json(miss).error).toMatchObject({ code: 'E_NOT_FOUND' });
      expect(json(miss).error.message).toContain('no-such-article');
    });

    it('GET /api/entities lists by type and name; /api/entities/:id gives roles, events, quotes, co-occurring', async () => {
      const people = json(await get('/api/entities?type=PER&limit=100'));
      expect(people.items.length).toBeGreaterThan(3);
      expect(people.items.every((e: { type: string }) => e.type === 'PER')).toBe(true);
      expect(json(await get('/api/entities?q=Sudani')).items.map((e: { kb: string }) => e.kb)).toContain('mohammed-shia-al-sudani');

      const r = json(await get('/api/entities/mohammed-shia-al-sudani'));
      expect(r.entity).toMatchObject({ kb: 'mohammed-shia-al-sudani', name_en: 'Mohammed Shia al-Sudani', type: 'PER' });
      expect(r.entity.roles).toContainEqual(expect.objectContaining({ role: 'Prime Minister', org: 'iraq', from: '2022-10-27' }));
      expect(r.names.iraq.name_en).toBe('Iraq');
      expect(r.events.length).toBeGreaterThan(0);
      for (const e of r.events) expect([...e.actors, ...e.targets, e.location]).toContain(r.entity.key);
      expect(r.quotes.length).toBeGreaterThan(0);
      expect(r.cooccurring.map((e: { kb: string }) => e.kb)).toContain('iraq');
      expect(r.articles.length).toBeGreaterThanOrEqual(3);

      const place = json(await get('/api/entities/baghdad'));
      expect(place.entity.coords).toEqual({ lat: expect.any(Number), lon: expect.any(Number) });
      expect((await get('/api/entities/no-such-entity')).statusCode).toBe(404);
    });

    it('GET /api/timeline runs from 2014 to 2026 with names in both languages, and filters', async () => {
      const r = json(await get('/api/timeline'));
      const days = r.entries.map((e: { when: { from: string } | null }) => e.when?.from).filter(Boolean);
      expect(days[0] <= '2014-12-31').toBe(true);
      expect(days.some((d: string) => d.startsWith('2026'))).toBe(true);
      const story = r.entries.find((e: { story: unknown }) => e.story).story;
      for (const k of story.actors) expect(r.names[k]).toMatchObject({ key: k, name: expect.any(String) });
      expect(r.names.nato.name_en).toBe('NATO');

      const agree = json(await get('/api/timeline?type=AGREE&entity=usa&from=2024-09-01&to=2024-09-30'));
      expect(agree.entries.length).toBeGreaterThan(0);
      for (const e of agree.entries) {
        expect(e.story.type).toBe('AGREE');
        expect(e.when.to >= '2024-09-01' && e.when.from <= '2024-09-30').toBe(true);
      }
      const planned = json(await get('/api/timeline?status=planned'));
      expect(planned.entries.every((e: { story: { status: string } }) => e.story.status === 'planned')).toBe(true);
      expect(json(await get('/api/timeline?limit=3')).entries.filter((e: { kind: string }) => e.kind === 'event').length).toBeLessThanOrEqual(3);
    });

    it('GET /api/timeline is lean (counts and the first report); GET /api/stories/:id has every report', async () => {
      const r = json(await get('/api/timeline?type=RETREAT&status=planned&entity=global-coalition-against-daesh'));
      const e = r.entries.find((x: { story: { time: string | null } }) => x.story.time?.startsWith('2025-09'));
      // the coalition's planned end of mission in September 2025, reported by three seed articles
      expect(e.story).toMatchObject({ type: 'RETREAT', status: 'planned', articleCount: 3, sourceCount: 3 });
      expect(e.story.sources).toHaveLength(1);
      for (const src of e.story.sources) {
        expect(Object.keys(src).sort()).toEqual(['article', 'eventIdx', 'sentence', 'status', 'trigger']);
        expect(Object.keys(src.article).sort()).toEqual(['id', 'published', 'source']);
        expect(src.sentence).toContain(src.trigger.text);
      }
      const full = json(await get(`/api/stories/${e.story.id}`));
      expect(full.story.id).toBe(e.story.id);
      expect(full.story.sources.map((x: { article: { id: string } }) => x.article.id.slice(0, 3)).sort()).toEqual(['000', '001', '003']);
      expect(full.story.sources.every((x: { evidence: unknown[]; independent: boolean }) => Array.isArray(x.evidence) && typeof x.independent === 'boolean')).toBe(true);
      for (const k of full.story.actors) expect(full.names[k]).toMatchObject({ key: k });
      expect(full.names['global-coalition-against-daesh'].name_en).toMatch(/Coalition/);
      const missing = await get('/api/stories/99999999');
      expect(missing.statusCode).toBe(404);
      expect(json(missing).error.code).toBe('E_NOT_FOUND');
      for (const bad of ['/api/stories/abc', '/api/stories/0', '/api/stories/-3', '/api/stories/1e99']) expect((await get(bad)).statusCode, bad).toBe(400);
    });

    it('dated statements in the timeline have a stable id: their article and time index', async () => {
      const facts = json(await get('/api/timeline')).entries.filter((e: { kind: string }) => e.kind === 'fact');
      expect(facts.length).toBeGreaterThan(0);
      const ids = facts.map((e: { fact: { article: { id: string }; idx: number } }) => `${e.fact.article.id}:${e.fact.idx}`);
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of facts.slice(0, 5)) {
        const a = json(await get(`/api/articles/${encodeURIComponent(e.fact.article.id)}`));
        expect(a.analysis.times[e.fact.idx]).toMatchObject({ type: 'DATE', text: e.fact.text, value: e.fact.value });
      }
      // the same statement keeps its id under another filter
      const one = facts[0].fact;
      const again = json(await get(`/api/timeline?from=${one.when.from}&to=${one.when.to}`)).entries.find(
        (e: { fact: { article: { id: string }; idx: number } | null }) => e.fact?.article.id === one.article.id && e.fact?.idx === one.idx,
      );
      expect(again.fact.text).toBe(one.text);
    });

    it('sends the same JSON gzipped to a client that accepts it; small answers as they are', async () => {
      const plain = await get('/api/timeline');
      const gz = await app.inject({ method: 'GET', url: '/api/timeline', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(gz.statusCode).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
      expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
      expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      const health = await app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'gzip' } });
      expect(health.headers['content-encoding']).toBeUndefined();
      expect(json(health).status).toBe('ok');
    });

    it('GET /api/timeline?type=A,B filters on several types', async () => {
      const both = json(await get('/api/timeline?type=AGREE,CONSULT'));
      const types = new Set(both.entries.map((e: { story: { type: string } }) => e.story.type));
      expect(types).toEqual(new Set(['AGREE', 'CONSULT']));
      const agree = json(await get('/api/timeline?type=AGREE')).entries.length;
      const consult = json(await get('/api/timeline?type=CONSULT')).entries.length;
      expect(both.entries.length).toBe(agree + consult);
      expect((await get('/api/timeline?type=AGREE,PARTY')).statusCode).toBe(400);
      expect((await get('/api/timeline?type=AGREE,')).statusCode).toBe(400);
    });

    it('GET /api/search finds «الاتفاق» for «الاتفاقات», by kind', async () => {
      const r = json(await get('/api/search?q=' + encodeURIComponent('الاتفاقات')));
      expect(r.hits.length).toBeGreaterThan(0);
      expect(r.hits.some((h: { text: string; snippet: string | null }) => /الاتفاق/.test(h.snippet ?? h.text))).toBe(true);
      const quotes = json(await get('/api/search?kind=quote&q=' + encodeURIComponent('الناتو')));
      expect(quotes.hits.length).toBeGreaterThan(0);
      expect(quotes.hits.every((h: { kind: string }) => h.kind === 'quote')).toBe(true);
    });

    it('GET /api/conflicts lists the US troop figures side by side', async () => {
      const r = json(await get('/api/conflicts'));
      const us = r.claims.find((c: { subject: string; unit: string }) => c.subject === 'usa' && c.unit === 'troops');
      expect(us).toBeTruthy();
      expect(new Set(us.figures.map((f: { value: number }) => f.value)).size).toBeGreaterThan(1);
      expect(r.names.usa.name_en).toBe('United States');
      expect(json(await get('/api/conflicts?kind=change')).claims.every((c: { kind: string }) => c.kind === 'change')).toBe(true);
    });

    it('GET /api/deadlines judges against the given day', async () => {
      const before = json(await get('/api/deadlines?date=2025-01-01'));
      expect(before.date).toBe('2025-01-01');
      const erbil = (d: { due: string }) => d.due.startsWith('2026-09');
      expect(before.deadlines.find(erbil)?.status).toBe('due');
      const after = json(await get('/api/deadlines?date=2027-01-01'));
      expect(['passed', 'met']).toContain(after.deadlines.find(erbil)?.status);
      expect(json(await get('/api/deadlines?date=2025-01-01&status=due')).deadlines.every((d: { status: string }) => d.status === 'due')).toBe(true);
    });

    it('GET /api/deadlines and /api/conflicts come a page at a time, with the totals and counts of the whole list', async () => {
      const all = json(await get('/api/deadlines?date=2025-01-01&limit=1000'));
      expect(all.total).toBe(all.deadlines.length);
      expect(all.total).toBeGreaterThan(3);
      expect(all.counts.due + all.counts.passed + all.counts.met).toBe(all.total);
      const pages = [json(await get('/api/deadlines?date=2025-01-01&limit=2')), json(await get('/api/deadlines?date=2025-01-01&limit=2&offset=2'))];
      expect(pages.map((p) => p.deadlines.length)).toEqual([2, 2]);
      expect(pages.map((p) => p.total)).toEqual([all.total, all.total]);
      expect(pages[1].offset).toBe(2);
      // the pages are the whole list's first four, in due order
      expect([...pages[0].deadlines, ...pages[1].deadlines]).toEqual(all.deadlines.slice(0, 4));
      const due = json(await get('/api/deadlines?date=2025-01-01&status=due&limit=1'));
      expect(due.total).toBe(all.counts.due);
      expect(due.counts).toEqual(all.counts);
      const claims = json(await get('/api/conflicts'));
      const one = json(await get('/api/conflicts?limit=1&offset=1'));
      expect(one.total).toBe(claims.total);
      expect(one.claims).toEqual(claims.claims.slice(1, 2));
      expect(claims.counts.conflict + claims.counts.change).toBe(claims.total);
      expect(json(await get('/api/conflicts?offset=1000')).claims).toEqual([]);
    });

    it('GET /api/map gives event places with coordinates and counts', async () => {
      const r = json(await get('/api/map'));
      const baghdad = r.places.find((p: { kb: string }) => p.kb === 'baghdad');
      expect(baghdad).toMatchObject({ name_en: 'Baghdad', lat: expect.any(Number), lon: expect.any(Number) });
      expect(baghdad.events).toBeGreaterThan(0);
      expect(Object.values(baghdad.types).reduce((a: number, b) => a + (b as number), 0)).toBe(baghdad.events);
    });

    it('serves the OpenAPI document and the UI', async () => {
      const doc = json(await get('/api/docs/json'));
      expect(doc.openapi).toMatch(/^3/);
      for (const p of ['/api/timeline', '/api/search', '/api/entities/{id}', '/api/articles']) expect(doc.paths[p]).toBeTruthy();
      expect((await get('/api/docs')).statusCode).toBeLessThan(400);
      const ui = await get('/');
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('<title>Marsad</title>');
    });
  });

  describe('bad requests', () => {
    it.each([
      ['/api/timeline?from=2024-13-45', /from|date/],
      ['/api/timeline?from=yesterday', /from/],
      ['/api/timeline?from=2025-01-01&to=2024-01-01', /after/],
      ['/api/timeline?type=PARTY', /type/],
      ['/api/timeline?status=maybe', /status/],
      ['/api/timeline?limit=0', /limit/],
      ['/api/timeline?limit=abc', /limit/],
      ['/api/timeline?colour=red', /colour/],
      ['/api/articles?limit=100000', /limit/],
      ['/api/articles?offset=-1', /offset/],
      ['/api/search', /q/],
      ['/api/search?q=', /q/],
      ['/api/search?q=%20%20', /q/],
      ['/api/search?q=x&kind=everything', /kind/],
      ['/api/entities?type=ANIMAL', /type/],
      ['/api/conflicts?kind=both', /kind/],
      ['/api/deadlines?date=2025-02-30x', /date/],
      ['/api/deadlines?date=2025-02-30', /2025-02-30/],
      ['/api/timeline?from=2025-04-31', /2025-04-31/],
      ['/api/timeline?to=2023-02-29', /2023-02-29/],
      ['/api/deadlines?status=late', /status/],
      ['/api/deadlines?limit=0', /limit/],
      ['/api/conflicts?offset=-1', /offset/],
    ])('%s → 400 with a message', async (url, why) => {
      const r = await get(url);
      expect(r.statusCode).toBe(400);
      const e = json(r).error;
      expect(e.code).toMatch(/^E_BAD_/);
      expect(e.message).toMatch(why);
    });

    it('an unknown route is 404 in the same shape', async () => {
      const r = await get('/api/nothing-here');
      expect(r.statusCode).toBe(404);
      expect(json(r).error.code).toBe('E_NOT_FOUND');
    });

    it('SQL and FTS syntax in parameters is data, not code', async () => {
      const before = (await store.counts()).articles;
      for (const q of [`'; DROP TABLE articles; --`, `" OR 1=1 --`, 'NEAR(a b', '*', 'body:x', `') UNION SELECT text FROM articles --`]) {
        const r = await get('/api/search?q=' + encodeURIComponent(q));
        expect([200, 400]).toContain(r.statusCode);
        if (r.statusCode === 200) expect(Array.isArray(json(r).hits)).toBe(true);
        const t = await get('/api/timeline?entity=' + encodeURIComponent(q));
        expect(t.statusCode).toBe(200);
        expect(json(t).entries.filter((e: { kind: string }) => e.kind === 'event')).toEqual([]);
        expect((await get('/api/articles?q=' + encodeURIComponent(q))).statusCode).toBe(200);
      }
      expect((await store.counts()).articles).toBe(before);
    });

    it('refuses path traversal out of the UI folder', async () => {
      fs.writeFileSync(path.join(tmp, 'secret.txt'), 'TOP-SECRET-CONTENT');
      for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
        const r = await get(url);
        expect(r.statusCode).toBeGreaterThanOrEqual(400);
        expect(r.body).not.toContain('TOP-SECRET-CONTENT');
      }
    });

    it('sends security headers: a CSP without inline script, no CORS', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('POST /api/articles', () => {
    const article = { id: 'api-post-1', published: '2025-03-01', source: 'Test Wire', text: 'بغداد - أعلن رئيس الوزراء العراقي محمد شياع السوداني، اليوم السبت، أن بلاده وقعت اتفاقا مع حلف شمال الأطلسي لتوسيع مهمة التدريب.' };
    const post = (body: unknown, headers: Record<string, string> = {}, server = app) =>
      server.inject({ method: 'POST', url: '/api/articles', payload: body as object, headers: { 'content-type': 'application/json', ...headers } });

    it('is off without a server token (403)', async () => {
      const r = await post(article, { authorization: `Bearer ${TOKEN}` }, open);
      expect(r.statusCode).toBe(403);
      expect(json(r).error.code).toBe('E_INGEST_OFF');
    });

    it('needs the right token (401)', async () => {
      expect((await post(article)).statusCode).toBe(401);
      expect((await post(article, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
      expect((await post(article, { authorization: TOKEN })).statusCode).toBe(401);
      expect((await store.article('api-post-1'))).toBeNull();
    });

    it('analyses and stores an article, once', async () => {
      const auth = { authorization: `Bearer ${TOKEN}` };
      // answers kept by the cache are dropped when the store changes
      const counted = json(await get('/api/health')).counts.articles;
      const found = json(await get('/api/search?q=' + encodeURIComponent('السوداني'))).hits.length;
      const r = await post(article, auth);
      expect(r.statusCode).toBe(200);
      expect(json(await get('/api/health')).counts.articles).toBe(counted + 1);
      expect(json(await get('/api/search?q=' + encodeURIComponent('السوداني'))).hits.length).toBeGreaterThan(found);
      expect(json(r).results).toEqual([{ id: 'api-post-1', status: 'inserted' }]);
      const back = json(await get('/api/articles/api-post-1'));
      expect(back.analysis.entities.map((e: { kb: string }) => e.kb)).toContain('mohammed-shia-al-sudani');
      expect(json(await post(article, auth)).results).toEqual([{ id: 'api-post-1', status: 'unchanged' }]);
    });

    it('an article whose id is a URL (a feed item\'s guid or link) can be read back', async () => {
      const auth = { authorization: `Bearer ${TOKEN}` };
      const long = 'https://www.skynewsarabia.com/middle-east/1186883-' + encodeURIComponent('المخابرات العراقية تتدخل لحل لغز الاغتيالات');
      for (const id of ['https://example.com/news/2025/03/01/a?x=1', long]) {
        const r = await post({ ...article, id, text: article.text + ' ' + id.length }, auth);
        expect(r.statusCode).toBe(200);
        const back = await get('/api/articles/' + encodeURIComponent(id));
        expect(back.statusCode).toBe(200);
        expect(json(back).summary.id).toBe(id);
      }
    });

    it('refuses a bad record by name and stores nothing of the batch', async () => {
      const auth = { authorization: `Bearer ${TOKEN}` };
      const before = (await store.counts()).articles;
      const r = await post({ articles: [{ ...article, id: 'api-post-2' }, { id: 'x', text: 42 }] }, auth);
      expect(r.statusCode).toBe(400);
      expect(json(r).error.message).toMatch(/articles\[1\]/);
      expect((await store.counts()).articles).toBe(before);
      expect((await post({ title: 'no text' }, auth)).statusCode).toBe(400);
    });

    it('refuses a body over the limit (413)', async () => {
      const small = await buildServer({ store, token: TOKEN, webDir: null, rateLimit: 0, bodyLimit: 1000 });
      const r = await post({ text: 'ا'.repeat(5000) }, { authorization: `Bearer ${TOKEN}` }, small);
      expect(r.statusCode).toBe(413);
      expect(json(r).error.code).toBe('E_TOO_LARGE');
      await small.close();
    });
  });

  describe('rate limit', () => {
    it('answers 429 in the catalogue shape past the limit', async () => {
      const limited = await buildServer({ store, webDir: null, rateLimit: 3 });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await get('/api/health', limited)).statusCode);
      expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
      expect(codes[4]).toBe(429);
      const r = await get('/api/health', limited);
      expect(json(r).error.code).toBe('E_RATE_LIMIT');
      await limited.close();
    });
  });
});

describe('clipAround', () => {
  it('keeps short sentences whole and cuts long ones around the quoted part, at spaces', async () => {
    const { clipAround } = await import('../src/http/views.js');
    expect(clipAround('قال الوزير إن الاتفاق تم.', 'الاتفاق')).toBe('قال الوزير إن الاتفاق تم.');
    const long = 'كلمة '.repeat(100) + 'اتفقت واشنطن وبغداد' + ' نص'.repeat(100);
    const c = clipAround(long, 'اتفقت', 40);
    expect(c).toContain('اتفقت واشنطن');
    expect(c.startsWith('…') && c.endsWith('…')).toBe(true);
    expect(c.length).toBeLessThan(120);
    expect(c.slice(1, -1).split(' ').every((w) => ['كلمة', 'اتفقت', 'واشنطن', 'وبغداد', 'نص', ''].includes(w))).toBe(true);
  });
});
