// JSON Schemas of the API's parameters. Fastify validates every request against them (unknown
// query parameters are refused, numbers coerced from the query string) and @fastify/swagger turns
// them into the OpenAPI document at /api/docs/json.
import { PLOVER_TYPES } from '../pipeline/doc.js';

const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a day, YYYY-MM-DD' } as const;
const limit = (max: number, dflt: number) => ({ type: 'integer', minimum: 1, maximum: max, default: dflt }) as const;
const offset = { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 } as const;
/**
 * Ids and keys: no control characters, bounded length. An article's id may be a URL (a feed's
 * guid or link, `marsad ingest feed.xml`), so `/` is allowed (the client sends it as %2F).
 */
const id = { type: 'string', minLength: 1, maxLength: 2048, pattern: '^[^\\u0000-\\u001f]+$' } as const;
const query = <P extends Record<string, unknown>>(properties: P, required: string[] = []) =>
  ({ type: 'object', properties, required, additionalProperties: false }) as const;

export const STATUSES = ['realized', 'planned', 'expected', 'demanded', 'negated'] as const;

const errorBody = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;
/** Documented answers: the body is described in docs/api.md; only errors are spelled out here. */
const answers = (description: string, codes: number[] = [400]) => ({
  200: { description, type: 'object', additionalProperties: true },
  ...Object.fromEntries(codes.map((c) => [c, { description: 'error', ...errorBody }])),
});

export const schemas = {
  health: { tags: ['meta'], summary: 'Health and counts', response: answers('status, store kind, counts', []) },
  articles: {
    tags: ['articles'],
    summary: 'List articles, latest dateline first',
    querystring: query({ limit: limit(500, 50), offset, q: { type: 'string', maxLength: 200, description: 'words in the title' } }),
    response: answers('{ total, items: ArticleSummary[] }'),
  },
  article: {
    tags: ['articles'],
    summary: 'One article with its text, analysis (marsad.analysis/1) and links',
    params: query({ id }, ['id']),
    response: answers('{ summary, text, analysis, links }', [400, 404]),
  },
  postArticles: {
    tags: ['articles'],
    summary: 'Analyse and store articles (requires the server token)',
    security: [{ bearer: [] }],
    body: {
      oneOf: [
        { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
        { type: 'object', required: ['html'], properties: { html: { type: 'string' } } },
        { type: 'object', required: ['articles'], properties: { articles: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object' } } } },
      ],
    },
    response: answers('{ results: [{ id, status, linkedTo, link }] }', [400, 401, 403, 413]),
  },
  entities: {
    tags: ['entities'],
    summary: 'List entities, most mentioned first',
    querystring: query({
      type: { type: 'string', enum: ['PER', 'ORG', 'LOC', 'MISC'] },
      q: { type: 'string', maxLength: 200, description: 'part of a name, Arabic or English' },
      limit: limit(500, 50),
      offset,
    }),
    response: answers('{ total, items }'),
  },
  entity: {
    tags: ['entities'],
    summary: 'One entity: names, roles, mentions, events, quotes, co-occurring entities',
    params: query({ id }, ['id']),
    response: answers('{ entity, articles, events, quotes, cooccurring, names }', [400, 404]),
  },
  timeline: {
    tags: ['story'],
    summary: 'Story events (lean: counts and first reports; see /api/stories/{id}) and dated statements in time order',
    querystring: query({
      entity: id,
      type: { type: 'string', pattern: `^(${PLOVER_TYPES.join('|')})(,(${PLOVER_TYPES.join('|')}))*$`, maxLength: 400, description: 'a PLOVER type, or several comma-separated' },
      status: { type: 'string', enum: [...STATUSES] },
      from: day,
      to: day,
      limit: limit(5000, 200),
    }),
    response: answers('{ entries: TimelineEntry[], names }'),
  },
  story: {
    tags: ['story'],
    summary: 'One story event with every report: outlet, sentence, status, participants, why it was merged',
    params: query({ id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } }, ['id']),
    response: answers('{ story: StoryEvent, names }', [400, 404]),
  },
  search: {
    tags: ['story'],
    summary: 'Arabic full-text search over articles, quotes and events',
    querystring: query(
      {
        q: { type: 'string', minLength: 1, maxLength: 500 },
        kind: { type: 'string', pattern: '^(article|quote|event)(,(article|quote|event))*$', description: 'comma-separated kinds' },
        limit: limit(100, 20),
      },
      ['q'],
    ),
    response: answers('{ hits: SearchHit[] }'),
  },
  conflicts: {
    tags: ['story'],
    summary: 'Figures that disagree across sources (conflict) or over time (change)',
    querystring: query({ kind: { type: 'string', enum: ['conflict', 'change'] }, limit: limit(500, 50), offset }),
    response: answers('{ total, offset, counts, claims: Claim[], names }'),
  },
  deadlines: {
    tags: ['story'],
    summary: 'Planned events and dates ahead of their articles: due, passed or met',
    querystring: query({ date: day, status: { type: 'string', enum: ['due', 'passed', 'met'] }, limit: limit(1000, 100), offset }),
    response: answers('{ date, total, offset, counts, deadlines: Deadline[], names }'),
  },
  map: {
    tags: ['story'],
    summary: 'Places where story events happen, with coordinates and counts by type',
    response: answers('{ places }', []),
  },
} as const;
