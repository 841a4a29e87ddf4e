import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc, Entity, EntityType } from '../../pipeline/doc.js';
import { createDoc } from '../../text/index.js';
import { createLinkStage, WordCover } from './index.js';
import { DocWords, MultiTrie, NameTrie, matchAll, pushStripped, tokenizeNorm } from './gazetteer.js';
import type { NameEntry } from '../../kb/kb.js';
import { normalizeString } from '../../text/normalize.js';
import { strippedForms } from '../../kb/names.js';

const stage = createLinkStage();

/** A Doc with the given dateline and tagger mentions («text:TYPE», the n-th occurrence with «text:TYPE:n»). */
function run(text: string, date: string | null, tagged: string[] = [], st = stage): Doc {
  const doc = createDoc({ id: 't', text });
  doc.published = { date, earliest: null, latest: null, basis: 'given', evidence: [] };
  doc.entities = tagged.map((s, n): Entity => {
    const [form, type, occ] = s.split(':');
    let at = -1;
    for (let k = 0; k < Number(occ ?? 1); k++) at = text.indexOf(form, at + 1);
    if (at < 0) throw new Error(`not in text: ${form}`);
    return { id: `n${n}`, kb: null, type: type as EntityType, name: form, name_en: null, mentions: [{ start: at, end: at + form.length, text: form }] };
  });
  st.run(doc);
  for (const e of doc.entities) for (const m of e.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  return doc;
}
const kbOf = (doc: Doc, form: string) => doc.entities.find((e) => e.mentions.some((m) => m.text === form))?.kb ?? null;
const entityOf = (doc: Doc, kb: string) => doc.entities.find((e) => e.kb === kb);

describe('link: by date', () => {
  it.each([
    ['2021-02-16', 'jens-stoltenberg'],
    ['2025-02-05', 'mark-rutte'],
    ['2013-06-01', 'anders-fogh-rasmussen'],
  ])('«الأمين العام لحلف الناتو» on %s → %s', (date, who) => {
    const doc = run('وقال الأمين العام لحلف الناتو إن الحلف سيواصل مهمته في العراق.', date);
    expect(kbOf(doc, 'الأمين العام لحلف الناتو')).toBe(who);
    expect(entityOf(doc, who)!.type).toBe('PER');
  });

  it('an older story appended to the page is read with its own dateline (segments)', () => {
    const text = 'وقال الأمين العام لحلف الناتو إن الحلف باق.\nوفي خبر سابق، قال الأمين العام لحلف الناتو إن المهمة ستتوسع.';
    const doc = createDoc({ id: 't', text });
    doc.published = { date: '2025-02-05', earliest: null, latest: null, basis: 'given', evidence: [] };
    const cut = text.indexOf('وفي خبر');
    doc.segments = [{ start: cut, end: text.length, published: { date: null, earliest: '2020-10-01', latest: '2020-12-31', basis: 'inferred', evidence: [] } }];
    doc.entities = [];
    stage.run(doc);
    expect(doc.entities.filter((e) => e.type === 'PER').map((e) => e.kb)).toEqual(['mark-rutte', 'jens-stoltenberg']);
  });

  it.each([
    ['2021-02-16', 'mustafa-al-kadhimi'],
    ['2024-01-17', 'mohammed-shia-al-sudani'],
  ])('«رئيس الوزراء العراقي» on %s → %s', (date, who) => {
    const doc = run('واستقبل رئيس الوزراء العراقي وفدا من الحلف.', date);
    expect(kbOf(doc, 'رئيس الوزراء العراقي')).toBe(who);
  });

  it('a title followed by a name is not a second mention; «السابق» is not resolved by date', () => {
    const doc = run('كانت الخطط استجابة لطلب من الرئيس الأمريكي السابق دونالد ترامب.', '2021-02-16');
    expect(doc.entities.map((e) => e.kb)).toEqual(['donald-trump']);
    expect(entityOf(doc, 'donald-trump')!.mentions.map((m) => m.text)).toEqual(['دونالد ترامب']);
  });

  it('an event name holds only in its period: «حرب غزة» before October 2023 is not the 2023 war', () => {
    expect(kbOf(run('وأعادت حرب غزة القضية إلى الواجهة.', '2024-01-17'), 'حرب غزة')).toBe('gaza-war');
    expect(kbOf(run('وأعادت حرب غزة القضية إلى الواجهة.', '2014-08-01', ['حرب غزة:MISC']), 'حرب غزة')).toMatch(/^x-/);
  });
});

describe('link: by title', () => {
  it.each([
    ['وقال وزير الخارجية العراقي فؤاد حسين إن', 'فؤاد حسين', 'fuad-hussein'],
    ['وأكدت السفيرة الأمريكية في العراق، إلينا رومانوفيسكي، أن', 'إلينا رومانوفيسكي', 'alina-romanowski'],
    ['استقبل قائد بعثة الناتو في العراق، الفريق لوكاس شخويرز، الوفد', 'لوكاس شخويرز', 'lucas-schreurs'],
  ])('«%s» grounds «%s» → %s', (text, name, who) => {
    const doc = run(text, '2024-11-01', [`${name}:PER`]);
    expect(kbOf(doc, name)).toBe(who);
  });

  it.each([
    ['وقال الفريق أحمد الزيدي إن القوات', 'أحمد الزيدي'],
    ['وأعلنت السفيرة كارين هاوس أن', 'كارين هاوس'],
  ])('a title types an unknown name as a person: %s', (text, name) => {
    const doc = run(text, '2024-11-01', [`${name}:LOC`]);
    const e = doc.entities.find((x) => x.mentions.some((m) => m.text === name))!;
    expect(e.type).toBe('PER');
    expect(e.kb).toMatch(/^x-/);
  });

  it('a title inside the tagged span is cut off', () => {
    const doc = run('استقبل رئيس الوزراء محمد شياع السوداني الوفد.', '2024-10-30', ['رئيس الوزراء محمد شياع السوداني:PER']);
    expect(entityOf(doc, 'mohammed-shia-al-sudani')!.mentions.map((m) => m.text)).toEqual(['محمد شياع السوداني']);
  });
});

describe('link: coreference within the article', () => {
  it.each([
    ['أكد رئيس الوزراء محمد شياع السوداني أهمية التعاون. وقال السوداني إن العراق', 'mohammed-shia-al-sudani', ['محمد شياع السوداني', 'السوداني']],
    ['التقى مارك روته بالرئيس. وفي لقاء السوداني مع روته جرى بحث التعاون', 'mark-rutte', ['مارك روته', 'روته']],
    ['بحث العراق وحلف شمال الأطلسي "ناتو" التعاون، وأكد أن الحلف سيواصل دعمه', 'nato', ['حلف شمال الأطلسي', 'ناتو', 'الحلف']],
    ['إنهاء مهمة التحالف الدولي لمكافحة تنظيم داعش. ودعا إلى رحيل التحالف من العراق', 'global-coalition-against-daesh', ['التحالف الدولي لمكافحة تنظيم داعش', 'التحالف']],
  ])('%s', (text, kb, forms) => {
    const doc = run(text, '2025-02-05');
    const ents = doc.entities.filter((e) => e.kb === kb);
    expect(ents).toHaveLength(1);
    expect(ents[0].mentions.map((m) => m.text)).toEqual(forms);
  });

  it.each([
    ['قال ترامب إن القوات ستبقى', '2021-02-16', 'ترامب', 'donald-trump'],
    ['وقال بوتين إن روسيا لن تتراجع', '2022-03-01', 'بوتين', 'vladimir-putin'],
  ])('a tagged short name of someone in office near the dateline: «%s»', (text, date, form, kb) => {
    expect(kbOf(run(text, date, [`${form}:PER`]), form)).toBe(kb);
  });

  it('a tagged short name is not linked to someone long out of office', () => {
    expect(kbOf(run('وقال علاوي إن الانتخابات نزيهة', '2024-02-16', ['علاوي:PER']), 'علاوي')).toMatch(/^x-/);
  });

  it('«الحلف» and «التحالف» are not entities when nothing in the article names them', () => {
    const doc = run('وقال إن الحلف بين الحزبين قوي وإن التحالف الانتخابي سيفوز.', '2025-02-05');
    expect(doc.entities).toEqual([]);
  });

  it('a surname or first name the tagger found joins the full name of someone not in the KB', () => {
    const doc = run('قال ليث الجنيدي إن الوضع هادئ. وأضاف الجنيدي أن ليث سيعود.', '2025-02-05', ['ليث الجنيدي:PER', 'ليث:PER:2']);
    expect(doc.entities).toHaveLength(1);
    expect(doc.entities[0].mentions.map((m) => m.text)).toEqual(['ليث الجنيدي', 'الجنيدي', 'ليث']);
    expect(doc.entities[0].kb).toMatch(/^x-/);
  });

  it('gives entity ids e1, e2… in order of first mention and the same new id in every article', () => {
    const a = run('قال علاوي نعمة إن بغداد آمنة.', '2024-11-01', ['علاوي نعمة:PER']);
    const b = run('وكان علاوي نعمة قد زار أربيل.', '2025-03-01', ['علاوي نعمة:PER']);
    expect(a.entities.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(a.entities[1].kb).toBe('baghdad');
    expect(a.entities[0].kb).toBe(b.entities[0].kb);
  });

  it('a bare «وزارة الخارجية» is the ministry of the country the article is about', () => {
    const doc = run('دعت الحكومة العراقية عبر وزارة الخارجية إلى التعاون مع العراق.', '2021-02-16');
    expect(kbOf(doc, 'وزارة الخارجية')).toBe('iraqi-foreign-ministry');
  });

  it('«حكومة السوداني» is the government of Iraq', () => {
    const doc = run('وسبق أن أعلن محمد شياع السوداني ذلك. ودعت الجماعات التي أوصلت حكومة السوداني إلى السلطة.', '2024-01-17');
    expect(kbOf(doc, 'حكومة السوداني')).toBe('government-of-iraq');
  });
});

describe('link: what is not an entity', () => {
  it.each([['العراقية'], ['الأمريكية'], ['القوات الأمريكية'], ['قوات الأمن العراقية'], ['الحكومة'], ['الأمين العام']])(
    'a tagged «%s» is dropped', (form) => {
      const doc = run(`وقال ${form} في بيان`, '2024-01-17', [`${form}:LOC`]);
      expect(doc.entities).toEqual([]);
    });

  it('keeps names that end in a nisba when the KB knows them', () => {
    const doc = run('أكدت الحكومة العراقية ووزارة الخارجية الأمريكية ذلك.', '2024-01-17', ['الحكومة العراقية:ORG']);
    expect(doc.entities.map((e) => e.kb)).toEqual(['government-of-iraq', 'us-state-department']);
  });

  it('skips boilerplate (comments furniture)', () => {
    const doc = run('استقبل السوداني الوفد في بغداد.\n\nاضف تعليق\n', '2024-01-17');
    expect(doc.entities.map((e) => e.kb)).toEqual(['baghdad']);
  });
});

describe('link: spans and clitics', () => {
  it.each([
    ['كما توصلت بغداد وواشنطن إلى اتفاق', 'واشنطن', 'usa'],
    ['وللولايات المتحدة نحو 2500 جندي في العراق', 'للولايات المتحدة', 'usa'],
    ['القوات المنتشرة بالعراق وسوريا', 'العراق', 'iraq'],
    ['القوات المنتشرة بالعراق وسوريا', 'سوريا', 'syria'],
    ['ونقلت الرئاسة على حسابها بمنصة "إكس" الخبر', 'منصة "إكس"', 'x-platform'],
    ['قضت القوات على عصابات داعش وفلولها', 'عصابات داعش', 'isis'],
    ['تلقى اتصالا من وزيرة خارجية مملكة السويد آن ليندي', 'مملكة السويد', 'sweden'],
  ])('«%s»: «%s» → %s', (text, form, kb) => {
    expect(kbOf(run(text, '2021-02-16'), form)).toBe(kb);
  });

  it('matches whole words only: «العراقية» is not «العراق», «البغداديون» is not «بغداد»', () => {
    const doc = run('قالت الحكومة البغدادية إن البغداديين والعراقيين يرحبون.', '2024-01-17');
    expect(doc.entities).toEqual([]);
  });

  it('is a pipeline stage that reads the tagger’s entities and the dateline', () => {
    expect(stage.name).toBe('link');
    expect(stage.requires).toEqual(['entities', 'tokens', 'published']);
    expect(stage.assigns).toEqual(['entities']);
  });

  it('a capital standing for its government is the country, a place is the city', () => {
    const doc = run('وقالت واشنطن إنها ستسحب قواتها من العراق، وعقد الاجتماع في واشنطن.', '2024-01-17');
    expect(doc.entities.map((e) => [e.kb, e.mentions.length])).toEqual([['usa', 1], ['iraq', 1], ['washington', 1]]);
  });

  it('names inside names: «دافوس» in «منتدى دافوس الاقتصادي»', () => {
    const doc = run('على هامش مشاركته في منتدى دافوس الاقتصادي بدورته الـ54', '2024-01-17');
    expect(doc.entities.map((e) => e.kb)).toEqual(['world-economic-forum', 'davos']);
  });

  it('user KB records (kbExtra) are linked like shipped ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbu-'));
    const f = path.join(dir, 'local.jsonl');
    fs.writeFileSync(f, JSON.stringify({ id: 'alawi-nima', type: 'PER', names_ar: ['علاوي نعمة'], name_en: 'Alawi Nima' }) + '\n');
    const doc = run('وقال عضو اللجنة علاوي نعمة إن', '2024-11-01', [], createLinkStage({ kbExtra: f }));
    expect(doc.entities.map((e) => [e.kb, e.type, e.name_en])).toEqual([['alawi-nima', 'PER', 'Alawi Nima']]);
  });
});

describe('link: the flat clitic readings', () => {
  it.each(['والعراق', 'فللأمم', 'للأمم', 'بغداد', 'وبغداد', 'كل', 'لل', 'ولل', 'وللقوات', 'فباريس', 'ولبنان', 'و', 'بك', 'الناتو', 'ستولتنبرغ', 'abc', '2024'])(
    '«%s»: pushStripped gives strippedForms in order',
    (w) => {
      const words: string[] = [];
      const skips: number[] = [];
      pushStripped(w, words, skips);
      expect(words.map((x, k) => ({ word: x, skip: skips[k] }))).toEqual(strippedForms(w));
    },
  );
});

describe('link: one walk over several tries', () => {
  const names = new Map<string, NameEntry[]>([
    ['حلف شمال الاطلسي', [{ id: 'nato', kind: 'name' }]],
    ['الحلف', [{ id: 'nato', kind: 'ctx' }]],
    ['وزاره الخارجيه', [{ id: 'mofa', kind: 'generic' }, { id: 'x', kind: 'name' }]],
    ['العراق', [{ id: 'iraq', kind: 'name' }]],
    ['شمال', [{ id: 'north', kind: 'ctx' }]],
  ]);
  const kinds = ['name', 'generic', 'ctx'];
  it.each([
    'وقال الحلف إن حلف شمال الأطلسي وللعراق ووزارة الخارجية العراقية',
    'بالعراق "وزارة" الخارجية؛ شمال-الاطلسي والحلف',
  ])('«%s»: MultiTrie gives each trie\'s matches in order', (text) => {
    const norm = normalizeString(text);
    const d = new DocWords(norm, tokenizeNorm(norm));
    const multi = MultiTrie.fromNames(names, kinds.map((k) => (e: NameEntry) => e.kind === k)).matchAll(d);
    kinds.forEach((k, n) => expect(multi[n]).toEqual(matchAll(NameTrie.fromNames(names, (e) => e.kind === k), d)));
    expect(multi.flat().length).toBeGreaterThan(0);
  });
});

describe('DocWords.wordsWithForm', () => {
  it('lists the words with a reading, with skipOf\'s skip, short and long articles alike', () => {
    const base = 'قال السوداني وللسوداني إن بالسوداني والسوداني كتب لسوداني فالعراق والعراق العراقي ';
    for (const reps of [1, 700]) {
      const text = base.repeat(reps);
      const W = tokenizeNorm(normalizeString(text));
      const d = new DocWords(normalizeString(text), W);
      for (const word of ['السوداني', 'سوداني', 'العراق', 'للسوداني', 'قال', 'غائب']) {
        const scan: number[] = [];
        for (let i = 0; i < W.length; i++) if (d.skipOf(i, word) >= 0) scan.push(i, d.skipOf(i, word));
        expect(d.wordsWithForm(word)).toEqual(scan);
      }
    }
  });
});

describe('WordCover: the top-level candidates over each word (issue 9)', () => {
  it('finds what a filter over all the candidates finds, as names are added and removed', () => {
    // the tagger's and the gazetteer's spans over «قال رئيس الوزراء العراقي محمد شياع السوداني في بغداد …»
    const text = 'قال رئيس الوزراء العراقي محمد شياع السوداني في بغداد إن لجنة الأمن والدفاع النيابية ستجتمع مع وزارة الخارجية الأميركية';
    const W = tokenizeNorm(normalizeString(text), undefined);
    const span = (from: string, to: string) => {
      const ws = W.map((w) => w.w);
      const i = ws.indexOf(normalizeString(from));
      return { i, j: ws.indexOf(normalizeString(to), i) + 1 };
    };
    const live: { i: number; j: number; nested?: boolean }[] = [
      span('محمد', 'السوداني'),
      span('بغداد', 'بغداد'),
      span('لجنة', 'الأمن'),
      { ...span('رئيس', 'الوزراء'), nested: true },
      span('وزارة', 'الخارجية'),
    ];
    for (const c of live) expect(c.i >= 0 && c.j > c.i).toBe(true);
    const cover = new WordCover(W.length, live);
    const check = () => {
      for (let i = 0; i < W.length; i++) {
        for (let j = i + 1; j <= W.length; j++) {
          const want = live.filter((o) => !o.nested && o.i < j && i < o.j);
          expect(new Set(cover.overlapping(i, j))).toEqual(new Set(want));
        }
      }
    };
    check();
    // «لجنة الأمن والدفاع النيابية» takes the place of «لجنة الأمن»; the ministry grows by a word
    const committee = span('لجنة', 'النيابية');
    const clash = cover.overlapping(committee.i, committee.j);
    expect(clash).toEqual([live[2]]);
    cover.remove(live[2]);
    live.splice(2, 1);
    cover.add(committee);
    live.push(committee);
    check();
    const ministry = span('وزارة', 'الأميركية');
    cover.remove(live[3]);
    live.splice(3, 1);
    cover.add(ministry);
    live.push(ministry);
    check();
  });
});
