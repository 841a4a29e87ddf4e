// The SQLite store: one file (WAL), versioned migrations, one transaction per article.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createError } from '../../errors.js';
import { bestMatch, joinStory, newStory, statusGroup, type MatchOptions, type StoryShape } from '../../corpus/events.js';
import type { EntityKey, EventRow } from '../../corpus/records.js';
import { kbPlaceMatch } from '../../corpus/places.js';
import { addDays, overlaps } from '../../corpus/time.js';
import { normalizeString } from '../../text/normalize.js';
import { parseQuery, snippet } from '../../search/query.js';
import { stemmerFingerprint } from '../../search/stem.js';
import type { Analysis } from '../../pipeline/analysis.js';
import type { EventStatus, PloverType } from '../../pipeline/doc.js';
import { MIGRATIONS } from './migrations.js';
import { bands, eventFromRow, hamming, normTrigger, shapeFromRow, storyKeys, storyOf, typesOf, figureFromRow, entityListOf, entityPage } from '../rows.js';
import type {
  ArticleLink,
  ArticleRecord,
  ArticleSummary,
  Counts,
  DatedFact,
  ArticleListQuery,
  EntityListItem,
  EntityListQuery,
  EntityName,
  EntityRecord,
  Page,
  PlaceCount,
  QuoteRow,
  FigureRow,
  PutResult,
  SearchHit,
  SearchQuery,
  Store,
  StoredArticle,
  StoryEvent,
  StoryFilter,
  StoryProbe,
} from '../types.js';

export interface SqliteStoreOptions {
  /** Event matching options (default: places compared through the knowledge base). */
  match?: MatchOptions;
  /** SimHash distance (bits of 64) under which two articles are near-duplicates. Default 3. */
  simhashBits?: number;
  readonly?: boolean;
}

type Row = Record<string, any>;


/**
 * Whether to find an entity's rows of a dated table by walking the table in day order (checking
 * each row's keys) rather than reading all its rows and sorting them: when the walk is expected to
 * read fewer rows (limit × total / n, the entity's rows spread evenly) than the entity has (n),
 * weighed by `cost`, what a row walked costs against a row read and sorted (measured on the
 * benchmark store, bench/api.ts: about 0.5 for dated statements, 2 for stories).
 */
export function scanInOrder(n: number, total: number, limit: number, cost: number): boolean {
  return n > 0 && n * n > cost * limit * total;
}

/** The SQLite store: a Store that can also write several articles in one transaction. */
export interface SqliteStoreHandle extends Store {
  putMany(records: ArticleRecord[]): (PutResult | Error)[];
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStoreHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (e) {
    throw createError('E_STORE_OPEN', file, e instanceof Error ? e.message : String(e));
  }
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  // the text layer's normalisation, for matching titles and names as the search does
  db.function('marsad_norm', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? normalizeString(s) : null));
  if (!options.readonly) migrate(db, file);
  else if ((db.pragma('user_version', { simple: true }) as number) !== MIGRATIONS.at(-1)!.version)
    throw createError('E_STORE_VERSION', file, db.pragma('user_version', { simple: true }) as number, MIGRATIONS.at(-1)!.version);
  return new SqliteStore(db, options);
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.at(-1)!.version;
  if (current > latest) throw createError('E_STORE_VERSION', file, current, latest);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

class SqliteStore implements SqliteStoreHandle {
  readonly kind = 'sqlite';
  private readonly q: Record<string, Database.Statement>;
  private readonly match: MatchOptions;
  private readonly simBits: number;
  private readonly putTx: (r: ArticleRecord) => PutResult;
  private readonly putManyTx: (rs: ArticleRecord[]) => PutResult[];
  private readonly cache = new Map<string, Database.Statement>();
  /** A prepared statement for SQL built at run time (IN lists), compiled once. */
  private st(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.match = options.match ?? kbPlaceMatch();
    this.simBits = options.simhashBits ?? 3;
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      hashOf: p('SELECT content_hash FROM articles WHERE id = ?'),
      byHash: p('SELECT id FROM articles WHERE content_hash = ? LIMIT 1'),
      aliasOf: p('SELECT article_id FROM aliases WHERE id = ?'),
      insAlias: p('INSERT OR IGNORE INTO aliases (id, article_id) VALUES (?, ?)'),
      insArticle: p(`INSERT INTO articles (id, content_hash, title, url, source, origin, pub_from, pub_to, ingested_at, simhash, b0, b1, b2, b3, text, analysis)
        VALUES (@id, @content_hash, @title, @url, @source, @origin, @pub_from, @pub_to, @ingested_at, @simhash, @b0, @b1, @b2, @b3, @text, @analysis)`),
      updArticle: p(`UPDATE articles SET content_hash=@content_hash, title=@title, url=@url, source=@source, origin=@origin, pub_from=@pub_from, pub_to=@pub_to,
        ingested_at=@ingested_at, simhash=@simhash, b0=@b0, b1=@b1, b2=@b2, b3=@b3, text=@text, analysis=@analysis WHERE id=@id`),
      simCands: p('SELECT id, simhash FROM articles WHERE (b0 = ? OR b1 = ? OR b2 = ? OR b3 = ?) AND id != ? LIMIT 200'),
      sentCands: p('SELECT article_id FROM sentence_hashes WHERE hash = ? LIMIT 50'),
      sentCount: p('SELECT count(*) AS n FROM sentence_hashes WHERE article_id = ?'),
      insSent: p('INSERT INTO sentence_hashes (hash, article_id) VALUES (?, ?)'),
      insLink: p('INSERT OR REPLACE INTO links (from_id, to_id, kind, score) VALUES (?, ?, ?, ?)'),
      insEntity: p('INSERT OR IGNORE INTO entities (key, kb, type, name, name_en) VALUES (?, ?, ?, ?, ?)'),
      insMention: p('INSERT INTO mentions (article_id, key, start, "end", text) VALUES (?, ?, ?, ?, ?)'),
      insStory: p(`INSERT INTO stories (type, grp, status, mode, when_from, when_to, when_stated, location, participants) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      updStory: p(`UPDATE stories SET when_from = ?, when_to = ?, when_stated = ?, location = ?, participants = ? WHERE id = ?`),
      insStoryKey: p('INSERT OR IGNORE INTO story_keys (key, story_id, type, grp, when_from, when_to) VALUES (?, ?, ?, ?, ?, ?)'),
      updStoryKeys: p('UPDATE story_keys SET when_from = ?, when_to = ? WHERE story_id = ?'),
      storyById: p('SELECT * FROM stories WHERE id = ?'),
      locatedIds: p('SELECT s.id, s.location FROM stories s WHERE s.location IS NOT NULL AND s.type = ? AND s.grp = ? AND s.when_from <= ? AND s.when_to >= ? ORDER BY s.id DESC LIMIT 200'),
      insEvent: p(`INSERT INTO events (article_id, idx, story_id, type, mode, status, trigger_start, trigger_end, trigger_text, actors, targets, location, time, when_from, when_to, basis, sentence, sentence_text, summary_en, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      eventsOf: p('SELECT * FROM events WHERE article_id = ? ORDER BY idx'),
      eventsOfStory: p('SELECT * FROM events WHERE story_id = ? ORDER BY rowid'),
      insQuantity: p(`INSERT INTO quantities (article_id, idx, start, "end", text, value, min, max, approx, unit, subject, location, time, when_from, when_to, sentence_text)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insTime: p(`INSERT INTO times (article_id, idx, start, "end", text, type, value, mod, when_from, when_to, sentence_text, entities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insTimeKey: p('INSERT INTO time_keys (key, article_id, idx) VALUES (?, ?, ?)'),
      insQuote: p(`INSERT INTO quotes (article_id, idx, start, "end", text, speaker, cue_start, cue_end, cue_text, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insDoc: p('INSERT INTO search_docs (kind, article_id, idx) VALUES (?, ?, ?)'),
      insFts: p('INSERT INTO search_fts (rowid, body) VALUES (?, ?)'),
      docsOf: p('SELECT rowid FROM search_docs WHERE article_id = ?'),
      delFts: p('DELETE FROM search_fts WHERE rowid = ?'),
      summary: p('SELECT id, title, url, source, origin, pub_from, pub_to, content_hash, ingested_at FROM articles WHERE id = ?'),
      linksOf: p('SELECT from_id, to_id, kind, score FROM links WHERE from_id = ? OR to_id = ?'),
      linksFrom: p('SELECT to_id FROM links WHERE from_id = ?'),
    };
    this.putTx = db.transaction((r: ArticleRecord) => this.putInner(r));
    this.putManyTx = db.transaction((rs: ArticleRecord[]) => rs.map((r) => this.putInner(r)));
  }

  hashOf(id: string): string | null {
    const r = this.q.hashOf.get(id) as Row | undefined;
    if (r) return r.content_hash;
    const a = this.q.aliasOf.get(id) as Row | undefined;
    return a ? ((this.q.hashOf.get(a.article_id) as Row | undefined)?.content_hash ?? null) : null;
  }

  put(record: ArticleRecord): PutResult {
    this.noteStemmer();
    const r = this.putTx(record);
    if (r.status !== 'unchanged') {
      this.memo.clear();
      this.writes++;
    }
    return r;
  }

  /** Several articles in one transaction, in order, each as `put` would store it. Fewer commits
   *  is most of the saving: a commit writes every page it touched to the WAL (indexes, FTS5
   *  segments), so the pages the articles share are written once. Each article is still whole or
   *  absent. When one fails, the batch is rolled back and its articles are put one at a time
   *  (no savepoints: FTS5 writes a segment at each one), so the failure stays that article's own:
   *  it comes back as its Error in its place. */
  putMany(records: ArticleRecord[]): (PutResult | Error)[] {
    if (!records.length) return [];
    this.noteStemmer();
    let out: (PutResult | Error)[];
    try {
      out = this.putManyTx(records);
    } catch {
      out = records.map((r) => {
        try {
          return this.putTx(r);
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      });
    }
    const changed = out.filter((r) => !(r instanceof Error) && r.status !== 'unchanged').length;
    if (changed) {
      this.memo.clear();
      this.writes += changed;
    }
    return out;
  }

  private writes = 0;
  revision(): string {
    return `${this.db.pragma('data_version', { simple: true })}.${this.writes}`;
  }

  /** Aggregates over the whole store (entity list, places), kept until the data changes: a write
   *  here clears them, and `PRAGMA data_version` tells of writes by other connections. */
  private readonly memo = new Map<string, unknown>();
  private memoVersion = -1;
  private memoized<T>(key: string, make: () => T): T {
    const v = this.db.pragma('data_version', { simple: true }) as number;
    if (v !== this.memoVersion) {
      this.memo.clear();
      this.memoVersion = v;
    }
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  /** The stemmer that built the search index, recorded with the first article written. */
  private stemmerNoted = false;
  private noteStemmer(): void {
    if (this.stemmerNoted) return;
    this.stemmerNoted = true;
    this.st("INSERT OR IGNORE INTO meta (key, value) VALUES ('stemmer', ?)").run(stemmerFingerprint());
  }

  private putInner(r: ArticleRecord): PutResult {
    const a = r.analysis;
    const id = a.id;
    const old = this.q.hashOf.get(id) as Row | undefined;
    if (old && old.content_hash === r.contentHash) return { id, status: 'unchanged', linkedTo: null, link: null };
    if (!old) {
      const same = this.q.byHash.get(r.contentHash) as Row | undefined;
      if (same) {
        this.q.insAlias.run(id, same.id);
        return { id, status: 'duplicate', linkedTo: same.id, link: 'exact' };
      }
    }
    // 1. the article row (an update keeps aliases and links that point to it)
    if (old) this.clearArticle(id);
    const [b0, b1, b2, b3] = bands(r.simhash);
    const pub = r.rows.published;
    const row = {
      id,
      content_hash: r.contentHash,
      title: a.title ?? null,
      url: a.url ?? null,
      source: a.source,
      origin: r.origin ?? null,
      pub_from: pub?.from ?? null,
      pub_to: pub?.to ?? null,
      ingested_at: new Date().toISOString(),
      simhash: r.simhash,
      b0,
      b1,
      b2,
      b3,
      text: r.text,
      analysis: JSON.stringify(a),
    };
    (old ? this.q.updArticle : this.q.insArticle).run(row);
    // 2. near-duplicates and embeds
    const link = this.findLink(id, r);
    for (const h of new Set(r.paragraphs)) this.q.insSent.run(h, id);
    // 3. entities and their mentions
    for (const e of r.rows.entities) {
      this.q.insEntity.run(e.key, e.kb, e.type, e.name, e.name_en);
      for (const m of e.mentions) this.q.insMention.run(id, e.key, m.start, m.end, m.text);
    }
    // 4. events, each into a story
    const linkedEvents = link ? (this.q.eventsOf.all(link.other) as Row[]) : [];
    const placed = new Set<number>(); // the stories this article's events have joined so far
    for (const ev of r.rows.events) placed.add(this.placeEvent(id, ev, linkedEvents, link?.other ?? null, placed));
    // 5. figures, times, quotes
    for (const x of r.rows.quantities)
      this.q.insQuantity.run(id, x.idx, x.start, x.end, x.text, x.value, x.min, x.max, x.approx ? 1 : 0, x.unit, x.subject, x.location, x.time, x.when?.from ?? null, x.when?.to ?? null, x.sentenceText);
    for (const t of r.rows.times) {
      this.q.insTime.run(id, t.idx, t.start, t.end, t.text, t.type, t.value, t.mod, t.when?.from ?? null, t.when?.to ?? null, t.sentenceText, JSON.stringify(t.entities));
      if (t.when) for (const k of t.entities) this.q.insTimeKey.run(k, id, t.idx);
    }
    for (const x of r.rows.quotes) this.q.insQuote.run(id, x.idx, x.start, x.end, x.text, x.speaker, x.cue?.start ?? null, x.cue?.end ?? null, x.cue?.text ?? null, x.via);
    // 6. the search index
    const addDoc = (kind: string, idx: number | null, body: string) => {
      if (!body) return;
      const rowid = this.q.insDoc.run(kind, id, idx).lastInsertRowid;
      this.q.insFts.run(rowid, body);
    };
    addDoc('article', null, r.search.article);
    r.search.quotes.forEach((b, i) => addDoc('quote', i, b));
    r.search.events.forEach((b, i) => addDoc('event', i, b));
    return { id, status: old ? 'replaced' : 'inserted', linkedTo: link?.other ?? null, link: link?.kind ?? null };
  }

  /** Remove what an article contributed (its rows, its search entries, its place in stories). */
  private clearArticle(id: string): void {
    for (const d of this.q.docsOf.all(id) as Row[]) this.q.delFts.run(d.rowid);
    const stories = new Set((this.q.eventsOf.all(id) as Row[]).map((e) => e.story_id as number));
    for (const t of ['search_docs', 'mentions', 'events', 'quantities', 'times', 'time_keys', 'quotes', 'sentence_hashes'])
      this.st(`DELETE FROM ${t} WHERE article_id = ?`).run(id);
    this.st('DELETE FROM links WHERE from_id = ?').run(id);
    for (const s of stories) this.refreshStory(s);
  }

  /** Rebuild a story's shape from the events left in it; drop it when none are. */
  private refreshStory(storyId: number): void {
    const evs = this.q.eventsOfStory.all(storyId) as Row[];
    if (!evs.length) {
      this.st('DELETE FROM stories WHERE id = ?').run(storyId);
      return;
    }
    let shape: StoryShape | null = null;
    for (const e of evs) {
      const ev = eventFromRow(e);
      shape = shape ? joinStory(shape, ev, e.article_id) : newStory(ev, e.article_id);
    }
    this.saveShape(storyId, shape!);
    this.st('DELETE FROM story_keys WHERE story_id = ?').run(storyId);
    this.saveKeys(storyId, shape!);
  }

  private saveShape(id: number, s: StoryShape): void {
    this.q.updStory.run(s.when?.from ?? null, s.when?.to ?? null, s.whenStated ? 1 : 0, s.location, JSON.stringify(s.participants), id);
    this.q.updStoryKeys.run(s.when?.from ?? null, s.when?.to ?? null, id);
  }

  /** The story's keys (participants and place), each with the story's type and period. */
  private saveKeys(id: number, s: StoryShape): void {
    for (const k of storyKeys(s)) this.q.insStoryKey.run(k, id, s.type, s.group, s.when?.from ?? null, s.when?.to ?? null);
  }

  private findLink(id: string, r: ArticleRecord): { other: string; kind: 'near-duplicate' | 'contains'; score: number } | null {
    const [b0, b1, b2, b3] = bands(r.simhash);
    let best: { other: string; kind: 'near-duplicate' | 'contains'; score: number; from: string; to: string } | null = null;
    for (const c of this.q.simCands.all(b0, b1, b2, b3, id) as Row[]) {
      const d = hamming(r.simhash, c.simhash);
      if (d <= this.simBits && (!best || d < best.score)) best = { other: c.id, kind: 'near-duplicate', score: d, from: id, to: c.id };
    }
    if (!best) {
      // shared long sentences: most of both → near-duplicate; most of the other, which is much
      // smaller → this page embeds it; most of this, which is much smaller → the other embeds it
      const mine = new Set(r.paragraphs);
      const shared = new Map<string, number>();
      for (const h of mine) for (const c of this.q.sentCands.all(h) as Row[]) if (c.article_id !== id) shared.set(c.article_id, (shared.get(c.article_id) ?? 0) + 1);
      let top: { other: string; n: number } | null = null;
      for (const [other, n] of shared) if (n >= 2 && (!top || n > top.n)) top = { other, n };
      if (top) {
        const theirs = (this.q.sentCount.get(top.other) as Row).n as number;
        const ofMine = top.n / mine.size;
        const ofTheirs = top.n / theirs;
        if (ofMine >= 0.5 && ofTheirs >= 0.5) best = { other: top.other, kind: 'near-duplicate', score: Math.min(ofMine, ofTheirs), from: id, to: top.other };
        else if (ofTheirs >= 0.6) best = { other: top.other, kind: 'contains', score: ofTheirs, from: id, to: top.other };
        else if (ofMine >= 0.6) best = { other: top.other, kind: 'contains', score: ofMine, from: top.other, to: id };
      }
    }
    if (!best) return null;
    this.q.insLink.run(best.from, best.to, best.kind, best.score);
    return { other: best.other, kind: best.kind, score: best.score };
  }

  /** Place one event into a story (an existing one or a new one); returns the story's id.
   *  `placed`: the stories this article's earlier events joined. They are the only ones that can
   *  hold an event of this article, as a replaced article's events were cleared first. */
  private placeEvent(articleId: string, ev: EventRow, linkedEvents: Row[], linkedTo: string | null, placed: ReadonlySet<number>): number {
    let storyId: number | null = null;
    let evidence: string[] = [];
    // a near-duplicate's event joins the story of the same event in the article it copies
    const trig = normTrigger(ev.trigger.text);
    const twin = linkedEvents.find(
      (e) =>
        e.type === ev.type &&
        statusGroup(e.status) === statusGroup(ev.status) &&
        normTrigger(e.trigger_text) === trig &&
        (!ev.when || !e.when_from || overlaps(ev.when, { from: e.when_from, to: e.when_to }, 3)),
    );
    if (twin) {
      if (!placed.has(twin.story_id)) {
        storyId = twin.story_id;
        evidence = [`linked article ${linkedTo}: same ${ev.type} «${ev.trigger.text}»`];
      }
    }
    if (storyId == null) {
      const cands = this.candidates(ev, articleId, placed);
      const hit = bestMatch(ev, articleId, cands, this.match);
      if (hit) {
        storyId = hit.story.id;
        evidence = hit.match.evidence;
      }
    }
    if (storyId == null) {
      const s = newStory(ev, articleId);
      storyId = Number(
        this.q.insStory.run(s.type, s.group, ev.status, ev.mode, s.when?.from ?? null, s.when?.to ?? null, s.whenStated ? 1 : 0, s.location, JSON.stringify(s.participants)).lastInsertRowid,
      );
      this.saveKeys(storyId, s);
    } else {
      const s = joinStory(shapeFromRow(this.q.storyById.get(storyId) as Row, []), ev, articleId);
      this.saveShape(storyId, s);
      this.saveKeys(storyId, s);
    }
    this.q.insEvent.run(
      articleId, ev.idx, storyId, ev.type, ev.mode, ev.status, ev.trigger.start, ev.trigger.end, ev.trigger.text,
      JSON.stringify(ev.actors), JSON.stringify(ev.targets), ev.location, ev.time, ev.when?.from ?? null, ev.when?.to ?? null, ev.basis,
      ev.sentence, ev.sentenceText, ev.summary_en, JSON.stringify(evidence),
    );
    return storyId;
  }

  /** Stories an event might belong to: same type and status group, sharing a participant (or,
   *  for reports naming none, the place), at an overlapping time; those sharing a participant
   *  first, then those at a place, each latest first (bestMatch keeps the first of equal scores),
   *  at most 200 of each. Both reads are index ranges (story_keys_match, stories_place: migration
   *  3) whose cost follows the stories of those keys and places at that time, not the size of the
   *  store. The places are those `match.related` lists (the same, or one inside the other); a
   *  matcher without it reads the latest 200 located stories of the time and keeps those
   *  `samePlace` accepts.
   *  `articles` of a candidate is this article when it has joined the story already, else
   *  empty: all the matcher asks of it is whether this article reports the story already. */
  private candidates(ev: EventRow, articleId: string, placed: ReadonlySet<number>): (StoryShape & { id: number })[] {
    const grp = statusGroup(ev.status);
    const keys = [...new Set([...ev.actors, ...ev.targets])];
    const from = ev.when ? addDays(ev.when.from, -3) : null;
    const to = ev.when ? addDays(ev.when.to, 3) : null;
    const rows: Row[] = [];
    if (keys.length) {
      const ks = keys.map(() => '?').join(',');
      // undated stories match any time; a dated story must overlap the event's (widened) period
      const ids =
        from == null
          ? `SELECT story_id FROM story_keys WHERE key IN (${ks}) AND type = ? AND grp = ?`
          : `SELECT story_id FROM story_keys WHERE key IN (${ks}) AND type = ? AND grp = ? AND when_to >= ? AND when_from <= ?
             UNION ALL SELECT story_id FROM story_keys WHERE key IN (${ks}) AND type = ? AND grp = ? AND when_to IS NULL`;
      const args = from == null ? [...keys, ev.type, grp] : [...keys, ev.type, grp, from, to, ...keys, ev.type, grp];
      rows.push(...(this.st(`SELECT s.* FROM stories s WHERE s.id IN (${ids}) ORDER BY s.id DESC LIMIT 200`).all(...args) as Row[]));
    }
    if (ev.location && ev.when) {
      const here = ev.location;
      const related = this.match.related?.(here);
      const at = (
        related
          ? (this.st(
              `SELECT s.id, s.location FROM stories s INDEXED BY stories_place WHERE s.location IN (${related.map(() => '?').join(',')}) ` +
                'AND s.type = ? AND s.grp = ? AND s.when_to >= ? AND s.when_from <= ? ORDER BY s.id DESC LIMIT 200',
            ).all(...related, ev.type, grp, from, to) as Row[])
          : (this.q.locatedIds.all(ev.type, grp, to, from) as Row[])
      )
        .filter((r) => r.location === here || this.match.samePlace?.(here, r.location))
        .map((r) => r.id as number);
      if (at.length) rows.push(...(this.st(`SELECT * FROM stories WHERE id IN (${at.map(() => '?').join(',')}) ORDER BY id DESC`).all(...at) as Row[]));
    }
    const seen = new Set<number>();
    const out: (StoryShape & { id: number })[] = [];
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...shapeFromRow(r, placed.has(r.id) ? [articleId] : []), id: r.id });
    }
    return out;
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
  /** The summaries of many articles in one query. */
  private summaries(ids: Iterable<string>): Map<string, ArticleSummary> {
    const list = [...new Set(ids)];
    const out = new Map<string, ArticleSummary>();
    if (!list.length) return out;
    const rows = this.st('SELECT id, title, url, source, origin, pub_from, pub_to, content_hash, ingested_at FROM articles WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(list)) as Row[];
    for (const r of rows) out.set(r.id, this.summaryOf(r));
    return out;
  }

  private summary(id: string): ArticleSummary {
    const row = this.q.summary.get(id) as Row;
    return this.summaryOf(row);
  }

  article(id: string): StoredArticle | null {
    let row = this.st('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    if (!row) {
      const al = this.q.aliasOf.get(id) as Row | undefined;
      if (al) row = this.st('SELECT * FROM articles WHERE id = ?').get(al.article_id) as Row | undefined;
    }
    if (!row) return null;
    return { summary: this.summaryOf(row), analysis: JSON.parse(row.analysis) as Analysis, text: row.text, links: this.links(row.id) };
  }

  *articles(): Iterable<StoredArticle> {
    const ids = (this.st('SELECT id FROM articles ORDER BY id').all() as Row[]).map((r) => r.id as string);
    for (const id of ids) {
      const a = this.article(id);
      if (a) yield a;
    }
  }

  links(id?: string): ArticleLink[] {
    const rows = (id ? this.q.linksOf.all(id, id) : this.st('SELECT from_id, to_id, kind, score FROM links ORDER BY from_id, to_id').all()) as Row[];
    return rows.map((r) => ({ from: r.from_id, to: r.to_id, kind: r.kind, score: r.score }));
  }

  counts(): Counts {
    const n = (t: string) => (this.st(`SELECT count(*) AS n FROM ${t}`).get() as Row).n as number;
    return {
      articles: n('articles'),
      aliases: n('aliases'),
      links: n('links'),
      entities: (this.st('SELECT count(DISTINCT key) AS n FROM mentions').get() as Row).n,
      mentions: n('mentions'),
      events: n('events'),
      stories: n('stories'),
      quantities: n('quantities'),
      times: n('times'),
      quotes: n('quotes'),
    };
  }

  names(keys: EntityKey[]): Map<EntityKey, EntityName> {
    const out = new Map<EntityKey, EntityName>();
    const st = this.st('SELECT key, kb, type, name, name_en FROM entities WHERE key = ?');
    for (const k of new Set(keys)) {
      const r = st.get(k) as Row | undefined;
      if (r) out.set(k, { key: r.key, kb: r.kb, type: r.type, name: r.name, name_en: r.name_en });
    }
    return out;
  }

  entity(keyOrKb: string): EntityRecord | null {
    const e = (this.st('SELECT * FROM entities WHERE key = ?').get(keyOrKb) ?? this.st('SELECT * FROM entities WHERE kb = ? LIMIT 1').get(keyOrKb)) as Row | undefined;
    if (!e) return null;
    const rows = this.st('SELECT article_id, start, "end", text FROM mentions WHERE key = ? ORDER BY article_id, start').all(e.key) as Row[];
    if (!rows.length) return null;
    const byArticle = new Map<string, EntityRecord['articles'][number]>();
    for (const m of rows) {
      let a = byArticle.get(m.article_id);
      if (!a) byArticle.set(m.article_id, (a = { ...this.summary(m.article_id), mentions: [] }));
      a.mentions.push({ start: m.start, end: m.end, text: m.text });
    }
    const articles = [...byArticle.values()].sort((x, y) => (x.published?.from ?? '').localeCompare(y.published?.from ?? '') || x.id.localeCompare(y.id));
    return { key: e.key, kb: e.kb, type: e.type, name: e.name, name_en: e.name_en, articles, mentionCount: rows.length };
  }

  stories(filter: StoryFilter = {}): StoryEvent[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.type) {
      const types = typesOf(filter.type);
      where.push(`s.type IN (${types.map(() => '?').join(',')})`);
      args.push(...types);
    }
    if (filter.status) {
      where.push('s.status = ?');
      args.push(filter.status);
    }
    if (filter.entity) {
      const key = this.resolveKey(filter.entity);
      const n = (this.st('SELECT count(*) AS n FROM story_keys WHERE key = ?').get(key) as Row).n as number;
      const total = ((this.st('SELECT max(id) AS n FROM stories').get() as Row).n as number | null) ?? 0;
      // a frequent entity: walk the stories in day order and keep its own (about limit × total / n
      // rows read); a rare one: read its stories and sort them (n rows). story_keys holds the
      // place too (rows.ts storyKeys); `s.location = ?` keeps the older rows' reading.
      if (scanInOrder(n, total, filter.limit ?? 1000, 2)) where.push('(EXISTS (SELECT 1 FROM story_keys k WHERE k.key = ? AND k.story_id = s.id) OR s.location = ?)');
      else where.push('(s.id IN (SELECT story_id FROM story_keys WHERE key = ?) OR s.location = ?)');
      args.push(key, key);
    }
    const limit = filter.limit ?? 1000;
    const order = filter.latest ? 's.when_from DESC, s.id DESC' : 's.when_from, s.id';
    const rows = this.windowed({ table: 'stories', alias: 's', span: 'stories_span', spanId: 's.id', order }, where, args, filter, limit);
    if (filter.latest) return this.storiesOf(rows.reverse());
    // undated stories come last, and only when no period was asked for
    if (rows.length < limit && !filter.from && !filter.to)
      rows.push(
        ...(this.st(`SELECT s.* FROM stories s WHERE s.when_from IS NULL${where.length ? ' AND ' + where.join(' AND ') : ''} ORDER BY s.id LIMIT ?`).all(...args, limit - rows.length) as Row[]),
      );
    return this.storiesOf(rows);
  }

  realizedFor(probes: StoryProbe[]): StoryEvent[] {
    // per probe, index ranges: story_keys_match for the stories naming each key (kept when they
    // name all), else stories_place for those at each place
    const naming = this.st(
      `SELECT s.id, s.location FROM stories s WHERE s.id IN (SELECT story_id FROM story_keys WHERE key IN (SELECT value FROM json_each(?))
         AND type = ? AND grp = 'past' AND when_to >= ? AND when_from <= ? GROUP BY story_id HAVING count(*) = ?)`,
    );
    const atPlace = this.st("SELECT id FROM stories INDEXED BY stories_place WHERE location = ? AND type = ? AND grp = 'past' AND when_to >= ? AND when_from <= ?");
    const ids = new Set<number>();
    for (const p of probes) {
      const keys = [...new Set(p.keys)];
      const places = new Set(p.places);
      if (keys.length)
        for (const r of naming.all(JSON.stringify(keys), p.type, p.from, p.to, keys.length) as Row[]) {
          if (!places.size || (r.location ? places.has(r.location) : p.unplaced)) ids.add(r.id);
        }
      else for (const l of places) for (const r of atPlace.all(l, p.type, p.from, p.to) as Row[]) ids.add(r.id);
    }
    const rows = this.st("SELECT s.* FROM stories s WHERE s.id IN (SELECT value FROM json_each(?)) AND s.status = 'realized' ORDER BY s.when_from, s.id").all(JSON.stringify([...ids])) as Row[];
    return this.storiesOf(rows);
  }

  story(id: number): StoryEvent | null {
    const row = this.st('SELECT * FROM stories WHERE id = ?').get(id) as Row | undefined;
    return row ? this.storiesOf([row])[0] : null;
  }

  /**
   * Rows of a dated table (stories, times) whose period overlaps [filter.from, filter.to], in day
   * order, at most `limit`. Those that start inside the window are read in index order and stop at
   * the limit; those that started earlier and reach into it come from the R*Tree over days
   * (migration 2), so neither a long table nor a wide window is scanned row by row.
   */
  private windowed(
    t: { table: string; alias: string; span: string; spanId: string; order: string },
    where: string[],
    args: unknown[],
    filter: { from?: string; to?: string },
    limit: number,
  ): Row[] {
    const a = t.alias;
    const base = [`${a}.when_from IS NOT NULL`, ...where];
    const inside = [...base];
    const insideArgs = [...args];
    if (filter.from) {
      inside.push(`${a}.when_from >= ?`);
      insideArgs.push(filter.from);
    }
    if (filter.to) {
      inside.push(`${a}.when_from <= ?`);
      insideArgs.push(filter.to);
    }
    const sel = `SELECT ${a}.* FROM ${t.table} ${a}`;
    const insideSql = `${sel} WHERE ${inside.join(' AND ')} ORDER BY ${t.order} LIMIT ?`;
    if (!filter.from) return this.st(insideSql).all(...insideArgs, limit) as Row[];
    const before = `${sel} WHERE ${t.spanId} IN (SELECT id FROM ${t.span} WHERE lo < julianday(?) AND hi >= julianday(?) - 1)
      AND ${[...base, `${a}.when_from < ?`, `${a}.when_to >= ?`].join(' AND ')}`;
    const order = t.order.replaceAll(`${a}.`, '');
    const sql = `SELECT * FROM (SELECT * FROM (${insideSql}) UNION ALL SELECT * FROM (${before})) ORDER BY ${order} LIMIT ?`;
    return this.st(sql).all(...insideArgs, limit, filter.from, filter.from, ...args, filter.from, filter.from, limit) as Row[];
  }

  private resolveKey(k: string): string {
    const e = (this.st('SELECT key FROM entities WHERE key = ?').get(k) ?? this.st('SELECT key FROM entities WHERE kb = ? LIMIT 1').get(k)) as Row | undefined;
    return e?.key ?? k;
  }

  /** Story rows → story events, reading their reports, articles and links in batches. */
  private storiesOf(rows: Row[]): StoryEvent[] {
    const evsOf = new Map<number, Row[]>();
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id as number);
      const evs = this.st(`SELECT * FROM events WHERE story_id IN (${ids.map(() => '?').join(',')}) ORDER BY story_id, rowid`).all(...ids) as Row[];
      for (const e of evs) {
        let l = evsOf.get(e.story_id);
        if (!l) evsOf.set(e.story_id, (l = []));
        l.push(e);
      }
    }
    const artIds = new Set<string>();
    for (const l of evsOf.values()) for (const e of l) artIds.add(e.article_id);
    const sums = this.summaries(artIds);
    const summary = (id: string) => sums.get(id)!;
    const linksFrom = new Map<string, string[]>();
    for (const x of this.st('SELECT from_id, to_id FROM links WHERE from_id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...artIds])) as Row[]) {
      let l = linksFrom.get(x.from_id);
      if (!l) linksFrom.set(x.from_id, (l = []));
      l.push(x.to_id);
    }
    const linkedTo = (id: string) => linksFrom.get(id) ?? [];
    return rows.map((r) => storyOf(r, evsOf.get(r.id) ?? [], summary, linkedTo));
  }

  facts(filter: StoryFilter = {}): DatedFact[] {
    const where = ["t.type = 'DATE'"];
    const args: unknown[] = [];
    if (filter.ahead) where.push('t.when_from > (SELECT a.pub_to FROM articles a WHERE a.id = t.article_id)');
    if (filter.entity) {
      const key = this.resolveKey(filter.entity);
      const n = (this.st('SELECT count(*) AS n FROM time_keys WHERE key = ?').get(key) as Row).n as number;
      const total = ((this.st('SELECT max(rowid) AS n FROM times').get() as Row).n as number | null) ?? 0;
      // as for stories: a frequent entity walks the dated statements in day order
      if (scanInOrder(n, total, filter.limit ?? 1000, 0.5)) where.push('EXISTS (SELECT 1 FROM time_keys k WHERE k.key = ? AND k.article_id = t.article_id AND k.idx = t.idx)');
      else where.push('(t.article_id, t.idx) IN (SELECT article_id, idx FROM time_keys WHERE key = ?)');
      args.push(key);
    }
    const rows = this.windowed(
      { table: 'times', alias: 't', span: 'times_span', spanId: 't.rowid', order: 't.when_from, t.article_id, t.idx' },
      where,
      args,
      filter,
      filter.limit ?? 1000,
    );
    const sums = this.summaries(rows.map((t) => t.article_id as string));
    return rows.map((t) => ({
      article: sums.get(t.article_id)!,
      idx: t.idx,
      text: t.text,
      value: t.value,
      mod: t.mod,
      when: { from: t.when_from, to: t.when_to },
      sentence: t.sentence_text,
      entities: JSON.parse(t.entities),
    }));
  }

  figures(): FigureRow[] {
    const rows = this
      .st('SELECT * FROM quantities WHERE unit IS NOT NULL AND subject IS NOT NULL AND (location IS NULL OR subject != location) ORDER BY unit, subject, location, article_id, idx')
      .all() as Row[];
    const linksCache = new Map<string, string[]>();
    const linked = (id: string) => {
      let l = linksCache.get(id);
      if (!l) linksCache.set(id, (l = this.links(id).map((x) => (x.from === id ? x.to : x.from))));
      return l;
    };
    const sums = this.summaries(rows.map((q) => q.article_id as string));
    return rows.map((q) => figureFromRow(q, sums.get(q.article_id)!, linked(q.article_id)));
  }

  search(query: SearchQuery): SearchHit[] {
    const { match, stems } = parseQuery(query.text);
    if (!match) return [];
    const kinds = query.kinds?.length ? query.kinds : null;
    const limit = query.limit ?? 20;
    let sql = `SELECT d.kind, d.article_id, d.idx, f.rank AS score FROM (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN search_docs d ON d.rowid = f.rowid`;
    const args: unknown[] = [match, kinds ? limit * 20 : limit];
    if (kinds) sql += ` WHERE d.kind IN (${kinds.map(() => '?').join(',')})`;
    sql += ' ORDER BY f.rank LIMIT ?';
    args.push(...(kinds ?? []), limit);
    let rows: Row[];
    try {
      rows = this.st(sql).all(...args) as Row[];
    } catch (e) {
      throw createError('E_SEARCH_QUERY', query.text, e instanceof Error ? e.message : String(e));
    }
    return rows.map((h) => {
      const article = this.summary(h.article_id);
      let text = '';
      let event: SearchHit['event'] = null;
      if (h.kind === 'article') text = (this.st('SELECT text FROM articles WHERE id = ?').get(h.article_id) as Row).text;
      else if (h.kind === 'quote') text = (this.st('SELECT text FROM quotes WHERE article_id = ? AND idx = ?').get(h.article_id, h.idx) as Row).text;
      else {
        const e = this.st('SELECT sentence_text, type, status, story_id FROM events WHERE article_id = ? AND idx = ?').get(h.article_id, h.idx) as Row;
        text = e.sentence_text;
        event = { type: e.type, status: e.status, story: e.story_id };
      }
      const snip = snippet(text, stems);
      return { kind: h.kind, article, idx: h.idx, text: h.kind === 'article' ? (article.title ?? snip?.text ?? text.slice(0, 160)) : text, snippet: snip?.text ?? null, score: -h.score, event };
    });
  }

  articleList(query: ArticleListQuery = {}): Page<ArticleSummary> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const w of normalizeString(query.title ?? '').split(/\s+/).filter(Boolean)) {
      where.push("marsad_norm(title) LIKE ? ESCAPE '\\'");
      args.push(`%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.st(`SELECT count(*) AS n FROM articles ${w}`).get(...args) as Row).n as number;
    const rows = this.st(
      `SELECT id, title, url, source, origin, pub_from, pub_to, content_hash, ingested_at FROM articles ${w}
       ORDER BY pub_to IS NULL, pub_to DESC, id LIMIT ? OFFSET ?`,
    ).all(...args, query.limit ?? 50, query.offset ?? 0) as Row[];
    return { total, items: rows.map((r) => this.summaryOf(r)) };
  }

  entityList(query: EntityListQuery = {}): Page<EntityListItem> {
    const all = this.memoized('entities', () =>
      entityListOf(
        this.st(
          `SELECT e.key, e.kb, e.type, e.name, e.name_en, s.articles, s.mentions
           FROM (SELECT key, count(DISTINCT article_id) AS articles, count(*) AS mentions FROM mentions GROUP BY key) s
           JOIN entities e ON e.key = s.key`,
        ).all() as Row[],
      ),
    );
    return entityPage(all, query);
  }

  quotesBy(keyOrKb: string, limit = 200): QuoteRow[] {
    const key = this.resolveKey(keyOrKb);
    const rows = this.st(
      `SELECT q.* FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker = ?
       ORDER BY a.pub_to IS NULL, a.pub_to DESC, q.article_id, q.idx LIMIT ?`,
    ).all(key, limit) as Row[];
    return rows.map((q) => ({
      article: this.summary(q.article_id),
      idx: q.idx,
      text: q.text,
      start: q.start,
      end: q.end,
      speaker: q.speaker,
      cue: q.cue_text,
      channel: q.via,
    }));
  }

  cooccurring(keyOrKb: string, limit = 30): (EntityName & { articles: number })[] {
    const key = this.resolveKey(keyOrKb);
    const rows = this.st(
      `SELECT e.key, e.kb, e.type, e.name, e.name_en, count(DISTINCT m.article_id) AS articles
       FROM mentions m JOIN entities e ON e.key = m.key
       WHERE m.article_id IN (SELECT DISTINCT article_id FROM mentions WHERE key = ? LIMIT 5000) AND m.key != ?
       GROUP BY m.key ORDER BY articles DESC, m.key LIMIT ?`,
    ).all(key, key, limit) as Row[];
    return rows.map((r) => ({ key: r.key, kb: r.kb, type: r.type, name: r.name, name_en: r.name_en, articles: r.articles }));
  }

  places(): PlaceCount[] {
    return this.memoized('places', () => {
      const out = new Map<string, PlaceCount>();
      const rows = this.st(
        `SELECT s.location AS key, s.type, count(DISTINCT s.id) AS events, count(DISTINCT e.article_id) AS articles
         FROM stories s JOIN events e ON e.story_id = s.id WHERE s.location IS NOT NULL GROUP BY s.location, s.type`,
      ).all() as Row[];
      const arts = new Map(
        (this.st(`SELECT s.location AS key, count(DISTINCT e.article_id) AS n FROM stories s JOIN events e ON e.story_id = s.id WHERE s.location IS NOT NULL GROUP BY s.location`).all() as Row[]).map((r) => [r.key as string, r.n as number]),
      );
      for (const r of rows) {
        let p = out.get(r.key);
        if (!p) out.set(r.key, (p = { key: r.key, events: 0, articles: arts.get(r.key) ?? 0, types: {} }));
        p.events += r.events;
        p.types[r.type] = r.events;
      }
      return [...out.values()].sort((a, b) => b.events - a.events || a.key.localeCompare(b.key));
    });
  }

  check(): string[] {
    const problems: string[] = [];
    const ic = this.db.pragma('integrity_check') as Row[];
    for (const r of ic) if (r.integrity_check !== 'ok') problems.push(`integrity_check: ${r.integrity_check}`);
    const fk = this.db.pragma('foreign_key_check') as Row[];
    for (const r of fk.slice(0, 20)) problems.push(`foreign key: ${r.table} row ${r.rowid} → ${r.parent}`);
    const orphan = (this.st('SELECT count(*) AS n FROM stories s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.story_id = s.id)').get() as Row).n;
    if (orphan) problems.push(`${orphan} stories without events`);
    const docs = (this.st('SELECT count(*) AS n FROM search_docs').get() as Row).n;
    const fts = (this.st("SELECT count(*) AS n FROM search_fts").get() as Row).n;
    if (docs !== fts) problems.push(`search index: ${fts} rows for ${docs} documents`);
    const stemmer = (this.st("SELECT value FROM meta WHERE key = 'stemmer'").get() as Row | undefined)?.value;
    if (stemmer && stemmer !== stemmerFingerprint())
      problems.push(`search index: built by another stemmer (${stemmer}, now ${stemmerFingerprint()}: the knowledge base or data/search changed); run marsad ingest --force`);
    return problems;
  }

  close(): void {
    if (this.db.open) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* read-only or busy: the WAL stays, which is fine */
      }
      this.db.close();
    }
  }
}

