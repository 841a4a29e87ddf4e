// The timeline of a story: story events and dated statements in time order. A dated statement
// («تأسس في عام 2014») enters when no story event of the same article already stands for its
// sentence, so the founding of the coalition appears even though no event was extracted for it.
import type { DatedFact, StoryEvent } from '../store/types.js';
import type { DayInterval } from './time.js';

export interface TimelineEntry {
  when: DayInterval | null;
  kind: 'event' | 'fact';
  story: StoryEvent | null;
  fact: DatedFact | null;
}

export function buildTimeline(stories: StoryEvent[], facts: DatedFact[]): TimelineEntry[] {
  const covered = new Set<string>();
  for (const s of stories) for (const src of s.sources) covered.add(`${src.article.id}\u0000${src.sentence}`);
  const seen = new Set<string>();
  const entries: TimelineEntry[] = stories.map((s) => ({ when: s.when, kind: 'event' as const, story: s, fact: null }));
  for (const f of facts) {
    if (covered.has(`${f.article.id}\u0000${f.sentence}`)) continue;
    const k = `${f.article.id}\u0000${f.sentence}\u0000${f.value}`;
    if (seen.has(k)) continue;
    seen.add(k);
    entries.push({ when: f.when, kind: 'fact', story: null, fact: f });
  }
  entries.sort(
    (a, b) =>
      (a.when?.from ?? '9999').localeCompare(b.when?.from ?? '9999') ||
      (a.when?.to ?? '9999').localeCompare(b.when?.to ?? '9999') ||
      (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1),
  );
  return entries;
}
