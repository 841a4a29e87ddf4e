import { describe, expect, it } from 'vitest';
import { ENTS, handDoc } from '../events/test-doc.js';
import { Ctx } from '../events/common.js';
import { createQuantityStage } from './index.js';

const stage = createQuantityStage();
// the tagger marks «للولايات المتحدة» as one mention after the proclitic و
const E = [{ ...ENTS.usa, forms: [...ENTS.usa.forms, 'للولايات المتحدة'] }, ENTS.iraq, ENTS.syria, ENTS.nato, ENTS.coalition];

function run(text: string, times: { text: string; value: string; type?: 'DATE' | 'DURATION' }[] = []) {
  const doc = handDoc(text, { entities: E, times });
  stage.run(doc);
  const kb = (id: string | null) => doc.entities.find((e) => e.id === id)?.kb ?? null;
  return doc.quantities.map((q) => ({ ...q, subjectKb: kb(q.subject), locationKb: kb(q.location) }));
}

describe('quantities: numbers in digits and words', () => {
  it.each([
    ['تنتشر القوات الأمريكية حاليا بنحو 2500 جندي في العراق.', 2500, 'troops'],
    ['أسفرت الاشتباكات عن سقوط ١٬٢٠٠ قتيل في المدينة.', 1200, 'killed'],
    ['يعمل في البعثة 1,500 مستشار من دول الحلف.', 1500, 'advisers'],
    ['أرسلت بريطانيا ثلاثة آلاف جندي إلى المنطقة.', 3000, 'troops'],
    ['أسفر الهجوم عن خمسة وعشرين قتيلا.', 25, 'killed'],
    ['أصيب مئة وخمسون جريحا في الانفجار.', 150, 'injured'],
    ['نشرت الوزارة ألفين جندي على الحدود.', 2000, 'troops'],
    ['وتوقع 4 دبلوماسيين أن يوافق الوزراء على الخطة.', 4, 'diplomats'],
    ['استقبلت تركيا مليون لاجئ منذ بداية الحرب.', 1000000, 'refugees'],
    ['قواتنا منتشرة على جميع حدود العراق الدولية مع الدول الست.', 6, 'countries'],
  ])('%s → %d %s', (text, value, unit) => {
    const q = run(text);
    expect(q).toHaveLength(1);
    expect(q[0].value).toBe(value);
    expect(q[0].unit).toBe(unit);
    expect(text.slice(q[0].start, q[0].end)).toBe(q[0].text);
  });
});

describe('quantities: qualifiers', () => {
  it.each([
    ['ينتشر نحو 2500 جندي أمريكي في العراق.', { value: 2500, approx: true }],
    ['ينتشر حوالي 900 جندي في سوريا.', { value: 900, approx: true }],
    ['قتل قرابة 300 شخص في المعارك.', { value: 300, approx: true }],
    ['يوجد ما يقرب من 2500 جندي أميركي في العراق.', { value: 2500, approx: true }],
    ['يتكون التحالف الدولي من أكثر من 60 دولة ومنظمة دولية.', { value: null, min: 60, approx: false }],
    ['شارك في التدريب ما لا يقل عن 200 مستشار.', { value: null, min: 200 }],
    ['سيبقى أقل من 1000 جندي في القاعدة.', { value: null, max: 1000 }],
    ['ترفع القوة من نحو 500 جندي كحد أقصى في الوقت الراهن.', { value: 500, max: 500, approx: true }],
  ])('%s', (text, want) => {
    const q = run(text);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject(want);
  });
});

describe('quantities: ranges, alternatives and changes', () => {
  it('«4000 أو 5000» after a figure: a range with the unit carried over', () => {
    const q = run('قد ترفع الخطط القوة من نحو 500 جندي كحد أقصى إلى حوالي 4000 أو 5000.');
    const r = q.find((x) => x.min === 4000)!;
    expect(r).toMatchObject({ value: null, min: 4000, max: 5000, approx: true, unit: 'troops' });
  });
  it('«بين 4000 و5000 جندي»: a range', () => {
    const q = run('ينتشر في البلاد بين 4000 و5000 جندي.');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ value: null, min: 4000, max: 5000, unit: 'troops' });
  });
  it('«من 5200 جندي إلى 3000 آلاف»: a change, two figures', () => {
    const q = run('ستقلل القوات الأمريكية من تعداد قواتها في العراق من 5200 جندي إلى 3000 آلاف.');
    expect(q.map((x) => [x.value, x.unit])).toEqual([
      [5200, 'troops'],
      [3000, 'troops'],
    ]);
    expect(q.every((x) => x.subjectKb === 'usa' && x.locationKb === 'iraq')).toBe(true);
  });
  it('a bare number coordinated with a figure takes its unit, subject and its own place', () => {
    const q = run('تنتشر القوات الأمريكية حاليا بنحو 2500 جندي في العراق و900 في سوريا.');
    expect(q.map((x) => [x.value, x.unit, x.subjectKb, x.locationKb])).toEqual([
      [2500, 'troops', 'usa', 'iraq'],
      [900, 'troops', 'usa', 'syria'],
    ]);
  });
});

describe('quantities: subject and location', () => {
  it.each([
    ['وللولايات المتحدة حاليا نحو 2500 جندي في العراق.', 'usa', 'iraq'],
    ['يعمل عدد أكبر من جنود الحلف في العراق، أي 800 جندي إضافي.', 'nato', 'iraq'],
    ['خروج المئات من قوات التحالف الدولي من العراق.', 'global-coalition-against-daesh', 'iraq'],
  ])('%s → %s in %s', (text, subject, location) => {
    const q = run(text);
    expect(q[0].subjectKb).toBe(subject);
    expect(q[0].locationKb).toBe(location);
  });
  it('a nisba with no entity in the article makes one (kb usa)', () => {
    const doc = handDoc('انتشر 700 جندي أمريكي في المنطقة.', { entities: [] });
    stage.run(doc);
    expect(doc.quantities).toHaveLength(1);
    const subj = doc.entities.find((e) => e.id === doc.quantities[0].subject);
    expect(subj?.kb).toBe('usa');
    expect(subj?.name_en).toBe('United States');
  });
});

describe('quantities: what is not a figure', () => {
  it.each([
    ['تأسس التحالف في عام 2014 لمكافحة داعش.'],
    ['انسحبت قوات التحالف في 2011.'],
    ['سيكون الانسحاب خلال 12 شهرا من تاريخ الاتفاق.'],
    ['اتفق البلدان في 27 سبتمبر على الجدول الزمني.'],
    ['شارك في منتدى دافوس بدورته الـ54.'],
    ['أنشئ التحالف قبل نحو عشر سنوات.'],
  ])('%s', (text) => {
    expect(run(text)).toEqual([]);
  });
  it('a number inside a time expression is left to the times', () => {
    expect(run('وصل الوفد قبل 3 أيام إلى بغداد.', [{ text: '3 أيام', value: 'P3D', type: 'DURATION' }])).toEqual([]);
  });
  it('boilerplate is skipped', () => {
    const doc = handDoc('نشر 500 جندي في العراق.', { entities: E });
    doc.boilerplate = [{ start: 0, end: doc.text.length, kind: 'footer' }];
    stage.run(doc);
    expect(doc.quantities).toEqual([]);
  });
});

describe('quantities: time', () => {
  it('a stated time in the sentence, else the dateline', () => {
    const a = run('بلغ عدد الجنود الأمريكيين 5200 جندي في شهر سبتمبر.', [{ text: 'شهر سبتمبر', value: '2020-09' }]);
    expect(a[0].time).toBe('2020-09');
    const b = run('ينتشر نحو 2500 جندي في العراق.');
    expect(b[0].time).toBe('2025-02-05');
  });
});

describe('quantities: linear in the length of a sentence (issue 9)', () => {
  // a page without punctuation is one sentence holding a figure every fourteen words; each figure
  // looks for its subject, place and time across the sentence. Counted without a clock: the reads
  // of the word → entity index (ctx.entAt) per word must not grow with the length of the sentence.
  const piece = 'وأرسل التحالف الدولي نحو 2500 جندي للتدريب والمشورة والدعم واللوجستيات والتنسيق في العراق يوم الاثنين ';
  function readsFor(n: number) {
    const doc = handDoc(piece.repeat(n), { entities: E, times: [{ text: 'يوم الاثنين', value: '2025-02-03' }] });
    const ctx = Ctx.for(doc);
    let reads = 0;
    (ctx as { entAt: unknown }).entAt = new Proxy(ctx.entAt, {
      get(t, p, r) {
        if (typeof p === 'string' && p.charCodeAt(0) <= 0x39) reads++;
        return Reflect.get(t, p, r);
      },
    });
    stage.run(doc);
    const kb = (id: string | null) => doc.entities.find((e) => e.id === id)?.kb ?? null;
    return { reads, words: ctx.words.length, q: doc.quantities.map((x) => [x.value, x.unit, kb(x.subject), kb(x.location), x.time]) };
  }
  it('each figure of a 2,500-word sentence finds its subject, place and time; the reads per word stay flat', () => {
    const small = readsFor(60);
    const large = readsFor(180);
    expect(new Set(doc1Sentences(piece.repeat(180))).size).toBe(1);
    expect(large.q).toHaveLength(180);
    for (const q of large.q) expect(q).toEqual([2500, 'troops', 'global-coalition-against-daesh', 'iraq', '2025-02-03']);
    // a scan of the whole sentence per figure read about 180 × 2,500 entries here (×9 for ×3 the text)
    expect(large.reads / large.words).toBeLessThan(2 * (small.reads / small.words));
  });
});

function doc1Sentences(text: string): number[] {
  return Ctx.for(handDoc(text, { entities: E })).words.map((w) => w.sent);
}
