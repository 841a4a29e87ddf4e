import { describe, expect, it } from 'vitest';
import { ENTS, handDoc, type HandEntity } from '../events/test-doc.js';
import { Ctx } from '../events/common.js';
import { createQuoteStage, formsOf } from './index.js';

const stage = createQuoteStage();
const E: HandEntity[] = [
  ENTS.sudani,
  ENTS.rutte,
  ENTS.reuters,
  ENTS.iraq,
  ENTS.baghdad,
  ENTS.nato,
  ENTS.usa,
  { forms: ['حسين علاوي', 'علاوي'], kb: 'hussein-allawi', type: 'PER', name_en: 'Hussein Allawi' },
  { forms: ['عبد اللطيف رشيد', 'رشيد'], kb: 'abdul-latif-rashid', type: 'PER', name_en: 'Abdul Latif Rashid' },
  { forms: ['ينس ستولتنبرغ', 'ستولتنبرغ'], kb: 'jens-stoltenberg', type: 'PER', name_en: 'Jens Stoltenberg' },
  { forms: ['فؤاد حسين'], kb: 'fuad-hussein', type: 'PER', name_en: 'Fuad Hussein' },
  { forms: ['ثابت العباسي'], kb: 'thabet-al-abbasi', type: 'PER', name_en: 'Thabet al-Abbasi' },
  { forms: ['رئاسة الجمهورية العراقية'], kb: 'iraqi-presidency', type: 'ORG', name_en: 'Iraqi Presidency' },
  { forms: ['لجنة الأمن والدفاع النيابية'], kb: 'parliament-security-defense-committee', type: 'ORG', name_en: 'Security and Defence Committee' },
  { forms: ['وزارة الخارجية'], kb: 'iraqi-foreign-ministry', type: 'ORG', name_en: 'Iraqi Foreign Ministry' },
  { forms: ['وزارة الخارجية الأميركية'], kb: 'us-state-department', type: 'ORG', name_en: 'U.S. State Department' },
  { forms: ['تويتر'], kb: 'twitter', type: 'MISC', name_en: 'Twitter' },
];

function run(text: string) {
  // the time layer marks month names (here only «حزيران»)
  const times = text.includes('حزيران') ? [{ text: 'حزيران', value: '2025-06' }] : [];
  const doc = handDoc(text, { entities: E, times });
  stage.run(doc);
  const kb = (id: string | null) => doc.entities.find((e) => e.id === id)?.kb ?? null;
  for (const q of doc.quotes) {
    expect(doc.text.slice(q.start, q.end)).toBe(q.text);
    if (q.cue) expect(doc.text.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
  }
  return doc.quotes.map((q) => ({ ...q, speakerKb: kb(q.speaker), viaKb: kb(q.via), cueText: q.cue?.text ?? null }));
}

describe('quotes: reported speech after a cue', () => {
  it.each<[string, string | null, string, string]>([
    ['قال حسين علاوي، مستشار رئيس الوزراء العراقي، إن جدولا زمنيا وضع بين الوزارتين.', 'hussein-allawi', 'قال', 'جدولا زمنيا'],
    ['وأوضح حسين علاوي، أن "الحكومة تعمل على إنهاء مهام التحالف الدولي".', 'hussein-allawi', 'وأوضح', 'الحكومة تعمل'],
    ['وأكد محمد شياع السوداني على "أهمية استمرار التواصل مع حلف الناتو"، بحسب بيان صادر عن مكتبه.', 'mohammed-shia-al-sudani', 'وأكد', 'أهمية استمرار'],
    ['وقال الأمين العام لحلف الناتو ينس ستولتنبرغ أمس إنه يتوقع أن يوافق الوزراء على التوسيع.', 'jens-stoltenberg', 'وقال', 'يتوقع أن يوافق'],
    ['وأشاد مارك روته بجهود الحكومة في التطورات الأمنية وحالة الاستقرار.', 'mark-rutte', 'وأشاد', 'بجهود الحكومة'],
    ['عبر مارك روته عن تقديره للخطوات العراقية في المنطقة.', 'mark-rutte', 'عبر', 'تقديره للخطوات'],
    ['أعلنت بغداد تشكيل لجنة مهمتها تحديد ترتيبات إنهاء مهمة التحالف.', 'iraq', 'أعلنت', 'تشكيل لجنة'],
    ['وكان وزير الدفاع العراقي ثابت العباسي قد أعلن في حزيران تأييد العراق بقاء التحالف.', 'thabet-al-abbasi', 'أعلن', 'تأييد العراق'],
    ['وهو ما أيدته لجنة الأمن والدفاع النيابية التي قالت إن: "الحاجة لا تزال قائمة إلى بقاء القوات".', 'parliament-security-defense-committee', 'قالت', 'الحاجة لا تزال'],
    ['ذكر بيان لوزارة الخارجية الأميركية، أن المهمة "تتطلب الدعم المتواصل من المجتمع الدولي".', 'us-state-department', 'ذكر', 'المهمة'],
    ['قال مسؤولون ودبلوماسيون إن وزراء دفاع الناتو يعتزمون توسيع نطاق المهمة.', null, 'قال', 'وزراء دفاع الناتو'],
    ['وتوقع 4 دبلوماسيين أن يوافق الوزراء في مؤتمر عبر الإنترنت على الخطط.', null, 'وتوقع', 'يوافق الوزراء'],
  ])('%s', (text, speaker, cue, starts) => {
    const q = run(text);
    expect(q.length, JSON.stringify(q.map((x) => x.text))).toBeGreaterThan(0);
    expect(q[0].speakerKb).toBe(speaker);
    expect(q[0].cueText).toBe(cue);
    expect(q[0].text.startsWith(starts), q[0].text).toBe(true);
  });
});

describe('quotes: the speaker carried on', () => {
  it('«وأضاف:» and a participle continue the last speaker', () => {
    const q = run('قال ينس ستولتنبرغ إن الوزراء سيوافقون على التوسيع. وأضاف: "ستتوسع المهمة تدريجيا نظرا للوضع".');
    expect(q.map((x) => x.speakerKb)).toEqual(['jens-stoltenberg', 'jens-stoltenberg']);
    expect(q[1].text).toBe('ستتوسع المهمة تدريجيا نظرا للوضع');
  });
  it('«أكد أن "…"، مشيرا إلى أن "…"»: two quotes of one speaker', () => {
    const q = run('أكد حسين علاوي أن "مهام البعثة تأتي بموجب اتفاق أمني محدد"، مشيراً إلى أن "العراق لا يزال بحاجة إلى الخبرات الأمنية".');
    expect(q.map((x) => [x.speakerKb, x.cueText])).toEqual([
      ['hussein-allawi', 'أكد'],
      ['hussein-allawi', 'مشيراً'],
    ]);
  });
  it('«وأوضح المسؤول العراقي أن»: the person named before', () => {
    const q = run('قال حسين علاوي إن الحكومة ملتزمة بالجدول. وأوضح المسؤول العراقي أن القوات المسلحة منتشرة على الحدود.');
    expect(q[1].speakerKb).toBe('hussein-allawi');
  });
  it('«نقلت X عن Y أنه دعا إلى "…"»: Y speaks, X is the channel', () => {
    const q = run('ونقلت رئاسة الجمهورية العراقية، على حسابها بمنصة إكس، عن رشيد أنه دعا إلى "توسيع التعاون الثنائي في مجالات الاستشارة".');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ speakerKb: 'abdul-latif-rashid', viaKb: 'iraqi-presidency', cueText: 'دعا' });
    expect(q[0].text.startsWith('توسيع التعاون')).toBe(true);
  });
  it('a plural participle does not inherit a singular speaker', () => {
    const q = run('وناقش الوزيران القضايا الإقليمية، مؤكدين على "ضرورة العمل من أجل خفض التوتر في المنطقة".');
    expect(q[0].speakerKb).toBeNull();
  });
});

describe('quotes: attribution at the end and channels', () => {
  it('«…، وفقا لرويترز.»: the sentence, said by the agency', () => {
    const q = run('واكتسبت الدعوات لرحيل التحالف زخما بعد سلسلة من الضربات الأميركية على فصائل مسلحة، وفقا لرويترز.');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ speakerKb: 'reuters', viaKb: null });
  });
  it('«بحسب ما نقلته رويترز عن المسؤولين»: the officials speak, the agency is the channel', () => {
    const q = run('خطوة باتت قريبة من الناتو سيترتب عليها ترسيخ دور أكبر في الشرق الأوسط، بحسب ما نقلته رويترز عن المسؤولين.');
    expect(q[0]).toMatchObject({ speakerKb: null, viaKb: 'reuters' });
  });
  it('a channel inside a sentence with a quote becomes its via', () => {
    const q = run('وقال مارك روته إن المهمة ستتوسع تدريجيا، وفقا لرويترز.');
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ speakerKb: 'mark-rutte', viaKb: 'reuters' });
  });
});

describe('quotes: what is not a quote', () => {
  it.each([
    ['يتجدد الحديث عن دور حلف شمال الأطلسي "الناتو" في البلاد.'],
    ['يذكر أن انسحاب قوات التحالف في 2011 أسفر عن تداعيات أمنية خطيرة.'],
    ['ترتبط العاصمة بغداد بطرق سريعة بين المدن.'],
  ])('%s', (text) => {
    expect(run(text)).toEqual([]);
  });
  it('«دعت الحكومة عبر وزارة الخارجية إلى …»: عبر is «through», not a cue', () => {
    const q = run('دعت الحكومة العراقية عبر وزارة الخارجية إلى زيادة التعاون العسكري مع الناتو.');
    expect(q).toHaveLength(1);
    expect(q[0].cueText).toBe('دعت');
  });
});

describe('quotes: linear in the length of the article (issue 9)', () => {
  it('an entity named a thousand times in two forms has two forms to search', () => {
    const doc = handDoc('قال محمد شياع السوداني إن الحكومة ماضية. ' + 'وأكد السوداني أن العمل مستمر. '.repeat(1000), { entities: E });
    const sudani = doc.entities.find((e) => e.kb === 'mohammed-shia-al-sudani')!;
    expect(sudani.mentions).toHaveLength(1001);
    expect(formsOf(sudani)).toEqual([' محمد شياع السوداني ', ' السوداني ']);
  });

  // «المسؤول العراقي» and «اللجنة» stand for the person and the committee named before: each such
  // quote looked back through all the mentions of the article. Counted without a clock: the reads
  // of the mention list (ctx.mentions) per quote must not grow with the length of the article.
  const lead = 'قال حسين علاوي إن الحكومة ملتزمة بالجدول. وأكدت لجنة الأمن والدفاع النيابية أن الحاجة قائمة. ';
  const piece = 'وأوضح المسؤول العراقي أن القوات المسلحة منتشرة في بغداد. وقالت اللجنة إن الحاجة إلى المستشارين قائمة في بغداد. ';
  function readsFor(n: number) {
    const doc = handDoc(lead + piece.repeat(n), { entities: E });
    const ctx = Ctx.for(doc);
    let reads = 0;
    (ctx as { mentions: unknown }).mentions = new Proxy(ctx.mentions, {
      get(t, p, r) {
        if (typeof p === 'string' && p.charCodeAt(0) <= 0x39) reads++;
        return Reflect.get(t, p, r);
      },
    });
    stage.run(doc);
    const kb = (id: string | null) => doc.entities.find((e) => e.id === id)?.kb ?? null;
    return { reads, n, quotes: doc.quotes.map((q) => [q.text, kb(q.speaker)]) };
  }
  it('«وأوضح المسؤول العراقي» and «وقالت اللجنة» 600 times: the right speakers, the reads per quote stay flat', () => {
    const small = readsFor(200);
    const large = readsFor(600);
    // the same words with the same speaker are one quote
    expect(large.quotes).toEqual([
      ['الحكومة ملتزمة بالجدول', 'hussein-allawi'],
      ['الحاجة قائمة', 'parliament-security-defense-committee'],
      ['القوات المسلحة منتشرة في بغداد', 'hussein-allawi'],
      ['الحاجة إلى المستشارين قائمة في بغداد', 'parliament-security-defense-committee'],
    ]);
    // a look back through the mentions per quote read about 600 × 1,200 entries here (×9 for ×3 the text)
    expect(large.reads / large.n).toBeLessThan(2 * (small.reads / small.n));
  });
});
