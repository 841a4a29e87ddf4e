// The PostgreSQL store: the same `Store` as SQLite (src/store/sqlite) over a server that many
// processes share — ingestion workers on any number of machines (src/queue) and API servers.
// One transaction per article. What an article contributes on its own (its row, mentions,
// figures, times, quotes, search rows) is written first; the steps that read what other writers
// wrote — near-duplicate links and placing events into story events — run under one
// transaction-level advisory lock (MERGE_LOCK), held until the commit, so two writers storing
// related articles at once never split one story in two or miss a link. Search: the stemmed
// bodies of src/search in a tsvector (PostgreSQL's 'arabic' configuration) with a GIN index.
import pg from 'pg';
import { createError } from '../../errors.js';
import { bestMatch, joinStory, newStory, type MatchOptions, type StoryShape } from '../../corpus/events.js';
import type { EntityKey, EventRow } from '../../corpus/records.js';
import { bands, eventFromRow, shapeFromRow, storyKeys, storyOf, typesOf, figureFromRow, entityListOf, entityPage } from '../rows.js';
import { kbPlaceMatch } from '../../corpus/places.js';
import { normalizeString } from '../../text/normalize.js';
import { fnv32 } from '../../ingest/hash.js';
import { parseQuery, snippet } from '../../search/query.js';
import { stemmerFingerprint } from '../../search/stem.js';
import { PG_MIGRATIONS } from './migrations.js';
import { putBatch } from './batch.js';
import {
  CANDIDATES, candidateOrder, insertArticles, insertEvents, insertOwnRows, linkByShared, mostShared, nearestBySimhash, params, probeOf, readCandidates, SHARED_PER_HASH,
  isRetryable, TS_CONFIG, twinOf, updateArticle, upsertLinks, type Link, type PlacedEvent, type Row,
} from './write.js';
import type {
  ArticleLink,
  ArticleListQuery,
  ArticleRecord,
  ArticleSummary,
  Counts,
  DatedFact,
  EntityListItem,
  EntityListQuery,
  EntityName,
  EntityRecord,
  FigureRow,
  Page,
  PlaceCount,
  PutResult,
  QuoteRow,
  SearchHit,
  SearchQuery,
  Store,
  StoredArticle,
  StoryEvent,
  StoryFilter,
  StoryProbe,
} from '../types.js';

export interface PostgresStoreOptions {
  /** Event matching options (default: places compared through the knowledge base). */
  match?: MatchOptions;
  /** SimHash distance (bits of 64) under which two articles are near-duplicates. Default 3. */
  simhashBits?: number;
  /** Keep the tables in this schema (created if missing) instead of the connection's default. */
  schema?: string;
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** Open an existing store without migrating it (refused when its schema is older or newer). */
  readonly?: boolean;
  /** The most story candidates of each kind read for an event (default 200, as SQLite; tests). */
  candidates?: number;
}

type Q = pg.PoolClient | pg.Pool;

/** Advisory lock keys (first int: the namespace). */
const LOCK_NS = 0x6d617273; // 'mars'
const MIGRATE_LOCK = 1;
const MERGE_LOCK = 2;
const ID_LOCK_NS = 0x6d617274;
const HASH_LOCK_NS = 0x6d617275;
const BUMP = "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision'";

export const isPostgresUrl = (s: string | null | undefined): s is string => !!s && /^postgres(ql)?:\/\//i.test(s);
/** The URL without its password, for messages. */
export const redactUrl = (url: string) => url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');

// bigint (counts, identities) as numbers; day columns are text, so no date parsing happens
const TYPES: pg.CustomTypesConfig = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  getTypeParser: ((oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as any,
};

const ident = (s: string) => '"' + s.replace(/"/g, '""') + '"';

/** A query's FTS5 MATCH expression (src/search/query.ts) as a tsquery: phrases become «<->»
 *  chains, AND «&», OR «|», NOT «& !»; parentheses are kept. */
export function matchToTsquery(match: string): string {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\()|(\))|(AND|OR|NOT)/g;
  const lex = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  for (const m of match.matchAll(re)) {
    if (m[1] != null) {
      const ws = m[1].replace(/""/g, '"').split(/\s+/).filter(Boolean);
      out.push(ws.length > 1 ? `(${ws.map(lex).join(' <-> ')})` : lex(ws[0] ?? ''));
    } else if (m[2]) out.push('(');
    else if (m[3]) out.push(')');
    else out.push(m[4] === 'AND' ? '&' : m[4] === 'OR' ? '|' : '& !');
  }
  return out.join(' ');
}

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4, types: TYPES, application_name: 'marsad' });
  pool.on('error', () => {}); // an idle client lost (server restart): the next query reconnects
  if (options.schema) {
    const set = `SET search_path TO ${ident(options.schema)}`;
    pool.on('connect', (c) => void c.query(set).catch(() => {}));
  }
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    await pool.end().catch(() => {});
    throw createError('E_STORE_OPEN', redactUrl(url), e instanceof Error ? e.message || String(e) : String(e));
  }
  try {
    if (options.readonly) {
      const v = await schemaVersion(client);
      const latest = PG_MIGRATIONS.at(-1)!.version;
      if (v !== latest) throw createError('E_STORE_VERSION', redactUrl(url), v, latest);
    } else await migrate(client, url, options.schema);
  } catch (e) {
    client.release();
    await pool.end().catch(() => {});
    throw e;
  }
  client.release();
  return new PostgresStore(pool, options);
}

async function schemaVersion(c: pg.PoolClient): Promise<number> {
  const t = await c.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS ok");
  if (!t.rows[0].ok) return 0;
  return (await c.query('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations')).rows[0].v;
}

/** Apply the migrations not yet applied, in one transaction under an advisory lock. */
async function migrate(c: pg.PoolClient, url: string, schema?: string): Promise<void> {
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NS, MIGRATE_LOCK]);
    await c.query('SET LOCAL client_min_messages = warning');
    if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const current = await schemaVersion(c);
    const latest = PG_MIGRATIONS.at(-1)!.version;
    if (current > latest) throw createError('E_STORE_VERSION', redactUrl(url), current, latest);
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}


export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly match: MatchOptions;
  private readonly simBits: number;
  private readonly candidateLimit: number;

  constructor(
    readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.match = options.match ?? kbPlaceMatch();
    this.simBits = options.simhashBits ?? 3;
    this.candidateLimit = options.candidates ?? CANDIDATES;
  }

  async hashOf(id: string): Promise<string | null> {
    const r = await this.pool.query(
      'SELECT content_hash FROM articles WHERE id = $1 UNION ALL SELECT a.content_hash FROM aliases x JOIN articles a ON a.id = x.article_id WHERE x.id = $1 LIMIT 1',
      [id],
    );
    return r.rows[0]?.content_hash ?? null;
  }

  put(record: ArticleRecord): Promise<PutResult> {
    return this.putWith(record);
  }

  /**
   * Store one article in one transaction; `inside`, when given, runs in the same transaction
   * before it commits (the job queue marks its job done there, so the article and the job's
   * state commit together). A deadlock or a race on a unique key runs the whole transaction again.
   */
  async putWith(record: ArticleRecord, inside?: (client: pg.PoolClient, result: PutResult) => Promise<void>): Promise<PutResult> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      try {
        // one round trip: the transaction and its per-article locks (one writer at a time per
        // article id and per content: the same id twice, or the same content under two ids, is
        // decided in order; locks in a fixed order — id, content, then merge — cannot deadlock)
        await c.query(
          `BEGIN; SELECT pg_advisory_xact_lock(${ID_LOCK_NS}, ${fnv32(record.analysis.id)}), pg_advisory_xact_lock(${HASH_LOCK_NS}, ${fnv32(record.contentHash)})`,
        );
        const r = await this.putInner(c, record);
        if (inside) await inside(c, r);
        await c.query('COMMIT');
        if (r.status !== 'unchanged') this.memo.clear();
        return r;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        this.stemmerNoted = false; // the fingerprint may have gone with the transaction
        if (attempt < 5 && isRetryable(e)) continue;
        throw e;
      } finally {
        c.release();
      }
    }
  }

  /**
   * Several articles in one transaction, in order, each stored as `put` would store it (the same
   * ids, links, stories and search rows as one at a time), an article that fails coming back as
   * its Error in its place without undoing the others. The articles' id and content locks and the
   * merge lock are taken at the start and held to the commit; the round trips do not grow with the
   * articles and events of the batch, only with its replacements (put one at a time within it).
   * See batch.ts.
   */
  async putMany(records: ArticleRecord[]): Promise<(PutResult | Error)[]> {
    if (!records.length) return [];
    // the locks in the order every writer takes them: ids, contents (each in key order), then
    // (putBatch, once the entities are written) the merge lock
    const keys = (ns: number, xs: string[]) => [...new Set(xs.map((x) => fnv32(x)))].sort((a, b) => a - b).map((k) => `pg_advisory_xact_lock(${ns}, ${k})`);
    const locks = [...keys(ID_LOCK_NS, records.map((r) => r.analysis.id)), ...keys(HASH_LOCK_NS, records.map((r) => r.contentHash))];
    const putOne = async (c: pg.PoolClient, r: ArticleRecord) => {
      try {
        return await this.putInner(c, r);
      } catch (e) {
        this.stemmerNoted = false; // its savepoint is rolled back, the fingerprint with it
        throw e;
      }
    };
    const host = { match: this.match, simBits: this.simBits, mergeLock: [LOCK_NS, MERGE_LOCK] as [number, number], candidates: this.candidateLimit, putOne };
    let out: (PutResult | Error)[] | null = null;
    for (let attempt = 1; attempt <= 5 && !out; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query(`BEGIN; SELECT ${locks.join(', ')}`);
        const done = await putBatch(c, records, host);
        await c.query('COMMIT');
        out = done;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        this.stemmerNoted = false;
        if (!isRetryable(e)) break;
      } finally {
        c.release();
      }
    }
    // still a deadlock or a race, or the batch's own reads failed: each article in a transaction
    // of its own (an article that fails, fails alone)
    if (!out) {
      out = [];
      for (const r of records) out.push(await this.putWith(r).catch((x) => (x instanceof Error ? x : new Error(String(x)))));
    }
    if (out.some((r) => !(r instanceof Error) && r.status !== 'unchanged')) this.memo.clear();
    return out;
  }

  private stemmerNoted = false;

  private async putInner(c: pg.PoolClient, r: ArticleRecord): Promise<PutResult> {
    const a = r.analysis;
    const id = a.id;
    const found = (
      await c.query('SELECT (SELECT content_hash FROM articles WHERE id = $1) AS old, (SELECT id FROM articles WHERE content_hash = $2 LIMIT 1) AS same', [id, r.contentHash])
    ).rows[0] as { old: string | null; same: string | null };
    const old = found.old != null ? { content_hash: found.old } : undefined;
    if (old && old.content_hash === r.contentHash) return { id, status: 'unchanged', linkedTo: null, link: null };
    if (!old && found.same) {
      await c.query('INSERT INTO aliases (id, article_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, found.same]);
      await this.bump(c);
      return { id, status: 'duplicate', linkedTo: found.same, link: 'exact' };
    }
    if (!this.stemmerNoted) {
      await c.query("INSERT INTO meta (key, value) VALUES ('stemmer', $1) ON CONFLICT (key) DO NOTHING", [stemmerFingerprint()]);
      this.stemmerNoted = true;
    }
    // a replacement changes stories other articles share: that happens under the merge lock
    if (old) {
      await this.mergeLock(c);
      await this.clearArticle(c, id);
    }
    // 1. the article row (an update keeps aliases and links that point to it), then 2. what the
    //    article contributes on its own (src/store/postgres/write.ts)
    if (old) {
      await updateArticle(c, r);
      await insertOwnRows(c, [r]);
    } else await insertArticles(c, [r]);
    // 3. the steps that read other articles: links, then events into stories, one writer at a time
    await this.mergeLock(c);
    const link = await this.findLink(c, id, r);
    const linkedEvents = link ? (await c.query('SELECT * FROM events WHERE article_id = $1 ORDER BY idx', [link.other])).rows : [];
    // the events are written together at the end; `placed` stands for them meanwhile (which
    // stories this article has joined already: one article never reports one happening twice)
    const placed = new Map<number, { ev: EventRow; evidence: string[] }[]>();
    const rows: PlacedEvent[] = [];
    for (const ev of r.rows.events) rows.push({ article: id, ...(await this.placeEvent(c, id, ev, linkedEvents, link?.other ?? null, placed)) });
    await insertEvents(c, rows);
    return { id, status: old ? 'replaced' : 'inserted', linkedTo: link?.other ?? null, link: link?.kind ?? null };
  }

  /** Take the merge lock (once a transaction) and bump the revision. */
  private async mergeLock(c: pg.PoolClient): Promise<void> {
    // two statements in one round trip: the lock first, then the revision row
    await c.query(`SELECT pg_advisory_xact_lock(${LOCK_NS}, ${MERGE_LOCK}); ${BUMP}`);
  }
  private async bump(c: pg.PoolClient): Promise<void> {
    await c.query(BUMP);
  }

  /** Remove what an article contributed (its rows, its search entries, its place in stories). */
  private async clearArticle(c: pg.PoolClient, id: string): Promise<void> {
    const stories = (await c.query('SELECT DISTINCT story_id FROM events WHERE article_id = $1', [id])).rows.map((e) => e.story_id as number);
    for (const t of ['search_docs', 'mentions', 'events', 'quantities', 'times', 'time_keys', 'quotes', 'sentence_hashes']) await c.query(`DELETE FROM ${t} WHERE article_id = $1`, [id]);
    await c.query('DELETE FROM links WHERE from_id = $1', [id]);
    for (const s of stories.sort((x, y) => x - y)) await this.refreshStory(c, s);
  }

  /** Rebuild a story's shape from the events left in it; drop it when none are. */
  private async refreshStory(c: pg.PoolClient, storyId: number): Promise<void> {
    const evs = (await c.query('SELECT * FROM events WHERE story_id = $1 ORDER BY seq', [storyId])).rows;
    if (!evs.length) {
      await c.query('DELETE FROM stories WHERE id = $1', [storyId]);
      return;
    }
    let shape: StoryShape | null = null;
    for (const e of evs) {
      const ev = eventFromRow(e);
      shape = shape ? joinStory(shape, ev, e.article_id) : newStory(ev, e.article_id);
    }
    await this.saveShape(c, storyId, shape!);
    await c.query('DELETE FROM story_keys WHERE story_id = $1', [storyId]);
    await this.addKeys(c, storyId, shape!);
  }

  private async saveShape(c: pg.PoolClient, id: number, s: StoryShape): Promise<void> {
    await c.query('UPDATE stories SET when_from = $1, when_to = $2, when_stated = $3, location = $4, participants = $5 WHERE id = $6', [
      s.when?.from ?? null, s.when?.to ?? null, s.whenStated, s.location, JSON.stringify(s.participants), id,
    ]);
  }
  private async addKeys(c: pg.PoolClient, id: number, s: StoryShape): Promise<void> {
    const keys = storyKeys(s);
    if (keys.length) await c.query('INSERT INTO story_keys (key, story_id) SELECT k, $1 FROM unnest($2::text[]) AS t(k) ON CONFLICT DO NOTHING', [id, keys]);
  }

  private async findLink(c: pg.PoolClient, id: string, r: ArticleRecord): Promise<Link | null> {
    const [b0, b1, b2, b3] = bands(r.simhash);
    const cands = (await c.query('SELECT id, simhash FROM articles WHERE (b0 = $1 OR b1 = $2 OR b2 = $3 OR b3 = $4) AND id <> $5 LIMIT 200', [b0, b1, b2, b3, id])).rows;
    let best = nearestBySimhash(id, r.simhash, cands, this.simBits);
    const mine = new Set(r.paragraphs);
    if (!best && mine.size) {
      // as SQLite: up to 50 articles per hash
      const rows = (
        await c.query(
          `SELECT h.hash, s.article_id FROM unnest($1::bigint[]) AS h(hash)
           CROSS JOIN LATERAL (SELECT article_id FROM sentence_hashes x WHERE x.hash = h.hash LIMIT ${SHARED_PER_HASH}) s`,
          [[...mine]],
        )
      ).rows;
      const top = mostShared(id, rows.map((x) => x.article_id as string));
      if (top) {
        const theirs = (await c.query('SELECT count(*)::int AS n FROM sentence_hashes WHERE article_id = $1', [top.other])).rows[0].n as number;
        best = linkByShared(id, top, mine.size, theirs);
      }
    }
    if (best) await upsertLinks(c, [best]);
    return best;
  }

  /** The story an event joins (or a new one), its shape saved; the event row is the caller's. */
  private async placeEvent(
    c: pg.PoolClient,
    articleId: string,
    ev: EventRow,
    linkedEvents: Row[],
    linkedTo: string | null,
    placed: Map<number, unknown[]>,
  ): Promise<{ ev: EventRow; story: number; evidence: string[] }> {
    let storyId: number | null = null;
    let shape: StoryShape | null = null;
    let evidence: string[] = [];
    // a near-duplicate's event joins the story of the same event in the article it copies
    const twin = twinOf(ev, linkedEvents);
    if (twin && !placed.has(twin.story_id)) {
      storyId = twin.story_id as number;
      shape = shapeFromRow((await c.query('SELECT * FROM stories WHERE id = $1', [storyId])).rows[0], []);
      evidence = [`linked article ${linkedTo}: same ${ev.type} «${ev.trigger.text}»`];
    }
    if (storyId == null) {
      const hit = bestMatch(ev, articleId, await this.candidates(c, ev, articleId, placed), this.match);
      if (hit) {
        storyId = hit.story.id;
        shape = hit.story;
        evidence = hit.match.evidence;
      }
    }
    if (storyId == null) {
      const s = newStory(ev, articleId);
      storyId = (
        await c.query(
          `WITH s AS (INSERT INTO stories (type, grp, status, mode, when_from, when_to, when_stated, location, participants) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id),
           k AS (INSERT INTO story_keys (key, story_id) SELECT k, s.id FROM s, unnest($10::text[]) AS t(k))
           SELECT id FROM s`,
          [s.type, s.group, ev.status, ev.mode, s.when?.from ?? null, s.when?.to ?? null, s.whenStated, s.location, JSON.stringify(s.participants), storyKeys(s)],
        )
      ).rows[0].id as number;
    } else {
      const s = joinStory(shape!, ev, articleId);
      await c.query(
        `WITH u AS (UPDATE stories SET when_from = $1, when_to = $2, when_stated = $3, location = $4, participants = $5 WHERE id = $6)
         INSERT INTO story_keys (key, story_id) SELECT k, $6 FROM unnest($7::text[]) AS t(k) ON CONFLICT DO NOTHING`,
        [s.when?.from ?? null, s.when?.to ?? null, s.whenStated, s.location, JSON.stringify(s.participants), storyId, storyKeys(s)],
      );
    }
    placed.set(storyId, [...(placed.get(storyId) ?? []), ev]);
    return { ev, story: storyId, evidence };
  }

  /** Stories an event might belong to: same type and status group, sharing a participant (or,
   *  for reports naming none, the place), at an overlapping time; with the articles reporting
   *  each (this one included where it has joined the story already). One query. */
  private async candidates(c: pg.PoolClient, ev: EventRow, articleId: string, placed: Map<number, unknown[]>): Promise<(StoryShape & { id: number })[]> {
    const probe = probeOf(ev, this.match);
    if (!probe.keys.length && !probe.located) return [];
    const { ids, stories } = await readCandidates(c, [probe], this.candidateLimit);
    return candidateOrder(ids[0]).map((id) => {
      const r = stories.get(id)!;
      return { ...shapeFromRow(r, [...(r.arts ?? []), ...(placed.has(id) ? [articleId] : [])]), id };
    });
  }

  // ---- reading ----

  private summaryOf(row: Row): ArticleSummary {
    return {
      id: row.id,
      title: row.title,
      url: row.url,
      source: row.source,
      origin: row.origin,
      published: row.pub_from ? { from: row.pub_from, to: row.pub_to } : null,
      contentHash: row.content_hash,
      ingestedAt: row.ingested_at,
    };
  }
  private static readonly SUMMARY = 'id, title, url, source, origin, pub_from, pub_to, content_hash, ingested_at';
  /** Summaries of these articles, in one query. */
  private async summaries(ids: Iterable<string>, q: Q = this.pool): Promise<Map<string, ArticleSummary>> {
    const list = [...new Set(ids)];
    const out = new Map<string, ArticleSummary>();
    if (!list.length) return out;
    for (const r of (await q.query(`SELECT ${PostgresStore.SUMMARY} FROM articles WHERE id = ANY($1::text[])`, [list])).rows) out.set(r.id, this.summaryOf(r));
    return out;
  }

  async article(id: string): Promise<StoredArticle | null> {
    const r = await this.pool.query(
      `SELECT * FROM articles WHERE id = $1
       UNION ALL SELECT a.* FROM aliases x JOIN articles a ON a.id = x.article_id WHERE x.id = $1 LIMIT 1`,
      [id],
    );
    const row = r.rows[0];
    if (!row) return null;
    return { summary: this.summaryOf(row), analysis: row.analysis, text: row.text, links: await this.links(row.id) };
  }

  async *articles(): AsyncIterable<StoredArticle> {
    const ids = (await this.pool.query('SELECT id FROM articles ORDER BY id')).rows.map((r) => r.id as string);
    for (const id of ids) {
      const a = await this.article(id);
      if (a) yield a;
    }
  }

  async links(id?: string): Promise<ArticleLink[]> {
    const rows = id
      ? (await this.pool.query('SELECT from_id, to_id, kind, score FROM links WHERE from_id = $1 OR to_id = $1', [id])).rows
      : (await this.pool.query('SELECT from_id, to_id, kind, score FROM links ORDER BY from_id, to_id')).rows;
    return rows.map((r) => ({ from: r.from_id, to: r.to_id, kind: r.kind, score: r.score }));
  }

  async counts(): Promise<Counts> {
    const r = (
      await this.pool.query(`SELECT
        (SELECT count(*) FROM articles)::int AS articles, (SELECT count(*) FROM aliases)::int AS aliases, (SELECT count(*) FROM links)::int AS links,
        (SELECT count(DISTINCT key) FROM mentions)::int AS entities, (SELECT count(*) FROM mentions)::int AS mentions, (SELECT count(*) FROM events)::int AS events,
        (SELECT count(*) FROM stories)::int AS stories, (SELECT count(*) FROM quantities)::int AS quantities, (SELECT count(*) FROM times)::int AS times,
        (SELECT count(*) FROM quotes)::int AS quotes`)
    ).rows[0];
    return r as Counts;
  }

  async names(keys: EntityKey[]): Promise<Map<EntityKey, EntityName>> {
    const out = new Map<EntityKey, EntityName>();
    const list = [...new Set(keys)];
    if (!list.length) return out;
    for (const r of (await this.pool.query('SELECT key, kb, type, name, name_en FROM entities WHERE key = ANY($1::text[])', [list])).rows)
      out.set(r.key, { key: r.key, kb: r.kb, type: r.type, name: r.name, name_en: r.name_en });
    return out;
  }

  private async entityRow(keyOrKb: string): Promise<Row | undefined> {
    return (
      await this.pool.query('SELECT * FROM (SELECT *, 0 AS o FROM entities WHERE key = $1 UNION ALL (SELECT *, 1 FROM entities WHERE kb = $1 LIMIT 1)) e ORDER BY o LIMIT 1', [keyOrKb])
    ).rows[0];
  }
  private async resolveKey(k: string): Promise<string> {
    return (await this.entityRow(k))?.key ?? k;
  }

  async entity(keyOrKb: string): Promise<EntityRecord | null> {
    const e = await this.entityRow(keyOrKb);
    if (!e) return null;
    const rows = (await this.pool.query('SELECT article_id, start, "end", text FROM mentions WHERE key = $1 ORDER BY article_id, start', [e.key])).rows;
    if (!rows.length) return null;
    const sums = await this.summaries(rows.map((m) => m.article_id));
    const byArticle = new Map<string, EntityRecord['articles'][number]>();
    for (const m of rows) {
      let a = byArticle.get(m.article_id);
      if (!a) byArticle.set(m.article_id, (a = { ...sums.get(m.article_id)!, mentions: [] }));
      a.mentions.push({ start: m.start, end: m.end, text: m.text });
    }
    const articles = [...byArticle.values()].sort((x, y) => (x.published?.from ?? '').localeCompare(y.published?.from ?? '') || x.id.localeCompare(y.id));
    return { key: e.key, kb: e.kb, type: e.type, name: e.name, name_en: e.name_en, articles, mentionCount: rows.length };
  }

  async stories(filter: StoryFilter = {}): Promise<StoryEvent[]> {
    const { args, p } = params();
    const where: string[] = [];
    if (filter.type) where.push(`s.type = ANY(${p(typesOf(filter.type))}::text[])`);
    if (filter.status) where.push(`s.status = ${p(filter.status)}`);
    if (filter.entity) {
      const k = p(await this.resolveKey(filter.entity));
      where.push(`(s.id IN (SELECT story_id FROM story_keys WHERE key = ${k}) OR s.location = ${k})`);
    }
    const limit = filter.limit ?? 1000;
    const k = args.length;
    const order = filter.latest ? ['when_from DESC', 'id DESC'] : ['when_from', 'id'];
    const rows = await this.windowed({ table: 'stories', alias: 's', order }, where, args, p, filter, limit);
    if (filter.latest) return this.storiesOf(rows.reverse());
    // undated stories come last, and only when no period was asked for
    if (rows.length < limit && !filter.from && !filter.to)
      rows.push(
        ...(
          await this.pool.query(`SELECT s.* FROM stories s WHERE s.when_from IS NULL${where.length ? ' AND ' + where.join(' AND ') : ''} ORDER BY s.id LIMIT $${k + 1}`, [
            ...args.slice(0, k),
            limit - rows.length,
          ])
        ).rows,
      );
    return this.storiesOf(rows);
  }

  async realizedFor(probes: StoryProbe[]): Promise<StoryEvent[]> {
    if (!probes.length) return [];
    // the probes as rows; a probe with keys is read from the stories naming its first key (and
    // kept when they name all), one without from the stories at its places
    const { rows } = await this.pool.query(
      `WITH p AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(type text, keys text[], places text[], unplaced boolean, lo text, hi text))
       SELECT s.* FROM stories s WHERE s.status = 'realized' AND s.id IN (
         SELECT t.id FROM p JOIN story_keys k ON k.key = p.keys[1] JOIN stories t ON t.id = k.story_id
         WHERE cardinality(p.keys) > 0 AND t.type = p.type AND t.grp = 'past' AND t.when_to >= p.lo AND t.when_from <= p.hi
           AND p.keys <@ ARRAY(SELECT key FROM story_keys WHERE story_id = t.id)
           AND (cardinality(p.places) = 0 OR t.location = ANY(p.places) OR (p.unplaced AND t.location IS NULL))
         UNION
         SELECT t.id FROM p JOIN stories t ON t.location = ANY(p.places)
         WHERE cardinality(p.keys) = 0 AND t.type = p.type AND t.grp = 'past' AND t.when_to >= p.lo AND t.when_from <= p.hi)
       ORDER BY s.when_from, s.id`,
      [JSON.stringify(probes.map((p) => ({ type: p.type, keys: [...new Set(p.keys)], places: p.places, unplaced: p.unplaced, lo: p.from, hi: p.to })))],
    );
    return this.storiesOf(rows);
  }

  async story(id: number): Promise<StoryEvent | null> {
    const { rows } = await this.pool.query('SELECT * FROM stories WHERE id = $1', [id]);
    return rows.length ? (await this.storiesOf(rows))[0] : null;
  }

  /**
   * Rows of a dated table (stories, times) whose period overlaps [filter.from, filter.to], in day
   * order, at most `limit`: those starting inside the window in index order (when_from), plus
   * those that started earlier and reach into it (the when_to index).
   */
  private async windowed(
    t: { table: string; alias: string; order: string[] },
    where: string[],
    args: unknown[],
    p: (v: unknown) => string,
    filter: { from?: string; to?: string },
    limit: number,
  ): Promise<Row[]> {
    const a = t.alias;
    const base = [`${a}.when_from IS NOT NULL`, ...where];
    const inside = [...base];
    const from = filter.from ? p(filter.from) : null;
    if (from) inside.push(`${a}.when_from >= ${from}`);
    if (filter.to) inside.push(`${a}.when_from <= ${p(filter.to)}`);
    const l = p(limit);
    const order = t.order.map((c) => `${a}.${c}`).join(', ');
    const insideSql = `SELECT ${a}.* FROM ${t.table} ${a} WHERE ${inside.join(' AND ')} ORDER BY ${order} LIMIT ${l}`;
    if (!from) return (await this.pool.query(insideSql, args)).rows;
    const before = `SELECT ${a}.* FROM ${t.table} ${a} WHERE ${[...base, `${a}.when_from < ${from}`, `${a}.when_to >= ${from}`].join(' AND ')} ORDER BY ${order} LIMIT ${l}`;
    const sql = `SELECT * FROM ((${insideSql}) UNION ALL (${before})) u ORDER BY ${t.order.join(', ')} LIMIT ${l}`;
    return (await this.pool.query(sql, args)).rows;
  }

  /** Story rows → story events, reading their reports, articles and links in batches. */
  private async storiesOf(rows: Row[]): Promise<StoryEvent[]> {
    if (!rows.length) return [];
    const evsOf = new Map<number, Row[]>();
    for (let i = 0; i < rows.length; i += 1000) {
      const ids = rows.slice(i, i + 1000).map((r) => r.id as number);
      for (const e of (await this.pool.query('SELECT * FROM events WHERE story_id = ANY($1::int[]) ORDER BY story_id, seq', [ids])).rows) {
        let l = evsOf.get(e.story_id);
        if (!l) evsOf.set(e.story_id, (l = []));
        l.push(e);
      }
    }
    const artIds = new Set<string>();
    for (const l of evsOf.values()) for (const e of l) artIds.add(e.article_id);
    const sums = await this.summaries(artIds);
    const linksFrom = new Map<string, string[]>();
    if (artIds.size)
      for (const x of (await this.pool.query('SELECT from_id, to_id FROM links WHERE from_id = ANY($1::text[])', [[...artIds]])).rows) {
        let l = linksFrom.get(x.from_id);
        if (!l) linksFrom.set(x.from_id, (l = []));
        l.push(x.to_id);
      }
    return rows.map((r) => storyOf(r, evsOf.get(r.id) ?? [], (id) => sums.get(id)!, (id) => linksFrom.get(id) ?? []));
  }

  async facts(filter: StoryFilter = {}): Promise<DatedFact[]> {
    const { args, p } = params();
    const where = ["t.type = 'DATE'"];
    if (filter.ahead) where.push('t.when_from > (SELECT a.pub_to FROM articles a WHERE a.id = t.article_id)');
    if (filter.entity) where.push(`(t.article_id, t.idx) IN (SELECT article_id, idx FROM time_keys WHERE key = ${p(await this.resolveKey(filter.entity))})`);
    const rows = await this.windowed({ table: 'times', alias: 't', order: ['when_from', 'article_id', 'idx'] }, where, args, p, filter, filter.limit ?? 1000);
    const sums = await this.summaries(rows.map((t) => t.article_id));
    return rows.map((t) => ({
      article: sums.get(t.article_id)!,
      idx: t.idx,
      text: t.text,
      value: t.value,
      mod: t.mod,
      when: { from: t.when_from, to: t.when_to },
      sentence: t.sentence_text,
      entities: t.entities,
    }));
  }

  async figures(): Promise<FigureRow[]> {
    const rows = (
      await this.pool.query(
        'SELECT * FROM quantities WHERE unit IS NOT NULL AND subject IS NOT NULL AND (location IS NULL OR subject != location) ORDER BY unit NULLS FIRST, subject NULLS FIRST, location NULLS FIRST, article_id, idx',
      )
    ).rows;
    const ids = [...new Set(rows.map((q) => q.article_id as string))];
    const sums = await this.summaries(ids);
    const linked = new Map<string, string[]>();
    if (ids.length)
      for (const x of (await this.pool.query('SELECT from_id, to_id FROM links WHERE from_id = ANY($1::text[]) OR to_id = ANY($1::text[])', [ids])).rows)
        for (const [a, b] of [[x.from_id, x.to_id], [x.to_id, x.from_id]] as const) {
          let l = linked.get(a);
          if (!l) linked.set(a, (l = []));
          l.push(b);
        }
    return rows.map((q) => figureFromRow(q, sums.get(q.article_id)!, linked.get(q.article_id) ?? []));
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const { match, stems } = parseQuery(query.text);
    if (!match) return [];
    const kinds = query.kinds?.length ? query.kinds : null;
    const limit = query.limit ?? 20;
    const { args, p } = params();
    const q = p(matchToTsquery(match));
    const sql = `SELECT d.kind, d.article_id, d.idx, ts_rank(d.tsv, q) AS score FROM search_docs d, to_tsquery('${TS_CONFIG}', ${q}) q
      WHERE d.tsv @@ q${kinds ? ` AND d.kind = ANY(${p(kinds)}::text[])` : ''} ORDER BY score DESC, d.id LIMIT ${p(limit)}`;
    let rows: Row[];
    try {
      rows = (await this.pool.query(sql, args)).rows;
    } catch (e) {
      throw createError('E_SEARCH_QUERY', query.text, e instanceof Error ? e.message : String(e));
    }
    if (!rows.length) return [];
    const ids = [...new Set(rows.map((h) => h.article_id as string))];
    const sums = await this.summaries(ids);
    const texts = new Map<string, string>();
    const arts = rows.filter((h) => h.kind === 'article').map((h) => h.article_id);
    if (arts.length) for (const r of (await this.pool.query('SELECT id, text FROM articles WHERE id = ANY($1::text[])', [arts])).rows) texts.set(`article:${r.id}:`, r.text);
    const pairs = (kind: string) => rows.filter((h) => h.kind === kind);
    const events = new Map<string, SearchHit['event']>();
    for (const [kind, table, cols] of [['quote', 'quotes', 'x.text'], ['event', 'events', 'x.sentence_text AS text, x.type, x.status, x.story_id']] as const) {
      const hs = pairs(kind);
      if (!hs.length) continue;
      const r = await this.pool.query(
        `SELECT x.article_id, x.idx, ${cols} FROM ${table} x JOIN unnest($1::text[], $2::int[]) AS k(a, i) ON x.article_id = k.a AND x.idx = k.i`,
        [hs.map((h) => h.article_id), hs.map((h) => h.idx)],
      );
      for (const x of r.rows) {
        texts.set(`${kind}:${x.article_id}:${x.idx}`, x.text);
        if (kind === 'event') events.set(`${x.article_id}:${x.idx}`, { type: x.type, status: x.status, story: x.story_id });
      }
    }
    return rows.map((h) => {
      const article = sums.get(h.article_id)!;
      const text = texts.get(`${h.kind}:${h.article_id}:${h.idx ?? ''}`) ?? '';
      const snip = snippet(text, stems);
      const event = h.kind === 'event' ? (events.get(`${h.article_id}:${h.idx}`) ?? null) : null;
      return { kind: h.kind, article, idx: h.idx, text: h.kind === 'article' ? (article.title ?? snip?.text ?? text.slice(0, 160)) : text, snippet: snip?.text ?? null, score: h.score, event };
    });
  }

  async articleList(query: ArticleListQuery = {}): Promise<Page<ArticleSummary>> {
    const { args, p } = params();
    const where = normalizeString(query.title ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => `title_norm LIKE ${p(`%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.pool.query(`SELECT count(*)::int AS n FROM articles ${w}`, args)).rows[0].n as number;
    const rows = (
      await this.pool.query(
        `SELECT ${PostgresStore.SUMMARY} FROM articles ${w} ORDER BY pub_to IS NULL, pub_to DESC, id LIMIT ${p(query.limit ?? 50)} OFFSET ${p(query.offset ?? 0)}`,
        args,
      )
    ).rows;
    return { total, items: rows.map((r) => this.summaryOf(r)) };
  }

  /** Aggregates over the whole store (entity list, places), kept until the revision changes. */
  private readonly memo = new Map<string, { rev: string; value: unknown }>();
  private async memoized<T>(key: string, make: () => Promise<T>): Promise<T> {
    const rev = await this.revision();
    const m = this.memo.get(key);
    if (m && m.rev === rev) return m.value as T;
    const value = await make();
    this.memo.set(key, { rev, value });
    return value;
  }

  async entityList(query: EntityListQuery = {}): Promise<Page<EntityListItem>> {
    const all = await this.memoized('entities', async () =>
      entityListOf(
        (
          await this.pool.query(
          `SELECT e.key, e.kb, e.type, e.name, e.name_en, s.articles, s.mentions
           FROM (SELECT key, count(DISTINCT article_id)::int AS articles, count(*)::int AS mentions FROM mentions GROUP BY key) s
           JOIN entities e ON e.key = s.key`,
          )
        ).rows,
      ),
    );
    return entityPage(all, query);
  }

  async quotesBy(keyOrKb: string, limit = 200): Promise<QuoteRow[]> {
    const key = await this.resolveKey(keyOrKb);
    const rows = (
      await this.pool.query(
        `SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = $1
         ORDER BY a.pub_to IS NULL, a.pub_to DESC, q.article_id, q.idx LIMIT $2`,
        [key, limit],
      )
    ).rows;
    const sums = await this.summaries(rows.map((q) => q.article_id));
    return rows.map((q) => ({ article: sums.get(q.article_id)!, idx: q.idx, text: q.text, start: q.start, end: q.end, speaker: q.speaker, cue: q.cue_text, channel: q.via }));
  }

  async cooccurring(keyOrKb: string, limit = 30): Promise<(EntityName & { articles: number })[]> {
    const key = await this.resolveKey(keyOrKb);
    const rows = (
      await this.pool.query(
        `SELECT e.key, e.kb, e.type, e.name, e.name_en, count(DISTINCT m.article_id)::int AS articles
         FROM mentions m JOIN entities e ON e.key = m.key
         WHERE m.article_id IN (SELECT DISTINCT article_id FROM mentions WHERE key = $1 LIMIT 5000) AND m.key <> $1
         GROUP BY e.key ORDER BY articles DESC, e.key LIMIT $2`,
        [key, limit],
      )
    ).rows;
    return rows.map((r) => ({ key: r.key, kb: r.kb, type: r.type, name: r.name, name_en: r.name_en, articles: r.articles }));
  }

  async places(): Promise<PlaceCount[]> {
    return this.memoized('places', async () => {
      const out = new Map<string, PlaceCount>();
      const rows = (
        await this.pool.query(
          `SELECT s.location AS key, s.type, count(DISTINCT s.id)::int AS events
           FROM stories s JOIN events e ON e.story_id = s.id WHERE s.location IS NOT NULL GROUP BY s.location, s.type`,
        )
      ).rows;
      const arts = new Map(
        (
          await this.pool.query(
            'SELECT s.location AS key, count(DISTINCT e.article_id)::int AS n FROM stories s JOIN events e ON e.story_id = s.id WHERE s.location IS NOT NULL GROUP BY s.location',
          )
        ).rows.map((r) => [r.key as string, r.n as number]),
      );
      for (const r of rows) {
        let pl = out.get(r.key);
        if (!pl) out.set(r.key, (pl = { key: r.key, events: 0, articles: arts.get(r.key) ?? 0, types: {} }));
        pl.events += r.events;
        pl.types[r.type] = r.events;
      }
      return [...out.values()].sort((a, b) => b.events - a.events || a.key.localeCompare(b.key));
    });
  }

  async revision(): Promise<string> {
    return (await this.pool.query("SELECT value FROM meta WHERE key = 'revision'")).rows[0]?.value ?? '0';
  }

  async check(): Promise<string[]> {
    const problems: string[] = [];
    const one = async (sql: string) => (await this.pool.query(sql)).rows[0];
    const v = (await one('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations')).v;
    if (v !== PG_MIGRATIONS.at(-1)!.version) problems.push(`schema version ${v}, expected ${PG_MIGRATIONS.at(-1)!.version}`);
    const orphan = (await one('SELECT count(*)::int AS n FROM stories s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.story_id = s.id)')).n;
    if (orphan) problems.push(`${orphan} stories without events`);
    // what the merge step guarantees: a story holds one type, and one report per article
    const mixed = (await one('SELECT count(*)::int AS n FROM events e JOIN stories s ON s.id = e.story_id WHERE s.type <> e.type')).n;
    if (mixed) problems.push(`${mixed} events in a story of another type`);
    const twice = (await one('SELECT count(*)::int AS n FROM (SELECT 1 FROM events GROUP BY story_id, article_id HAVING count(*) > 1) x')).n;
    if (twice) problems.push(`${twice} stories reported twice by one article`);
    const self = (await one('SELECT count(*)::int AS n FROM links WHERE from_id = to_id')).n;
    if (self) problems.push(`${self} articles linked to themselves`);
    // every article with a word in it has its search row
    const unindexed = (
      await one(`SELECT count(*)::int AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.article_id = a.id AND d.kind = 'article')
                 AND (coalesce(a.title, '') || a.text) ~ '[[:alnum:]]'`)
    ).n;
    if (unindexed) problems.push(`search index: ${unindexed} articles without their search row`);
    const stemmer = (await one("SELECT value FROM meta WHERE key = 'stemmer'"))?.value;
    if (stemmer && stemmer !== stemmerFingerprint())
      problems.push(`search index: built by another stemmer (${stemmer}, now ${stemmerFingerprint()}: the knowledge base or data/search changed); run marsad ingest --force`);
    return problems;
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

