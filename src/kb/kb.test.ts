import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMarsadError } from '../errors.js';
import { loadKb, parseKbJsonl, loadKbRecords, nameKey, newEntityId, nisbaForms, type KbRecord } from './index.js';

const good = (over: Partial<KbRecord> & Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'test-org', type: 'ORG', names_ar: ['منظمة الاختبار'], name_en: 'Test Org', ...over });

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isMarsadError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an error');
}

describe('knowledge base: validation refuses bad records with the line number', () => {
  it.each([
    ['not JSON', '{"id": "a",', /kb\.jsonl:2: not valid JSON/],
    ['bad type', good({ type: 'PERSON' as never }), /kb\.jsonl:2: test-org: "type" must be one of/],
    ['no Arabic names', good({ names_ar: [] }), /kb\.jsonl:2: test-org: "names_ar"/],
    ['names not Arabic', good({ names_ar: ['NATO'] }), /kb\.jsonl:2: test-org: "names_ar"/],
    ['id not a slug', good({ id: 'Test Org' }), /kb\.jsonl:2: "id" must be an English slug/],
    ['unknown field', good({ colour: 'red' }), /kb\.jsonl:2: unknown field "colour"/],
    ['bad Qid', good({ wikidata: '7184' }), /kb\.jsonl:2: test-org: "wikidata"/],
    ['bad coordinates', good({ coordinates: [120, 44] }), /kb\.jsonl:2: test-org: "coordinates"/],
    ['role with a bad date', good({ roles: [{ title_ar: ['رئيس'], title_en: 'Head', org: null, from: '2024-13', to: null }] }), /kb\.jsonl:2: test-org: roles\[0\]: "from"\/"to"/],
    ['role ending before it starts', good({ roles: [{ title_ar: ['رئيس'], title_en: 'Head', org: null, from: '2024', to: '2020' }] }), /roles\[0\]: "from" is after "to"/],
    ['generated-looking id', good({ id: 'x-foo-abc123' }), /must not look like a generated id/],
  ])('%s', (_why, line, re) => {
    const text = `// a comment line\n${line}\n`;
    const e = errorOf(() => parseKbJsonl(text, 'kb.jsonl'));
    expect(e.code).toBe('E_DATA');
    expect(e.message).toMatch(re);
  });

  it('refuses a duplicate id and a reference to a missing record, naming the line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-'));
    fs.writeFileSync(path.join(dir, 'README.md'), '# test kb\n');
    fs.writeFileSync(path.join(dir, 'a.jsonl'), `${good()}\n\n${good()}\n`);
    expect(errorOf(() => loadKbRecords({ dir })).message).toMatch(/a\.jsonl:3: duplicate id "test-org" \(first at .*a\.jsonl:1\)/);
    fs.writeFileSync(path.join(dir, 'a.jsonl'), `${good()}\n${good({ id: 'child', parent: 'nowhere' })}\n`);
    expect(errorOf(() => loadKbRecords({ dir })).message).toMatch(/a\.jsonl:2: child: "parent" names "nowhere"/);
  });

  it('adds user records from an extra file, which may replace a shipped record', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbx-'));
    const f = path.join(dir, 'mine.jsonl');
    fs.writeFileSync(f, [
      good({ id: 'ali-test', type: 'PER', names_ar: ['علي الاختباري'], name_en: 'Ali Test' }),
      good({ id: 'nato', names_ar: ['حلف شمال الأطلسي', 'الناتو', 'ناتو'], name_en: 'NATO (mine)' }),
    ].join('\n'));
    const kb = loadKb({ extra: f });
    expect(kb.lookup('علي الاختباري')[0].id).toBe('ali-test');
    expect(kb.get('nato')!.name_en).toBe('NATO (mine)');
    fs.writeFileSync(f, `${good()}\n${good({ names_ar: ['x'] })}\n`);
    expect(errorOf(() => loadKb({ extra: f })).message).toMatch(/mine\.jsonl:2:/);
  });
});

describe('knowledge base: the shipped data', () => {
  const kb = loadKb();
  it('holds every country with its capital, and the story’s bodies and people', () => {
    const countries = [...kb.records.values()].filter((r) => r.kind === 'country');
    const capitals = [...kb.records.values()].filter((r) => r.kind === 'capital');
    expect(countries.length).toBeGreaterThanOrEqual(195);
    expect(capitals.length).toBeGreaterThanOrEqual(190);
    for (const id of ['nato', 'un', 'eu', 'arab-league', 'isis', 'global-coalition-against-daesh', 'nato-mission-iraq',
      'mohammed-shia-al-sudani', 'jens-stoltenberg', 'mark-rutte', 'erbil', 'anbar', 'kurdistan-region'])
      expect(kb.get(id), id).toBeTruthy();
  });

  it.each([
    ['الناتو', 'nato'], ['ناتو', 'nato'], ['حلف الأطلسي', 'nato'], ['حلف شمال الأطلسي', 'nato'],
    ['العراق', 'iraq'], ['الولايات المتحدة', 'usa'], ['أميركا', 'usa'], ['أمريكا', 'usa'], ['إربيل', 'erbil'],
    ['أربيل', 'erbil'], ['اربيل', 'erbil'], ['ينس ستولتنبرج', 'jens-stoltenberg'], ['ينس ستولتنبرغ', 'jens-stoltenberg'],
    ['داعش', 'isis'], ['تنظيم الدولة الإسلامية', 'isis'], ['وزارة الخارجية الأميركية', 'us-state-department'],
    ['بغداد', 'baghdad'], ['مملكة السويد', 'sweden'],
  ])('«%s» → %s', (name, id) => {
    expect(kb.lookup(name).map((e) => e.id)).toContain(id);
  });

  it.each([
    ['الأمين العام', 'nato', '2021-02-16', 'jens-stoltenberg'],
    ['الأمين العام', 'nato', '2025-02-05', 'mark-rutte'],
    ['أمين عام', 'nato', '2014-05-01', 'anders-fogh-rasmussen'],
    ['رئيس الوزراء', 'iraq', '2021-02-16', 'mustafa-al-kadhimi'],
    ['رئيس الوزراء', 'iraq', '2024-01-17', 'mohammed-shia-al-sudani'],
    ['رئيس الوزراء', 'iraq', '2016-06-01', 'haider-al-abadi'],
    ['الرئيس', 'usa', '2019-01-01', 'donald-trump'],
    ['الرئيس', 'usa', '2022-01-01', 'joe-biden'],
    ['وزير الخارجية', 'iraq', '2023-03-01', 'fuad-hussein'],
  ])('%s of %s on %s → %s', (title, org, date, who) => {
    expect(kb.holders(nameKey(title), org, { date })).toEqual([who]);
  });

  it('resolves a window: held for the whole window first', () => {
    expect(kb.holders(nameKey('الأمين العام'), 'nato', { earliest: '2024-10-30', latest: '2024-12-31' })).toEqual(['mark-rutte']);
  });

  it('places have parents up to the country: Erbil → governorate → Kurdistan Region → Iraq', () => {
    const chain: string[] = [];
    for (let id: string | null | undefined = 'erbil'; id; id = kb.get(id)?.parent) chain.push(id);
    expect(chain).toEqual(['erbil', 'erbil-governorate', 'kurdistan-region', 'iraq']);
    expect(kb.get('erbil')!.coordinates).toHaveLength(2);
  });

  it.each([['العراقية', 'iraq'], ['الأمريكية', 'usa'], ['الأميركي', 'usa'], ['الإيراني', 'iran'], ['السوري', 'syria'], ['البريطانية', 'united-kingdom']])(
    'nisba «%s» → %s', (w, id) => expect(kb.nisbaCountry(w)).toBe(id));

  it('makes nisbas and stable new ids', () => {
    expect(nisbaForms(nameKey('العراق'))).toContain('العراقيه');
    expect(newEntityId('علاوي نعمه')).toBe(newEntityId(nameKey('علاوي نعمة')));
    expect(newEntityId('علاوي نعمه')).toMatch(/^x-[a-z0-9-]+-[0-9a-f]{6}$/);
  });
});
