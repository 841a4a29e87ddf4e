// PostgreSQL: several whole articles in one transaction (`PostgresStore.putMany`), each stored as
// `put` would store it, in order, with a number of round trips that does not grow with the
// articles and their events.
//
// The batch is written in segments: a run of records that add articles (new ones, exact copies,
// unchanged ones) up to the next replacement. For a segment the store is read three or four times —
// the ids and contents already stored (once a batch), the link candidates of every new article, the
// story candidates of every event (one probe an event, `readCandidates`), the events of the stored
// articles that new ones copy (`readLinked`) — and everything else
// happens in memory, in input order, as one article at a time would do it: an article sees the
// articles before it in the batch (links), an event sees the stories that the events before it
// created or joined (`touched`, with their shape now, in place of what the read returned). Then
// the segment is written in a few multi-row statements. A replacement (it rebuilds the stories its
// old version was in) is put as `put` puts it, inside the same transaction.
//
// Failures stay the article's own: an article whose planning throws ends its segment (what comes
// before it is written, it is put as `put` puts it, failing alone, and the rest is planned again); a segment whose
// reads or writes fail is rolled back to its savepoint and its articles are put one at a time,
// each in a savepoint of its own. A deadlock or a race with another writer (the batch holds the
// merge lock from its start, and adds entities after it: a writer adding the same new entity
// and waiting for the merge lock closes a cycle, which the server breaks) is not an article's
// failure: the whole batch runs again.
import type pg from 'pg';
import { bestMatch, joinStory, newStory, type MatchOptions, type StoryShape } from '../../corpus/events.js';
import { bands, shapeFromRow, storyKeys } from '../rows.js';
import { stemmerFingerprint } from '../../search/stem.js';
import type { ArticleRecord, Awaitable, PutResult } from '../types.js';
import {
  candidateOrder, insertArticles, insertEntities, insertEvents, isRetryable, linkByShared, mostShared, nearestBySimhash, params, probeOf, readCandidates, readLinked, resetEntities, SHARED_PER_HASH,
  twinOf, upsertLinks, type CandidateIds, type Link, type PlacedEvent, type Probe, type Row,
} from './write.js';

export interface BatchHost {
  match: MatchOptions;
  simBits: number;
  /** The merge lock's keys (pg_advisory_xact_lock). */
  mergeLock: [number, number];
  /** The most story candidates of each kind read for an event (as put reads them). */
  candidates: number;
  /** One article as `put` stores it, inside the open transaction. */
  putOne(c: pg.PoolClient, r: ArticleRecord): Promise<PutResult>;
}

/** What the store holds of the batch's ids and contents (kept up to date as the batch is written). */
interface Known {
  hashById: Map<string, string>;
  idByHash: Map<string, string>;
}

/** A record of a segment, planned. */
interface Planned {
  k: number;
  record: ArticleRecord;
  result: PutResult;
  link?: Link | null;
  events: PlacedEvent[];
}

/** A story this segment created or joined: its shape now and the articles reporting it. */
interface Touched {
  id: number;
  fresh: boolean;
  status: string;
  mode: string | null;
  shape: StoryShape;
  arts: string[];
}

/** Provisional ids of a segment's new stories: above every stored id (in creation order), until written. */
const FRESH = 2 ** 31;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
const result = (id: string, status: PutResult['status'], link: Link | null = null): PutResult => ({ id, status, linkedTo: link?.other ?? null, link: link?.kind ?? null });

/** The batch, in the transaction `c` has open with the batch's id and content locks. */
export async function putBatch(c: pg.PoolClient, records: ArticleRecord[], host: BatchHost): Promise<(PutResult | Error)[]> {
  const out: (PutResult | Error)[] = new Array(records.length);
  const known = await readKnown(c, records);
  const adding = records.filter((r) => known.hashById.get(r.analysis.id) !== r.contentHash && !known.idByHash.has(r.contentHash));
  const early = await beforeMerge(c, adding);
  await c.query(`SELECT pg_advisory_xact_lock(${host.mergeLock.join(', ')})`);
  for (let i = 0; i < records.length; ) {
    const seg = classify(records, i, known);
    if (!seg.length) {
      // a replacement: the stories its old version was in are rebuilt, as put does it
      out[i] = await oneAtATime(c, records[i], host, known);
      i++;
      continue;
    }
    await c.query('SAVEPOINT segment');
    try {
      const segment = new Segment(c, host, seg);
      const { planned, stopped } = await segment.plan();
      await segment.write();
      await c.query('RELEASE SAVEPOINT segment');
      for (const p of planned) {
        out[p.k] = p.result;
        learn(known, p.record, p.result);
      }
      i += planned.length;
      // the article whose planning threw, as put would store it (or fail it: then its Error)
      if (stopped) out[i] = await oneAtATime(c, records[i++], host, known);
    } catch (e) {
      // a deadlock or a race: the whole batch runs again (putMany)
      if (isRetryable(e)) throw e;
      // a read or a write failed: the segment again, one article at a time. The story ids it took
      // are given back (sequences ignore rollbacks; under the merge lock no one else takes any),
      // so that the stories get the ids one at a time would give them
      await c.query(`ROLLBACK TO SAVEPOINT segment; RELEASE SAVEPOINT segment;
        SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM stories), false)`);
      for (const p of seg) out[p.k] = await oneAtATime(c, p.record, host, known);
      i += seg.length;
    }
  }
  // the entities written early for articles that then failed: as the others alone leave them
  const lost = new Set(records.filter((_, k) => out[k] instanceof Error).flatMap((r) => r.rows.entities.map((e) => e.key)));
  const keys = early.filter((k) => lost.has(k));
  if (keys.length) await resetEntities(c, keys, records.filter((r, k) => adding.includes(r) && !(out[k] instanceof Error)));
  return out;
}

/**
 * What the batch's new articles add that other writers may add at the same moment, written
 * before the merge lock as one at a time writes it (so that no writer waits for the merge lock
 * while holding what the batch waits for): the entities, and the stemmer's fingerprint. In a
 * savepoint: when the server refuses them, each article's own write will (and fail alone). An
 * article that fails later leaves no entity behind (`resetEntities`, at the end of the batch).
 */
async function beforeMerge(c: pg.PoolClient, records: ArticleRecord[]): Promise<string[]> {
  if (!records.length) return [];
  await c.query('SAVEPOINT entities');
  try {
    // in the order put writes them: the fingerprint, then the entities in key order
    await c.query("INSERT INTO meta (key, value) VALUES ('stemmer', $1) ON CONFLICT (key) DO NOTHING", [stemmerFingerprint()]);
    const keys = await insertEntities(c, records);
    await c.query('RELEASE SAVEPOINT entities');
    return keys;
  } catch (e) {
    if (isRetryable(e)) throw e;
    await c.query('ROLLBACK TO SAVEPOINT entities; RELEASE SAVEPOINT entities');
    return [];
  }
}

/** One article in a savepoint of its own: its failure is its Error, and undoes only it. */
export async function oneAtATime(c: pg.PoolClient, r: ArticleRecord, host: BatchHost, known?: Known): Promise<PutResult | Error> {
  await c.query('SAVEPOINT one');
  try {
    const res = await host.putOne(c, r);
    await c.query('RELEASE SAVEPOINT one');
    if (known) learn(known, r, res);
    return res;
  } catch (e) {
    if (isRetryable(e)) throw e;
    await c.query('ROLLBACK TO SAVEPOINT one; RELEASE SAVEPOINT one');
    return asError(e);
  }
}

/** The stored content hash of each id of the batch, and the stored id of each content. */
async function readKnown(c: pg.PoolClient, records: ArticleRecord[]): Promise<Known> {
  const { rows } = await c.query(
    `SELECT 'id' AS by, id, content_hash FROM articles WHERE id = ANY($1::text[])
     UNION ALL (SELECT DISTINCT ON (content_hash) 'hash', id, content_hash FROM articles WHERE content_hash = ANY($2::text[]) ORDER BY content_hash, id)`,
    [records.map((r) => r.analysis.id), records.map((r) => r.contentHash)],
  );
  const known: Known = { hashById: new Map(), idByHash: new Map() };
  for (const r of rows) if (r.by === 'id') known.hashById.set(r.id, r.content_hash);
  else known.idByHash.set(r.content_hash, r.id);
  return known;
}

function learn(known: Known, r: ArticleRecord, res: PutResult): void {
  if (res.status !== 'inserted' && res.status !== 'replaced') return;
  const id = r.analysis.id;
  const old = known.hashById.get(id);
  if (old != null && known.idByHash.get(old) === id) known.idByHash.delete(old);
  known.hashById.set(id, r.contentHash);
  if (!known.idByHash.has(r.contentHash)) known.idByHash.set(r.contentHash, id);
}

/** From `start`, the records up to the next replacement: unchanged, exact copies, new articles. */
function classify(records: ArticleRecord[], start: number, known: Known): Planned[] {
  const hashById = new Map(known.hashById);
  const idByHash = new Map(known.idByHash);
  const seg: Planned[] = [];
  for (let k = start; k < records.length; k++) {
    const r = records[k];
    const id = r.analysis.id;
    const old = hashById.get(id);
    if (old != null && old !== r.contentHash) break;
    const same = idByHash.get(r.contentHash);
    let res: PutResult;
    if (old != null) res = result(id, 'unchanged');
    else if (same != null) res = { id, status: 'duplicate', linkedTo: same, link: 'exact' };
    else {
      res = result(id, 'inserted');
      hashById.set(id, r.contentHash);
      idByHash.set(r.contentHash, id);
    }
    seg.push({ k, record: r, result: res, events: [] });
  }
  return seg;
}

class Segment {
  /** Stories created or joined by the events planned so far. */
  private readonly touched = new Map<number, Touched>();
  /** Story rows read (with `arts`, the articles reporting each). */
  private stories = new Map<number, Row>();
  private fresh = 0;

  constructor(
    private readonly c: pg.PoolClient,
    private readonly host: BatchHost,
    private planned: Planned[],
  ) {}

  private get added(): Planned[] {
    return this.planned.filter((p) => p.result.status === 'inserted');
  }

  /** Run `f` on each new article in order; the first that throws ends the segment before it. */
  private async each(f: (p: Planned, n: number) => Awaitable<void>): Promise<boolean> {
    const added = this.added;
    for (let n = 0; n < added.length; n++) {
      try {
        await f(added[n], n);
      } catch {
        this.planned = this.planned.filter((p) => p.k < added[n].k);
        return true;
      }
    }
    return false;
  }

  /** Links and story events of every new article, as one at a time would place them. */
  async plan(): Promise<{ planned: Planned[]; stopped: boolean }> {
    let stopped = await this.planLinks();
    // every event's probe (an article whose probe cannot be made stops the segment here)
    const each: Probe[][] = [];
    stopped = (await this.each((p) => void each.push(p.record.rows.events.map((ev) => probeOf(ev, this.host.match))))) || stopped;
    const probes = each.flat();
    const inSegment = new Set(this.added.map((p) => p.record.analysis.id));
    const linked = [...new Set(this.added.flatMap((p) => (p.link && !inSegment.has(p.link.other) ? [p.link.other] : [])))];
    const read = probes.length ? await readCandidates(this.c, probes, this.host.candidates) : { ids: [], stories: new Map<number, Row>() };
    const copied = linked.length ? await readLinked(this.c, linked) : { events: new Map<string, Row[]>(), stories: new Map<number, Row>() };
    this.stories = new Map([...read.stories, ...copied.stories]);
    let n = 0;
    const byId = new Map(this.added.map((p) => [p.record.analysis.id, p]));
    stopped =
      (await this.each(async (p) => {
        const other = p.link?.other;
        const linkedEvents = !other ? [] : inSegment.has(other) ? eventRows(byId.get(other)!.events) : (copied.events.get(other) ?? []);
        const placed = new Set<number>();
        for (const ev of p.record.rows.events) {
          const probe = probes[n];
          const ids = read.ids[n++];
          const id = p.record.analysis.id;
          let story: Touched | null = null;
          let evidence: string[] = [];
          // a near-duplicate's event joins the story of the same event in the article it copies
          const twin = twinOf(ev, linkedEvents);
          if (twin && !placed.has(twin.story_id)) {
            story = this.current(twin.story_id);
            evidence = [`linked article ${other}: same ${ev.type} «${ev.trigger.text}»`];
          } else {
            const cands = (await this.candidates(probe, ids)).map((sid) => {
              const t = this.current(sid);
              return { ...t.shape, articles: t.arts, id: sid };
            });
            const hit = bestMatch(ev, id, cands, this.host.match);
            if (hit) [story, evidence] = [this.current(hit.story.id), hit.match.evidence];
          }
          story = story
            ? { ...story, shape: joinStory(story.shape, ev, id), arts: [...story.arts, id] }
            : { id: FRESH + this.fresh++, fresh: true, status: ev.status, mode: ev.mode, shape: newStory(ev, id), arts: [id] };
          this.touched.set(story.id, story);
          placed.add(story.id);
          p.events.push({ article: id, ev, story: story.id, evidence });
        }
      })) || stopped;
    return { planned: this.planned, stopped };
  }

  /** Links, each new article seeing the stored ones and those before it in the segment. */
  private async planLinks(): Promise<boolean> {
    const added = this.added;
    if (!added.length) return false;
    const { sims, shared, sizes } = await readLinkCandidates(this.c, added.map((p) => p.record));
    const byBand = new Map<string, { id: string; simhash: string }[]>();
    const byHash = new Map<number, string[]>();
    return this.each((p, n) => {
      const r = p.record;
      const id = r.analysis.id;
      const bs = bands(r.simhash).map((b, i) => `${i}:${b}`);
      const before = [...new Set(bs.flatMap((b) => byBand.get(b) ?? []))];
      let best = nearestBySimhash(id, r.simhash, [...(sims.get(n) ?? []), ...before].slice(0, 200), this.host.simBits);
      const mine = new Set(r.paragraphs);
      if (!best && mine.size) {
        const top = mostShared(id, [...mine].flatMap((h) => [...(shared.get(h) ?? []), ...(byHash.get(h) ?? [])].slice(0, SHARED_PER_HASH)));
        if (top) best = linkByShared(id, top, mine.size, sizes.get(top.other)!);
      }
      p.link = best;
      p.result = result(id, 'inserted', best);
      // what the next ones see of this one
      for (const b of bs) byBand.set(b, [...(byBand.get(b) ?? []), { id, simhash: r.simhash }]);
      for (const h of mine) byHash.set(h, [...(byHash.get(h) ?? []), id]);
      sizes.set(id, mine.size);
    });
  }

  /** A story as it stands now: as this segment left it, else as read. */
  private current(id: number): Touched {
    const t = this.touched.get(id);
    if (t) return t;
    const r = this.stories.get(id)!;
    return { id, fresh: false, status: r.status, mode: r.mode, shape: shapeFromRow(r, []), arts: r.arts ?? [] };
  }

  /**
   * An event's candidates as one at a time would read them: the read's, less the stories this
   * segment changed, plus those of them (and its new ones) that fit the probe now. When the read
   * stopped at its limit and changed stories left a gap in it, the probe is read again, further.
   */
  private async candidates(probe: Probe, ids: CandidateIds, limit = this.host.candidates): Promise<number[]> {
    const most = this.host.candidates;
    const parts: number[][] = [];
    for (const src of [0, 1] as const) {
      const read = ids[src];
      const now = [...this.touched.values()].filter((t) => fits(t.shape, probe, src)).map((t) => t.id);
      const all = [...read.filter((id) => !this.touched.has(id)), ...now].sort((a, b) => b - a);
      if (read.length === limit && all.filter((id) => id >= read.at(-1)!).length < most) {
        const again = await readCandidates(this.c, [probe], most + this.touched.size);
        for (const [id, row] of again.stories) if (!this.stories.has(id)) this.stories.set(id, row);
        return this.candidates(probe, again.ids[0], most + this.touched.size);
      }
      parts.push(all.slice(0, most));
    }
    return candidateOrder(parts as CandidateIds);
  }

  /** The segment's rows, in a few statements. */
  async write(): Promise<void> {
    const c = this.c;
    const added = this.added;
    const copies = this.planned.filter((p) => p.result.status === 'duplicate');
    if (!added.length && !copies.length) return;
    // the new stories' ids, in the order they were made (so the same as one at a time)
    const fresh = [...this.touched.values()].filter((t) => t.fresh).sort((a, b) => a.id - b.id);
    const ids = fresh.length
      ? (await c.query("SELECT nextval(pg_get_serial_sequence('stories', 'id'))::int AS id FROM generate_series(1, $1)", [fresh.length])).rows.map((r) => r.id as number).sort((a, b) => a - b)
      : [];
    const real = (id: number) => (id >= FRESH ? ids[id - FRESH] : id);
    await insertArticles(c, added.map((p) => p.record));
    const stories = [...this.touched.values()].map((t) => ({ ...t, id: real(t.id) }));
    const made = stories.filter((t) => t.fresh);
    const joined = stories.filter((t) => !t.fresh);
    const keys = stories.flatMap((t) => storyKeys(t.shape).map((k) => ({ k, id: t.id })));
    const { args, p, col } = params();
    const shape = (xs: typeof stories) =>
      [
        col(xs, (t) => t.shape.when?.from ?? null, 'text'), col(xs, (t) => t.shape.when?.to ?? null, 'text'), col(xs, (t) => t.shape.whenStated, 'bool'),
        col(xs, (t) => t.shape.location, 'text'), col(xs, (t) => JSON.stringify(t.shape.participants), 'text'),
      ].join(', ');
    await c.query(
      `WITH
       ns AS (INSERT INTO stories (id, type, grp, status, mode, when_from, when_to, when_stated, location, participants)
              SELECT i, ty, g, st, mo, wf, wt, ws, lo, pa::json
              FROM unnest(${col(made, (t) => t.id, 'int')}, ${col(made, (t) => t.shape.type, 'text')}, ${col(made, (t) => t.shape.group, 'text')}, ${col(made, (t) => t.status, 'text')},
                ${col(made, (t) => t.mode, 'text')}, ${shape(made)}) AS x(i, ty, g, st, mo, wf, wt, ws, lo, pa)),
       us AS (UPDATE stories s SET when_from = x.wf, when_to = x.wt, when_stated = x.ws, location = x.lo, participants = x.pa::json
              FROM unnest(${col(joined, (t) => t.id, 'int')}, ${shape(joined)}) AS x(i, wf, wt, ws, lo, pa) WHERE s.id = x.i),
       sk AS (INSERT INTO story_keys (key, story_id) SELECT * FROM unnest(${col(keys, (x) => x.k, 'text')}, ${col(keys, (x) => x.id, 'int')}) ON CONFLICT DO NOTHING),
       al AS (INSERT INTO aliases (id, article_id) SELECT * FROM unnest(${col(copies, (x) => x.result.id, 'text')}, ${col(copies, (x) => x.result.linkedTo, 'text')}) ON CONFLICT (id) DO NOTHING),
       st AS (INSERT INTO meta (key, value) SELECT 'stemmer', ${p(stemmerFingerprint())} WHERE ${p(added.length > 0)}::boolean ON CONFLICT (key) DO NOTHING)
       UPDATE meta SET value = (value::bigint + ${p(added.length + copies.length)})::text WHERE key = 'revision'`,
      args,
    );
    await upsertLinks(c, added.flatMap((x) => (x.link ? [x.link] : [])));
    await insertEvents(c, added.flatMap((x) => x.events.map((e) => ({ ...e, story: real(e.story) }))));
  }
}

/** Does a story fit a probe's read of kind `src` (0: by participant, 1: by place)? As the SQL of readCandidates. */
function fits(s: StoryShape, p: Probe, src: 0 | 1): boolean {
  if (s.type !== p.type || s.group !== p.grp) return false;
  const w = s.when;
  if (src === 0) return p.keys.length > 0 && storyKeys(s).some((k) => p.keys.includes(k)) && (!w || p.lo == null || (w.from <= p.hi! && w.to >= p.lo));
  return p.located && !!s.location && (!p.places || p.places.includes(s.location)) && !!w && w.from <= p.hi! && w.to >= p.lo!;
}

/** Planned events as the event rows a near-duplicate's twin is looked for in. */
function eventRows(events: PlacedEvent[]): Row[] {
  return events
    .map((e) => ({ idx: e.ev.idx, type: e.ev.type, status: e.ev.status, trigger_text: e.ev.trigger.text, when_from: e.ev.when?.from ?? null, when_to: e.ev.when?.to ?? null, story_id: e.story }))
    .sort((a, b) => a.idx - b.idx);
}

/** For each new article (by position), the stored ones sharing a SimHash band (at most 200); for
 *  each of their sentence hashes, the stored articles having it (at most 50); and how many
 *  sentence hashes each of those has. One query. */
async function readLinkCandidates(c: pg.PoolClient, records: ArticleRecord[]) {
  const { args, p } = params();
  const rs = p(JSON.stringify(records.map((r, n) => ({ n, id: r.analysis.id, b: bands(r.simhash) }))));
  const hs = p([...new Set(records.flatMap((r) => r.paragraphs))]);
  const { rows } = await c.query(
    `WITH r AS (SELECT n, id, b[1] AS b0, b[2] AS b1, b[3] AS b2, b[4] AS b3 FROM jsonb_to_recordset(${rs}::jsonb) AS r(n int, id text, b int[])),
     s AS (SELECT h.hash, x.article_id FROM unnest(${hs}::bigint[]) AS h(hash)
           CROSS JOIN LATERAL (SELECT article_id FROM sentence_hashes x WHERE x.hash = h.hash LIMIT ${SHARED_PER_HASH}) x)
     SELECT (SELECT json_agg(json_build_array(r.n, a.id, a.simhash)) FROM r CROSS JOIN LATERAL
               (SELECT id, simhash FROM articles WHERE (b0 = r.b0 OR b1 = r.b1 OR b2 = r.b2 OR b3 = r.b3) AND id <> r.id LIMIT 200) a) AS sims,
            (SELECT json_agg(json_build_array(s.hash, s.article_id)) FROM s) AS shared,
            (SELECT json_agg(json_build_array(article_id, n)) FROM (SELECT article_id, count(*)::int AS n FROM sentence_hashes
               WHERE article_id IN (SELECT article_id FROM s) GROUP BY article_id) k) AS sizes`,
    args,
  );
  const sims = new Map<number, { id: string; simhash: string }[]>();
  for (const [n, id, simhash] of (rows[0].sims ?? []) as [number, string, string][]) sims.set(n, [...(sims.get(n) ?? []), { id, simhash }]);
  const shared = new Map<number, string[]>();
  for (const [h, id] of (rows[0].shared ?? []) as [number, string][]) shared.set(h, [...(shared.get(h) ?? []), id]);
  const sizes = new Map<string, number>((rows[0].sizes ?? []) as [string, number][]);
  return { sims, shared, sizes };
}
