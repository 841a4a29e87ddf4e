// What the API answers, built from the library: the same calls as the CLI (src/corpus, the
// store), plus the `names` of every entity key an answer mentions so that a client can label
// them in Arabic or English without asking again. No HTTP here: the routes are thin over this.
import { conflicts, deadlines, entityKey, timeline } from '../corpus/index.js';
import { createError } from '../errors.js';
import { loadKb, type KbRecord, type KnowledgeBase } from '../kb/index.js';
import type { ArticleSummary, EntityName, Store, StoryEvent, StoryFilter } from '../store/types.js';

type Names = Record<string, EntityName>;

let kbCache: KnowledgeBase | null = null;
const kb = () => (kbCache ??= loadKb());

async function namesOf(store: Store, keys: Iterable<string | null | undefined>): Promise<Names> {
  const list = [...new Set([...keys].filter((k): k is string => !!k))];
  return Object.fromEntries(await store.names(list));
}
const storyKeys = (s: StoryEvent) => [...s.actors, ...s.targets, s.location, ...s.sources.flatMap((x) => [...x.actors, ...x.targets, x.location])];

/** What a timeline entry says of an article: enough to name and open it (the article route has the rest). */
const lean = (a: ArticleSummary) => ({ id: a.id, source: a.source, published: a.published });

/** A long sentence cut to `around` characters either side of what it is quoted for (marked with
 *  «…»); the article route has the whole text. */
export function clipAround(sentence: string, part: string, around = 100): string {
  if (sentence.length <= 2 * around + part.length + 40) return sentence;
  const at = Math.max(0, sentence.indexOf(part));
  let from = Math.max(0, at - around);
  let to = Math.min(sentence.length, at + part.length + around);
  // cut at spaces, never inside a word
  if (from > 0) from = sentence.indexOf(' ', from) + 1 || from;
  if (to < sentence.length) to = sentence.lastIndexOf(' ', to) > at + part.length ? sentence.lastIndexOf(' ', to) : to;
  return (from > 0 ? '…' : '') + sentence.slice(from, to) + (to < sentence.length ? '…' : '');
}

/**
 * A timeline entry's story, kept lean: what a list row and the axis need (type, status, when,
 * participants, the English line), how many reports and articles it has, and its first report
 * (outlet, dateline, the sentence around the trigger). `GET /api/stories/:id` has every report
 * with its evidence; a timeline of a large store stays small this way (issue 7).
 */
export function storyBrief(s: StoryEvent) {
  const { sources, ...rest } = s;
  const lead = sources[0];
  return {
    ...rest,
    sourceCount: sources.length,
    articleCount: new Set(sources.map((x) => x.article.id)).size,
    sources: lead ? [{ article: lean(lead.article), eventIdx: lead.eventIdx, status: lead.status, trigger: lead.trigger, sentence: clipAround(lead.sentence, lead.trigger.text, 80) }] : [],
  };
}

export async function timelineView(store: Store, filter: StoryFilter) {
  const entries = (await timeline(store, filter)).map((e) => ({
    when: e.when,
    kind: e.kind,
    story: e.story && storyBrief(e.story),
    fact: e.fact && (({ entities: _, ...f }) => ({ ...f, sentence: clipAround(f.sentence, f.text, 80), article: lean(f.article) }))(e.fact),
  }));
  const names = await namesOf(store, entries.flatMap((e) => (e.story ? [...e.story.actors, ...e.story.targets, e.story.location] : [])));
  return { entries, names };
}

/** One story event with every report: outlet, sentence, status, participants and why it was merged. */
export async function storyView(store: Store, id: number) {
  const story = await store.story(id);
  if (!story) throw createError('E_NOT_FOUND', `story «${id}»`);
  return { story, names: await namesOf(store, storyKeys(story)) };
}

/** A page of a list: `limit` items from `offset`. */
export interface PageOpts {
  limit?: number;
  offset?: number;
}
const pageOf = <T>(list: T[], p: PageOpts, dflt: number) => {
  const offset = p.offset ?? 0;
  return { total: list.length, offset, items: list.slice(offset, offset + (p.limit ?? dflt)) };
};
/** How many items of each kind a list holds (before it is filtered by kind). */
const countBy = <T, K extends string>(list: T[], keys: readonly K[], of: (x: T) => K) => {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const x of list) out[of(x)]++;
  return out;
};

/** Claims, conflicts first, a page at a time (`total` of the kind asked; `counts` of both kinds). */
export async function conflictsView(store: Store, kind?: 'conflict' | 'change', page: PageOpts = {}) {
  const all = await conflicts(store);
  const { total, offset, items: claims } = pageOf(
    all.filter((c) => !kind || c.kind === kind),
    page,
    50,
  );
  const counts = countBy(all, ['conflict', 'change'] as const, (c) => c.kind);
  return { total, offset, counts, claims, names: await namesOf(store, claims.flatMap((c) => [c.subject, c.location])) };
}

/** Deadlines on a day, by due date, a page at a time (`total` of the status asked; `counts` of each). */
export async function deadlinesView(store: Store, date: string | undefined, status?: string, page: PageOpts = {}) {
  const on = date ?? new Date().toISOString().slice(0, 10);
  const all = await deadlines(store, on);
  const { total, offset, items: list } = pageOf(
    all.filter((d) => !status || d.status === status),
    page,
    100,
  );
  const counts = countBy(all, ['due', 'passed', 'met'] as const, (d) => d.status);
  const names = await namesOf(store, list.flatMap((d) => [...(d.story ? storyKeys(d.story) : []), ...(d.metBy ? storyKeys(d.metBy) : []), ...(d.fact?.entities ?? [])]));
  return { date: on, total, offset, counts, deadlines: list, names };
}

export async function articleView(store: Store, id: string) {
  const a = await store.article(id);
  if (!a) throw createError('E_NOT_FOUND', `article «${id}»`);
  // the store key of each of the article's entities («e3» → «nato» or a generated key), so that
  // every mention can link to its entity page
  const keys = Object.fromEntries(a.analysis.entities.map((e) => [e.id, entityKey(e)]));
  return { ...a, keys };
}

/** The KB side of an entity: names in both languages, roles over time, place and parent. */
function kbFacts(r: KbRecord | undefined) {
  return {
    names: r?.names_ar ?? [],
    wikidata: r?.wikidata ?? null,
    kind: r?.kind ?? null,
    roles: (r?.roles ?? []).map((x) => ({ role: x.title_en, role_ar: x.title_ar[0] ?? null, org: x.org, from: x.from, to: x.to })),
    coords: r?.coordinates ? { lat: r.coordinates[0], lon: r.coordinates[1] } : null,
    parent: r?.parent ?? r?.country ?? null,
  };
}

/** Articles and story events an entity page lists (the latest). */
export const ENTITY_ARTICLES = 200;
export const ENTITY_EVENTS = 500;

export async function entityView(store: Store, id: string) {
  const e = await store.entity(id);
  if (!e) throw createError('E_NOT_FOUND', `entity «${id}»`);
  const [events, quotes, cooccurring] = await Promise.all([store.stories({ entity: e.key, limit: ENTITY_EVENTS, latest: true }), store.quotesBy(e.key), store.cooccurring(e.key)]);
  const facts = kbFacts(e.kb ? kb().records.get(e.kb) : undefined);
  const roleOrgs = facts.roles.map((r) => r.org);
  // a frequent entity (a country) is in thousands of articles: the latest ENTITY_ARTICLES are
  // listed, with the count of all; its latest events go as briefs (GET /api/stories/:id has the reports)
  const latest = e.articles.slice(-ENTITY_ARTICLES).reverse();
  return {
    entity: { key: e.key, kb: e.kb, type: e.type, name: e.name, name_en: e.name_en, mentions: e.mentionCount, articleCount: e.articles.length, ...facts },
    articles: latest.map(({ mentions, ...a }) => ({ ...a, mentions: mentions.length })),
    events: events.map(storyBrief),
    quotes,
    cooccurring,
    names: {
      ...(await namesOf(store, [...events.flatMap(storyKeys), ...quotes.map((q) => q.speaker)])),
      // role organisations and the parent place are KB ids that may not be stored entities
      ...Object.fromEntries(
        [...roleOrgs, facts.parent]
          .filter((k): k is string => !!k && !!kb().records.get(k))
          .map((k) => {
            const r = kb().records.get(k)!;
            return [k, { key: k, kb: k, type: r.type, name: r.names_ar[0], name_en: r.name_en }];
          }),
      ),
    },
  };
}

/** Places with coordinates (from the KB) where story events happen. */
export async function mapView(store: Store) {
  const counts = await store.places();
  const names = await store.names(counts.map((p) => p.key));
  const places = counts.flatMap((p) => {
    const n = names.get(p.key);
    const r = kb().records.get(n?.kb ?? p.key);
    if (!r?.coordinates) return [];
    return [{ key: p.key, kb: r.id, name: n?.name ?? r.names_ar[0], name_en: n?.name_en ?? r.name_en, type: n?.type ?? r.type, kind: r.kind ?? null, lat: r.coordinates[0], lon: r.coordinates[1], events: p.events, articles: p.articles, types: p.types }];
  });
  return { places };
}
