import { describe, expect, it } from 'vitest';
import type { Doc } from '../../pipeline/doc.js';
import { createDoc } from '../../text/index.js';
import { createDatelineStage } from '../dateline/index.js';
import { fromHijri, isoDay, isoWeek, dayOf } from './calendar.js';
import { createTemporalStage, matchTimes } from './index.js';
import { loadTimeLexicon } from './lexicon.js';
import { scanDoc, scanTokens, ttokenize } from './tokens.js';
import { loadFacts } from '../dateline/facts.js';

const dateline = createDatelineStage({ now: '2026-11-22' });
const temporal = createTemporalStage();

/** Run both stages over a text with a given dateline ('YYYY-MM-DD' or a window 'a/b'). */
function run(text: string, published: string | null = '2025-02-05'): Doc {
  const doc = createDoc({ text, published });
  dateline.run(doc);
  temporal.run(doc);
  return doc;
}
function find(text: string, want: string, published?: string | null) {
  const doc = run(text, published);
  for (const t of doc.times) expect(doc.text.slice(t.start, t.end)).toBe(t.text);
  return doc.times.find((t) => t.text === want) ?? doc.times.find((t) => t.text.includes(want) || want.includes(t.text));
}

// [sentence, the expression, type, value, mod] — dateline Wednesday 2025-02-05 unless said
type Row = [string, string, string, string | null, string | null];

describe('Gregorian, Levantine and Maghrebi month names', () => {
  it.each<Row>([
    ['وقع الاتفاق في يناير 2020.', 'يناير 2020', 'DATE', '2020-01', null],
    ['عقد المؤتمر في فبراير 2019.', 'فبراير 2019', 'DATE', '2019-02', null],
    ['وفي مارس 2023، أكدت الولايات المتحدة ذلك.', 'مارس 2023', 'DATE', '2023-03', null],
    ['صدر القرار في أبريل 2021.', 'أبريل 2021', 'DATE', '2021-04', null],
    ['جرت الانتخابات في 12 مايو 2018.', '12 مايو 2018', 'DATE', '2018-05-12', null],
    ['في يونيو 2014 سيطر التنظيم على الموصل.', 'يونيو 2014', 'DATE', '2014-06', null],
    ['وصل الوفد في يوليو 2022.', 'يوليو 2022', 'DATE', '2022-07', null],
    ['عقد الاجتماع في بروكسل في أغسطس الماضي.', 'أغسطس الماضي', 'DATE', '2024-08', null],
    ['أعلن في أكتوبر 2016.', 'أكتوبر 2016', 'DATE', '2016-10', null],
    ['وقع في نوفمبر 2020.', 'نوفمبر 2020', 'DATE', '2020-11', null],
    ['انتهت المهمة في ديسمبر 2021.', 'ديسمبر 2021', 'DATE', '2021-12', null],
    ['في الثالث من كانون الثاني 2020 قتل سليماني.', 'الثالث من كانون الثاني 2020', 'DATE', '2020-01-03', null],
    ['وصل في شباط 2019.', 'شباط 2019', 'DATE', '2019-02', null],
    ['أعلن في آذار 2003.', 'آذار 2003', 'DATE', '2003-03', null],
    ['جرى في نيسان 2017.', 'نيسان 2017', 'DATE', '2017-04', null],
    ['تولى منصبه في أيار الماضي.', 'أيار الماضي', 'DATE', '2024-05', null],
    ['في حزيران 2014 سقطت الموصل.', 'حزيران 2014', 'DATE', '2014-06', null],
    ['في تموز 2006 اندلعت الحرب.', 'تموز 2006', 'DATE', '2006-07', null],
    ['وقع الانفجار في 4 آب 2020.', '4 آب 2020', 'DATE', '2020-08-04', null],
    ['صدر بيان مشترك في أيلول 2024.', 'أيلول 2024', 'DATE', '2024-09', null],
    ['منذ تشرين الأول 2018 تعمل البعثة.', 'تشرين الأول 2018', 'DATE', '2018-10', null],
    ['في تشرين الثاني 2019 استقال.', 'تشرين الثاني 2019', 'DATE', '2019-11', null],
    ['في كانون الأول 2017 أعلن النصر.', 'كانون الأول 2017', 'DATE', '2017-12', null],
    ['انطلقت الثورة يوم 14 جانفي 2011.', '14 جانفي 2011', 'DATE', '2011-01-14', null],
    ['صادق البرلمان في فيفري 2014 على الدستور.', 'فيفري 2014', 'DATE', '2014-02', null],
    ['تم ذلك في أفريل 2016.', 'أفريل 2016', 'DATE', '2016-04', null],
    ['جرت الانتخابات البلدية في ماي 2018.', 'ماي 2018', 'DATE', '2018-05', null],
    ['يجتمع الوزراء يومي 5 و6 جوان 2017.', '6 جوان 2017', 'DATE', '2017-06-06', null],
    ['أعلن في جويلية 2019.', 'جويلية 2019', 'DATE', '2019-07', null],
    ['في أوت 2013 اغتيل.', 'أوت 2013', 'DATE', '2013-08', null],
    ['وفي 27 سبتمبر/ أيلول الماضي، اتفقت واشنطن وبغداد.', '27 سبتمبر/ أيلول الماضي', 'DATE', '2024-09-27', null],
    ['منذ أكتوبر /تشرين الأول 2018، لكن الخطط تأجلت.', 'أكتوبر /تشرين الأول 2018', 'DATE', '2018-10', null],
    ['ستنتهي في أيلول/ سبتمبر الحالي.', 'أيلول/ سبتمبر الحالي', 'DATE', '2025-09', null],
  ])('%s → %s', (text, want, type, value, mod) => {
    const doc = run(text, want.includes('الحالي') ? '2025-09-15' : '2025-02-05');
    const t = doc.times.find((x) => x.text === want);
    expect(t, JSON.stringify(doc.times)).toBeDefined();
    expect([t!.type, t!.value, t!.mod]).toEqual([type, value, mod]);
  });
});

describe('forms: dates, relative days and periods, parts, bounds (dateline 2025-02-05)', () => {
  it.each<Row>([
    ['تم التوقيع بتاريخ 27/9/2024 في بغداد.', '27/9/2024', 'DATE', '2024-09-27', null],
    ['صدر التقرير 2024-09-27 عن الوزارة.', '2024-09-27', 'DATE', '2024-09-27', null],
    ['وقع الاتفاق في ٢٧ سبتمبر ٢٠٢٤ في بغداد.', '٢٧ سبتمبر ٢٠٢٤', 'DATE', '2024-09-27', null],
    ['الذي أسس عام 2014 لمساعدة القوات.', 'عام 2014', 'DATE', '2014', null],
    ['غزت القوات الأمريكية العراق في العام 2003.', 'العام 2003', 'DATE', '2003', null],
    ['انسحاب قوات التحالف في 2011 أسفر عن تداعيات.', '2011', 'DATE', '2011', null],
    ['أعلن الوزير اليوم أن المحادثات انتهت.', 'اليوم', 'DATE', '2025-02-05', null],
    ['وقال أمس إن المحادثات انتهت.', 'أمس', 'DATE', '2025-02-04', null],
    ['ويصل الوفد غدا إلى بغداد.', 'غدا', 'DATE', '2025-02-06', null],
    ['وصل الوفد أول أمس إلى بغداد.', 'أول أمس', 'DATE', '2025-02-03', null],
    ['وتعرضت القوات أمس الاثنين لهجوم صاروخي.', 'أمس الاثنين', 'DATE', '2025-02-04', null],
    ['ويفتتح الأمير اليوم (الأربعاء) المعرض.', 'اليوم (الأربعاء)', 'DATE', '2025-02-05', null],
    ['بحث العراق وحلف الناتو، الأربعاء، توسيع التعاون.', 'الأربعاء', 'DATE', '2025-02-05', null],
    ['والتقى الوزير نظيره الاثنين في أنقرة.', 'الاثنين', 'DATE', '2025-02-03', null],
    ['وتوقع دبلوماسيون أن يوافق الوزراء، الخميس، على الخطط.', 'الخميس', 'DATE', '2025-02-06', null],
    ['وسيعقد الاجتماع الأحد المقبل في جنيف.', 'الأحد المقبل', 'DATE', '2025-02-09', null],
    ['وكان قد زار بغداد الجمعة الماضي.', 'الجمعة الماضي', 'DATE', '2025-01-31', null],
    ['وأعلنت السفارة الشهر الماضي أن المهام ستتحول.', 'الشهر الماضي', 'DATE', '2025-01', null],
    ['ويزور الرئيس باريس الشهر المقبل.', 'الشهر المقبل', 'DATE', '2025-03', null],
    ['وتوصل العراق لاتفاق مع واشنطن العام الماضي.', 'العام الماضي', 'DATE', '2024', null],
    ['ووقعت الهجمات الأسبوع الماضي.', 'الأسبوع الماضي', 'DATE', '2025-W05', null],
    ['وتتواصل المحادثات هذا العام.', 'هذا العام', 'DATE', '2025', null],
    ['توصلت بغداد وواشنطن في سبتمبر الماضي إلى اتفاق.', 'سبتمبر الماضي', 'DATE', '2024-09', null],
    ['ويعقد المؤتمر في مارس القادم.', 'مارس القادم', 'DATE', '2025-03', null],
    ['وتستمر المهمة خلال فبراير الجاري.', 'فبراير الجاري', 'DATE', '2025-02', null],
    ['وأعلن العراق انتصاره على التنظيم أواخر العام 2017.', 'أواخر العام 2017', 'DATE', '2017', 'END'],
    ['ليكتمل بحلول نهاية سبتمبر 2025.', 'نهاية سبتمبر 2025', 'DATE', '2025-09', 'END'],
    ['سيتم تخفيض عدد القوات بحلول مطلع العام القادم.', 'مطلع العام القادم', 'DATE', '2026', 'START'],
    ['وصل في أوائل 2020.', 'أوائل 2020', 'DATE', '2020', 'START'],
    ['تنتهي المهمة في منتصف يونيو المقبل.', 'منتصف يونيو المقبل', 'DATE', '2025-06', 'MID'],
    ['والبقية بحلول نهاية 2026.', 'نهاية 2026', 'DATE', '2026', 'END'],
    ['مع اقتراب موعد إنهاء المهمة بحلول سبتمبر 2025، يتجدد الحديث.', 'سبتمبر 2025', 'DATE', '2025-09', 'ON_OR_BEFORE'],
    ['ستستمر المهمة حتى سبتمبر 2026.', 'سبتمبر 2026', 'DATE', '2026-09', 'ON_OR_BEFORE'],
    ['على أن تنتهي في موعد أقصاه 30 سبتمبر 2025.', '30 سبتمبر 2025', 'DATE', '2025-09-30', 'ON_OR_BEFORE'],
    ['سارت الحكومة منذ عام 2022 وحتى الآن.', 'عام 2022', 'DATE', '2022', null],
    ['كان ذلك قبل عام 2003.', 'عام 2003', 'DATE', '2003', 'BEFORE'],
    ['تغير الوضع بعد عام 2003.', 'عام 2003', 'DATE', '2003', 'AFTER'],
    ['تنتشر القوات الأمريكية حالياً بنحو 2500 جندي.', 'حالياً', 'DATE', 'PRESENT_REF', null],
    ['وحتى الآن لم يتغير الكثير.', 'الآن', 'DATE', 'PRESENT_REF', null],
    ['سيعقد قريبا في بروكسل.', 'قريبا', 'DATE', 'FUTURE_REF', null],
    ['من 500 جندي في الوقت الراهن إلى 4000.', 'الوقت الراهن', 'DATE', 'PRESENT_REF', null],
    ['وقال: "وصلنا اليوم إلى مرحلة متقدمة".', 'اليوم', 'DATE', 'PRESENT_REF', null],
    ['ازدهرت المدينة في التسعينيات.', 'التسعينيات', 'DATE', '199', null],
    ['منذ ثمانينيات القرن الماضي.', 'ثمانينيات القرن الماضي', 'DATE', '198', null],
    ['زار المدينة في صيف 2018.', 'صيف 2018', 'DATE', '2018-SU', null],
    ['وقع الهجوم مساء أمس قرب المطار.', 'مساء أمس', 'TIME', '2025-02-04TEV', null],
    ['تعقد الاجتماعات سنويا في دافوس.', 'سنويا', 'SET', 'P1Y', null],
    ['في 3 أكتوبر/تشرين أول من عام 1924 أجبرت بريطانيا الشريف حسين على التنحي.', '3 أكتوبر/تشرين أول من عام 1924', 'DATE', '1924-10-03', null],
    ['وقالت إنها ستقلل عدد قواتها في سبتمبر من العام المقبل.', 'سبتمبر من العام المقبل', 'DATE', '2026-09', null],
    ['أجل البرلمان جلسة انتخاب الرئيس إلى يوم الثلاثاء.', 'يوم الثلاثاء', 'DATE', '2025-02-11', null],
    // a month after «إلى» (written with ى, the preposition list once held it unnormalised and never matched)
    ['وأجريت المقابلات في الفترة من يناير إلى مارس الماضيين.', 'مارس', 'DATE', '2024-03', null],
    // years in a series, each a date: a dual or plural year word before the first, «و» or a comma before the rest
    ['وذاع صيت شيران في إنجلترا في عامي 2009 و2010 بعد أن نشر أعماله.', 'عامي 2009', 'DATE', '2009', null],
    ['وذاع صيت شيران في إنجلترا في عامي 2009 و2010 بعد أن نشر أعماله.', '2010', 'DATE', '2010', null],
    ['وأحيت حفلات لا تنسى على مدارج بعلبك أعوام 1966و1968 و1970.', '1970', 'DATE', '1970', null],
    ['استحقاقات سندات بقيمة 8.4 مليار دولار في العامين 2008 و2009.', 'العامين 2008', 'DATE', '2008', null],
    ['وقعت الهجمات في عام 2003 و2011 ثم في 2014.', '2011', 'DATE', '2011', null],
    // «سيئة» (bad) is no future verb: the month is the last one before the dateline
    ['وهما عضوان في المجموعة سيئة الصيت، وقد ألقي القبض عليهما في يناير.', 'يناير', 'DATE', '2025-01', null],
  ])('%s → %s', (text, want, type, value, mod) => {
    const t = find(text, want);
    expect(t, `${want} not found`).toBeDefined();
    expect(t!.text).toBe(want);
    expect([t!.type, t!.value, t!.mod]).toEqual([type, value, mod]);
  });
});

describe('durations, number words and Eastern digits', () => {
  it.each<Row>([
    ['ليكون خلال 12 شهرا اعتبارا من تاريخ الاتفاق.', '12 شهرا', 'DURATION', 'P12M', null],
    ['وأنشئ قبل نحو عشر سنوات لمكافحة التنظيم.', 'نحو عشر سنوات', 'DURATION', 'P10Y', 'APPROX'],
    ['في أعنف هجوم من نوعه منذ نحو عام.', 'نحو عام', 'DURATION', 'P1Y', 'APPROX'],
    ['لم تشهد المدينة هجوما منذ عقد.', 'عقد', 'DURATION', 'P1DE', null],
    ['استمرت المفاوضات عامين.', 'عامين', 'DURATION', 'P2Y', null],
    ['بعد ثلاثة أيام من الهجوم.', 'ثلاثة أيام', 'DURATION', 'P3D', null],
    ['بعد خمسة وعشرين عاما من الحرب.', 'خمسة وعشرين عاما', 'DURATION', 'P25Y', null],
    ['منذ أكثر من عشرين عاما.', 'أكثر من عشرين عاما', 'DURATION', 'P20Y', 'MORE_THAN'],
    ['خلال ٣ أشهر من التوقيع.', '٣ أشهر', 'DURATION', 'P3M', null],
    ['استمرت بضعة أشهر.', 'بضعة أشهر', 'DURATION', 'PXM', null],
    ['والدعوات للانسحاب موجودة منذ سنوات.', 'سنوات', 'DURATION', 'PXY', null],
    ['وجاء هذا الإعلان بعد أشهر من المحادثات.', 'أشهر', 'DURATION', 'PXM', null],
    ['هجمات في الأسابيع الأخيرة.', 'الأسابيع الأخيرة', 'DURATION', 'PXW', null],
    ['التي أطلقتها منذ فترة طويلة فصائل.', 'فترة طويلة', 'DURATION', null, null],
    ['بقي في السجن ثلاثة عشر عاما.', 'ثلاثة عشر عاما', 'DURATION', 'P13Y', null],
    ['خلال 48 ساعة.', '48 ساعة', 'DURATION', 'PT48H', null],
  ])('%s → %s', (text, want, type, value, mod) => {
    const t = find(text, want);
    expect(t, `${want} not found`).toBeDefined();
    expect(t!.text).toBe(want);
    expect([t!.type, t!.value, t!.mod]).toEqual([type, value, mod]);
  });
});

describe('Hijri dates (Umm al-Qura)', () => {
  it.each<[string, string, string]>([
    ['وصل في 15 رمضان 1440 هـ.', '15 رمضان 1440 هـ', '2019-05-20'],
    ['يبدأ العام الهجري في 1 محرم 1446 هـ.', '1 محرم 1446 هـ', '2024-07-07'],
    ['عيد الفطر في 1 شوال 1445هـ.', '1 شوال 1445هـ', '2024-04-10'],
  ])('%s → %s', (text, want, value) => {
    const t = find(text, want);
    expect(t?.text).toBe(want);
    expect(t?.value).toBe(value);
  });
  it('converts through Intl', () => {
    expect(isoDay(fromHijri(1446, 9, 1)!)).toBe('2025-03-01');
    expect(isoWeek(dayOf(2021, 1, 1))).toBe('2020-W53');
  });
});

describe('anaphora and windows', () => {
  it('آنذاك and حينها take the last date named', () => {
    const doc = run('وفي مارس 2023، أكدت الولايات المتحدة ذلك. وآنذاك، ذكر بيان أن المهمة مستمرة.', '2024-01-17');
    expect(doc.times.map((t) => [t.text, t.value])).toEqual([
      ['مارس 2023', '2023-03'],
      ['آنذاك', '2023-03'],
    ]);
  });
  it('«اليوم نفسه» is the day just named, not the dateline', () => {
    const doc = run('وفي 30 أبريل 2018 شنت إسرائيل هجمات. وفي اليوم نفسه أعلنت دمشق التصدي لها.', '2018-07-25');
    expect(doc.times.map((t) => [t.text, t.value])).toEqual([
      ['30 أبريل 2018', '2018-04-30'],
      ['اليوم نفسه', '2018-04-30'],
    ]);
  });
  it('العام التالي follows the last year named', () => {
    const doc = run('وصوت البرلمان في عام 2020 لصالح رحيله. وفي العام التالي، أعلنت الولايات المتحدة نهاية مهمتها.', '2024-01-17');
    expect(doc.times.find((t) => t.text === 'العام التالي')?.value).toBe('2021');
  });
  it('over a window, a value only when it is the same for every day', () => {
    const doc = run('توصلت بغداد وواشنطن في سبتمبر الماضي إلى اتفاق. وقال أمس إن المحادثات انتهت.', '2024-10-30/2024-12-31');
    expect(doc.times.map((t) => [t.text, t.value])).toEqual([
      ['سبتمبر الماضي', '2024-09'],
      ['أمس', null],
    ]);
  });
});

describe('words that are not times', () => {
  it.each([
    'مارس الضغط على الحكومة.',
    'قال الأمين العام للأمم المتحدة إن الرأي العام منقسم بشكل عام.',
    'قتل أحد الفصائل المسلحة.',
    'دعا إلى الاجتماع بعد عقد اجتماع سابق.',
    'تنتشر القوات بنحو 2500 جندي و900 في سوريا.',
    'وهو أب لطفلين.',
    'اشترى سيارة نيسان جديدة.',
    'وقالت مصادر عسكرية لموقع "سبتمبر نت" التابع للجيش.',
    'وتستحضر الذاكرة ما حدث في مثل هذا اليوم.',
  ])('%s', (text) => {
    expect(run(text).times).toEqual([]);
  });
});

describe('the matcher reads the text layer’s tokens as it reads its own tokenisation', () => {
  // numbers the text layer keeps whole (27.9.2024, 2,500) and line breaks are split for the matcher
  it.each<[string]>([
    ['وصل الوفد في 27.9.2024 إلى بغداد، وقال إنه سيعود في 5 أكتوبر المقبل.'],
    ['أعلنت الوزارة صرف 2,500 دينار خلال 3 أشهر\nاعتبارا من مطلع العام المقبل 2026.'],
    ['بغداد (الأناضول) - قال الرئيس الأمريكي دونالد ترامب، أمس الاثنين، إن "المحادثات ستستأنف في سبتمبر/ أيلول"\nوفي 2024-09-27 عقد اجتماع.'],
    ['يجتمع الوزراء يومي 5 و6 جوان 2017 في تونس.\n\nومنذ عام 2014 لم يتغير شيء، covid19 و b52.'],
  ])('%s', (text) => {
    const doc = createDoc({ text });
    const lex = loadTimeLexicon();
    const own = ttokenize(doc.norm.text);
    const scan = scanDoc(doc.norm.text, doc.tokens);
    expect(scan.toks.map((t) => [t.norm, t.nStart, t.nEnd])).toEqual(own.map((t) => [t.norm, t.nStart, t.nEnd]));
    expect(matchTimes(doc.norm.text, lex, scan.toks, scan.starts)).toEqual(matchTimes(doc.norm.text, lex));
  });
});

describe('the scan’s candidates', () => {
  // «في» starts only «في موعد أقصاه», «أكثر» only «أكثر من»: they are candidates only before those
  // words (the scan finds them from the second word); «العام», a digit run, «منذ» always are
  it.each<[string, string[]]>([
    ['على أن تنتهي في موعد أقصاه 30 سبتمبر 2025.', ['في', 'موعد', '30', 'سبتمبر', '2025']],
    ['وصل الوفد في سبتمبر إلى بغداد منذ العام الماضي.', ['سبتمبر', 'منذ', 'العام', 'الماضي']],
    ['قتل أكثر من 20 شخصا في موعد\nأقصاه الخميس.', ['اكثر', '20', 'في', 'الخميس']],
  ])('%s', (text, want) => {
    const doc = createDoc({ text });
    const scan = scanDoc(doc.norm.text, doc.tokens);
    expect(scan.starts.map((i) => scan.toks[i].norm)).toEqual(want);
    // the same candidates when the text is tokenised here (no text layer, no Token.hash)
    const own = scanTokens(ttokenize(doc.norm.text));
    expect(own.starts).toEqual(scan.starts);
    expect(own.facts).toEqual(scan.facts);
  });
  it('a deferred fact name is a candidate only with its second word («ان» before «ليندي»)', () => {
    loadFacts();
    const doc = createDoc({ text: 'قالت وزيرة الخارجية السويدية آن ليندي إن الحوار مستمر.' });
    const scan = scanDoc(doc.norm.text, doc.tokens);
    const names = scan.facts.map((i) => scan.toks[i].norm);
    expect(names).toContain('ان');
    expect(names.filter((w) => w === 'ان')).toHaveLength(1); // not the «إن» before «الحوار»
  });
});

describe('the matcher’s hit cache, kept from document to document', () => {
  // the cache holds each position's lexicon hits for the document being matched, and is emptied
  // after it: a document matched after a longer one (whose hits sat at the same positions) reads
  // none of them
  it('a document gives the same times whatever was matched before it', () => {
    const lex = loadTimeLexicon();
    const norm = (text: string) => createDoc({ text }).norm.text;
    const long = norm(
      'قال الرئيس يوم الاثنين الماضي إن الاتفاق الموقع في 12 مايو 2018 سينتهي بحلول نهاية العام المقبل، ' +
        'وذلك بعد ثلاثة أشهر من المحادثات التي بدأت منذ عام 2014 في جنيف. وفي رمضان 1445 هـ عقد اجتماع آخر.',
    );
    const short = norm('وصل الوفد أمس إلى بغداد، وسيعود في سبتمبر المقبل.');
    const alone = matchTimes(short, lex);
    expect(alone.map((t) => short.slice(t.ns, t.ne))).toEqual(['امس', 'سبتمبر المقبل']);
    const first = matchTimes(long, lex);
    expect(first.length).toBeGreaterThan(5);
    expect(matchTimes(short, lex)).toEqual(alone);
    expect(matchTimes(long, lex)).toEqual(first);
  });
});

describe('years in a series', () => {
  it('a year after «و» with no year before it is no date («و2016 شخصا» is a count)', () => {
    expect(run('وأصيب نحو 300 و2016 شخصا في الحادث.').times.map((t) => t.text)).toEqual([]);
  });
  it('«عامي» alone is «my year», not two years', () => {
    expect(run('وقال إن عامي الأول في الوزارة كان صعبا.').times).toEqual([]);
  });
  it('a year of a series is a time but no evidence for the dateline (a forecast «for 2017 and 2018» written in 2018)', () => {
    const doc = run('وتوقع التقرير أن الناتج سيتجاوز 46% لعامي 2017 و2018.', null);
    expect(doc.times.map((t) => t.text)).toEqual(['عامي 2017', '2018']);
    expect(doc.published?.evidence ?? []).toEqual([]);
  });
});
