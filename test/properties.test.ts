// Properties that must hold for every article: every span points at exactly the characters it
// names, and sentences tile the text. Checked over the real news corpus and over random text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDoc } from '../src/text/index.js';
import { analyzeValid, newsArticles } from './helpers.js';

/** Pieces of Arabic news (and junk) the random articles below are made of. */
const PIECES = ['في', 'قال', 'السوداني', 'الناتو', '2025', '٢٠٢٥', 'سبتمبر/ أيلول', 'الماضي', 'نحو', '2500', 'جندي', 'أمس', 'الاثنين', '«', '»', '"', '(', ')', '.', '،', '\n', 'ـــ', 'ً', 'ک', 'ی', 'NATO', 'بحلول', 'مطلع', 'العام', 'القادم', 'استقبل', 'وأكد', 'إن', 'أن', ':', 'محرم', '1446', 'هـ', 'بين', 'و', '4000', 'أو', '5000', 'من', 'إلى', 'لم', 'سيتم', 'دعا', 'هجوم', 'صاروخي', '\u200f', '<script>', 'alert(1)', '&nbsp;', '%', 'ألف', 'ثلاثة', 'آلاف', 'ق.م', 'د.', '...', '؟', '!', '؛', 'ترامب', 'الرئيس', 'الأمريكي', 'وزير', 'الخارجية', 'فؤاد', 'حسين', 'بغداد', 'أربيل', '27/9/2024', '2024-09-27'];

const news = newsArticles();

/** Space and the invisible marks (LRM, RLM, ZWJ, bidi controls) that belong to no sentence. */
const blank = (s: string) => s.replace(/[\s\u200b-\u200f\u061c\u2060\u202a-\u202e\u2066-\u2069\ufeff]/g, '');

function expectTiling(text: string, sentences: { start: number; end: number }[]) {
  let prevEnd = 0;
  for (const s of sentences) {
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.end).toBeGreaterThan(s.start);
    // the gap between sentences holds only space
    expect(blank(text.slice(prevEnd, s.start))).toBe('');
    prevEnd = s.end;
  }
  expect(blank(text.slice(prevEnd))).toBe('');
}

describe('over the news corpus (../shared/corpora/news)', () => {
  it('has the corpus', () => {
    expect(news.length).toBeGreaterThan(100);
  });

  it('every span the pipeline emits is the slice it points to, and sentences tile the text', () => {
    for (const art of news) {
      const a = analyzeValid({ id: art.id, text: art.text, published: art.published });
      expectTiling(art.text, a.sentences);
      const spans = [
        ...a.entities.flatMap((e) => e.mentions),
        ...a.times,
        ...a.quantities,
        ...a.events.map((e) => e.trigger),
        ...a.quotes,
        ...a.quotes.flatMap((q) => (q.cue ? [q.cue] : [])),
      ];
      for (const s of spans) expect(art.text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('tokens and their sub-tokens point into the original text', () => {
    for (const art of news.slice(0, 100)) {
      const doc = createDoc({ text: art.text });
      for (const t of doc.tokens) {
        expect(t.end).toBeGreaterThan(t.start);
        const parts = [...t.clitics, t.stem];
        expect(parts[0].start).toBe(t.start);
        expect(parts[parts.length - 1].end).toBe(t.end);
        for (let k = 1; k < parts.length; k++) expect(parts[k].start).toBe(parts[k - 1].end);
      }
    }
  });
});

describe('over random text', () => {
  const arabicish = fc.string({
    unit: fc.constantFrom(
      ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة ًٌٍَُِّْـ.،؛؟!«»“”"()[]0123456789٠١٢٣٤٥٦٧٨٩کیۀ\n\t \u200f\u200ePXx%ﻻﺑ'.split(''),
    ),
    maxLength: 400,
  });
  it('the text layer never throws and every offset is valid', () => {
    fc.assert(
      fc.property(fc.oneof(arabicish, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
        const doc = createDoc({ text });
        expectTiling(text, doc.sentences);
        for (const t of doc.tokens) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.end).toBeLessThanOrEqual(text.length);
          expect(t.end).toBeGreaterThan(t.start);
        }
        for (const b of doc.boilerplate) expect(b.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('the whole pipeline over random news-like text', () => {
  it('never throws, and every analysis is valid (toAnalysis validates itself in tests)', () => {
    const article = fc
      .tuple(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 100 }), fc.constantFrom(' ', ''))
      .map(([parts, sep]) => parts.join(sep));
    fc.assert(
      fc.property(article, fc.option(fc.constantFrom('2025-02-05', '2021-02-16', '2024-10-30/2024-12-31')), (text, published) => {
        analyzeValid({ id: 'fuzz', text, published: published ?? null });
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
