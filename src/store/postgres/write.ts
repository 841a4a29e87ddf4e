// What the PostgreSQL store writes and reads for one article or several at once, one statement
// per step whatever the number of articles (`put` writes one, `putMany` a batch: src/store/postgres/batch.ts):
// the article rows, the rows an article contributes on its own, the events; the choice of a link
// (SimHash, shared sentences) and the story candidates of many events in one query.
import type pg from 'pg';
import { statusGroup, type MatchOptions } from '../../corpus/events.js';
import type { EventRow } from '../../corpus/records.js';
import { addDays, overlaps } from '../../corpus/time.js';
import { normalizeString } from '../../text/normalize.js';
import type { ArticleRecord } from '../types.js';
import { bands, hamming, normTrigger } from '../rows.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export const TS_CONFIG = 'arabic';

/** Errors after which the whole transaction may simply run again (a deadlock, a serialization
 *  failure, a unique-key race with another writer). */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
export const isRetryable = (e: unknown) => RETRYABLE.has((e as { code?: string })?.code ?? '');

/** A parameter list for one SQL statement: `p(v)` adds a value and returns its placeholder;
 *  `col(xs, f, type)` adds one array column for `unnest`. */
export function params() {
  const args: unknown[] = [];
  const p = (v: unknown) => (args.push(v), `$${args.length}`);
  const col = <T>(xs: T[], f: (x: T) => unknown, type: string) => `${p(xs.map(f))}::${type}[]`;
  return { args, p, col };
}

const ARTICLE_COLS = ['id', 'content_hash', 'title', 'title_norm', 'url', 'source', 'origin', 'pub_from', 'pub_to', 'ingested_at', 'simhash', 'b0', 'b1', 'b2', 'b3', 'text', 'analysis'];
const ARTICLE_TYPES = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'int', 'int', 'int', 'text', 'json'];

/** An article's row, in the order of ARTICLE_COLS. */
export function articleRow(r: ArticleRecord): unknown[] {
  const a = r.analysis;
  const pub = r.rows.published;
  return [
    a.id, r.contentHash, a.title ?? null, a.title ? normalizeString(a.title) : null, a.url ?? null, a.source ?? null, r.origin ?? null,
    pub?.from ?? null, pub?.to ?? null, new Date().toISOString(), r.simhash, ...bands(r.simhash), r.text, JSON.stringify(a),
  ];
}

/** Rewrite a stored article's row (an update keeps the aliases and links that point to it). */
export async function updateArticle(c: pg.PoolClient, r: ArticleRecord): Promise<void> {
  const set = ARTICLE_COLS.slice(1).map((col, k) => `${col} = $${k + 2}`);
  await c.query(`UPDATE articles SET ${set.join(', ')} WHERE id = $1`, articleRow(r));
}

/** New articles: their rows, then what each contributes on its own (two statements). */
export async function insertArticles(c: pg.PoolClient, records: ArticleRecord[]): Promise<void> {
  if (!records.length) return;
  // a VALUES list, a parameter a value: the texts and analyses are large, and arrays would have
  // them escaped and parsed again
  const { args, p } = params();
  const values = records.map((r) => `(${articleRow(r).map((v, k) => `${p(v)}::${ARTICLE_TYPES[k]}`).join(', ')})`);
  await c.query(`INSERT INTO articles (${ARTICLE_COLS.join(', ')}) VALUES ${values.join(', ')}`, args);
  await insertOwnRows(c, records);
}

/**
 * What articles contribute on their own, in one statement (a CTE per table; empty arrays insert
 * nothing): sentence hashes, entities, mentions, figures, times, quotes and search rows.
 * Entities in key order, so that two writers adding the same ones cannot deadlock.
 */
export async function insertOwnRows(c: pg.PoolClient, records: ArticleRecord[]): Promise<void> {
  const each = <T>(f: (r: ArticleRecord) => T[]) => records.flatMap((r) => f(r).map((x) => ({ a: r.analysis.id, ...x })));
  const sh = records.flatMap((r) => [...new Set(r.paragraphs)].map((h) => ({ a: r.analysis.id, h })));
  const ms = each((r) => r.rows.entities.flatMap((e) => e.mentions.map((m) => ({ key: e.key, ...m }))));
  const qs = each((r) => r.rows.quantities);
  const ts = each((r) => r.rows.times);
  const tkeys = each((r) => r.rows.times.flatMap((t) => (t.when ? t.entities.map((k) => ({ k, idx: t.idx })) : [])));
  const quotes = each((r) => r.rows.quotes);
  // the search rows: the stemmed bodies through the 'arabic' configuration, in the order one
  // article at a time inserts them (their ids break ties between equal ranks)
  const docs = each((r) => {
    const d: { kind: string; idx: number | null; body: string }[] = [];
    if (r.search.article) d.push({ kind: 'article', idx: null, body: r.search.article });
    r.search.quotes.forEach((b, i) => b && d.push({ kind: 'quote', idx: i, body: b }));
    r.search.events.forEach((b, i) => b && d.push({ kind: 'event', idx: i, body: b }));
    return d;
  });
  const { args, col } = params();
  await c.query(
    `WITH
     sh AS (INSERT INTO sentence_hashes (hash, article_id) SELECT * FROM unnest(${col(sh, (x) => x.h, 'bigint')}, ${col(sh, (x) => x.a, 'text')})),
     en AS (${entitiesSql(col, records)}),
     me AS (INSERT INTO mentions (article_id, key, start, "end", text)
            SELECT * FROM unnest(${col(ms, (m) => m.a, 'text')}, ${col(ms, (m) => m.key, 'text')}, ${col(ms, (m) => m.start, 'int')}, ${col(ms, (m) => m.end, 'int')}, ${col(ms, (m) => m.text, 'text')})),
     qu AS (INSERT INTO quantities (article_id, idx, start, "end", text, value, min, max, approx, unit, subject, location, time, when_from, when_to, sentence_text)
            SELECT * FROM unnest(${col(qs, (x) => x.a, 'text')}, ${col(qs, (x) => x.idx, 'int')}, ${col(qs, (x) => x.start, 'int')}, ${col(qs, (x) => x.end, 'int')}, ${col(qs, (x) => x.text, 'text')},
              ${col(qs, (x) => x.value, 'float8')}, ${col(qs, (x) => x.min, 'float8')}, ${col(qs, (x) => x.max, 'float8')}, ${col(qs, (x) => !!x.approx, 'bool')},
              ${col(qs, (x) => x.unit, 'text')}, ${col(qs, (x) => x.subject, 'text')}, ${col(qs, (x) => x.location, 'text')}, ${col(qs, (x) => x.time, 'text')},
              ${col(qs, (x) => x.when?.from ?? null, 'text')}, ${col(qs, (x) => x.when?.to ?? null, 'text')}, ${col(qs, (x) => x.sentenceText, 'text')})),
     ti AS (INSERT INTO times (article_id, idx, start, "end", text, type, value, mod, when_from, when_to, sentence_text, entities)
            SELECT a, i, s, e, t, ty, v, m, wf, wt, st, en::json FROM unnest(${col(ts, (t) => t.a, 'text')}, ${col(ts, (t) => t.idx, 'int')}, ${col(ts, (t) => t.start, 'int')}, ${col(ts, (t) => t.end, 'int')},
              ${col(ts, (t) => t.text, 'text')}, ${col(ts, (t) => t.type, 'text')}, ${col(ts, (t) => t.value, 'text')}, ${col(ts, (t) => t.mod, 'text')},
              ${col(ts, (t) => t.when?.from ?? null, 'text')}, ${col(ts, (t) => t.when?.to ?? null, 'text')}, ${col(ts, (t) => t.sentenceText, 'text')},
              ${col(ts, (t) => JSON.stringify(t.entities), 'text')}) AS x(a, i, s, e, t, ty, v, m, wf, wt, st, en)),
     tk AS (INSERT INTO time_keys (key, article_id, idx) SELECT * FROM unnest(${col(tkeys, (x) => x.k, 'text')}, ${col(tkeys, (x) => x.a, 'text')}, ${col(tkeys, (x) => x.idx, 'int')})),
     qo AS (INSERT INTO quotes (article_id, idx, start, "end", text, speaker, cue_start, cue_end, cue_text, via)
            SELECT * FROM unnest(${col(quotes, (x) => x.a, 'text')}, ${col(quotes, (x) => x.idx, 'int')}, ${col(quotes, (x) => x.start, 'int')}, ${col(quotes, (x) => x.end, 'int')}, ${col(quotes, (x) => x.text, 'text')},
              ${col(quotes, (x) => x.speaker, 'text')}, ${col(quotes, (x) => x.cue?.start ?? null, 'int')}, ${col(quotes, (x) => x.cue?.end ?? null, 'int')},
              ${col(quotes, (x) => x.cue?.text ?? null, 'text')}, ${col(quotes, (x) => x.via, 'text')})),
     sd AS (INSERT INTO search_docs (kind, article_id, idx, tsv)
            SELECT k, a, i, to_tsvector('${TS_CONFIG}', b) FROM unnest(${col(docs, (d) => d.kind, 'text')}, ${col(docs, (d) => d.a, 'text')}, ${col(docs, (d) => d.idx, 'int')}, ${col(docs, (d) => d.body, 'text')})
              WITH ORDINALITY AS x(k, a, i, b, n) ORDER BY n)
     SELECT 1`,
    args,
  );
}

/** The entity rows of these articles, in key order (a key twice: the first article's row is
 *  kept, the sort being stable, as one at a time keeps it). */
function entitiesSql(col: ReturnType<typeof params>['col'], records: ArticleRecord[]): string {
  const ents = records.flatMap((r) => r.rows.entities).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return `INSERT INTO entities (key, kb, type, name, name_en)
          SELECT * FROM unnest(${col(ents, (e) => e.key, 'text')}, ${col(ents, (e) => e.kb, 'text')}, ${col(ents, (e) => e.type, 'text')}, ${col(ents, (e) => e.name, 'text')}, ${col(ents, (e) => e.name_en, 'text')})
          ON CONFLICT (key) DO NOTHING`;
}

/** The entities of these articles alone (putMany adds them before it takes the merge lock); the
 *  keys that were new. */
export async function insertEntities(c: pg.PoolClient, records: ArticleRecord[]): Promise<string[]> {
  const { args, col } = params();
  return (await c.query(`${entitiesSql(col, records)} RETURNING key`, args)).rows.map((r) => r.key as string);
}

/** Entity rows as these articles, in order, would have left them: each key's row from the first
 *  that has it, the keys none has removed (when nothing mentions them). */
export async function resetEntities(c: pg.PoolClient, keys: string[], records: ArticleRecord[]): Promise<void> {
  const first = new Map<string, ArticleRecord['rows']['entities'][number]>();
  for (const e of records.flatMap((r) => r.rows.entities)) if (keys.includes(e.key) && !first.has(e.key)) first.set(e.key, e);
  const ents = [...first.values()];
  const { args, p, col } = params();
  await c.query(
    `WITH d AS (DELETE FROM entities e WHERE e.key = ANY(${p(keys.filter((k) => !first.has(k)))}::text[]) AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.key = e.key))
     UPDATE entities e SET kb = x.kb, type = x.type, name = x.name, name_en = x.name_en
     FROM unnest(${col(ents, (e) => e.key, 'text')}, ${col(ents, (e) => e.kb, 'text')}, ${col(ents, (e) => e.type, 'text')}, ${col(ents, (e) => e.name, 'text')}, ${col(ents, (e) => e.name_en, 'text')})
       AS x(key, kb, type, name, name_en) WHERE e.key = x.key`,
    args,
  );
}

/** An event placed in its story, with the evidence for it. */
export interface PlacedEvent {
  article: string;
  ev: EventRow;
  story: number;
  evidence: string[];
}

/** Events rows, in the order given (their `seq` orders a story's reports). */
export async function insertEvents(c: pg.PoolClient, rows: PlacedEvent[]): Promise<void> {
  if (!rows.length) return;
  const { args, col } = params();
  const e = (f: (x: PlacedEvent) => unknown, type: string) => col(rows, f, type);
  await c.query(
    `INSERT INTO events (article_id, idx, story_id, type, mode, status, trigger_start, trigger_end, trigger_text, actors, targets, location, time, when_from, when_to, basis, sentence, sentence_text, summary_en, evidence)
     SELECT a, i, st, ty, mo, sa, ts, te, tt, ac::json, ta::json, lo, ti, wf, wt, ba, se, sx, su, evi::json
     FROM unnest(${e((x) => x.article, 'text')}, ${e((x) => x.ev.idx, 'int')}, ${e((x) => x.story, 'int')}, ${e((x) => x.ev.type, 'text')}, ${e((x) => x.ev.mode, 'text')}, ${e((x) => x.ev.status, 'text')},
       ${e((x) => x.ev.trigger.start, 'int')}, ${e((x) => x.ev.trigger.end, 'int')}, ${e((x) => x.ev.trigger.text, 'text')}, ${e((x) => JSON.stringify(x.ev.actors), 'text')},
       ${e((x) => JSON.stringify(x.ev.targets), 'text')}, ${e((x) => x.ev.location, 'text')}, ${e((x) => x.ev.time, 'text')}, ${e((x) => x.ev.when?.from ?? null, 'text')},
       ${e((x) => x.ev.when?.to ?? null, 'text')}, ${e((x) => x.ev.basis, 'text')}, ${e((x) => x.ev.sentence, 'int')}, ${e((x) => x.ev.sentenceText, 'text')},
       ${e((x) => x.ev.summary_en, 'text')}, ${e((x) => JSON.stringify(x.evidence), 'text')})
       WITH ORDINALITY AS x(a, i, st, ty, mo, sa, ts, te, tt, ac, ta, lo, ti, wf, wt, ba, se, sx, su, evi, n)
     ORDER BY n`,
    args,
  );
}

// ---- links ----

/** Up to this many articles are read per shared sentence hash (as SQLite). */
export const SHARED_PER_HASH = 50;

/** Links from / to articles (a link that exists is rewritten). */
export async function upsertLinks(c: pg.PoolClient, links: Link[]): Promise<void> {
  if (!links.length) return;
  const { args, col } = params();
  await c.query(
    `INSERT INTO links (from_id, to_id, kind, score) SELECT * FROM unnest(${col(links, (l) => l.from, 'text')}, ${col(links, (l) => l.to, 'text')}, ${col(links, (l) => l.kind, 'text')}, ${col(links, (l) => l.score, 'float8')})
     ON CONFLICT (from_id, to_id) DO UPDATE SET kind = excluded.kind, score = excluded.score`,
    args,
  );
}

export interface Link {
  other: string;
  kind: 'near-duplicate' | 'contains';
  score: number;
  from: string;
  to: string;
}

/** The nearest SimHash within `bits` (the first of equal distances), as a near-duplicate of `id`. */
export function nearestBySimhash(id: string, simhash: string, cands: { id: string; simhash: string }[], bits: number): Link | null {
  let best: Link | null = null;
  for (const x of cands) {
    const d = hamming(simhash, x.simhash);
    if (d <= bits && (!best || d < best.score)) best = { other: x.id, kind: 'near-duplicate', score: d, from: id, to: x.id };
  }
  return best;
}

/** The article sharing most of `id`'s long sentences (at least 2), from (hash, article) pairs. */
export function mostShared(id: string, pairs: Iterable<string>): { other: string; n: number } | null {
  const shared = new Map<string, number>();
  for (const a of pairs) if (a !== id) shared.set(a, (shared.get(a) ?? 0) + 1);
  let top: { other: string; n: number } | null = null;
  for (const [other, n] of shared) if (n >= 2 && (!top || n > top.n)) top = { other, n };
  return top;
}

/** Shared long sentences: most of both → near-duplicate; most of the other, which is much
 *  smaller → this page embeds it; most of this, which is much smaller → the other embeds it. */
export function linkByShared(id: string, top: { other: string; n: number }, mine: number, theirs: number): Link | null {
  const ofMine = top.n / mine;
  const ofTheirs = top.n / theirs;
  if (ofMine >= 0.5 && ofTheirs >= 0.5) return { other: top.other, kind: 'near-duplicate', score: Math.min(ofMine, ofTheirs), from: id, to: top.other };
  if (ofTheirs >= 0.6) return { other: top.other, kind: 'contains', score: ofTheirs, from: id, to: top.other };
  if (ofMine >= 0.6) return { other: top.other, kind: 'contains', score: ofMine, from: top.other, to: id };
  return null;
}

// ---- story candidates ----

/** What an event's story candidates are read by: the stories of its type and status group
 *  sharing a participant at an overlapping time (`keys`), and, for an event with a place and a
 *  time (`located`), the stories at the places the matcher accepts (`places`; null: any place). */
export interface Probe {
  type: string;
  grp: string;
  keys: string[];
  lo: string | null;
  hi: string | null;
  places: string[] | null;
  located: boolean;
}
/** The most of each kind of candidate read, latest first (as SQLite). */
export const CANDIDATES = 200;

export function probeOf(ev: EventRow, match: MatchOptions): Probe {
  const related = ev.location ? match.related?.(ev.location) : undefined;
  return {
    type: ev.type,
    grp: statusGroup(ev.status),
    keys: [...new Set([...ev.actors, ...ev.targets])],
    lo: ev.when ? addDays(ev.when.from, -3) : null,
    hi: ev.when ? addDays(ev.when.to, 3) : null,
    places: related ? [...related] : null,
    located: !!(ev.location && ev.when),
  };
}

/** Candidates of kind `src` (0: by participant, 1: by place), latest first. */
export type CandidateIds = [number[], number[]];

/**
 * The story candidates of many probes in one query: for each probe, the ids of each kind (at most
 * `limit`, latest first), and every story read, with the articles reporting it (`arts`).
 */
export async function readCandidates(c: pg.PoolClient, probes: Probe[], limit = CANDIDATES): Promise<{ ids: CandidateIds[]; stories: Map<number, Row> }> {
  const { args, p } = params();
  const ps = p(JSON.stringify(probes.map((x, n) => ({ n, ...x }))));
  const lim = Math.trunc(limit); // in the text, so that the plan is made for it
  // a matcher that names the places it accepts reads them through the index (all probes alike)
  const at = probes.some((x) => x.places) ? 's.location = ANY(p.places)' : 's.location IS NOT NULL';
  const { rows } = await c.query({
    // prepared once a connection (its plan kept: `put` runs it once an event)
    name: lim === CANDIDATES ? `marsad-candidates-${at.length}` : undefined,
    text: `WITH p AS (SELECT * FROM jsonb_to_recordset(${ps}::jsonb) AS p(n int, type text, grp text, keys text[], lo text, hi text, places text[], located boolean)),
     c AS (SELECT p.n, 0 AS src, s.id FROM p CROSS JOIN LATERAL (
             SELECT s.id FROM stories s WHERE s.type = p.type AND s.grp = p.grp AND (s.when_from IS NULL OR p.lo IS NULL OR (s.when_from <= p.hi AND s.when_to >= p.lo))
               AND s.id IN (SELECT story_id FROM story_keys WHERE key = ANY(p.keys)) ORDER BY s.id DESC LIMIT ${lim}) s
           WHERE cardinality(p.keys) > 0
           UNION ALL
           SELECT p.n, 1, s.id FROM p CROSS JOIN LATERAL (
             SELECT s.id FROM stories s WHERE ${at}
               AND s.type = p.type AND s.grp = p.grp AND s.when_from <= p.hi AND s.when_to >= p.lo ORDER BY s.id DESC LIMIT ${lim}) s
           WHERE p.located),
     a AS (SELECT u.id, (SELECT array_agg(DISTINCT e.article_id) FROM events e WHERE e.story_id = u.id) AS arts FROM (SELECT DISTINCT id FROM c) u)
     SELECT c.n, c.src, s.*, a.arts FROM c JOIN stories s ON s.id = c.id JOIN a ON a.id = c.id`,
    values: args,
  });
  const ids: CandidateIds[] = probes.map(() => [[], []]);
  const stories = new Map<number, Row>();
  for (const r of rows) {
    ids[r.n][r.src as 0 | 1].push(r.id);
    stories.set(r.id, r);
  }
  for (const x of ids) for (const l of x) l.sort((a, b) => b - a);
  return { ids, stories };
}

/** The events of these articles, in order (a near-duplicate's events join the stories of the
 *  article it copies), and their stories with the articles reporting each (`arts`). One query. */
export async function readLinked(c: pg.PoolClient, articles: string[]): Promise<{ events: Map<string, Row[]>; stories: Map<number, Row> }> {
  const { rows } = await c.query(
    `SELECT e.*, to_jsonb(s) || jsonb_build_object('arts', (SELECT array_agg(DISTINCT x.article_id) FROM events x WHERE x.story_id = s.id)) AS story
     FROM events e JOIN stories s ON s.id = e.story_id WHERE e.article_id = ANY($1::text[]) ORDER BY e.article_id, e.idx`,
    [articles],
  );
  const events = new Map<string, Row[]>();
  const stories = new Map<number, Row>();
  for (const { story, ...e } of rows) {
    events.set(e.article_id, [...(events.get(e.article_id) ?? []), e]);
    stories.set(story.id, story);
  }
  return { events, stories };
}

/** Both kinds as the matcher reads them: those sharing a participant, then those at the place
 *  not among them, each latest first (bestMatch keeps the first of equal scores). */
export function candidateOrder([byKey, byPlace]: CandidateIds): number[] {
  const seen = new Set(byKey);
  return [...byKey, ...byPlace.filter((id) => !seen.has(id))];
}

/** A near-duplicate's event joins the story of the same event in the article it copies: that
 *  event (type, status group, trigger, compatible time) among the copied article's event rows. */
export function twinOf(ev: EventRow, linkedEvents: Row[]): Row | undefined {
  const trig = normTrigger(ev.trigger.text);
  return linkedEvents.find(
    (e) =>
      e.type === ev.type &&
      statusGroup(e.status) === statusGroup(ev.status) &&
      normTrigger(e.trigger_text) === trig &&
      (!ev.when || !e.when_from || overlaps(ev.when, { from: e.when_from, to: e.when_to }, 3)),
  );
}
