import { describe, expect, it } from 'vitest';
import type { FigureRow, StoryEvent, DatedFact, ArticleSummary } from '../store/types.js';
import { findClaims, agree } from './claims.js';
import { findDeadlines, metProbes, type PlaceWithin } from './deadlines.js';
import { clusterEvents, matchEvent, newStory } from './events.js';
import type { EventRow } from './records.js';
import { overlaps, timexInterval } from './time.js';

describe('timexInterval', () => {
  it.each([
    ['2025-02-05', '2025-02-05', '2025-02-05'],
    ['2025-09', '2025-09-01', '2025-09-30'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2025', '2025-01-01', '2025-12-31'],
    ['2025-W05', '2025-01-27', '2025-02-02'],
    ['2018-02-18TEV', '2018-02-18', '2018-02-18'],
    ['2025-Q3', '2025-07-01', '2025-09-30'],
  ])('%s → %s..%s', (v, from, to) => expect(timexInterval(v)).toEqual({ from, to }));
  it.each(['PRESENT_REF', 'FUTURE_REF', 'P12M', 'PXY', null])('%s has no interval', (v) => expect(timexInterval(v)).toBeNull());
  it('overlap with slack', () => {
    expect(overlaps({ from: '2025-02-05', to: '2025-02-05' }, { from: '2025-02-06', to: '2025-02-06' })).toBe(false);
    expect(overlaps({ from: '2025-02-05', to: '2025-02-05' }, { from: '2025-02-06', to: '2025-02-06' }, 1)).toBe(true);
  });
});

const ev = (o: Partial<EventRow>): EventRow => ({
  idx: 0,
  type: 'CONSULT',
  mode: null,
  status: 'realized',
  trigger: { start: 0, end: 5, text: 'استقبل' },
  actors: [],
  targets: [],
  location: null,
  time: null,
  when: null,
  basis: null,
  sentence: 0,
  sentenceText: '',
  summary_en: null,
  ...o,
});
const day = (d: string) => ({ when: { from: d, to: d }, time: d, basis: 'stated' as const });
const month = (m: string) => ({ when: timexInterval(m), time: m, basis: 'stated' as const });

describe('matchEvent: same happening or not', () => {
  const sudaniRutte = ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], location: 'baghdad', ...day('2025-02-05') });
  const story = newStory(sudaniRutte, 'a1');
  it.each([
    ['another outlet, same meeting', ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], location: 'baghdad', ...day('2025-02-05') }), true],
    ['fewer participants named', ev({ targets: ['mark-rutte'], location: 'baghdad', ...day('2025-02-05') }), true],
    ['place named more broadly (no KB): different', ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], location: 'iraq', ...day('2025-02-05') }), false],
    ['time from the dateline, one day later', ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], when: { from: '2025-02-06', to: '2025-02-06' }, basis: 'published' }), true],
    ['the month only', ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], ...month('2025-02') }), true],
    ['same people, another day', ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], ...day('2025-06-01') }), false],
    ['same day, Rutte with someone else', ev({ actors: ['abdul-latif-rashid'], targets: ['mark-rutte'], location: 'baghdad', ...day('2025-02-05') }), false],
    ['another type', ev({ type: 'AGREE', actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], ...day('2025-02-05') }), false],
    ['planned, not held', ev({ status: 'planned', actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], ...day('2025-02-05') }), false],
    ['nobody named, same day and place', ev({ location: 'baghdad', ...day('2025-02-05') }), true],
    ['nobody named, no place', ev({ ...day('2025-02-05') }), false],
  ])('%s', (_name, e, same) => {
    expect(matchEvent(e, 'a2', story) !== null).toBe(same);
  });
  it('places related through the knowledge base match', () => {
    const e = ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], location: 'iraq', ...day('2025-02-05') });
    expect(matchEvent(e, 'a2', story, { samePlace: (a, b) => (a === 'iraq' && b === 'baghdad') || (a === 'baghdad' && b === 'iraq') })).not.toBeNull();
  });
  it('one article never reports one happening twice', () => {
    expect(matchEvent(sudaniRutte, 'a1', story)).toBeNull();
  });
  it('gives its evidence', () => {
    const m = matchEvent(ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], location: 'baghdad', ...day('2025-02-05') }), 'a2', story)!;
    expect(m.evidence).toEqual(['same type CONSULT', 'participants mohammed-shia-al-sudani, mark-rutte', 'same day 2025-02-05', 'place baghdad']);
  });
  it('clusters a batch', () => {
    const c = clusterEvents([
      { article: 'a', event: sudaniRutte },
      { article: 'b', event: ev({ actors: ['abdul-latif-rashid'], targets: ['mark-rutte'], ...day('2025-02-05') }) },
      { article: 'c', event: ev({ targets: ['mark-rutte'], actors: ['mohammed-shia-al-sudani'], ...month('2025-02') }) },
    ]);
    expect(c.map((s) => s.members.map((m) => m.article))).toEqual([['a', 'c'], ['b']]);
  });
});

const art = (id: string, source: string, pub: string): ArticleSummary => ({ id, source, title: null, url: null, origin: null, published: { from: pub, to: pub }, contentHash: id, ingestedAt: '' });
const fig = (o: Partial<FigureRow> & { article: ArticleSummary }): FigureRow => ({
  idx: 0,
  span: { start: 0, end: 4, text: '2500' },
  value: null,
  min: null,
  max: null,
  approx: false,
  unit: 'troops',
  subject: 'usa',
  location: 'iraq',
  time: null,
  when: o.article.published,
  sentence: '',
  linked: [],
  ...o,
});

describe('claims', () => {
  const a = art('a', 'Anadolu', '2025-02-05');
  const b = art('b', 'Arabi21', '2025-02-06');
  const c = art('c', 'Other', '2021-02-16');
  it.each([
    [{ value: 2500, approx: true }, { value: 2450 }, true],
    [{ value: 2500 }, { value: 3000 }, false],
    [{ min: 4000, max: 5000 }, { value: 4500 }, true],
    [{ min: 60 }, { value: 65 }, true],
    [{ value: 500 }, { min: 4000, max: 5000 }, false],
  ])('agree(%j, %j) = %s', (x, y, same) => expect(agree(fig({ article: a, ...x }), fig({ article: b, ...y }))).toBe(same));

  it('different sources, same period, different figures: a conflict', () => {
    const claims = findClaims([fig({ article: a, value: 2500, approx: true }), fig({ article: b, value: 3000 })]);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: 'conflict', unit: 'troops', subject: 'usa', location: 'iraq' });
    expect(claims[0].pairs[0].why).toContain('Anadolu says 2500');
  });
  it('different periods: a change, oldest first', () => {
    const claims = findClaims([fig({ article: a, value: 2500 }), fig({ article: c, value: 5200, time: '2020-09', when: timexInterval('2020-09') })]);
    expect(claims[0].kind).toBe('change');
    expect(claims[0].figures.map((f) => f.value)).toEqual([5200, 2500]);
  });
  it('one article giving two figures reports a change («from 500 to 4000–5000»)', () => {
    const claims = findClaims([fig({ article: c, subject: 'nato', value: 500 }), fig({ article: c, subject: 'nato', idx: 1, min: 4000, max: 5000 })]);
    expect(claims[0].kind).toBe('change');
  });
  it('agreeing figures and figures about other things are not claims', () => {
    expect(findClaims([fig({ article: a, value: 2500 }), fig({ article: b, value: 2500 }), fig({ article: b, value: 900, location: 'syria' })])).toEqual([]);
  });
  it('a near-duplicate repeating a figure is not counted twice', () => {
    const copy = art('copy', 'Copy', '2025-02-07');
    const claims = findClaims([
      fig({ article: a, value: 2500, linked: ['copy'] }),
      fig({ article: copy, value: 2500, linked: ['a'] }),
      fig({ article: b, value: 3000 }),
    ]);
    expect(claims[0].figures.map((f) => f.article.id)).toEqual(['a', 'b']);
  });
});

const story = (o: Partial<StoryEvent>): StoryEvent => ({
  id: 1,
  type: 'RETREAT',
  mode: null,
  status: 'planned',
  time: '2025-09',
  when: timexInterval('2025-09'),
  location: 'iraq',
  actors: ['global-coalition-against-daesh'],
  targets: [],
  summary_en: null,
  sources: [{ article: art('a', 'Anadolu', '2025-02-05'), eventIdx: 0, trigger: { start: 0, end: 5, text: 'إنهاء' }, sentence: 'إنهاء مهمة التحالف', status: 'planned', time: '2025-09', actors: [], targets: [], location: null, evidence: [], independent: true }],
  ...o,
});

describe('deadlines', () => {
  it.each([
    ['2025-06-01', 'due', 121],
    ['2025-09-30', 'due', 0],
    ['2025-10-01', 'passed', -1],
  ])('on %s the end-of-September mission is %s (%i days)', (on, status, days) => {
    const [d] = findDeadlines({ planned: [story({})], past: [], facts: [] }, on);
    expect(d).toMatchObject({ due: '2025-09-30', status, days });
  });
  it('a later report that it happened meets it', () => {
    const done = story({ id: 2, status: 'realized', time: '2025-09-28', when: { from: '2025-09-28', to: '2025-09-28' } });
    const [d] = findDeadlines({ planned: [story({})], past: [done], facts: [] }, '2026-01-01');
    expect(d.status).toBe('met');
    expect(d.metBy?.id).toBe(2);
  });
  it('a report from before the plan does not meet it', () => {
    const old = story({ id: 3, status: 'realized', time: '2011', when: timexInterval('2011') });
    expect(findDeadlines({ planned: [story({})], past: [old], facts: [] }, '2026-01-01')[0].status).toBe('passed');
  });
  it('dates ahead of their article are deadlines; dates before it are not', () => {
    const f = (value: string): DatedFact => ({ article: art('x', 'Arabi21', '2025-09-10'), idx: 0, text: value, value, mod: null, when: timexInterval(value)!, sentence: `s ${value}`, entities: [] });
    const list = findDeadlines({ planned: [], past: [], facts: [f('2026-09'), f('2014')] }, '2025-10-01');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'date', due: '2026-09-30', status: 'due' });
  });
  it('one sentence naming one day three ways is one deadline, shown by its fullest expression', () => {
    const sentence = 'ومن المقرر أن يصوت البرلمان غدا الأحد 6 ديسمبر على القانون.';
    const f = (idx: number, text: string, id = 'x'): DatedFact => ({ article: art(id, 'Arabi21', '2015-12-05'), idx, text, value: '2015-12-06', mod: null, when: timexInterval('2015-12-06')!, sentence, entities: [] });
    const list = findDeadlines({ planned: [], past: [], facts: [f(0, 'غدا'), f(1, 'الأحد'), f(2, '6 ديسمبر'), f(0, 'غدا', 'y')] }, '2015-12-01');
    expect(list.map((d) => [d.fact!.article.id, d.fact!.text])).toEqual([['x', '6 ديسمبر'], ['y', 'غدا']]);
  });
});

describe('one-sided happenings', () => {
  const withdraw = ev({ type: 'RETREAT', status: 'planned', actors: ['global-coalition-against-daesh'], targets: ['iraq'], location: 'iraq', ...month('2025-09') });
  const story = newStory(withdraw, 'a');
  it.each([
    ['same actor, other target, same month', ev({ type: 'RETREAT', status: 'planned', actors: ['global-coalition-against-daesh'], targets: ['usa'], ...month('2025-09') }), true],
    ['same actor, other target, another year', ev({ type: 'RETREAT', status: 'planned', actors: ['global-coalition-against-daesh'], targets: ['usa'], ...month('2026-09') }), false],
    ['same actor, other target, time only from the dateline', ev({ type: 'RETREAT', status: 'planned', actors: ['global-coalition-against-daesh'], targets: ['usa'], when: timexInterval('2025-09'), basis: 'published' }), false],
    ['a meeting is not one-sided', ev({ type: 'CONSULT', actors: ['mohammed-shia-al-sudani'], targets: ['lucas-schreurs'], ...day('2024-10-30') }), false],
  ])('%s', (_n, e, same) => {
    const s = e.type === 'CONSULT' ? newStory(ev({ actors: ['mohammed-shia-al-sudani'], targets: ['mark-rutte'], ...day('2024-10-30') }), 'a') : story;
    expect(matchEvent(e, 'b', s) !== null).toBe(same);
  });
});

describe('deadlines: what counts as met', () => {
  const done = (o: Partial<StoryEvent>) => story({ id: 9, status: 'realized', time: '2025-09-28', when: { from: '2025-09-28', to: '2025-09-28' }, ...o, sources: [{ ...story({}).sources[0], article: art('z', 'X', '2025-09-29') }] });
  it.each([
    ['a report after the reference day does not count yet', done({}), '2025-09-01', 'due'],
    ['known by the reference day', done({}), '2025-10-05', 'met'],
    ['another place', done({ location: 'syria' }), '2025-10-05', 'passed'],
    ['another actor', done({ actors: ['usa'] }), '2025-10-05', 'passed'],
    ['long before the planned period', done({ time: '2024-01', when: timexInterval('2024-01') }), '2025-10-05', 'passed'],
    ['a week before the planned period', done({ time: '2025-08-24', when: { from: '2025-08-24', to: '2025-08-24' } }), '2025-10-05', 'passed'],
    ['a few days before it (a dateline day)', done({ time: '2025-08-29', when: { from: '2025-08-29', to: '2025-08-29' } }), '2025-10-05', 'met'],
    ['three weeks late', done({ time: '2025-10-21', when: { from: '2025-10-21', to: '2025-10-21' } }), '2025-11-05', 'met'],
  ])('%s', (_n, p, on, status) => {
    expect(findDeadlines({ planned: [story({})], past: [p], facts: [] }, on)[0].status).toBe(status);
  });

  // containment as the KB would give it: Moscow in Russia, Erbil in Iraq
  const places: PlaceWithin = {
    within: (a, b) => a === b || (a === 'moscow' && b === 'russia') || (a === 'erbil' && b === 'iraq'),
    inside: (b) => (b === 'russia' ? ['russia', 'moscow'] : b === 'iraq' ? ['iraq', 'erbil'] : [b]),
  };
  const status = (plan: StoryEvent, p: StoryEvent) => findDeadlines({ planned: [plan], past: [p], facts: [] }, '2025-10-05', { places })[0].status;
  const meeting = (o: Partial<StoryEvent>) => story({ type: 'CONSULT', actors: ['france'], targets: ['un-security-council'], location: 'moscow', ...o });
  it.each([
    ['the plan’s parties, roles swapped, in its city', done({ type: 'CONSULT', actors: ['un-security-council'], targets: ['france'], location: 'moscow' }), 'met'],
    ['one shared party and another (UNSC with Theresa May)', done({ type: 'CONSULT', actors: ['un-security-council'], targets: ['theresa-may'], location: 'moscow' }), 'passed'],
    ['the parties, but only said to be in the country', done({ type: 'CONSULT', actors: ['france', 'un-security-council'], location: 'russia' }), 'passed'],
    ['the parties, no place said', done({ type: 'CONSULT', actors: ['france', 'un-security-council'], location: null }), 'met'],
    ['the actor alone, no one else named', done({ type: 'CONSULT', actors: ['france'], targets: [], location: 'moscow' }), 'met'],
    ['the actor with someone else, none of the plan’s targets', done({ type: 'CONSULT', actors: ['france'], targets: ['germany'], location: 'moscow' }), 'passed'],
    ['no one named', done({ type: 'CONSULT', actors: [], targets: [], location: 'moscow' }), 'passed'],
  ])('a planned France–UNSC meeting in Moscow: %s', (_n, p, expected) => {
    expect(status(meeting({}), p)).toBe(expected);
  });
  it.each([
    ['a plan for the country is met in its city', story({ location: 'iraq' }), done({ location: 'erbil' }), 'met'],
    ['a plan for the city is not met in the country', story({ location: 'erbil' }), done({ location: 'iraq' }), 'passed'],
    ['who does it matters in a directed kind: the coalition withdrawn from is not the coalition withdrawing', story({}), done({ actors: ['iraq'], targets: ['global-coalition-against-daesh'] }), 'passed'],
    ['a plan naming only targets needs them all', story({ actors: [], targets: ['iraq', 'syria'] }), done({ actors: ['usa'], targets: ['iraq'] }), 'passed'],
    ['a plan naming no one: the place and the planned period itself', story({ actors: [], targets: [], location: 'iraq' }), done({ actors: [], location: 'erbil' }), 'met'],
    ['a plan naming no one: not a day outside the planned period', story({ actors: [], targets: [], location: 'iraq' }), done({ actors: [], time: '2025-10-01', when: { from: '2025-10-01', to: '2025-10-01' } }), 'passed'],
    ['a plan naming no one and no place: never', story({ actors: [], targets: [], location: null }), done({ actors: [] }), 'passed'],
  ])('%s', (_n, plan, p, expected) => {
    expect(status(plan, p)).toBe(expected);
  });
  it('meets with the earliest report that carries it out', () => {
    const later = done({ id: 10, time: '2025-09-29', when: { from: '2025-09-29', to: '2025-09-29' } });
    const [d] = findDeadlines({ planned: [story({})], past: [later, done({})], facts: [] }, '2025-10-05');
    expect(d.metBy?.id).toBe(9);
  });
  it('the store is asked for what the plan needs: its actors, else its targets, else the places in its place', () => {
    const [a, b, c] = metProbes([story({}), story({ actors: [], targets: ['iraq'] }), story({ actors: [], targets: [], location: 'iraq' })], '2025-10-05', places);
    expect(a).toMatchObject({ type: 'RETREAT', keys: ['global-coalition-against-daesh'], places: ['iraq', 'erbil'], unplaced: true, from: '2025-08-29', to: '2025-10-05' });
    expect(b.keys).toEqual(['iraq']);
    expect(c).toMatchObject({ keys: [], places: ['iraq', 'erbil'], unplaced: false, from: '2025-09-01', to: '2025-09-30' });
  });
});

describe('claims: what counts as the same thing', () => {
  const a = art('a', 'Anadolu', '2025-02-05');
  const b = art('b', 'Arabi21', '2025-02-06');
  it('units of measure are never compared', () => {
    expect(findClaims([fig({ article: a, unit: 'percent', value: 4 }), fig({ article: b, unit: 'percent', value: 26 })])).toEqual([]);
  });
  it.each([
    ['the same day: a conflict', '2025-02-05', '2025-02-05', 1],
    ['different days: different attacks', '2025-02-05', '2025-02-06', 0],
  ])('casualty counts, %s', (_n, d1, d2, n) => {
    const rows = [
      fig({ article: a, unit: 'killed', value: 12, time: d1, when: { from: d1, to: d1 } }),
      fig({ article: b, unit: 'killed', value: 15, time: d2, when: { from: d2, to: d2 } }),
    ];
    expect(findClaims(rows)).toHaveLength(n);
  });
});

describe('claims: whose figure', () => {
  const a = art('a', 'Anadolu', '2025-02-05');
  const b = art('b', 'Arabi21', '2025-02-06');
  it.each([
    ['no subject', { subject: null }, 0],
    ['the subject is the place', { subject: 'iraq', location: 'iraq' }, 0],
    ['a subject in a place', {}, 1],
  ])('%s', (_n, o, n) => {
    expect(findClaims([fig({ article: a, value: 2500, ...o }), fig({ article: b, value: 3000, ...o })])).toHaveLength(n);
  });
  it('one outlet, two articles, same period: a change (an update), not a conflict', () => {
    const b2 = art('b2', 'Anadolu', '2025-02-06');
    expect(findClaims([fig({ article: a, value: 2500 }), fig({ article: b2, value: 3000 })])[0].kind).toBe('change');
  });
});

describe('whole-store answers are kept until the data changes', () => {
  // a store with only what conflicts() reads: its revision and its figures
  const fakeStore = (figures: () => FigureRow[]) => {
    const s = { rev: 1, calls: 0, revision: () => String(s.rev), figures: () => (s.calls++, figures()) };
    return s;
  };
  it('computes once per revision, shares a computation under way, and recomputes after a write', async () => {
    const { conflicts } = await import('./index.js');
    const s = fakeStore(() => []);
    const store = s as unknown as Parameters<typeof conflicts>[0];
    const [a, b] = await Promise.all([conflicts(store), conflicts(store)]);
    expect(a).toBe(b);
    expect(s.calls).toBe(1);
    await conflicts(store);
    expect(s.calls).toBe(1);
    s.rev++;
    await conflicts(store);
    expect(s.calls).toBe(2);
  });
  it('a failed computation is not kept', async () => {
    const { conflicts } = await import('./index.js');
    let fail = true;
    const s = fakeStore(() => {
      if (fail) throw new Error('database is locked');
      return [];
    });
    const store = s as unknown as Parameters<typeof conflicts>[0];
    await expect(conflicts(store)).rejects.toThrow('locked');
    fail = false;
    await expect(conflicts(store)).resolves.toEqual([]);
    expect(s.calls).toBe(2);
  });
});
