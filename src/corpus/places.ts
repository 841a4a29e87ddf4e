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

/** A `samePlace` test for the event matcher: equal, or one encloses the other. */
export function kbSamePlace(kb: KnowledgeBase = loadKb()): (a: EntityKey, b: EntityKey) => boolean {
  const memo = new Map<string, string[]>();
  const up = (x: string) => {
    let v = memo.get(x);
    if (!v) memo.set(x, (v = enclosing(kb, x)));
    return v;
  };
  return (a, b) => a === b || up(a).includes(b) || up(b).includes(a);
}

/** The matcher's place options from the knowledge base: `samePlace` and, for a store's lookup,
 *  `related` (the place, the places enclosing it and the places it encloses). */
export function kbPlaceMatch(kb: KnowledgeBase = loadKb()): { samePlace: (a: EntityKey, b: EntityKey) => boolean; related: (a: EntityKey) => readonly EntityKey[] } {
  const samePlace = kbSamePlace(kb);
  let inside: Map<string, string[]> | null = null;
  const memo = new Map<string, readonly EntityKey[]>();
  const related = (a: EntityKey): readonly EntityKey[] => {
    let v = memo.get(a);
    if (v) return v;
    if (!inside) {
      inside = new Map();
      for (const id of kb.records.keys()) for (const up of enclosing(kb, id).slice(1)) (inside.get(up) ?? inside.set(up, []).get(up)!).push(id);
    }
    v = [...new Set([...enclosing(kb, a), ...(inside.get(a) ?? [])])];
    memo.set(a, v);
    return v;
  };
  return { samePlace, related };
}
