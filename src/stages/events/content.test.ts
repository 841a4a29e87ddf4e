// What an accusation, a decision or a demand says, and what an event is for, name none of its targets
// (docs/claims.md, «Participants»); sports fixtures are no political events. Real sentences from the
// dev and bulk articles, entities marked by hand with their KB ids.
import { describe, expect, it } from 'vitest';
import type { PloverType } from '../../pipeline/doc.js';
import { createEventStage } from './index.js';
import { ENTS, STORY_ENTS, handEvents, type HandEntity } from './test-doc.js';

const stage = createEventStage();
const ENTITIES: HandEntity[] = [
  ...STORY_ENTS,
  ENTS.fuad,
  ENTS.moscow,
  ENTS.london,
  { forms: ['ألمانيا'], kb: 'germany', type: 'LOC', name_en: 'Germany' },
  { forms: ['روسيا'], kb: 'russia', type: 'LOC', name_en: 'Russia' },
  { forms: ['فرنسا'], kb: 'france', type: 'LOC', name_en: 'France' },
  { forms: ['بنيامين نتنياهو'], kb: 'benjamin-netanyahu', type: 'PER', name_en: 'Benjamin Netanyahu' },
  { forms: ['دونالد ترامب'], kb: 'donald-trump', type: 'PER', name_en: 'Donald Trump' },
  { forms: ['منظمة التحرير الفلسطينية'], kb: 'plo', type: 'ORG', name_en: 'PLO' },
  { forms: ['كتلة الصدر'], kb: 'muqtada-al-sadr', type: 'ORG', name_en: 'Sadr bloc' },
  { forms: ['عبد المهدي'], kb: 'adil-abdul-mahdi', type: 'PER', name_en: 'Adil Abdul-Mahdi' },
  { forms: ['السعودية'], kb: 'saudi-arabia', type: 'LOC', name_en: 'Saudi Arabia' },
  { forms: ['الأمم المتحدة'], kb: 'un', type: 'ORG', name_en: 'United Nations' },
  { forms: ['اليمن'], kb: 'yemen', type: 'LOC', name_en: 'Yemen' },
];

const run = (text: string) => handEvents(stage, text, { entities: ENTITIES, date: '2018-07-12' });

describe('content and purpose: their parties are not the event\'s targets', () => {
  it.each<[string, PloverType, string[], string[]]>([
    // an accusation: the accused, not what it says of them
    ['وكان قد اتهم في وقت سابق ألمانيا بأنها أصبحت رهينة لروسيا بسبب واردات الطاقة.', 'ACCUSE', ['germany'], ['russia']],
    ['واتهمت لندن المخابرات الحربية الروسية بتنفيذ الهجوم، وهو ما نفته موسكو.', 'ACCUSE', [], ['moscow']],
    // a decision: whose it is, not what it closes
    ['أيد رئيس الوزراء الإسرائيلي، بنيامين نتنياهو، الثلاثاء، قرار إدارة الرئيس الأمريكي دونالد ترامب، بإغلاق مكتب منظمة التحرير الفلسطينية.', 'SUPPORT', ['donald-trump'], ['plo']],
    // a purpose: who it is against is not the target
    ['وجرى خلال الاجتماع بحث الأوضاع مع الأمم المتحدة من أجل اليمن.', 'CONSULT', ['un'], ['yemen']],
    // «رحب بـ»: the verb's own complement, not a content
    ['ورحبت كتلة الصدر بترشيح عبد المهدي.', 'SUPPORT', ['adil-abdul-mahdi'], []],
    // a request naming no one it asks is addressed to whom its content names
    ['و دعا الوزير فؤاد حسين إلى توسيع العمل التدريبي لقوات حلف الناتو داخل العراق.', 'REQUEST', ['nato'], []],
  ])('%s', (text, type, targets, notTargets) => {
    const ev = run(text);
    const e = ev.find((x) => x.type === type);
    expect(e, JSON.stringify(ev.map((x) => [x.type, x.actorKb, x.targetKb]))).toBeDefined();
    for (const t of targets) expect(e!.targetKb).toContain(t);
    for (const t of notTargets) expect(e!.targetKb).not.toContain(t);
  });
});

describe('sports: a match or a team is no political event', () => {
  it.each<[string, PloverType, boolean]>([
    // a country named next to «منتخب» is its team
    ['التقى الرئيس دونالد ترامب لاعبي منتخب فرنسا في الولايات المتحدة.', 'CONSULT', false],
    ['وتختتم منافسات الجولة الأولى بمباراة روسيا مع فرنسا في وقت لاحق.', 'CONSULT', false],
    // a meeting of states in a sports article is a match (three sports words in the article)
    ['وصل المنتخب إلى الملعب قبل المباراة. أما بالنسبة لروسيا، فتلتقي فرنسا الثلاثاء المقبل في سان بطرسبورغ.', 'CONSULT', false],
    // a political event about a tournament stays
    ['اتهمت روسيا بريطانيا والولايات المتحدة بالسعي لمنع بلدها من استضافة نهائيات كأس العالم لكرة القدم.', 'ACCUSE', true],
    ['والتقى دونالد ترامب نظيره في موسكو لبحث العلاقات مع روسيا.', 'CONSULT', true],
    // clubs, players and heroics of political news are no sport
    ['وطالب نادي باريس للدائنين روسيا بسداد الديون المستحقة.', 'REQUEST', true],
    ['واعتقلت القوات الإسرائيلية رئيس نادي الأسير في رام الله.', 'COERCE', true],
    ['وأكد ترامب أن روسيا لاعب رئيسي في سوريا خلال اجتماعه مع بوتين.', 'CONSULT', true],
  ])('%s', (text, type, kept) => {
    expect(run(text).some((x) => x.type === type)).toBe(kept);
  });
});

it('«الرئيس المنتخب» is elected, not a team', () => {
  const text = 'وذلك بعد أسابيع من إزاحة الجيش، مدعوما باحتجاجات شعبية، نظام الرئيس المنتخب دونالد ترامب.';
  expect(run(text).some((x) => x.type === 'PROTEST')).toBe(true);
});
