// Deadlines: what the record says is to happen by a date (planned or expected story events, and
// dates that were still ahead when an article was written), each marked relative to a day:
//   due     the date has not come yet;
//   met     a report known by that day says it happened (below);
//   passed  the date has gone and no report says it happened.
//
// What counts as "it happened": a realized story of the plan's type that a reader would take for
// the plan carried out, not merely something else involving one of the same parties.
//   who    the plan's actors (who is to do it) all do it in the event, or, for a plan naming only
//          targets, those all have it done to them; in a mutual kind (a meeting, an agreement,
//          cooperation: MUTUAL_TYPES) either role will do, as «A will meet B» is reported as «B
//          received A». When the plan names actors and targets, the event names no one else on
//          the other side or at least one of the plan's targets there (a meeting «with X, Y and
//          Z» is reported with some; «A withdrew» alone still meets «A will withdraw from B»).
//          An event naming nobody does not meet a plan that names someone.
//   where  the event is at the plan's place or inside it (the KB says contained): a plan for
//          Moscow is met by an event in Moscow, not by one only said to be in Russia; a plan for
//          Russia is met by one in Moscow. An event with no place is judged by who alone; a plan
//          with no place takes any.
//   when   the event reaches the planned period (from 3 days before it: a report's day read from
//          its dateline is a few days off), or comes at most a month after it (a delay), and not
//          before the plan was first reported.
//   plans naming no one: only the place and the time say which happening it is, so the event
//          must be at the plan's place (or inside it) within the planned period itself, as the
//          story matcher asks of nameless reports (src/corpus/events.ts).
// The metBy story is the earliest such report. Stores look the candidates up by the plan's
// required parties or places (metProbes → Store.realizedFor); findDeadlines decides.
import type { DatedFact, StoryEvent, StoryProbe } from '../store/types.js';
import type { EntityKey } from './records.js';
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

/** Place containment for deadlines: `within(a, b)`, a is b or inside it; `inside(b)`, b and the
 *  places inside it (for the store's lookup). Default: a place is only itself. */
export interface PlaceWithin {
  within: (a: EntityKey, b: EntityKey) => boolean;
  inside: (b: EntityKey) => readonly EntityKey[];
}
const ONLY_ITSELF: PlaceWithin = { within: (a, b) => a === b, inside: (b) => [b] };

/** Days a realized report may start before the planned period (a dateline's day is a few off). */
const EARLY_DAYS = 3;
/** Days after the planned period a late happening still meets it. */
const LATE_DAYS = 31;

const today = () => new Date().toISOString().slice(0, 10);

const named = (s: StoryEvent) => s.actors.length > 0 || s.targets.length > 0;

/** The first day a plan's own reports give (else its planned period's start). */
const firstReported = (s: StoryEvent): string =>
  s.sources.map((x) => x.article.published?.from).filter((x): x is string => !!x).sort()[0] ?? s.when!.from;

/** The period a report that meets plan `s` must overlap, as known on `on` (see the header's
 *  «when»). `from` may fall after `to`: only a report spanning both can then meet it. Null for an
 *  undated plan. */
export function metWindow(s: StoryEvent, on: string): { from: string; to: string } | null {
  if (!s.when) return null;
  const early = named(s) ? addDays(s.when.from, -EARLY_DAYS) : s.when.from;
  const late = named(s) ? addDays(s.when.to, LATE_DAYS) : s.when.to;
  return { from: [firstReported(s), early].sort()[1], to: [late, on].sort()[0] };
}

/** The parties a report must name all of to meet `s` (see carriesOut): its actors, else its
 *  targets. */
const required = (s: StoryEvent): EntityKey[] => (s.actors.length ? s.actors : s.targets);

/** What a store looks up for `findDeadlines` (Store.realizedFor): for each dated plan, the
 *  realized stories of its type, in its window, that name all its required parties, at its place
 *  or inside it or at no place; for a plan naming no one, those at its place or inside it. */
export function metProbes(plans: StoryEvent[], on: string, places: PlaceWithin = ONLY_ITSELF): StoryProbe[] {
  const out: StoryProbe[] = [];
  for (const s of plans) {
    const w = metWindow(s, on);
    const at = s.location ? [...places.inside(s.location)] : [];
    if (!w || !(named(s) || at.length)) continue;
    out.push({ type: s.type, keys: [...new Set(required(s))], places: at, unplaced: named(s), ...w });
  }
  return out;
}

/** Kinds of happening with no direction: «A met B» is «B met A». In the others (an accusation,
 *  an attack, a withdrawal) who does it to whom matters. */
export const MUTUAL_TYPES: readonly string[] = ['CONSULT', 'AGREE', 'COOPERATE'];

/** Does realized story `p` report plan `s` carried out (who and where; the time is the window's)? */
export function carriesOut(s: StoryEvent, p: StoryEvent, within: PlaceWithin['within'] = ONLY_ITSELF.within): boolean {
  if (p.type !== s.type) return false;
  if (s.location && p.location && !within(p.location, s.location)) return false;
  if (!named(s)) return !!s.location && !!p.location;
  const mutual = MUTUAL_TYPES.includes(s.type);
  const doers = new Set(mutual ? [...p.actors, ...p.targets] : p.actors);
  const doneTo = new Set(mutual ? [...p.actors, ...p.targets] : p.targets);
  if (!s.actors.length) return s.targets.every((k) => doneTo.has(k));
  if (!s.actors.every((k) => doers.has(k))) return false;
  // the other side: unnamed, or one of the plan's targets among it
  const others = [...doneTo].filter((k) => !s.actors.includes(k));
  return !s.targets.length || !others.length || s.targets.some((k) => doneTo.has(k));
}

export function findDeadlines(
  input: { planned: StoryEvent[]; past: StoryEvent[]; facts: DatedFact[] },
  on: string = today(),
  opts: { places?: PlaceWithin } = {},
): Deadline[] {
  const places = opts.places ?? ONLY_ITSELF;
  const out: Deadline[] = [];
  const covered = new Set<string>();
  // realized stories known by the reference day, by type and participant (or place), earliest
  // first, so each plan looks only at its own candidates and meets the earliest
  const known = input.past
    .filter((p) => p.when && p.sources.some((x) => (x.article.published?.from ?? '9999') <= on))
    .sort((a, b) => a.when!.from.localeCompare(b.when!.from) || a.id - b.id);
  const index = new Map<string, StoryEvent[]>();
  const add = (k: string, p: StoryEvent) => {
    const l = index.get(k);
    if (l) l.push(p);
    else index.set(k, [p]);
  };
  for (const p of known) {
    for (const k of new Set([...p.actors, ...p.targets])) add(`${p.type}\u0000${k}`, p);
    if (p.location) add(`${p.type}\u0000@${p.location}`, p);
  }
  for (const s of input.planned) {
    if (!s.when) continue;
    for (const src of s.sources) covered.add(`${src.article.id}\u0000${src.sentence}`);
    const window = metWindow(s, on)!;
    const keys = named(s) ? required(s).map((k) => `${s.type}\u0000${k}`) : s.location ? places.inside(s.location).map((k) => `${s.type}\u0000@${k}`) : [];
    let metBy: StoryEvent | null = null;
    for (const k of keys)
      for (const p of index.get(k) ?? []) {
        if (metBy && (p.when!.from > metBy.when!.from || (p.when!.from === metBy.when!.from && p.id >= metBy.id))) break;
        if (p.when!.to >= window.from && p.when!.from <= window.to && carriesOut(s, p, places.within)) metBy = p;
      }
    const due = s.when.to;
    out.push({ due, status: metBy ? 'met' : due >= on ? 'due' : 'passed', days: dayDiff(on, due), kind: 'event', story: s, fact: null, metBy });
  }
  // a sentence that names one period several ways («غدا الأحد 6 ديسمبر») is one deadline, shown
  // by its most explicit expression (the longest)
  const ahead = new Map<string, DatedFact>();
  for (const f of input.facts) {
    const pub = f.article.published;
    if (!pub || f.when.from <= pub.to) continue; // not ahead of the article
    if (covered.has(`${f.article.id}\u0000${f.sentence}`)) continue;
    const k = `${f.article.id}\u0000${f.sentence}\u0000${f.when.from}\u0000${f.when.to}`;
    const seen = ahead.get(k);
    if (!seen || f.text.length > seen.text.length) ahead.set(k, f);
  }
  for (const f of ahead.values()) {
    const due = f.when.to;
    out.push({ due, status: due >= on ? 'due' : 'passed', days: dayDiff(on, due), kind: 'date', story: null, fact: f, metBy: null });
  }
  out.sort((a, b) => a.due.localeCompare(b.due) || a.kind.localeCompare(b.kind));
  return out;
}
