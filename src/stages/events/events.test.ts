import { describe, expect, it } from 'vitest';
import type { EventStatus, PloverType } from '../../pipeline/doc.js';
import { createDoc } from '../../text/index.js';
import { createQuantityStage } from '../quantities/index.js';
import { createQuoteStage } from '../quotes/index.js';
import { Ctx, NearestScan, normEntry, registeredKeys, scanWords, scanWordsRegex, variants, vs, type Variant, type Word } from './common.js';
import { createEventStage } from './index.js';
import { ENTS, STORY_ENTS, handDoc, handEvents, type HandEntity, type HandTime } from './test-doc.js';

const stage = createEventStage();
const PEOPLE: HandEntity[] = [
  ENTS.sudani,
  ENTS.rutte,
  { forms: ['لوكاس شخويرس'], kb: 'lucas-schreurs', type: 'PER', name_en: 'Lucas Schreurs' },
  ENTS.fuad,
  ENTS.linde,
  { forms: ['دونالد ترامب'], kb: 'donald-trump', type: 'PER', name_en: 'Donald Trump' },
  ENTS.soleimani,
  { forms: ['ثابت العباسي'], kb: 'thabet-al-abbasi', type: 'PER', name_en: 'Thabet al-Abbasi' },
];
const PLACES: HandEntity[] = [
  ...STORY_ENTS,
  ENTS.iran,
  ENTS.erbil,
  { forms: ['السعودية'], kb: 'saudi-arabia', type: 'LOC', name_en: 'Saudi Arabia' },
  { forms: ['وزارة الدفاع الأميركية', 'البنتاغون'], kb: 'pentagon', type: 'ORG', name_en: 'Pentagon' },
  { forms: ['الحكومة العراقية'], kb: 'government-of-iraq', type: 'ORG', name_en: 'Government of Iraq' },
  { forms: ['البرلمان العراقي'], kb: 'iraqi-parliament', type: 'ORG', name_en: 'Iraqi Parliament' },
];

const run = (text: string, times: HandTime[] = [], date = '2025-02-05') => handEvents(stage, text, { entities: [...PEOPLE, ...PLACES], times, date });

describe('events: one sentence per PLOVER family', () => {
  it.each<[string, PloverType, string]>([
    ['استقبل رئيس الوزراء محمد شياع السوداني قائد بعثة الناتو الفريق لوكاس شخويرس في بغداد.', 'CONSULT', 'استقبل'],
    ['تلقى وزير الخارجية فؤاد حسين اتصالا هاتفيا من وزيرة خارجية السويد آن ليندي.', 'CONSULT', 'اتصالا هاتفيا'],
    ['وزار محمد شياع السوداني واشنطن الشهر الماضي.', 'CONSULT', 'وزار'],
    ['اتفقت واشنطن وبغداد على تحديد جدول زمني للمرحلة المقبلة.', 'AGREE', 'اتفقت'],
    ['توصلت بغداد وواشنطن إلى اتفاق حول مستقبل التعاون الأمني.', 'AGREE', 'توصلت'],
    ['وأعلن وزير الدفاع ثابت العباسي تأييد العراق بقاء التحالف الدولي في سوريا.', 'SUPPORT', 'تأييد'],
    ['أفرجت إيران عن معتقلين أمريكيين بعد وساطة.', 'CONCEDE', 'أفرجت'],
    ['ويقدم حلف الناتو التدريب والمشورة للقوات العراقية في العراق.', 'AID', 'التدريب'],
    ['أعلنت وزارة الدفاع الأميركية بدء خفض عديد القوات الأمريكية في العراق.', 'RETREAT', 'خفض'],
    ['دعا دونالد ترامب الناتو إلى بذل مزيد من الجهود في الشرق الأوسط.', 'REQUEST', 'دعا'],
    ['اتهمت إيران الولايات المتحدة بزعزعة استقرار المنطقة.', 'ACCUSE', 'اتهمت'],
    ['رفضت الحكومة العراقية الطلب الأمريكي بشكل قاطع.', 'REJECT', 'رفضت'],
    ['هددت إيران الولايات المتحدة برد قاس على أي هجوم.', 'THREATEN', 'هددت'],
    ['شارك آلاف العراقيين في مظاهرات حاشدة في بغداد.', 'PROTEST', 'مظاهرات'],
    ['فرضت الولايات المتحدة عقوبات جديدة على إيران.', 'SANCTION', 'عقوبات'],
    ['يعتزم الناتو توسيع نطاق مهمة التدريب في العراق.', 'MOBILIZE', 'توسيع'],
    ['اعتقلت الحكومة العراقية عشرات المحتجين في بغداد.', 'COERCE', 'اعتقلت'],
    ['وتعرضت القوات التي تقودها الولايات المتحدة لهجوم صاروخي في شمال العراق.', 'ASSAULT', 'لهجوم صاروخي'],
    ['شنت الولايات المتحدة غارة جوية على مواقع لتنظيم داعش في سوريا.', 'ASSAULT', 'غارة'],
  ])('%s → %s', (text, type, trigger) => {
    const ev = run(text);
    const e = ev.find((x) => x.type === type);
    expect(e, JSON.stringify(ev.map((x) => [x.type, x.trigger.text]))).toBeDefined();
    expect(e!.trigger.text).toBe(trigger);
    expect(text.slice(e!.trigger.start, e!.trigger.end)).toBe(trigger);
  });
});

describe('events: who, where, when', () => {
  it('«استقبل A B في بغداد»: A hosts B in Baghdad', () => {
    const [e] = run('استقبل رئيس الوزراء محمد شياع السوداني قائد بعثة الناتو الفريق لوكاس شخويرس في بغداد.');
    expect(e).toMatchObject({ type: 'CONSULT', mode: 'host', status: 'realized', actorKb: ['mohammed-shia-al-sudani'], locationKb: 'baghdad' });
    expect(e.targetKb).toContain('lucas-schreurs');
    expect(e.summary_en).toBe('Mohammed Shia al-Sudani hosted NATO and Lucas Schreurs in Baghdad (2025-02-05)');
  });
  it('«اتفقت واشنطن وبغداد»: both are actors, the capital standing for its state', () => {
    const [e] = run('وفي 27 سبتمبر الماضي، اتفقت واشنطن وبغداد على تحديد جدول زمني.', [{ text: '27 سبتمبر الماضي', value: '2024-09-27' }]);
    expect(e.actorKb).toEqual(['usa', 'iraq']);
    expect(e.time).toBe('2024-09-27');
  });
  it('«خلال لقائه ب B»: the sentence subject met B', () => {
    const ev = run('وأكد محمد شياع السوداني، خلال لقائه بالأمين العام لحلف الناتو مارك روته، أهمية التعاون.');
    const e = ev.find((x) => x.type === 'CONSULT')!;
    expect(e.actorKb).toEqual(['mohammed-shia-al-sudani']);
    expect(e.targetKb).toContain('mark-rutte');
  });
  it('«مقتل X في غارة»: one attack, X its target', () => {
    const ev = run('قتل عدد من المسلحين إثر مقتل قاسم سليماني في غارة أمريكية قرب بغداد.');
    const a = ev.filter((x) => x.type === 'ASSAULT');
    expect(a).toHaveLength(1);
    expect(a[0].targetKb).toContain('qasem-soleimani');
  });
  it('the meeting told twice is one event («… وجرى خلال اللقاء بحث …»)', () => {
    const ev = run('التقى محمد شياع السوداني مارك روته في بغداد. وجرى خلال اللقاء بحث علاقات التعاون.');
    expect(ev.filter((x) => x.type === 'CONSULT')).toHaveLength(1);
  });
  it('what is called for is the request, not an event of its own', () => {
    const ev = run('دعا محمد شياع السوداني إلى توسيع مهمة الناتو في العراق.');
    expect(ev.map((x) => x.type)).toEqual(['REQUEST']);
  });
  it('«خفض التوتر» is not a troop reduction', () => {
    expect(run('أكد الوزيران ضرورة العمل من أجل خفض التوتر في المنطقة.').filter((x) => x.type === 'RETREAT')).toEqual([]);
  });
  it('the dateline of the segment when no time is stated', () => {
    const [e] = run('استقبل محمد شياع السوداني مارك روته في بغداد.', [], '2025-02-05');
    expect(e.time).toBe('2025-02-05');
  });
});

describe('events: what is not an event', () => {
  it.each([
    ['أكد الوزيران ضرورة العمل من أجل خفض التوتر في المنطقة.'],
    ['عقد محمد شياع السوداني مؤتمرا صحفيا في بغداد.'],
    ['يحظى حزب الدعوة بمقاعد كثيرة في البرلمان العراقي.'],
    ['وقالت الوزارة إن المهمة تأتي بموجب اتفاق أمني مع الحكومة العراقية.'],
  ])('%s', (text) => {
    const ev = run(String(text)).filter((x) => x.type !== 'PROTEST');
    expect(ev.map((x) => [x.type, x.trigger.text])).toEqual([]);
  });
  it('a headline line is not read for events', () => {
    expect(run('الناتو يوسع مهامه في العراق\nقال مسؤولون إن الحلف سيبحث الخطط.').filter((x) => x.trigger.text === 'يوسع')).toEqual([]);
  });
});

describe('events: status', () => {
  it.each<[string, PloverType, EventStatus, HandTime[]]>([
    ['وفي العام الماضي انسحبت القوات الأمريكية من العراق.', 'RETREAT', 'realized', []],
    ['لم تنسحب القوات الأمريكية من العراق حتى الآن.', 'RETREAT', 'negated', []],
    ['لن تنسحب القوات الأمريكية من العراق.', 'RETREAT', 'negated', []],
    ['رفض الرئيس عدم انسحاب القوات.', 'RETREAT', 'negated', []],
    ['ستنسحب القوات الأمريكية من العراق.', 'RETREAT', 'planned', []],
    ['سيتم تخفيض عدد القوات الأميركية إلى 2500 جندي.', 'RETREAT', 'planned', []],
    ['مهام للتحالف الدولي في بغداد ستنتهي في سبتمبر الحالي.', 'RETREAT', 'planned', []],
    ['من المقرر أن يزور مارك روته بغداد الأسبوع المقبل.', 'CONSULT', 'planned', []],
    ['يعتزم الناتو توسيع نطاق مهمة التدريب في العراق.', 'MOBILIZE', 'planned', []],
    ['ستستمر المهمة العسكرية للتحالف في أربيل حتى سبتمبر 2026.', 'MOBILIZE', 'planned', [{ text: 'سبتمبر 2026', value: '2026-09' }]],
    ['مع اقتراب موعد إنهاء مهمة التحالف بحلول سبتمبر 2025.', 'RETREAT', 'planned', [{ text: 'سبتمبر 2025', value: '2025-09' }]],
    ['يتوقع أن يوافق وزراء الدفاع في الناتو على الخطة.', 'AGREE', 'expected', []],
    ['ومن المرجح أن يتولى حلف الناتو بعضا من أنشطة التدريب.', 'AID', 'expected', []],
    ['الخطط التي قد ترفع القوة في العراق.', 'MOBILIZE', 'expected', []],
    ['دعت الحكومة العراقية إلى زيادة التعاون مع الناتو.', 'REQUEST', 'demanded', []],
    ['طالب البرلمان العراقي بخروج القوات الأجنبية.', 'REQUEST', 'demanded', []],
    ['وأكد محمد شياع السوداني على أهمية الاتفاق على خطوات تنفيذية لإنهاء مهمة التحالف.', 'REQUEST', 'demanded', []],
  ])('%s → %s %s', (text, type, status, times) => {
    const ev = run(text, times, '2024-06-01');
    const e = ev.find((x) => x.type === type);
    expect(e, JSON.stringify(ev.map((x) => [x.type, x.trigger.text, x.status]))).toBeDefined();
    expect(e!.status).toBe(status);
  });
  it.each([
    ['لن تتأثر مهام بعثة الناتو بانسحاب قوات التحالف.'],
    ['ستنسحب القوات الأمريكية من العراق.'],
    ['لم يلتق محمد شياع السوداني مارك روته.'],
    ['سيتم نقل مهام المستشارين عام 2026.'],
  ])('future and negated forms are never realized: %s', (text) => {
    const ev = run(text, [], '2024-06-01').filter((x) => x.trigger.text !== 'بانسحاب');
    for (const e of ev) expect(e.status).not.toBe('realized');
  });
});

describe('events: English line', () => {
  it.each([
    ['ستنسحب القوات الأمريكية من العراق.', 'United States will withdraw forces in Iraq (2024-06-01)'],
    ['لم يلتق محمد شياع السوداني مارك روته.', 'Mohammed Shia al-Sudani did not meet Mark Rutte'],
    ['دعت الحكومة العراقية الناتو إلى زيادة التعاون.', 'Government of Iraq called on NATO'],
  ])('%s', (text, line) => {
    const ev = run(text, [], '2024-06-01');
    expect(ev[0].summary_en?.startsWith(line), ev[0].summary_en).toBe(true);
  });
});

describe('shared word index (speed paths give the plain answers)', () => {
  // lexicons registered: the three stages' factories ran above or here
  createQuantityStage();
  createQuoteStage();

  it('words from the text layer tokens equal the regex scan', () => {
    const texts = [
      'قال رئيس الوزراء محمد شياع السوداني، إن 2,500 جندي (أي 2.5 ألف) سينسحبون في 3/1/2020.',
      'وأكدت «الخارجية» أن "الناتو" سيبقى… ABC news و CNN2 وiPhone 15 و١٢٣ و abc',
      'سطر أول\nسطر ثان\u00a0مع مسافة\u2009ضيقة و\u0085 و\u200f و😀 و پ گ ی ک',
      'خبر بلا نقطة',
      '',
    ];
    for (const text of texts) {
      const doc = createDoc({ text });
      const scanned = scanWordsRegex(doc);
      expect(scanWords(doc)).toEqual(scanned);
    }
  });

  it('the filter in front of vs() never drops a variant a lexicon knows', () => {
    const keys = [...registeredKeys()];
    expect(keys.length).toBeGreaterThan(300);
    const pre = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'لل', 'وب', 'ول', 'فل', 'ال', 'وال', 'بال', 'وبال', 'س', 'وس', 'فس'];
    const suf = ['', 'ه', 'ها', 'هم', 'هما', 'نا', 'كم'];
    let checked = 0;
    for (const k of keys) {
      const bases = [k, k.endsWith('ه') ? k.slice(0, -1) + 'ت' : null, k.endsWith('ء') ? k.slice(0, -1) + 'ي' : null, k.startsWith('ال') ? k.slice(2) : null];
      for (const b of bases) {
        if (!b) continue;
        for (const p of pre) {
          for (const s of suf) {
            const t = p + b + s;
            const w: Word = { s: 0, e: t.length, t, k: 'w', sent: 0, bp: false, v: undefined, vg: -1, va: undefined };
            const plain = (v: Variant) => ({ f: v.f, conj: v.conj, prep: v.prep, fut: v.fut, suf: v.suf });
            const keysOf = variants(t).filter((v) => registeredKeys().has(v.f)).map(plain);
            expect(vs(w).map(plain)).toEqual(keysOf);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10000);
  });
});

describe('NearestScan: the nearest words of a sentence where a test holds (issue 9)', () => {
  // one sentence without a full stop: a place after «في» every few words
  const text = 'وصل الوفد إلى بغداد ثم توجه الى أربيل وبعدها عقد اجتماعا في بغداد مع مسؤولين في الحكومة العراقية '.repeat(40) + 'ثم عاد';
  const doc = handDoc(text, { entities: PLACES });
  const ctx = Ctx.for(doc);
  const n = ctx.words.length;
  const inBaghdad = (k: number) => ctx.entAt[k]?.kb === 'baghdad' && ctx.entAt[k]!.i === k && ctx.words[k - 1]?.t === 'في';
  const plainLast = (x: number) => {
    for (let k = Math.min(x, n - 1); k >= 0; k--) if (inBaghdad(k)) return k;
    return -1;
  };
  const plainFirst = (x: number) => {
    for (let k = Math.max(x, 0); k < n; k++) if (inBaghdad(k)) return k;
    return -1;
  };

  it('answers what a plain scan answers, reading each word once for queries moving forward', () => {
    expect(ctx.sentRange).toHaveLength(1);
    const scan = new NearestScan(inBaghdad);
    let found = 0;
    for (let x = 0; x < n; x++) {
      expect(scan.lastAtOrBefore(ctx, 0, x)).toBe(plainLast(x));
      expect(scan.firstAtOrAfter(ctx, 0, x)).toBe(plainFirst(x));
      if (inBaghdad(x)) found++;
    }
    expect(found).toBe(40);
    // a scan per query would have read n²/2 words in each direction
    expect(scan.tested).toBeLessThanOrEqual(2 * n);
  });

  it('answers a query behind the last one with a plain scan (the same answer)', () => {
    const scan = new NearestScan(inBaghdad);
    for (const x of [n - 1, 10, 500, 3, n - 1, 0]) {
      expect(scan.lastAtOrBefore(ctx, 0, x)).toBe(plainLast(x));
      expect(scan.firstAtOrAfter(ctx, 0, x)).toBe(plainFirst(x));
    }
  });

  it('reads again once the entity index changes (a nisba made into an entity)', () => {
    const d2 = handDoc('انتشر 700 جندي أمريكي في المنطقة و300 جندي أمريكي آخرون في بغداد', { entities: [ENTS.baghdad] });
    const c2 = Ctx.for(d2);
    const isEntity = (k: number) => c2.entAt[k] !== undefined && c2.entAt[k]!.i === k;
    const scan = new NearestScan(isEntity);
    const k = c2.words.findIndex((w) => w.t === normEntry('أمريكي'));
    expect(k).toBeGreaterThan(0);
    const baghdad = c2.words.length - 1;
    expect(c2.words[baghdad].t).toBe('بغداد');
    expect(scan.firstAtOrAfter(c2, 0, 0)).toBe(baghdad);
    expect(scan.lastAtOrBefore(c2, 0, k + 2)).toBe(-1);
    // «أمريكي» → the United States, a new entity with its mention there
    expect(c2.nisbaEntity(k, true)).not.toBeNull();
    expect(scan.firstAtOrAfter(c2, 0, 0)).toBe(k);
    expect(scan.lastAtOrBefore(c2, 0, k + 3)).toBe(k);
  });
});
