// Story events: the same happening reported by several articles. A reported event joins a story
// when it is the same kind of thing (type, and whether it happened or is still to come), among
// the same people (one side's participants include the other's), at a compatible time and place.
// Two different meetings of the same two people stay apart when their days differ; two meetings
// on one day with different people (Rutte with Rashid, Rutte with al-Sudani) stay apart too.
import type { EventStatus, PloverType } from '../pipeline/doc.js';
import type { EntityKey, EventRow } from './records.js';
import { overlaps, spanDays, type DayInterval } from './time.js';

/** realized and negated reports are of something past; planned, expected, demanded of something to come. */
export type StatusGroup = 'past' | 'negated' | 'future';
export function statusGroup(s: EventStatus): StatusGroup {
  return s === 'realized' ? 'past' : s === 'negated' ? 'negated' : 'future';
}

/** What a story looks like to the matcher (the store keeps it per story). */
export interface StoryShape {
  type: PloverType;
  group: StatusGroup;
  when: DayInterval | null;
  /** Is `when` day-precise and stated by a report (not taken from a dateline)? */
  whenStated: boolean;
  location: EntityKey | null;
  participants: EntityKey[];
  articles: string[];
}

export interface Match {
  score: number;
  evidence: string[];
}

export interface MatchOptions {
  /** Are two places the same or one inside the other (Erbil in Iraq)? Default: equal. */
  samePlace?: (a: EntityKey, b: EntityKey) => boolean;
  /** Every place `samePlace(a, ·)` accepts (a itself, what encloses it, what it encloses), so a
   *  store can look the candidates up by place; absent: the store reads by time and filters. */
  related?: (a: EntityKey) => readonly EntityKey[];
  /** Types whose happening is the actor's own doing (a withdrawal, a deployment, training): for
   *  them matching actors with a stated, overlapping time suffices even when the reports name
   *  different targets. Default: ONE_SIDED_TYPES. */
  oneSided?: readonly string[];
}

/** A withdrawal, a deployment, training: who does it, when and where says which one it is. */
export const ONE_SIDED_TYPES: readonly PloverType[] = ['RETREAT', 'MOBILIZE', 'AID'];

export const participantsOf = (e: Pick<EventRow, 'actors' | 'targets'>): EntityKey[] => [...new Set([...e.actors, ...e.targets])];

/** Does the reported event `ev` (from article `articleId`) belong to `story`? Null when not. */
export function matchEvent(ev: EventRow, articleId: string, story: StoryShape, opts: MatchOptions = {}): Match | null {
  if (ev.type !== story.type || statusGroup(ev.status) !== story.group) return null;
  // one article does not report one happening as two events
  if (story.articles.includes(articleId)) return null;
  const why: string[] = [`same type ${ev.type}`];
  let score = 1;

  // participants: one side's set includes the other's
  const p = participantsOf(ev);
  const q = story.participants;
  const shared = p.filter((x) => q.includes(x));
  const bothNamed = p.length > 0 && q.length > 0;
  if (bothNamed) {
    const subset = shared.length > 0 && (shared.length === p.length || shared.length === q.length);
    if (!subset) {
      // one-sided happenings: the same actors at a stated, overlapping time will do
      const oneSided = (opts.oneSided ?? ONE_SIDED_TYPES).includes(ev.type);
      const sameActors = ev.actors.length > 0 && ev.actors.every((a) => q.includes(a));
      if (!(oneSided && sameActors && ev.basis === 'stated' && story.whenStated && ev.when && story.when && overlaps(ev.when, story.when))) return null;
      why.push(`same actors ${ev.actors.join(', ')} (${ev.type} is one-sided; targets differ)`);
      score += 2 * ev.actors.length;
    } else {
      why.push(`participants ${shared.join(', ')}`);
      score += 2 * shared.length;
    }
  }

  // time: the periods overlap; a dateline stands in for an unstated time, with a few days' slack
  if (ev.when && story.when) {
    const slack = ev.basis === 'stated' && story.whenStated ? 0 : 3;
    if (!overlaps(ev.when, story.when, slack)) return null;
    const precise = spanDays(ev.when) === 1 && spanDays(story.when) === 1 && ev.when.from === story.when.from;
    why.push(precise ? `same day ${ev.when.from}` : `time ${fmt(ev.when)} ~ ${fmt(story.when)}`);
    score += precise ? 2 : 1;
  } else if (!bothNamed) return null; // no people and no time: nothing ties them
  else why.push('no time on one side');

  // place: equal, or one inside the other, or not stated on one side
  if (ev.location && story.location) {
    const same = ev.location === story.location || !!opts.samePlace?.(ev.location, story.location);
    if (!same) return null;
    why.push(`place ${ev.location === story.location ? ev.location : `${ev.location} ~ ${story.location}`}`);
    score += 1;
  } else if (!bothNamed && !(ev.location || story.location)) {
    // nameless reports need a shared place and a precise shared time
    return null;
  }
  if (!bothNamed) {
    if (!(ev.location && story.location) || !(ev.when && story.when && isDayish(ev.when) && isDayish(story.when))) return null;
    why.push('no participants named on one side: matched on day and place');
  }
  return { score, evidence: why };
}

const isDayish = (w: DayInterval) => spanDays(w) <= 2;
const fmt = (w: DayInterval) => (w.from === w.to ? w.from : `${w.from}..${w.to}`);

/** The story after `ev` joins it: the most precise time, the first place stated, all participants. */
export function joinStory(story: StoryShape, ev: EventRow, articleId: string): StoryShape {
  let when = story.when;
  let whenStated = story.whenStated;
  if (ev.when && (!when || (ev.basis === 'stated' && (!whenStated || spanDays(ev.when) < spanDays(when))))) {
    when = ev.when;
    whenStated = ev.basis === 'stated';
  }
  return {
    ...story,
    when,
    whenStated,
    location: story.location ?? ev.location,
    participants: [...new Set([...story.participants, ...participantsOf(ev)])],
    articles: [...story.articles, articleId],
  };
}

export function newStory(ev: EventRow, articleId: string): StoryShape {
  return {
    type: ev.type,
    group: statusGroup(ev.status),
    when: ev.when,
    whenStated: ev.basis === 'stated',
    location: ev.location,
    participants: participantsOf(ev),
    articles: [articleId],
  };
}

/** The best story for `ev` among candidates, or null. */
export function bestMatch<S extends StoryShape>(ev: EventRow, articleId: string, candidates: S[], opts: MatchOptions = {}): { story: S; match: Match } | null {
  let best: { story: S; match: Match } | null = null;
  for (const s of candidates) {
    const m = matchEvent(ev, articleId, s, opts);
    if (m && (!best || m.score > best.match.score)) best = { story: s, match: m };
  }
  return best;
}

/** Cluster a batch of reported events (pure; the store does the same incrementally). */
export function clusterEvents(reports: { article: string; event: EventRow }[], opts: MatchOptions = {}): { shape: StoryShape; members: { article: string; event: EventRow; evidence: string[] }[] }[] {
  const stories: { shape: StoryShape; members: { article: string; event: EventRow; evidence: string[] }[] }[] = [];
  for (const r of reports) {
    const hit = bestMatch(r.event, r.article, stories.map((s) => s.shape), opts);
    if (hit) {
      const s = stories.find((x) => x.shape === hit.story)!;
      s.shape = joinStory(s.shape, r.event, r.article);
      s.members.push({ ...r, evidence: hit.match.evidence });
    } else stories.push({ shape: newStory(r.event, r.article), members: [{ ...r, evidence: [] }] });
  }
  return stories;
}
