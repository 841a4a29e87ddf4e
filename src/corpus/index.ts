// Cross-article views over a store: one story across many articles.
import type { Store, StoryFilter } from '../store/types.js';
import { findClaims, type Claim } from './claims.js';
import { findDeadlines, metProbes, type Deadline } from './deadlines.js';
import { kbWithin } from './places.js';
import { buildTimeline, type TimelineEntry } from './timeline.js';

export * from './records.js';
export * from './time.js';
export { matchEvent, clusterEvents, statusGroup, type StoryShape, type Match } from './events.js';
export { findClaims, agree, showFigure, unitKind, type Claim, type ClaimKind, type UnitKind } from './claims.js';
export { findDeadlines, carriesOut, type Deadline, type DeadlineStatus, type PlaceWithin } from './deadlines.js';
export { buildTimeline, type TimelineEntry } from './timeline.js';
export { kbSamePlace, kbWithin, enclosing } from './places.js';

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
  const plans = [...planned, ...expected];
  // the reports that could meet them: for each plan, the realized stories of its type that name
  // one of the parties it needs, or are at its place, in its window (not every story of the type)
  const places = kbWithin();
  const past = await store.realizedFor(metProbes(plans, on, places));
  return findDeadlines({ planned: plans, past, facts }, on, { places });
}
