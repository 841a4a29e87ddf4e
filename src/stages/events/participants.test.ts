// Who takes part in an event (docs/claims.md, «Participants»): one table per rule, real sentences
// from the seed and dev articles, entities marked by hand with their real KB ids (the rules read
// the KB's kinds and start dates).
import { describe, expect, it } from 'vitest';
import type { PloverType } from '../../pipeline/doc.js';
import { createEventStage } from './index.js';
import { ENTS, STORY_ENTS, handEvents, type HandEntity, type HandTime } from './test-doc.js';

const stage = createEventStage();
const ENTITIES: HandEntity[] = [
  ...STORY_ENTS,
  ENTS.reuters,
  ENTS.soleimani,
  ENTS.fuad,
  ENTS.linde,
  ENTS.iran,
  ENTS.erbil,
  ENTS.moscow,
  ENTS.london,
  { forms: ['قطر'], kb: 'qatar', type: 'LOC', name_en: 'Qatar' },
  { forms: ['الدوحة'], kb: 'doha', type: 'LOC', name_en: 'Doha' },
  { forms: ['غزة'], kb: 'gaza', type: 'LOC', name_en: 'Gaza Strip' },
  { forms: ['محافظة البصرة'], kb: 'basra-governorate', type: 'LOC', name_en: 'Basra Governorate' },
  { forms: ['البصرة'], kb: 'basra', type: 'LOC', name_en: 'Basra' },
  { forms: ['مطار بغداد'], kb: 'baghdad-airport', type: 'LOC', name_en: 'Baghdad International Airport' },
  { forms: ['فرانس برس'], kb: 'afp', type: 'ORG', name_en: 'AFP' },
  { forms: ['أسوشيتد برس'], kb: 'ap', type: 'ORG', name_en: 'Associated Press' },
  { forms: ['الحرس الثوري'], kb: 'irgc', type: 'ORG', name_en: 'IRGC' },
  { forms: ['الحكومة العراقية'], kb: 'government-of-iraq', type: 'ORG', name_en: 'Government of Iraq' },
  { forms: ['أفغانستان'], kb: 'afghanistan', type: 'LOC', name_en: 'Afghanistan' },
  { forms: ['جلال آباد'], kb: 'jalalabad', type: 'LOC', name_en: 'Jalalabad' },
  { forms: ['بروكسل'], kb: 'brussels', type: 'LOC', name_en: 'Brussels' },
  { forms: ['جنيف'], kb: 'geneva', type: 'LOC', name_en: 'Geneva' },
  { forms: ['هلسنكي'], kb: 'helsinki', type: 'LOC', name_en: 'Helsinki' },
  { forms: ['إسرائيل'], kb: 'israel', type: 'LOC', name_en: 'Israel' },
  { forms: ['الديوانية'], kb: 'diwaniyah', type: 'LOC', name_en: 'Diwaniyah' },
  { forms: ['ترامب'], kb: 'donald-trump', type: 'PER', name_en: 'Donald Trump' },
  { forms: ['ميركل'], kb: 'angela-merkel', type: 'PER', name_en: 'Angela Merkel' },
  { forms: ['فلاديمير بوتين'], kb: 'vladimir-putin', type: 'PER', name_en: 'Vladimir Putin' },
  { forms: ['بومبيو'], kb: 'mike-pompeo', type: 'PER', name_en: 'Mike Pompeo' },
  { forms: ['أنور قرقاش'], kb: 'anwar-gargash', type: 'PER', name_en: 'Anwar Gargash' },
  { forms: ['الحوثيين'], kb: 'houthis', type: 'ORG', name_en: 'Houthis' },
  // as the tagger marks them
  { forms: ['ميليشيات عصائب أهل الحق', 'عصائب أهل الحق'], kb: 'asaib-ahl-al-haq', type: 'ORG', name_en: 'Asaib Ahl al-Haq' },
  { forms: ['منظمة "بدر"', 'بدر'], kb: 'badr-organization', type: 'ORG', name_en: 'Badr Organization' },
  { forms: ['سوريا الديمقراطية'], kb: 'sdf', type: 'ORG', name_en: 'Syrian Democratic Forces' },
  { forms: ['مجلس الأمن الدولي'], kb: 'un-security-council', type: 'ORG', name_en: 'UN Security Council' },
  { forms: ['الأمم المتحدة'], kb: 'un', type: 'ORG', name_en: 'United Nations' },
  { forms: ['حركة الشباب'], kb: 'al-shabaab', type: 'ORG', name_en: 'al-Shabaab' },
  { forms: ['تيريزا ماي', 'ماي'], kb: 'theresa-may', type: 'PER', name_en: 'Theresa May' },
  { forms: ['بوريس جونسون'], kb: 'boris-johnson', type: 'PER', name_en: 'Boris Johnson' },
  { forms: ['ديفيد ديفيز'], kb: 'david-davis', type: 'PER', name_en: 'David Davis' },
  { forms: ['الاتحاد الأوروبي'], kb: 'eu', type: 'ORG', name_en: 'European Union' },
  { forms: ['حيدر العبادي', 'العبادي'], kb: 'haider-al-abadi', type: 'PER', name_en: 'Haider al-Abadi' },
  { forms: ['الأسد'], kb: 'bashar-al-assad', type: 'PER', name_en: 'Bashar al-Assad' },
  { forms: ['إدلب'], kb: 'idlib', type: 'LOC', name_en: 'Idlib' },
  { forms: ['حلب'], kb: 'aleppo', type: 'LOC', name_en: 'Aleppo' },
  { forms: ['تنظيم الدولة'], kb: 'isis', type: 'ORG', name_en: 'Islamic State' },
  { forms: ['السويداء'], kb: 'sweida', type: 'LOC', name_en: 'Sweida' },
];

const run = (text: string, times: HandTime[] = [], date = '2024-01-17') => handEvents(stage, text, { entities: ENTITIES, times, date });
function one(text: string, type: PloverType, times: HandTime[] = []) {
  const ev = run(text, times);
  const e = ev.find((x) => x.type === type);
  expect(e, JSON.stringify(ev.map((x) => [x.type, x.trigger.text, x.actorKb, x.targetKb]))).toBeDefined();
  return e!;
}

describe('participants: a news agency, channel or platform is the source of a report', () => {
  it.each<[string, PloverType, string]>([
    ['واكتسبت الدعوات زخما بعد سلسلة من الضربات الأميركية على فصائل مرتبطة بطهران، وفقا لرويترز.', 'ASSAULT', 'reuters'],
    ['وقال المسؤول لوكالة فرانس برس، إن الطائرة استهدفت الآلية أثناء مرورها على طريق فرعي.', 'ASSAULT', 'afp'],
    ['وأفادت وكالة رويترز أن المتظاهر قتل عندما أطلق حراس المقر النار.', 'ASSAULT', 'reuters'],
    ['وأفادت وكالة أسوشيتد برس بأن الميليشيات هددت الولايات المتحدة بالرد.', 'THREATEN', 'ap'],
  ])('%s', (text, type, media) => {
    const e = one(text, type);
    expect([...e.actorKb, ...e.targetKb]).not.toContain(media);
  });
});

describe('participants: a mention right after «بحسب/وفقا ل/نقلا عن» is the source', () => {
  it.each<[string, PloverType, string]>([
    ['وقصفت طائرات بلا طيار مواقع تابعة لتنظيم داعش بعد الهجوم، وفقا لبيان الحرس الثوري.', 'ASSAULT', 'irgc'],
    ['وبحسب بيان الحكومة العراقية، جرى خلال اللقاء بحث آفاق التعاون بين العراق وحلف الناتو.', 'CONSULT', 'government-of-iraq'],
  ])('%s', (text, type, source) => {
    const e = one(text, type);
    expect([...e.actorKb, ...e.targetKb]).not.toContain(source);
  });
});

describe('participants: a place acts only as a government', () => {
  it.each<[string, PloverType, string, string | null]>([
    // a governorate named with the protests is where they happened
    ['وتشهد محافظة البصرة احتجاجات غاضبة على تردي مستوى الخدمات.', 'PROTEST', 'basra-governorate', 'basra-governorate'],
    ['وعلى غرار تظاهرات البصرة، تصاعدت حدة الغضب في محافظات جنوبية أخرى.', 'PROTEST', 'basra', 'basra'],
  ])('%s', (text, type, place, location) => {
    const e = one(text, type);
    expect(e.actorKb).not.toContain(place);
    if (location) expect(e.locationKb).toBe(location);
    else expect(e.locationKb).not.toBe(place);
  });
  it('«حرب غزة … إذ دعت»: the place named earlier in the sentence is no actor', () => {
    const ev = run('وأعادت حرب غزة القضية إلى الواجهة من جديد، إذ دعت العديد من الجماعات العراقية التي أوصلت الحكومة العراقية إلى السلطة إلى الخروج النهائي لجميع القوات الأجنبية.');
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) expect(e.actorKb).not.toContain('gaza');
  });
  it('the place a siege is on is its target («حصار غزة»)', () => {
    const e = one('وقال المتحدث إن حصار غزة مستمر منذ سنوات.', 'COERCE');
    expect(e.actorKb).not.toContain('gaza');
    expect(e.targetKb).toContain('gaza');
  });
  it.each<[string, PloverType, string[]]>([
    // countries, capitals and the seat of the Kurdistan Region still act
    ['اتفقت واشنطن وبغداد على تحديد جدول زمني لإنهاء مهمة التحالف.', 'AGREE', ['usa', 'iraq']],
    ['وفرضت قطر عقوبات على الشركات المخالفة.', 'SANCTION', ['qatar']],
  ])('%s', (text, type, actors) => {
    expect(one(text, type).actorKb).toEqual(actors);
  });
});

describe('participants: a place after a spatial preposition is where it happened', () => {
  it.each<[string, PloverType, string, string]>([
    ['وصوت البرلمان في عام 2020 لصالح رحيله بعد أيام من مقتل قاسم سليماني في غارة خارج مطار بغداد.', 'ASSAULT', 'baghdad-airport', 'baghdad-airport'],
    ['وقتل قاسم سليماني في غارة قرب مطار بغداد.', 'ASSAULT', 'baghdad-airport', 'baghdad-airport'],
    ['وقالت الشرطة إن هجوما وقع بالقرب من مطار بغداد.', 'ASSAULT', 'baghdad-airport', 'baghdad-airport'],
    ['قال التحالف إنه نفذ ضربة جوية في منطقة شرق سوريا.', 'ASSAULT', 'syria', 'syria'],
    // the preposition glued to the spatial word
    ['قتل ما لا يقل عن 15 شخصا الثلاثاء في مدينة جلال آباد بشرق أفغانستان عندما اقتحم مسلحون مبنى حكوميا.', 'ASSAULT', 'afghanistan', 'jalalabad'],
    ['قتل محتج وأصيب ستة آخرون بجروح في اشتباكات مع قوات الأمن في البصرة بجنوب العراق مساء الاثنين.', 'ASSAULT', 'iraq', 'basra'],
    ['وخرج الآلاف في احتجاجات في مدن بجنوب العراق معقل الشيعة.', 'PROTEST', 'iraq', 'iraq'],
  ])('%s', (text, type, place, location) => {
    const e = one(text, type);
    expect([...e.actorKb, ...e.targetKb]).not.toContain(place);
    expect(e.locationKb).toBe(location);
  });
});

describe('participants: a nisba after a spatial word is the place\'s', () => {
  it.each<[string, PloverType]>([
    ['عكست الصور التي نشرها ناشطون على مواقع التواصل الاجتماعي للمظاهرات التي اجتاحت الجنوب العراقي، حالة النقمة الشعبية إزاء الحكومة.', 'PROTEST'],
    ['واستقال الوزير السابق، كريم وحيد، في 2010 بعد موجة احتجاجات في وسط وجنوبي العراق على انقطاع التيار الكهربائي.', 'PROTEST'],
  ])('%s', (text, type) => {
    const e = one(text, type);
    expect([...e.actorKb, ...e.targetKb]).not.toContain('iraq');
  });
});

describe('participants: a city or capital naming a meeting is where it met', () => {
  it.each<[string, PloverType, string]>([
    ['وأدلى ترامب بتصريحات تصالحية أكثر، يوم الأربعاء، بعد لقاء ميركل على هامش قمة بروكسل، وأعلنا مناقشة الإنفاق على الدفاع والتجارة.', 'CONSULT', 'brussels'],
    ['انتقد أنور قرقاش، وزير الدولة للشؤون الخارجية الإماراتي، الحوثيين بشأن عدم انعقاد محادثات جنيف.', 'ACCUSE', 'geneva'],
  ])('%s', (text, type, place) => {
    const e = one(text, type);
    expect(e.actorKb.length + e.targetKb.length).toBeGreaterThan(0);
    expect([...e.actorKb, ...e.targetKb]).not.toContain(place);
  });
  it('«قمة بروكسل» alone names no party: no event has Brussels act', () => {
    const ev = run('وتأتي قمة بروكسل قبل أسبوع من عقد ترامب أول قمة له مع الرئيس الروسي، فلاديمير بوتين، في هلسنكي.');
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) expect([...e.actorKb, ...e.targetKb]).not.toContain('brussels');
  });
});

describe('participants: the patron in an affiliation phrase is no party', () => {
  it.each<[string, PloverType, string, string[]]>([
    ['وقتل أحد المحتجين، الجمعة، برصاص ميليشيات عصائب أهل الحق الموالية لإيران.', 'ASSAULT', 'iran', ['asaib-ahl-al-haq']],
    ['قال مصدر طبي عراقي إن متظاهرا قتل الجمعة برصاص حراس مقر منظمة "بدر" المقربة من إيران في الديوانية.', 'ASSAULT', 'iran', ['badr-organization']],
    ['اتهمت قوات "سوريا الديمقراطية" المدعومة من الولايات المتحدة النظام السوري بإبرام صفقة مع تنظيم داعش.', 'ACCUSE', 'usa', ['sdf']],
    ['ودعا مجلس الأمن الدولي التابع للأمم المتحدة إلى فتح تحقيق نزيه وشفاف في هذه الغارة.', 'REQUEST', 'un', ['un-security-council']],
    ['وأدت تلك الغارات إلى سقوط عشرات القتلى من عناصر الميليشيات الموالية لإيران.', 'ASSAULT', 'iran', []],
    ['وتعهد بومبيو، في لقاء مع جماعة ضغط موالية لإسرائيل، بمواصلة دفع الرئيس الأمريكي دونالد ترامب لعزل إيران.', 'CONSULT', 'israel', ['mike-pompeo']],
    ['واكتسبت الدعوات زخما بعد سلسلة من الضربات الأميركية على فصائل مرتبطة بطهران، وفقا لرويترز.', 'ASSAULT', 'iran', ['usa']],
    // «فصائل» is «فصايل» in the normalised text: the armed-group nouns must be listed so
    ['وشنت فصائل تابعة لإيران هجوما صاروخيا على قاعدة تضم جنودا أمريكيين.', 'ASSAULT', 'iran', []],
  ])('%s', (text, type, patron, actors) => {
    const e = one(text, type);
    expect([...e.actorKb, ...e.targetKb]).not.toContain(patron);
    expect(e.actorKb).toEqual(actors);
  });
  it.each<[string, PloverType, string]>([
    // what a group owns, and a group's own fighters, are the group's
    ['وقصفت طائرات بلا طيار مواقع تابعة لتنظيم داعش بعد الهجوم.', 'ASSAULT', 'isis'],
    ['بما في ذلك عشرات هجمات الطائرات بدون طيار، ضد حركة الشباب وعدد صغير من المقاتلين المرتبطين بتنظيم داعش المتطرف.', 'ASSAULT', 'isis'],
  ])('%s (kept)', (text, type, target) => {
    expect(one(text, type).targetKb).toContain(target);
  });
});

describe('participants: a town is met, called on or left only as a place', () => {
  it.each<[string, PloverType, string, string | null]>([
    ['زار رئيس الوزراء العراقي حيدر العبادي الجمعة البصرة في جنوب العراق بهدف تهدئة المظاهرات القائمة لليوم السادس على التوالي.', 'CONSULT', 'basra', null],
    ['ودعت، على وجه التحديد، موسكو لوقف هجوم الأسد على إدلب، الذي وصفته بأنه "تصعيد متهور حتى لو لم يجري استخدام الكيماوي".', 'REQUEST', 'idlib', null],
    ['جاء ذلك رداً على تقرير سابق للمرصد السوري لحقوق الإنسان المعارض أفاد بأن بعض فصائل الجبهة، ومنها فيلق الشام، بدأت بسحب قواته وأسلحته الثقيلة من الضواحي الغربية لمدينة حلب ومناطق الريف الجنوبي للمحافظة.', 'RETREAT', 'aleppo', 'aleppo'],
  ])('%s', (text, type, place, location) => {
    const e = one(text, type);
    expect(e.targetKb).not.toContain(place);
    if (location) expect(e.locationKb).toBe(location);
  });
  it('an attack on a town keeps it as its target', () => {
    const e = one('وقد قتل أكثر من 200 شخص، معظمهم من المدنيين، في هجوم تنظيم الدولة على عاصمة محافظة السويداء وبعض القرى فيها، وشمل الهجوم تفجيرات انتحارية.', 'ASSAULT');
    expect(e.targetKb).toContain('sweida');
  });
});

describe('participants: the subject of an experiencer verb is the target', () => {
  it.each<[string, PloverType, string[], string[]]>([
    ['وتعرضت القوات التي تقودها الولايات المتحدة أمس الاثنين لهجوم صاروخي في شمال العراق أدى إلى مقتل متعاقد مدني.', 'ASSAULT', [], ['usa']],
    ['تلقى وزير الخارجية فؤاد حسين اتصالا هاتفيا من وزيرة خارجية مملكة السويد آن ليندي.', 'CONSULT', ['ann-linde'], ['fuad-hussein']],
    ['وتتعرض المحافظة من حين لآخر لقصف من قبل التحالف الدولي.', 'ASSAULT', ['global-coalition-against-daesh'], []],
    ['واتضح الموقف القطري بعدما واجهت الدوحة اتهامات جدية بدعم الإرهاب.', 'ACCUSE', [], ['doha']],
    ['وقالت التقارير إن قطر تلقت مساعدات من عدة أطراف لضمان إطلاق سراح المختطفين.', 'AID', [], ['qatar']],
    ['في إشارة إلى مقاتلي الحزب الذي تعرضت مواقعه لقصف الحرس الثوري الجمعة.', 'ASSAULT', ['irgc'], []],
  ])('%s', (text, type, actors, targets) => {
    const e = one(text, type);
    expect(e.actorKb).toEqual(actors);
    expect(e.targetKb).toEqual(targets);
  });
});

describe('participants: a nisba names who acted only where it stands for the event', () => {
  it.each<[string, PloverType, string[], string[]]>([
    // the victim's nationality
    ['وصوت البرلمان لصالح رحيله بعد أيام من مقتل القائد الإيراني البارز قاسم سليماني.', 'ASSAULT', [], ['qasem-soleimani']],
    // the attack's: «بطائرة أمريكية مسيرة»
    ['إثر مقتل القائد العسكري الإيراني البارز قاسم سليماني في بغداد في هجوم بطائرة أمريكية مسيرة.', 'ASSAULT', ['usa'], ['qasem-soleimani']],
    // past a preposition: the target's
    ['وأدان البيان الهجمات على المنشآت الأمريكية.', 'ASSAULT', [], ['usa']],
    // the trigger's own nisba before an earlier mention of the clause
    ['وأعرب بغداد وأربيل عن رفضهما للقصف الإيراني الذي استهدف منطقة كويسنجق.', 'ASSAULT', ['iran'], []],
    // a place's
    ['وأكد التقرير أن داعش لا يزال قادرا على شن هجمات داخل الأراضي السورية.', 'ASSAULT', ['isis'], []],
    ['وتتواصل الهجمات داخل الأراضي السورية منذ أشهر.', 'ASSAULT', [], []],
  ])('%s', (text, type, actors, targets) => {
    const e = one(text, type);
    expect(e.actorKb).toEqual(actors);
    for (const t of targets) expect(e.targetKb).toContain(t);
    if (!targets.length) expect(e.targetKb.filter((t) => t === 'usa' || t === 'syria' || t === 'erbil')).toEqual([]);
  });
});

describe('participants: an attack verb after an attack noun', () => {
  it('«هجمات استهدفت X»: X is the target', () => {
    const e = one('وشنت فصائل مسلحة هجمات استهدفت الولايات المتحدة وحلفاءها العرب في الأسابيع الأخيرة.', 'ASSAULT');
    expect(e.actorKb).not.toContain('usa');
    expect(e.targetKb).toContain('usa');
  });
});

describe('participants: an entity that did not exist yet', () => {
  it.each<[string, string, boolean]>([
    // the coalition against Daesh was formed in 2014 (KB from 2014-09)
    ['يذكر أن انسحاب قوات التحالف في 2011 أسفر عن تداعيات أمنية خطيرة.', '2011', false],
    ['يذكر أن انسحاب قوات التحالف في 2025 سيكتمل على مراحل.', '2025', true],
  ])('%s', (text, year, kept) => {
    const e = one(text, 'RETREAT', [{ text: year, value: year }]);
    expect(e.time).toBe(year);
    expect(e.actorKb.includes('global-coalition-against-daesh')).toBe(kept);
  });
});
