// Cross-article views over a store: one story across many articles.
import type { Store, StoryEvent, StoryFilter } from '../store/types.js';
import { findClaims, type Claim } from './claims.js';
import { findDeadlines, type Deadline } from './deadlines.js';
import { kbSamePlace } from './places.js';
import { addDays } from './time.js';
import { buildTimeline, type TimelineEntry } from './timeline.js';

export * from './records.js';
export * from './time.js';
export { matchEvent, clusterEvents, statusGroup, type StoryShape, type Match } from './events.js';
export { findClaims, agree, showFigure, unitKind, type Claim, type ClaimKind, type UnitKind } from './claims.js';
export { findDeadlines, type Deadline, type DeadlineStatus } from './deadlines.js';
export { buildTimeline, type TimelineEntry } from './timeline.js';
export { kbSamePlace, enclosing } from './places.js';

/** Story events and dated statements, in time order. Facts are left out when filtering by type or status. */
export async function timeline(store: Store, filter: StoryFilter = {}): Promise<TimelineEntry[]> {
  const stories = await store.stories(filter);
  const facts = filter.type || filter.status ? [] : await store.facts(filter);
  return buildTimeline(stories, facts);
}

/**
 * Whole-store answers (claims, deadlines) kept until the store's data changes: they are computed
 * over every figure or every plan in the store (seconds on a large one), and each page and filter
 * of them reads the same list. A few per store (deadlines differ by day); concurrent callers share
 * one computation; a failed one is not kept.
 */
const kept = new WeakMap<Store, Map<string, { revision: string; value: Promise<unknown> }>>();
const KEPT_PER_STORE = 8;
async function perRevision<T>(store: Store, key: string, make: () => Promise<T>): Promise<T> {
  const revision = await store.revision();
  let map = kept.get(store);
  if (!map) kept.set(store, (map = new Map()));
  const hit = map.get(key);
  if (hit && hit.revision === revision) return hit.value as Promise<T>;
  const value = make();
  map.delete(key);
  map.set(key, { revision, value });
  // the oldest key goes first (a Map keeps insertion order)
  if (map.size > KEPT_PER_STORE) map.delete(map.keys().next().value!);
  value.catch(() => {
    if (map!.get(key)?.value === value) map!.delete(key);
  });
  return value;
}

/** Figures that disagree across sources (conflicts) or over time (changes). */
export async function conflicts(store: Store): Promise<Claim[]> {
  return perRevision(store, 'conflicts', async () => findClaims(await store.figures()));
}

/** Planned events and dates ahead of their articles, as due, passed or met on `on` (default today). */
export async function deadlines(store: Store, on: string = new Date().toISOString().slice(0, 10)): Promise<Deadline[]> {
  return perRevision(store, `deadlines ${on}`, () => computeDeadlines(store, on));
}

async function computeDeadlines(store: Store, on: string): Promise<Deadline[]> {
  const [planned, expected, facts] = await Promise.all([
    store.stories({ status: 'planned', limit: 100_000 }),
    store.stories({ status: 'expected', limit: 100_000 }),
    store.facts({ ahead: true, limit: 100_000 }),
  ]);
  // the reports that could meet them: realized stories of the same types, in the planned periods
  const dated = [...planned, ...expected].filter((s) => s.when);
  const past: StoryEvent[] = [];
  for (const type of new Set(dated.map((s) => s.type))) {
    const of = dated.filter((s) => s.type === type);
    const from = of.map((s) => s.when!.from).sort()[0];
    const to = of.map((s) => s.when!.to).sort().at(-1)!;
    past.push(...(await store.stories({ type, status: 'realized', from: addDays(from, -400), to: addDays(to, 31), limit: 100_000 })));
  }
  return findDeadlines({ planned: [...planned, ...expected], past, facts }, on, { samePlace: kbSamePlace() });
}
