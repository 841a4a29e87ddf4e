// Place containment from the knowledge base: Erbil is in the Kurdistan Region, which is in Iraq,
// so a meeting «in Erbil» and one «in Iraq» on the same day may be the same meeting.
import { loadKb, type KnowledgeBase } from '../kb/index.js';
import type { EntityKey } from './records.js';

/** The places enclosing `id` (itself first), following `parent`, then `country`. */
export function enclosing(kb: KnowledgeBase, id: string): string[] {
  const out: string[] = [];
  let cur: string | null | undefined = id;
  while (cur && !out.includes(cur) && out.length < 8) {
    out.push(cur);
    const r = kb.get(cur);
    if (!r) break;
    cur = r.parent ?? (r.country && r.country !== cur ? r.country : null);
  }
  return out;
}

/** Containment one way from the knowledge base: `within(a, b)`: a is b or inside it (Erbil is
 *  within Iraq, Iraq not within Erbil); `inside(b)`: b and every place inside it. */
export function kbWithin(kb: KnowledgeBase = loadKb()): { within: (a: EntityKey, b: EntityKey) => boolean; inside: (b: EntityKey) => readonly EntityKey[] } {
  const memo = new Map<string, string[]>();
  const up = (x: string) => {
    let v = memo.get(x);
    if (!v) memo.set(x, (v = enclosing(kb, x)));
    return v;
  };
  let below: Map<string, string[]> | null = null;
  const inside = (b: EntityKey): readonly EntityKey[] => {
    if (!below) {
      below = new Map();
      for (const id of kb.records.keys()) for (const u of enclosing(kb, id).slice(1)) (below.get(u) ?? below.set(u, []).get(u)!).push(id);
    }
    return [b, ...(below.get(b) ?? []).filter((x) => x !== b)];
  };
  return { within: (a, b) => a === b || up(a).includes(b), inside };
}

/** A `samePlace` test for the event matcher: equal, or one encloses the other. */
export function kbSamePlace(kb: KnowledgeBase = loadKb()): (a: EntityKey, b: EntityKey) => boolean {
  const { within } = kbWithin(kb);
  return (a, b) => within(a, b) || within(b, a);
}

/** The matcher's place options from the knowledge base: `samePlace` and, for a store's lookup,
 *  `related` (the place, the places enclosing it and the places it encloses). */
export function kbPlaceMatch(kb: KnowledgeBase = loadKb()): { samePlace: (a: EntityKey, b: EntityKey) => boolean; related: (a: EntityKey) => readonly EntityKey[] } {
  const { within, inside } = kbWithin(kb);
  const memo = new Map<string, readonly EntityKey[]>();
  const related = (a: EntityKey): readonly EntityKey[] => {
    let v = memo.get(a);
    if (!v) memo.set(a, (v = [...new Set([...enclosing(kb, a), ...inside(a).slice(1)])]));
    return v;
  };
  return { samePlace: (a, b) => within(a, b) || within(b, a), related };
}
