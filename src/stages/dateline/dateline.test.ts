import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../pipeline/doc.js';
import { createDoc } from '../../text/index.js';
import { createTemporalStage } from '../temporal/index.js';
import { createDatelineStage, cutPoints, loadFacts, MAX_CUTS } from './index.js';
import { loadOrdinals } from './infer.js';

const dateline = createDatelineStage({ now: '2026-11-22' });
const temporal = createTemporalStage();
function run(text: string, published: string | null = null): Doc {
  const doc = createDoc({ text, published });
  dateline.run(doc);
  temporal.run(doc);
  return doc;
}

describe('given datelines', () => {
  it('a day', () => {
    const doc = run('قال الرئيس الأمريكي دونالد ترامب اليوم إن المحادثات انتهت.', '2018-07-10');
    expect(doc.published).toEqual({ date: '2018-07-10', earliest: '2018-07-10', latest: '2018-07-10', basis: 'given', evidence: [] });
    expect(doc.times[0]).toMatchObject({ text: 'اليوم', value: '2018-07-10' });
  });
  it('a window', () => {
    const doc = run('توصلت بغداد وواشنطن في سبتمبر الماضي إلى اتفاق.', '2024-10-30/2024-12-31');
    expect(doc.published).toMatchObject({ date: null, earliest: '2024-10-30', latest: '2024-12-31', basis: 'given' });
  });
  it('rejects a malformed date', () => {
    expect(() => run('نص', '2024-13-01')).toThrow(/not a date/);
  });
});

// [text, earliest, latest] of the inferred window (horizon 2026-11-22)
describe('inferred datelines', () => {
  it.each<[string, string, string]>([
    // office terms (data/time/facts.tsv)
    ['التقى السوداني مع أمين عام حلف الناتو، مارك روته، في بغداد.', '2024-10-01', '2026-11-22'],
    ['وقال الأمين العام لحلف شمال الأطلسي (الناتو)، ينس ستولتنبرغ، إن الحلف مستعد.', '2014-10-01', '2024-10-14'],
    ['دعا الرئيس الأمريكي السابق دونالد ترامب الحلف إلى بذل مزيد من الجهود.', '2020-12-06', '2025-01-19'],
    ['قال رئيس الوزراء المكلف عادل عبد المهدي إن الحكومة ستتشكل قريبا.', '2018-08-06', '2018-10-25'],
    ['التقى رئيس الوزراء العراقي حيدر العبادي الرئيس الأمريكي دونالد ترامب في واشنطن.', '2017-01-20', '2018-11-07'],
    // a Lebanese PM designate: the designations themselves are rows of facts.tsv (months long,
    // and in 2018 the caretaker PM was the one designated)
    ['قال رئيس الوزراء اللبناني المكلف سعد الحريري إن حكومة الوفاق الوطني الجديدة ستبصر النور قريبا.', '2016-10-31', '2021-07-31'],
    // a hashtag between the given name and the surname (Al Arabiya writes «دونالد #ترمب»)
    ['التقى رئيس الوزراء العراقي حيدر العبادي الرئيس الأميركي، دونالد #ترمب، في واشنطن.', '2017-01-20', '2018-11-07'],
    // a title in the construct state before a country («وزير خارجية البحرين», «رئيسة وزراء بريطانيا»)
    ['قالت رئيسة وزراء بريطانيا تيريزا ماي إن بلادها ستغادر الاتحاد.', '2016-07-13', '2019-08-06'],
    ['وقال وزير خارجية البحرين خالد بن أحمد آل خليفة إن المنامة تدعم الخطوة.', '2005-09-26', '2020-02-24'],
    // … but the country is a word or three: a longer gap is another clause (Khalifa is the
    // president here; «وجه» begins a clause whose subject is Mohamed bin Zayed)
    ['وبتوجيهات الشيخ خليفة بن زايد آل نهيان رئيس دولة #الإمارات_العربية_المتحدة وجه الشيخ محمد بن زايد اللجنة التنفيذية.', '1990-01-01', '2026-11-22'],
    // a deputy is not the holder («نائب» is «نايب» in the normalised text)
    ['والتقى مؤخرا نائب وزير الخارجية فيصل المقداد في دمشق.', '1990-01-01', '2026-11-22'],
    // «الجديد»: new in the office or named to it (Pompeo was named on 2018-03-13, in office
    // from 2018-04-26); the given name set apart by a hashtag only right after the title's words
    ['اعتبر الكرملين أن العلاقات لا يمكن أن تكون أسوأ في ظل ولاية وزير الخارجية الجديد مايك #بومبيو بعد إقالة ريكس #تيلرسون.', '2018-02-05', '2018-10-23'],
    // «خلفاً لـ»: the one succeeded is a former holder
    ['وصادق مجلس الشيوخ على تعيين بومبيو في منصب وزير الخارجية خلفاً لريكس تيلرسون.', '2018-02-14', '2026-11-22'],
    // «ونائبه» in the gap: the deputy is named, not the president (Biden is not president here)
    ['وأعلنت الرئاسة الأميركية أن الرئيس باراك أوباما ونائبه جو بايدن يعربان عن دعم واشنطن.', '2009-01-20', '2017-02-02'],
    // another given name before the surname is another person («رفيق الحريري», not Saad)
    ['وكان رئيس الوزراء اللبناني رفيق #الحريري قد زار دمشق.', '1990-01-01', '2026-11-22'],
    // «حكومة X» (a ~weak title in facts.tsv) shows only that X held the office once
    ['تفاقم الفساد خلال فترة حكومة نوري المالكي.', '2006-05-20', '2026-11-22'],
    // … unless said of the present («الحالية»)
    ['وتنتشر أكوام النفايات منذ عهد الحكومات السابقة بما في ذلك حكومة حيدر العبادي الحالية.', '2014-09-08', '2018-11-07'],
    // «آنذاك»: the title of that time
    ['قالت وزيرة الخارجية الأميركية آنذاك، هيلاري كلينتون، إن بلادها ستدعم الحل.', '2009-01-21', '2026-11-22'],
    // events
    ['ويعود سبب التأجيل لجائحة كورونا.', '2019-12-31', '2026-11-22'],
    // the longest name wins: ISIS's name of 2013, not the caliphate of June 2014
    ['وقالت مصادر إن تنظيم الدولة الإسلامية في العراق والشام سيطر على الفلوجة.', '2013-04-09', '2026-11-22'],
    ['وأعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم.', '2014-06-29', '2026-11-22'],
    // tense around absolute dates
    ['مع اقتراب موعد إنهاء المهمة بحلول سبتمبر 2025، يتجدد الحديث.', '1990-01-01', '2025-09-30'],
    ['تعمل البعثة في بغداد منذ أكتوبر 2018.', '2018-10-01', '2026-11-22'],
    // «حتى» + a date with no future tense: the end of a past span or a term still running, as
    // often (measured on the bulk set): no clue; with a future verb, a date still ahead
    ['وسبق له أن درب الوصل الإماراتي ومنتخب الأرجنتين في الفترة من 2008 وحتى 2010.', '1990-01-01', '2026-11-22'],
    ['ووقع النادي مع اللاعب وتم تمديد العقد حتى عام 2020.', '1990-01-01', '2026-11-22'],
    ['وسيستمر البرنامج حتى عام 2020.', '1990-01-01', '2020-12-31'],
    // a future verb's date is often of a relative clause («ستمثل … مقارنة بالعام 2000»): weaker
    // than a date in a past-tense clause, which wins where they contradict
    ['وستمثل نسبة النمو تباطؤا حادا مقارنة بالعام 2000، وكان الاقتصاد قد تعافى في عام 2005.', '2005-01-01', '2026-11-22'],
    ['وأصدرت مؤسسة كيو أس تصنيفها لأفضل الجامعات لعام 2018.', '2017-01-01', '2026-11-22'],
    // words that look like a future verb but are not one («سيتي» the club, «ستمئة» 600): no future clause
    ['وتعاقد مانشستر سيتي مع المدرب في يونيو 2016.', '2016-06-01', '2026-11-22'],
    ['وبلغت قيمة الصفقة ستمئة مليون دولار في عام 2017.', '2016-01-01', '2026-11-22'],
    ['وتستمر الاحتجاجات في عام 2018 الجاري.', '2018-01-01', '2018-12-31'],
    // a day with its weekday and no tense cue: the years where 13 April is a Friday (1990 …
    // 2018), within 60 days either side (news dates coming concerts and matches by weekday)
    ['عن حفلتي الأولى في المملكة الجمعة 13 أبريل في مدينة الملك عبدالله الاقتصادية.', '1990-02-12', '2018-06-12'],
    // a month named as the current one, a year, and a weekday
    ['قال مسؤول أمس الأحد إن المهام ستنتهي في أكتوبر الجاري من عام 2018 الجاري.', '2018-10-01', '2018-10-29'],
  ])('%s', (text, earliest, latest) => {
    const doc = run(text);
    expect(doc.published).toMatchObject({ basis: 'inferred', earliest, latest });
    for (const e of doc.published!.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  });

  it('says nothing it cannot argue: no clue, the widest window', () => {
    const doc = run('تحدثت طالبة عن ملابسات تعرضها إلى تحرش في أحد شوارع باريس.');
    expect(doc.published).toMatchObject({ date: null, earliest: '1990-01-01', latest: '2026-11-22', evidence: [] });
  });

  it('relative times take the inferred window when their value is the same across it', () => {
    const doc = run('وأشار إلى أن مهام التحالف ستنتهي في أيلول/ سبتمبر الحالي. وذكر أن السفارة أعلنت الشهر الماضي ذلك، وأعلن الوزير في حزيران/يونيو تأييده. وقال رئيس الوزراء العراقي محمد شياع السوداني إن ذلك تم في عام 2025 الجاري.');
    expect(doc.published).toMatchObject({ earliest: '2025-09-01', latest: '2025-09-30' });
    expect(doc.times.filter((t) => t.value?.startsWith('2025')).map((t) => [t.text, t.value])).toEqual([
      ['أيلول/ سبتمبر الحالي', '2025-09'],
      ['الشهر الماضي', '2025-08'],
      ['حزيران/يونيو', '2025-06'],
      ['عام 2025 الجاري', '2025'],
    ]);
  });
});

// [text, earliest, latest, date] for the kinds of evidence added for issue #3 (horizon 2026-11-22)
describe('inferred datelines: years named with their relation to now, anniversaries, pinned days', () => {
  it.each<[string, string, string, string | null]>([
    // a year the matcher reads without its word: «العام المقبل 2019» is said in 2018
    ['ستجرى الانتخابات العام المقبل 2019.', '2018-01-01', '2018-12-31', null],
    ['يصادف هذا العام 2018 ذكرى النكبة.', '2018-01-01', '2018-12-31', null],
    // «العام الماضي 2017»: written in 2018 (it only bounded from below before)
    ['جرت الانتخابات العام الماضي 2017.', '2018-01-01', '2018-12-31', null],
    // Hijri years: this Hijri year (1439 AH = 2017-09-21 … 2018-09-10), or a year named (from the one before)
    ['خلال العام الجاري 1439هـ ارتفعت الأسعار.', '2017-09-21', '2018-09-10', null],
    ['في رمضان 1439هـ وقع الحادث.', '2016-10-02', '2026-11-22', null],
    // anniversaries: of a year named, and of a dated event (data/time/facts.tsv), reported around their day
    ['يحيي الفلسطينيون الذكرى الـ70 لقيام إسرائيل عام 1948.', '2018-01-14', '2018-08-12', null],
    ['أحيا العراقيون الذكرى السنوية الخامسة عشرة لسقوط بغداد.', '2017-12-10', '2018-07-08', null],
    // a relative day with its weekday and the date it names: one day
    ['وصل الوفد أمس الأحد 14 أكتوبر 2018 إلى بغداد.', '2018-10-15', '2018-10-15', '2018-10-15'],
    // … the same when they are apart and the year comes from an office (Pompeo: 2018-04 … 2021-01; 14 October is a Sunday in 2018 only)
    ['قال وزير الخارجية الأمريكي مايك بومبيو إن الوفد الذي وصل الأحد 14 أكتوبر التقى أمس الأحد الرئيس.', '2018-10-15', '2018-10-15', '2018-10-15'],
    // a weekday named alone is the nearest one: the article is of the week after that dated Sunday
    ['قال وزير الخارجية الأمريكي مايك بومبيو، الأحد، إن الوفد وصل الأحد 14 أكتوبر.', '2018-10-14', '2018-10-20', null],
    // a day named without its year lies within five months of the article: in October, «2 مارس» is the coming one
    ['وتنتهي المهلة في 2 مارس، وفق ما أعلنت الوزارة في أكتوبر الجاري من عام 2018 الجاري.', '2018-10-03', '2018-10-31', null],
  ])('%s', (text, earliest, latest, date) => {
    const doc = run(text);
    expect(doc.published).toMatchObject({ basis: 'inferred', earliest, latest, date });
    expect(doc.published!.evidence.length).toBeGreaterThan(0);
    for (const e of doc.published!.evidence) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
  });

  // titles that do not make the person named the holder
  it.each<[string, string, string]>([
    // «ولي ولي العهد» (deputy crown prince, 2015-04-29 … 2017-06-21) is not «ولي العهد»
    ['التقى ولي ولي العهد السعودي الأمير محمد بن سلمان الرئيس.', '2015-04-29', '2017-07-04'],
    // a prize named after a king says nothing of his reign
    ['وأعلنت جائزة خادم الحرمين الشريفين الملك عبدالله بن عبدالعزيز العالمية للترجمة أسماء الفائزين.', '1990-01-01', '2026-11-22'],
    // «، والشيخ …»: another person, not the holder of the title before the comma
    ['قال رئيس الدولة الشيخ خليفة بن زايد، والشيخ محمد بن زايد إن التعاون مستمر.', '2004-11-03', '2022-05-26'],
  ])('%s', (text, earliest, latest) => {
    expect(run(text).published).toMatchObject({ earliest, latest });
  });

  it('a number after «العام الماضي» that cannot be a year is no clue', () => {
    expect(run('قتل العام الماضي 7000 شخص في الحرب.').published).toMatchObject({ earliest: '1990-01-01', latest: '2026-11-22' });
  });
});

describe('segments', () => {
  const part1 =
    'قال الرئيس الأمريكي دونالد ترامب إن بلاده ستبقي قواتها في العراق خلال عام 2018 الجاري، وأضاف أن الحلفاء مطالبون بالمزيد. ' +
    'وأكد رئيس الوزراء العراقي حيدر العبادي أن القوات العراقية قادرة على حماية البلاد من هجمات التنظيم في الأشهر المقبلة.';
  const part2 =
    'وفي سياق آخر، قال رئيس الوزراء العراقي محمد شياع السوداني إن الحكومة ماضية في تنفيذ برنامجها، مشيرا إلى أن اللجنة المشتركة ' +
    'ستعقد اجتماعها المقبل في بغداد لبحث جدول انسحاب قوات التحالف الدولي من البلاد بحلول سبتمبر 2025، وأن الوفد سيصل الشهر المقبل.';
  it('a page that appends an older story gets one dateline per part', () => {
    const doc = run(`${part2}\n${part1}`);
    expect(doc.segments).toHaveLength(2);
    const [a, b] = doc.segments;
    expect(a.published.earliest! >= '2022-10-27').toBe(true);
    expect(a.published.latest! <= '2025-09-30').toBe(true);
    expect(b.published).toMatchObject({ earliest: '2018-01-01', latest: '2018-11-07' });
    expect(doc.text.slice(b.start).startsWith('قال الرئيس الأمريكي')).toBe(true);
    expect(doc.published).toEqual(a.published);
    // times in the older part resolve against its own dateline
    const t = doc.times.find((x) => x.text === 'الأشهر المقبلة');
    expect(t?.start).toBeGreaterThan(b.start);
  });
  it('a newer story after an older one is not taken for an appended one', () => {
    expect(run(`${part1}\n${part2}`).segments).toEqual([]);
  });
  it('one story: no segments', () => {
    expect(run(part1).segments).toEqual([]);
  });
});

describe('facts data', () => {
  it('every row parses, and offices carry titles', () => {
    const f = loadFacts();
    expect(f.rows.length).toBeGreaterThan(100);
    for (const r of f.rows) {
      if (r.kind === 'office') expect(r.cues.length).toBeGreaterThan(0);
      if (r.to != null) expect(r.to).toBeGreaterThan(r.from);
    }
  });
  it('the anniversary ordinals parse', () => {
    const o = loadOrdinals();
    expect(o.get('العاشره')).toBe(10);
    expect(o.get('الميويه')).toBe(100);
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ord-')), 'ordinals.tsv');
    fs.writeFileSync(p, '# x\nالعاشرة\tten\n');
    expect(() => loadOrdinals(p)).toThrow(/ordinals\.tsv:2/);
  });
  it('a bad row is reported with its file and line', () => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'facts-')), 'facts.tsv');
    fs.writeFileSync(p, '# x\nbad\toffice\tفلان\tالرئيس\t2020-13-01\t\tnote\n');
    expect(() => loadFacts(p)).toThrow(/facts\.tsv:2: bad from date/);
  });
});

describe('segment boundaries on a long page', () => {
  it('tries a line start only when a clue lies since the previous one, and at most MAX_CUTS of them', () => {
    const lines = ['أعلن الرئيس اليوم', 'وقال الوزير', 'في عام 2014', 'وأضاف', 'بحلول سبتمبر 2025', 'والختام'];
    const text = lines.join('\n');
    const starts = lines.slice(1).map((_, i) => lines.slice(0, i + 1).join('\n').length + 1);
    // clues in the third and fifth lines: the starts of lines 2 and 3 split the clues alike, so do 4 and 5
    const at = (line: number) => starts[line - 1] + 2;
    expect(cutPoints(text, [at(2), at(4)])).toEqual([starts[0], starts[2], starts[4]]);
    expect(cutPoints(text, [])).toEqual([starts[0]]);
    const long = Array.from({ length: 5000 }, (_, i) => `سطر ${i} عام ${2000 + (i % 20)}`).join('\n');
    const every = [...long.matchAll(/عام/g)].map((m) => m.index!);
    const cuts = cutPoints(long, every);
    expect(cuts).toHaveLength(MAX_CUTS);
    expect([...cuts].sort((a, b) => a - b)).toEqual(cuts);
    for (const k of cuts) expect(long[k - 1]).toBe('\n');
  });
});
