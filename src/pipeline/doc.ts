// The document model. A Doc holds the article text exactly as decoded (never rewritten) and the
// layers that pipeline stages add. Every span is a pair of UTF-16 offsets into `doc.text`.
import type { Normalized } from '../text/normalize.js';
import type { Token } from '../text/tokens.js';

/** A [start, end) range of UTF-16 code units in the original text. */
export interface Range {
  start: number;
  end: number;
}
/** A range together with the text it covers (`doc.text.slice(start, end) === text`). */
export interface Span extends Range {
  text: string;
}

export type BoilerplateKind = 'byline' | 'furniture' | 'caption' | 'related' | 'footer' | 'comments';
export interface Boilerplate extends Range {
  kind: BoilerplateKind;
}

export interface Evidence extends Span {
  why: string;
}
export interface Published {
  date: string | null;
  earliest: string | null;
  latest: string | null;
  basis: 'given' | 'inferred';
  evidence: Evidence[];
  /** Marsad's own field (not in the shared contract), inferred datelines only: the single day
   *  the evidence argues for inside the window (a likely day, not a bound; `date` stays null
   *  unless the window is one day), with why and the spans it rests on. */
  best?: BestDay;
}
export interface BestDay {
  date: string;
  why: string;
  evidence: Evidence[];
}
export interface Segment extends Range {
  published: Published;
}

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';
export interface Entity {
  id: string;
  kb: string | null;
  type: EntityType;
  name: string;
  name_en: string | null;
  mentions: Span[];
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type TimexMod =
  | 'END'
  | 'START'
  | 'MID'
  | 'APPROX'
  | 'BEFORE'
  | 'AFTER'
  | 'ON_OR_BEFORE'
  | 'MORE_THAN'
  | 'LESS_THAN'
  | null;
export interface TimeExpr extends Span {
  type: TimexType;
  value: string | null;
  mod: TimexMod;
}

export interface Quantity extends Span {
  value: number | null;
  min: number | null;
  max: number | null;
  approx: boolean;
  unit: string | null;
  subject: string | null;
  location: string | null;
  time: string | null;
}

export const PLOVER_TYPES = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];
export type EventStatus = 'realized' | 'planned' | 'expected' | 'demanded' | 'negated';
export interface Event {
  type: PloverType;
  mode: string | null;
  trigger: Span;
  actors: string[];
  targets: string[];
  location: string | null;
  time: string | null;
  status: EventStatus;
  sentence: number;
  /** An English line made from the fields (issue 5); not part of marsad.analysis/1. */
  summary_en?: string;
}

export interface Quote extends Span {
  speaker: string | null;
  cue: Span | null;
  via: string | null;
}

/** What the caller tells us about an article besides its text. */
export interface ArticleInput {
  id?: string;
  text: string;
  title?: string | null;
  url?: string | null;
  source?: string | null;
  /** The dateline given by the caller or found in metadata: «YYYY-MM-DD», or a window
   *  «YYYY-MM-DD/YYYY-MM-DD» when only the period is known (see pipeline/dateline.ts). */
  published?: string | null;
  /** Where the article came from (file path, `file.jsonl:12`), for error messages. */
  origin?: string;
}

/** The layers a stage may require or assign. */
export type Layer =
  | 'text'
  | 'norm'
  | 'boilerplate'
  | 'sentences'
  | 'tokens'
  | 'published'
  | 'segments'
  | 'times'
  | 'entities'
  | 'quantities'
  | 'events'
  | 'quotes';

export interface Doc {
  readonly id: string;
  /** The article text exactly as decoded. Never modified. */
  readonly text: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly origin: string | null;
  /** The dateline the caller gave (or HTML metadata held), if any: «YYYY-MM-DD» or a window
   *  «YYYY-MM-DD/YYYY-MM-DD»; parse it with parseDateline() from pipeline/dateline.ts. */
  readonly givenPublished: string | null;
  /** Outlet: given, or found in the text (a byline) by the text layer. */
  source: string | null;

  // text layer
  norm: Normalized;
  boilerplate: Boilerplate[];
  sentences: Range[];
  tokens: Token[];

  // extraction layers
  published: Published | null;
  segments: Segment[];
  entities: Entity[];
  times: TimeExpr[];
  quantities: Quantity[];
  events: Event[];
  quotes: Quote[];

  /** Layers assigned so far (the runner fills this). */
  readonly layers: Set<Layer>;
}
