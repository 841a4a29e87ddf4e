// The shapes the HTTP API answers with (docs/api.md). They mirror the library's types
// (src/store/types.ts, src/corpus/*.ts, src/pipeline/analysis.ts) but are written out here, so
// the browser bundle does not type-check the Node side.

export type DayInterval = { from: string; to: string };
export type EventStatus = 'realized' | 'planned' | 'expected' | 'demanded' | 'negated';
export type Span = { start: number; end: number; text: string };

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

export interface EntityName {
  key: string;
  kb: string | null;
  type: string;
  name: string;
  name_en: string | null;
}
export type Names = Record<string, EntityName>;

export interface StorySource {
  article: ArticleSummary;
  eventIdx: number;
  trigger: Span;
  sentence: string;
  status: EventStatus;
  time: string | null;
  actors: string[];
  targets: string[];
  location: string | null;
  evidence: string[];
  independent: boolean;
}

export interface StoryEvent {
  id: number;
  type: string;
  mode: string | null;
  status: EventStatus;
  time: string | null;
  when: DayInterval | null;
  location: string | null;
  actors: string[];
  targets: string[];
  summary_en: string | null;
  sources: StorySource[];
}

export interface DatedFact {
  article: ArticleSummary;
  idx: number;
  text: string;
  value: string;
  mod: string | null;
  when: DayInterval;
  sentence: string;
  entities: string[];
}

/** A report as a timeline entry carries it: outlet, dateline and the sentence around the trigger. */
export interface LeadSource {
  article: Pick<ArticleSummary, 'id' | 'source' | 'published'>;
  eventIdx: number;
  trigger: Span;
  sentence: string;
  status: EventStatus;
}

/** A story event as the timeline lists it: counts and its first report (GET /api/stories/:id has all). */
export interface StoryBrief extends Omit<StoryEvent, 'sources'> {
  sourceCount: number;
  articleCount: number;
  sources: LeadSource[];
}

/** A story event either way: the lean one of the timeline, or a whole one (entity page, story route). */
export type AnyStory = StoryBrief | StoryEvent;

/** How many articles report a story event. */
export const articleCount = (s: AnyStory) => ('articleCount' in s ? s.articleCount : new Set(s.sources.map((x) => x.article.id)).size);

export interface TimelineEntry {
  when: DayInterval | null;
  kind: 'event' | 'fact';
  story: AnyStory | null;
  fact: DatedFact | null;
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
  subject: string | null;
  location: string | null;
  time: string | null;
  when: DayInterval | null;
  sentence: string;
  linked: string[];
}

export interface Claim {
  unit: string;
  subject: string | null;
  location: string | null;
  kind: 'conflict' | 'change';
  figures: FigureRow[];
  pairs: { a: number; b: number; kind: 'conflict' | 'change'; why: string }[];
}

export interface Deadline {
  due: string;
  status: 'due' | 'passed' | 'met';
  days: number;
  kind: 'event' | 'date';
  story: StoryEvent | null;
  fact: DatedFact | null;
  metBy: StoryEvent | null;
}

export interface SearchHit {
  kind: 'article' | 'quote' | 'event';
  article: ArticleSummary;
  idx: number | null;
  text: string;
  snippet: string | null;
  score: number;
  /** Event hits: type, status and the story event it belongs to. */
  event: { type: string; status: EventStatus; story: number } | null;
}

export interface ArticleLink {
  from: string;
  to: string;
  kind: 'exact' | 'near-duplicate' | 'contains';
  score: number;
}

export interface Published {
  date: string | null;
  earliest: string;
  latest: string;
  basis: 'given' | 'inferred';
  evidence: (Span & { why: string })[];
}

export interface Analysis {
  schema: string;
  id: string;
  title?: string | null;
  url?: string | null;
  source: string | null;
  published: Published | null;
  segments: { start: number; end: number; published: Published }[];
  sentences: { start: number; end: number }[];
  boilerplate: { start: number; end: number; kind: string }[];
  entities: { id: string; kb: string | null; type: string; name: string; name_en: string | null; mentions: Span[] }[];
  times: (Span & { type: string; value: string | null; mod: string | null })[];
  quantities: (Span & {
    value: number | null;
    min: number | null;
    max: number | null;
    approx: boolean;
    unit: string | null;
    subject: string | null;
    location: string | null;
    time: string | null;
  })[];
  events: {
    type: string;
    mode: string | null;
    trigger: Span;
    actors: string[];
    targets: string[];
    location: string | null;
    time: string | null;
    status: EventStatus;
    sentence: number;
    summary_en?: string;
  }[];
  quotes: (Span & { speaker: string | null; cue: Span | null; via: string | null })[];
}

export interface ArticleResponse {
  summary: ArticleSummary;
  text: string;
  analysis: Analysis;
  links: ArticleLink[];
}

export interface EntityResponse {
  entity: {
    key: string;
    kb: string | null;
    type: string;
    name: string;
    name_en: string | null;
    names: string[];
    wikidata: string | null;
    roles: { role: string; role_ar?: string | null; org: string | null; from: string | null; to: string | null }[];
    coords: { lat: number; lon: number } | null;
    parent: string | null;
    /** Every article that mentions it (`articles` lists the latest 200). */
    articleCount: number;
  };
  articles: (ArticleSummary & { mentions: number })[];
  events: StoryBrief[];
  quotes: { article: ArticleSummary; idx: number; text: string; start: number; end: number; speaker?: string | null; cue?: string | null; channel: string | null }[];
  cooccurring: (EntityName & { articles: number })[];
  names: Names;
}

export interface MapPlace {
  key: string;
  kb?: string | null;
  name: string;
  name_en: string | null;
  type: string;
  lat: number;
  lon: number;
  events: number;
  articles: number;
  types: Record<string, number>;
}

export interface Health {
  status: string;
  store: string;
  counts: Record<string, number>;
  ingest: boolean;
}
