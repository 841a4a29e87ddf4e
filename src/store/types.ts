// The Store: where analysed articles are kept and what the cross-article views read. The SQLite
// store (src/store/sqlite) implements it, and the PostgreSQL store will; both run the conformance
// suite in src/store/store.case.ts. Methods may return a value or a Promise: callers await them.
import type { Analysis } from '../pipeline/analysis.js';
import type { DerivedRows, EntityKey } from '../corpus/records.js';
import type { DayInterval } from '../corpus/time.js';
import type { EventStatus, PloverType, Span } from '../pipeline/doc.js';

export type Awaitable<T> = T | Promise<T>;

/** What ingestion hands the store for one article: the analysis and everything derived from it
 *  (computed off the writer's thread). */
export interface ArticleRecord {
  analysis: Analysis;
  /** The article text the analysis' offsets point into. */
  text: string;
  /** SHA-256 (hex) of the text and the metadata the analysis depends on. */
  contentHash: string;
  /** 64-bit SimHash of the normalised word 3-shingles, 16 hex digits. */
  simhash: string;
  /** 32-bit hashes of the article's normalised paragraphs (long ones only), for containment. */
  paragraphs: number[];
  rows: DerivedRows;
  /** Stemmed bodies for the full-text index. */
  search: { article: string; quotes: string[]; events: string[] };
  origin?: string | null;
}

export type PutStatus = 'inserted' | 'replaced' | 'unchanged' | 'duplicate';
export interface PutResult {
  id: string;
  status: PutStatus;
  /** For 'duplicate': the stored article with the same content. For a near-duplicate or a page
   *  that embeds another story: that article. */
  linkedTo: string | null;
  link: LinkKind | null;
}

export type LinkKind = 'exact' | 'near-duplicate' | 'contains';
export interface ArticleLink {
  from: string;
  to: string;
  kind: LinkKind;
  /** SimHash distance (bits) for near-duplicates; share of the other's paragraphs for 'contains'. */
  score: number;
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  published: DayInterval | null;
  origin: string | null;
  contentHash: string;
  ingestedAt: string;
}

export interface Counts {
  articles: number;
  aliases: number;
  links: number;
  entities: number;
  mentions: number;
  events: number;
  stories: number;
  quantities: number;
  times: number;
  quotes: number;
}

export interface EntityName {
  key: EntityKey;
  kb: string | null;
  type: string;
  name: string;
  name_en: string | null;
}

export interface EntityRecord extends EntityName {
  articles: (ArticleSummary & { mentions: Span[] })[];
  mentionCount: number;
}

/** One article's report of a story event, and why it was merged. */
export interface StorySource {
  article: ArticleSummary;
  eventIdx: number;
  trigger: Span;
  sentence: string;
  status: EventStatus;
  time: string | null;
  actors: EntityKey[];
  targets: EntityKey[];
  location: EntityKey | null;
  /** Why this report joined the story (empty for the first). */
  evidence: string[];
  /** False when the article is a near-duplicate of, or embeds, another source of the story. */
  independent: boolean;
}

/** The same happening as reported by one or more articles. */
export interface StoryEvent {
  id: number;
  type: PloverType;
  mode: string | null;
  status: EventStatus;
  /** The most precise stated TIMEX3 value among the reports, else null. */
  time: string | null;
  when: DayInterval | null;
  location: EntityKey | null;
  actors: EntityKey[];
  targets: EntityKey[];
  summary_en: string | null;
  sources: StorySource[];
}

export interface StoryFilter {
  entity?: string;
  /** One PLOVER type, or several comma-separated. */
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  limit?: number;
  /** Story events: the latest `limit` by day instead of the first (still returned in day order;
   *  undated ones left out). */
  latest?: boolean;
  /** Dated statements only: just those later than their article's dateline (for deadlines). */
  ahead?: boolean;
}

/** What the stories that could report a plan carried out are looked up by (deadlines): its type,
 *  the parties such a story names, where it is, and the period it overlaps. */
export interface StoryProbe {
  type: string;
  /** Parties the story names, all of them (each as an actor or a target). */
  keys: EntityKey[];
  /** Places it is at, one of them; empty: any place (then `keys` must name someone). */
  places: EntityKey[];
  /** With `keys` and `places`: a story with no place will do too. */
  unplaced: boolean;
  from: string;
  to: string;
}

/** A dated statement: a time expression (DATE with a calendar value) in a sentence. */
export interface DatedFact {
  article: ArticleSummary;
  /** The time expression's index in its article's `times`: with the article id, a stable id. */
  idx: number;
  text: string;
  value: string;
  mod: string | null;
  when: DayInterval;
  sentence: string;
  entities: EntityKey[];
}

export interface FigureRow {
  article: ArticleSummary;
  idx: number;
  span: Span;
  value: number | null;
  min: number | null;
  max: number | null;
  approx: boolean;
  unit: string;
  subject: EntityKey | null;
  location: EntityKey | null;
  time: string | null;
  when: DayInterval | null;
  sentence: string;
  /** Articles this one is linked to as a near-duplicate or embed (either direction). */
  linked: string[];
}

export type SearchKind = 'article' | 'quote' | 'event';
export interface SearchQuery {
  text: string;
  kinds?: SearchKind[];
  limit?: number;
}
export interface SearchHit {
  kind: SearchKind;
  article: ArticleSummary;
  /** Quote or event index within the article; null for the article itself. */
  idx: number | null;
  /** The matched text: a snippet of the article, the quote, or the event's sentence. */
  text: string;
  snippet: string | null;
  score: number;
  /** For an event hit: its PLOVER type, status and the story event it belongs to; else null. */
  event: { type: string; status: string; story: number } | null;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface ArticleListQuery {
  /** Words that must all appear in the title (normalised: diacritics and letter variants folded). */
  title?: string;
  limit?: number;
  offset?: number;
}

export interface EntityListQuery {
  type?: string;
  /** Part of a name, Arabic (normalised) or English (case-insensitive). */
  name?: string;
  limit?: number;
  offset?: number;
}
export interface EntityListItem extends EntityName {
  articles: number;
  mentions: number;
}

export interface QuoteRow {
  article: ArticleSummary;
  idx: number;
  text: string;
  start: number;
  end: number;
  speaker: EntityKey | null;
  cue: string | null;
  channel: string | null;
}

/** A place events happen at, with how many story events of each type. */
export interface PlaceCount {
  key: EntityKey;
  events: number;
  articles: number;
  types: Record<string, number>;
}

export interface StoredArticle {
  summary: ArticleSummary;
  analysis: Analysis;
  text: string;
  links: ArticleLink[];
}

export interface Store {
  readonly kind: string;
  /** Add or replace one article, in one transaction: nothing of it is stored unless all is. */
  put(record: ArticleRecord): Awaitable<PutResult>;
  /** Several articles in one transaction, in order, each stored as `put` would store it (the same
   *  stored state as one `put` after another); an article that fails comes back as its Error in
   *  its place, the others stored. Both stores have it; ingestion uses it where it is. */
  putMany?(records: ArticleRecord[]): Awaitable<(PutResult | Error)[]>;
  /** The stored content hash of an article id, or null (lets ingestion skip unchanged ones). */
  hashOf(id: string): Awaitable<string | null>;
  article(id: string): Awaitable<StoredArticle | null>;
  /** Every stored article, in id order (for export). */
  articles(): AsyncIterable<StoredArticle> | Iterable<StoredArticle>;
  links(id?: string): Awaitable<ArticleLink[]>;
  counts(): Awaitable<Counts>;
  names(keys: EntityKey[]): Awaitable<Map<EntityKey, EntityName>>;
  entity(keyOrKb: string): Awaitable<EntityRecord | null>;
  stories(filter?: StoryFilter): Awaitable<StoryEvent[]>;
  /** Realized story events that could report one of these probes carried out: of its type,
   *  naming all its keys, at one of its places, with a period overlapping [from, to]. Each story
   *  once, in day order (when_from, id), with all its sources. */
  realizedFor(probes: StoryProbe[]): Awaitable<StoryEvent[]>;
  /** One story event with all its sources; null for an unknown id. */
  story(id: number): Awaitable<StoryEvent | null>;
  facts(filter?: StoryFilter): Awaitable<DatedFact[]>;
  /** Figures that claims can compare: with a unit and a subject other than their place, in (unit, subject, location) order. */
  figures(): Awaitable<FigureRow[]>;
  search(query: SearchQuery): Awaitable<SearchHit[]>;
  /** Article summaries, latest dateline first (undated last), then id. */
  articleList(query?: ArticleListQuery): Awaitable<Page<ArticleSummary>>;
  /** Entities by number of articles that mention them, then mentions, then key. */
  entityList(query?: EntityListQuery): Awaitable<Page<EntityListItem>>;
  /** Quotes whose speaker is this entity (key or kb id), latest article first. */
  quotesBy(keyOrKb: string, limit?: number): Awaitable<QuoteRow[]>;
  /** Entities mentioned in the same articles as this one, most shared articles first. */
  cooccurring(keyOrKb: string, limit?: number): Awaitable<(EntityName & { articles: number })[]>;
  /** Story event places, most events first. */
  places(): Awaitable<PlaceCount[]>;
  /** Changes whenever the stored data changes (this connection's writes or another's): a key
   *  for caching what is read from it. */
  revision(): Awaitable<string>;
  /** Check the store's consistency (SQLite: integrity_check and foreign keys). 'ok' or problems. */
  check(): Awaitable<string[]>;
  close(): Awaitable<void>;
}
