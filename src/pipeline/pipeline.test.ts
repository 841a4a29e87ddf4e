import { describe, expect, it } from 'vitest';
import { MarsadError } from '../errors.js';
import { toAnalysis } from './analysis.js';
import { parseDateline } from './dateline.js';
import type { Doc } from './doc.js';
import { createPipeline } from './runner.js';
import { validateAnalysis } from './schema/index.js';
import type { Stage } from './stage.js';

const stage = (name: string, requires: Stage['requires'], assigns: Stage['assigns'], run: (d: Doc) => void = () => {}): Stage => ({ name, requires, assigns, run });

describe('createPipeline', () => {
  it('refuses a stage whose layer no earlier stage assigns, naming both', () => {
    expect(() => createPipeline([stage('quotes', ['entities'], ['quotes'])])).toThrowError(/stage "quotes" requires layer "entities"/);
  });
  it('accepts stages in dependency order', () => {
    expect(() => createPipeline([stage('ner', ['tokens'], ['entities']), stage('quotes', ['entities'], ['quotes'])])).not.toThrow();
  });
  it('refuses the same stage twice', () => {
    expect(() => createPipeline([stage('ner', [], ['entities']), stage('ner', [], ['entities'])])).toThrowError(/appears twice/);
  });
  it('names the failing stage and the article', () => {
    const p = createPipeline([stage('boom', ['tokens'], ['times'], () => { throw new Error('bad lexicon'); })]);
    try {
      p.run({ id: 'a1', text: 'نص قصير' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MarsadError);
      expect((e as MarsadError).code).toBe('E_STAGE_FAILED');
      expect((e as Error).message).toBe('stage "boom" failed on article a1: bad lexicon');
    }
  });
  it('records the layers each stage assigned', () => {
    const doc = createPipeline([stage('t', ['tokens'], ['times'])]).run({ text: 'اليوم' });
    expect([...doc.layers]).toContain('times');
  });
});

describe('the analysis writer and its schema', () => {
  it('writes a valid analysis with the given dateline and a content-hash id', () => {
    const text = 'ليث الجنيدي/ الأناضول\nبحث العراق وحلف شمال الأطلسي "ناتو"، الأربعاء، توسيع التعاون.';
    const a = toAnalysis(createPipeline([]).run({ text, published: '2025-02-05' }));
    expect(validateAnalysis(a, text)).toEqual([]);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.source).toBe('Anadolu');
    expect(a.published).toEqual({ date: '2025-02-05', earliest: '2025-02-05', latest: '2025-02-05', basis: 'given', evidence: [] });
    expect(a.sentences.map((s) => text.slice(s.start, s.end))).toEqual(['ليث الجنيدي/ الأناضول', 'بحث العراق وحلف شمال الأطلسي "ناتو"، الأربعاء، توسيع التعاون.']);
  });
  it('catches a span whose text is not its slice, and a dangling entity reference', () => {
    const text = 'قال السوداني';
    const a = toAnalysis(createPipeline([]).run({ text }));
    const bad = { ...a, entities: [{ id: 'e1', kb: null, type: 'PER', name: 'السوداني', name_en: null, mentions: [{ start: 0, end: 3, text: 'السوداني' }] }], quotes: [{ start: 0, end: 3, text: 'قال', speaker: 'e9', cue: null, via: null }] };
    const problems = validateAnalysis(bad, text);
    expect(problems.some((p) => p.includes('entities[0].mentions[0]'))).toBe(true);
    expect(problems.some((p) => p.includes('unknown entity e9'))).toBe(true);
  });
  it('catches a structural error', () => {
    expect(validateAnalysis({ schema: 'marsad.analysis/1', id: 'x' })[0]).toMatch(/must have required property/);
  });
});

describe('parseDateline', () => {
  it.each([
    ['2025-02-05', { date: '2025-02-05', earliest: '2025-02-05', latest: '2025-02-05' }],
    ['2025-09-01/2025-09-30', { date: null, earliest: '2025-09-01', latest: '2025-09-30' }],
    ['2024-10-30/2024-10-30', { date: '2024-10-30', earliest: '2024-10-30', latest: '2024-10-30' }],
  ])('%s', (s, expected) => expect(parseDateline(s)).toEqual(expected));
  it.each(['2025-02-30', '05/02/2025', '2025-09-30/2025-09-01', 'أمس', ''])('refuses %s', (s) => {
    expect(() => parseDateline(s)).toThrowError(/not a date/);
  });
});

describe('validation of every analysis during the tests', () => {
  it('is switched on', () => {
    expect(process.env.MARSAD_VALIDATE).toBe('1');
  });
  it('refuses an analysis whose span is not its slice', () => {
    const doc = createPipeline([]).run({ id: 'bad', text: 'قال السوداني' });
    doc.entities.push({ id: 'e1', kb: null, type: 'PER', name: 'السوداني', name_en: null, mentions: [{ start: 0, end: 3, text: 'السوداني' }] });
    expect(() => toAnalysis(doc)).toThrowError(/analysis of bad does not match marsad.analysis\/1/);
  });
});
