// Deadlines: what the record says is to happen by a date (planned or expected story events, and
// dates that were still ahead when an article was written), each marked relative to a day:
//   due     the date has not come yet;
//   met     a report known by that day says it happened (a realized story of the same type and
//           actor, at a compatible place, within the planned period give or take a month, and
//           no earlier than the plan was first reported);
//   passed  the date has gone and no report says it happened.
import type { DatedFact, StoryEvent, StoryProbe } from '../store/types.js';
import { addDays, dayDiff } from './time.js';

export type DeadlineStatus = 'due' | 'passed' | 'met';
export interface Deadline {
  /** The last day of the period it is due in («by September 2025» → 2025-09-30). */
  due: string;
  status: DeadlineStatus;
  /** Days from the reference day to `due` (negative when passed). */
  days: number;
  kind: 'event' | 'date';
  story: StoryEvent | null;
  fact: DatedFact | null;
  /** For 'met': the story that reports it done. */
  metBy: StoryEvent | null;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The first day a plan's own reports give (else its planned period's start). */
const firstReported = (s: StoryEvent): string =>
  s.sources.map((x) => x.article.published?.from).filter((x): x is string => !!x).sort()[0] ?? s.when!.from;

/** The period a report that meets plan `s` must overlap, as known on `on`: from a month before the
 *  planned period (no earlier than the plan was first reported) to a month after it, and not
 *  starting after `on`. (`from` may be after `to`: only a report spanning both can then meet it.)
 *  Null for an undated plan. */
export function metWindow(s: StoryEvent, on: string): { from: string; to: string } | null {
  if (!s.when) return null;
  return { from: [firstReported(s), addDays(s.when.from, -31)].sort()[1], to: [addDays(s.when.to, 31), on].sort()[0] };
}

/** What a store looks up for `findDeadlines` (Store.realizedFor): for each dated plan, the
 *  realized stories of its type naming one of its participants or placed at its place, in its window. */
export function metProbes(plans: StoryEvent[], on: string): StoryProbe[] {
  const out: StoryProbe[] = [];
  for (const s of plans) {
    const w = metWindow(s, on);
    if (w) out.push({ type: s.type, keys: [...new Set([...s.actors, ...s.targets])], location: s.location, ...w });
  }
  return out;
}

export function findDeadlines(
  input: { planned: StoryEvent[]; past: StoryEvent[]; facts: DatedFact[] },
  on: string = today(),
  opts: { samePlace?: (a: string, b: string) => boolean } = {},
): Deadline[] {
  const samePlace = opts.samePlace ?? ((a: string, b: string) => a === b);
  const out: Deadline[] = [];
  const covered = new Set<string>();
  // realized stories by type and actor (or place), so each plan looks only at its own candidates
  const index = new Map<string, StoryEvent[]>();
  const add = (k: string, p: StoryEvent) => {
    const l = index.get(k);
    if (l) l.push(p);
    else index.set(k, [p]);
  };
  for (const p of input.past) {
    for (const a of p.actors) add(`${p.type}\u0000a\u0000${a}`, p);
    if (p.location) add(`${p.type}\u0000l\u0000${p.location}`, p);
  }
  for (const s of input.planned) {
    if (!s.when) continue;
    for (const src of s.sources) covered.add(`${src.article.id}\u0000${src.sentence}`);
    const who = new Set([...s.actors, ...s.targets]);
    const window = metWindow(s, on);
    const cands = new Set<StoryEvent>();
    for (const k of who) for (const p of index.get(`${s.type}\u0000a\u0000${k}`) ?? []) cands.add(p);
    if (s.location) for (const p of index.get(`${s.type}\u0000l\u0000${s.location}`) ?? []) cands.add(p);
    const metBy =
      [...cands].find((p) => {
        if (p.type !== s.type || !p.when) return false;
        // known by the reference day, and within the planned period (a month's slack)
        if (p.when.to < window!.from || p.when.from > window!.to) return false;
        if (!p.sources.some((x) => (x.article.published?.from ?? '9999') <= on)) return false;
        if (p.location && s.location && !samePlace(p.location, s.location)) return false;
        const pWho = [...p.actors, ...p.targets];
        if (who.size && pWho.length) return p.actors.some((x) => who.has(x));
        return !!p.location && p.location === s.location;
      }) ?? null;
    const due = s.when.to;
    out.push({ due, status: metBy ? 'met' : due >= on ? 'due' : 'passed', days: dayDiff(on, due), kind: 'event', story: s, fact: null, metBy });
  }
  for (const f of input.facts) {
    const pub = f.article.published;
    if (!pub || f.when.from <= pub.to) continue; // not ahead of the article
    if (covered.has(`${f.article.id}\u0000${f.sentence}`)) continue;
    const due = f.when.to;
    out.push({ due, status: due >= on ? 'due' : 'passed', days: dayDiff(on, due), kind: 'date', story: null, fact: f, metBy: null });
  }
  out.sort((a, b) => a.due.localeCompare(b.due) || a.kind.localeCompare(b.kind));
  return out;
}
