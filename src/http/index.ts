// The HTTP API and the web UI's server (Fastify 5). Routes are thin: validate (JSON Schema,
// src/http/schemas.ts), call the library (src/http/views.ts, the store), answer JSON. Errors come
// from the one catalogue (src/errors.ts) as { error: { code, message } }.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { createError, isMarsadError, type MarsadError } from '../errors.js';
import { recordToArticle } from '../input/index.js';
import { parseDay } from '../pipeline/dateline.js';
import { ingest, type InputResult } from '../ingest/index.js';
import type { SearchKind, Store } from '../store/types.js';
import { createAnswerCache } from './cache.js';
import { schemas } from './schemas.js';
import { articleView, conflictsView, deadlinesView, entityView, mapView, storyView, timelineView } from './views.js';

export interface ServerOptions {
  store: Store;
  /** The built web UI (web/dist); not served when absent. */
  webDir?: string | null;
  /** Enables POST /api/articles, which then requires `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Requests per minute per client address; 0 turns the limit off. Default 600. */
  rateLimit?: number;
  /** Bytes of serialised answers kept until the data changes; 0 turns the cache off. Default 256 MiB. */
  cacheBytes?: number;
  /** Request body limit in bytes. Default 2 MiB. */
  bodyLimit?: number;
  logger?: boolean;
}

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/** A constant-time comparison of the presented token with the configured one (hashes of equal length). */
function tokenMatches(presented: string | undefined, token: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(presented ?? ''), h(token)) && presented !== undefined;
}

function errorBody(e: MarsadError) {
  return { error: { code: e.code, message: e.message } };
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const bodyLimit = opts.bodyLimit ?? 2 * 1024 * 1024;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit,
    // an article id may be a long URL (the id schema's maxLength), more than the default 100
    routerOptions: { maxParamLength: 2048 },
    // query strings: numbers coerced, defaults filled, unknown parameters refused (not stripped)
    ajv: { customOptions: { coerceTypes: true, useDefaults: true, removeAdditional: false, allErrors: false } },
  });

  app.setErrorHandler((err: any, req, reply) => {
    let e: MarsadError;
    if (isMarsadError(err)) e = err;
    else if (err.validation) e = createError('E_BAD_PARAM', `${err.validationContext ?? 'request'}${err.validation[0]?.instancePath ?? ''} ${err.validation[0]?.message ?? err.message}${err.validation[0]?.params?.additionalProperty ? ` («${err.validation[0].params.additionalProperty}»)` : ''}`);
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') e = createError('E_TOO_LARGE', bodyLimit);
    else if (err.statusCode === 429) e = createError('E_RATE_LIMIT', String(err.after ?? 'a minute'));
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) e = createError('E_BAD_PARAM', err.message);
    else {
      req.log.error(err);
      e = createError('E_INTERNAL');
    }
    reply.code(e.status).type('application/json').send(errorBody(e));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody(createError('E_NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`)));
  });

  // security headers: a CSP that allows no inline script; no CORS headers (same origin only)
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // the server may be reached over plain http on a LAN address: do not ask for https
        upgradeInsecureRequests: null,
      },
    },
  });
  if ((opts.rateLimit ?? 600) > 0) {
    await app.register(rateLimit, {
      max: opts.rateLimit ?? 600,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limit'), { statusCode: 429, after: ctx.after }),
    });
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'Marsad API', version: '1', description: 'Arabic news as a sourced record: articles, entities, story events, figures, quotes. See docs/api.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // ---- routes ----
  // read answers are kept by URL until the store changes (src/http/cache.ts)
  const cache = (opts.cacheBytes ?? 256 * 1024 * 1024) > 0 ? createAnswerCache(store, opts.cacheBytes ?? 256 * 1024 * 1024) : null;
  const cached = async (req: FastifyRequest, reply: FastifyReply, make: () => Promise<unknown>, key = req.url) => {
    if (!cache) return make();
    reply.type('application/json; charset=utf-8');
    reply.header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = await cache.get(key, make);
      // small answers are sent as they are: gzip would not pay for its header
      if (body.length < 1024) return body;
      reply.header('content-encoding', 'gzip');
      return cache.gzipped(key, make);
    }
    return cache.get(key, make);
  };

  app.get('/api/health', { schema: schemas.health }, async (req, reply) => cached(req, reply, async () => ({ status: 'ok', store: store.kind, counts: await store.counts(), ingest: !!opts.token })));

  app.get('/api/articles', { schema: schemas.articles }, async (req: FastifyRequest<{ Querystring: { limit: number; offset: number; q?: string } }>, reply) =>
    cached(req, reply, async () => store.articleList({ limit: req.query.limit, offset: req.query.offset, title: req.query.q })),
  );
  app.get('/api/articles/:id', { schema: schemas.article }, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => cached(req, reply, () => articleView(store, req.params.id)));

  app.post('/api/articles', { schema: schemas.postArticles }, async (req: FastifyRequest<{ Body: Record<string, unknown> }>) => {
    if (!opts.token) throw createError('E_INGEST_OFF');
    const auth = req.headers.authorization;
    if (!tokenMatches(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined, opts.token)) throw createError('E_UNAUTHORIZED');
    const list = Array.isArray(req.body.articles) ? (req.body.articles as unknown[]) : [req.body];
    // every record is checked before anything is analysed or stored
    const inputs = list.map((rec, i) => recordToArticle(rec, `request body${list.length > 1 ? ` articles[${i}]` : ''}`));
    const results: { id: string; status: string }[] = [];
    async function* source(): AsyncGenerator<InputResult> {
      for (const article of inputs) yield { ok: true, article };
    }
    const report = await ingest(store, source(), {
      workers: 0,
      onArticle: (id, status) => results.push({ id, status }),
    });
    if (report.failed) throw createError('E_BAD_PARAM', report.errors.map((x) => x.message).join('; '));
    return { results };
  });

  app.get('/api/entities', { schema: schemas.entities }, async (req: FastifyRequest<{ Querystring: { type?: string; q?: string; limit: number; offset: number } }>, reply) =>
    cached(req, reply, async () => store.entityList({ type: req.query.type, name: req.query.q, limit: req.query.limit, offset: req.query.offset })),
  );
  app.get('/api/entities/:id', { schema: schemas.entity }, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => cached(req, reply, () => entityView(store, req.params.id)));

  app.get('/api/timeline', { schema: schemas.timeline }, async (req: FastifyRequest<{ Querystring: { entity?: string; type?: string; status?: string; from?: string; to?: string; limit: number } }>, reply) => {
    const q = req.query;
    for (const d of [q.from, q.to]) if (d) parseDay(d);
    if (q.from && q.to && q.from > q.to) throw createError('E_BAD_PARAM', `from (${q.from}) is after to (${q.to})`);
    return cached(req, reply, () => timelineView(store, q));
  });

  app.get('/api/stories/:id', { schema: schemas.story }, async (req: FastifyRequest<{ Params: { id: number } }>, reply) => cached(req, reply, () => storyView(store, req.params.id)));

  app.get('/api/search', { schema: schemas.search }, async (req: FastifyRequest<{ Querystring: { q: string; kind?: string; limit: number } }>, reply) => {
    if (!req.query.q.trim()) throw createError('E_BAD_PARAM', 'querystring/q is empty');
    const kinds = req.query.kind ? ([...new Set(req.query.kind.split(','))] as SearchKind[]) : undefined;
    return cached(req, reply, async () => ({ hits: await store.search({ text: req.query.q, kinds, limit: req.query.limit }) }));
  });

  app.get('/api/conflicts', { schema: schemas.conflicts }, async (req: FastifyRequest<{ Querystring: { kind?: 'conflict' | 'change'; limit: number; offset: number } }>, reply) =>
    cached(req, reply, () => conflictsView(store, req.query.kind, req.query)),
  );

  app.get('/api/deadlines', { schema: schemas.deadlines }, async (req: FastifyRequest<{ Querystring: { date?: string; status?: string; limit: number; offset: number } }>, reply) => {
    if (req.query.date) parseDay(req.query.date);
    // without a date the answer depends on today: keyed by the day
    return cached(req, reply, () => deadlinesView(store, req.query.date, req.query.status, req.query), `${req.url}#${new Date().toISOString().slice(0, 10)}`);
  });

  app.get('/api/map', { schema: schemas.map }, async (req, reply) => cached(req, reply, () => mapView(store)));

  // ---- the web UI ----
  const webDir = opts.webDir === undefined ? DEFAULT_WEB_DIR : opts.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    // @fastify/static resolves every path inside root and refuses `..` and encoded traversal
    await app.register(fastifyStatic, { root: path.resolve(webDir), prefix: '/', wildcard: true, index: ['index.html'] });
  }
  return app;
}
