import { describe, expect, it } from 'vitest';
import { createDoc } from './index.js';
import { formHash } from './forms.js';
import { analyseClitics } from './tokens.js';

const split = (w: string) => {
  const { parts, stemAt } = analyseClitics(w);
  return [...parts.map((p) => p.norm), w.slice(stemAt)].join('+');
};

describe('proclitics', () => {
  it.each([
    ['وقال', 'و+قال'],
    ['والعراق', 'و+ال+عراق'],
    ['بالعراق', 'ب+ال+عراق'],
    ['للقوات', 'ل+ال+قوات'],
    ['وللقوات', 'و+ل+ال+قوات'],
    ['الناتو', 'ال+ناتو'],
    ['وبغداد', 'و+بغداد'],
    ['فالحكومة'.replace('ة', 'ه'), 'ف+ال+حكومه'],
    ['سيتم', 'سيتم'], // future س only after a conjunction here: «سيتم» is kept whole
    ['وسيتم', 'و+س+يتم'],
    ['بما', 'ب+ما'],
    // not clitics
    ['وزير', 'وزير'],
    ['بغداد', 'بغداد'],
    ['لبنان', 'لبنان'],
    ['فرنسا', 'فرنسا'],
    ['بريطانيا', 'بريطانيا'],
    ['كانون', 'كانون'],
    ['كما', 'كما'],
    ['فقط', 'فقط'],
    ['التي', 'التي'],
    ['الي', 'الي'], // إلى
    ['الف', 'الف'], // ألف
    ['والده', 'والده'],
  ])('%s → %s', (word, expected) => {
    expect(split(word)).toBe(expected);
  });
});

describe('tokens', () => {
  it('splits punctuation off words and keeps original offsets', () => {
    const text = 'بحث العراق وحلف شمال الأطلسي "ناتو"، الأربعاء.';
    const doc = createDoc({ text });
    expect(doc.tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'بحث', 'العراق', 'وحلف', 'شمال', 'الأطلسي', '"', 'ناتو', '"', '،', 'الأربعاء', '.',
    ]);
    const wahalf = doc.tokens[2];
    expect(wahalf.clitics.map((c) => text.slice(c.start, c.end))).toEqual(['و']);
    expect(text.slice(wahalf.stem.start, wahalf.stem.end)).toBe('حلف');
  });

  it('keeps diacritics and tatweel inside the token span', () => {
    const text = 'وَقَالَ السُّودَانِيُّ إنَّ العـــراق';
    const doc = createDoc({ text });
    expect(doc.tokens.map((t) => text.slice(t.start, t.end))).toEqual(['وَقَالَ', 'السُّودَانِيُّ', 'إنَّ', 'العـــراق']);
    expect(doc.tokens.map((t) => t.norm)).toEqual(['وقال', 'السوداني', 'ان', 'العراق']);
    expect(text.slice(doc.tokens[0].stem.start, doc.tokens[0].stem.end)).toBe('قَالَ');
  });

  it.each([
    ['نحو 2,500 جندي', ['نحو', '2,500', 'جندي'], ['word', 'number', 'word']],
    ['نحو ٢٥٠٠ جندي', ['نحو', '٢٥٠٠', 'جندي'], ['word', 'number', 'word']],
    ['منصة X و NATO', ['منصة', 'X', 'و', 'NATO'], ['word', 'latin', 'word', 'latin']],
    ['نسبة 5% فقط', ['نسبة', '5', '%', 'فقط'], ['word', 'number', 'symbol', 'word']],
    ['عربي21', ['عربي', '21'], ['word', 'number']],
  ])('%s', (text, forms, kinds) => {
    const doc = createDoc({ text });
    expect(doc.tokens.map((t) => text.slice(t.start, t.end))).toEqual(forms);
    expect(doc.tokens.map((t) => t.kind)).toEqual(kinds);
  });

  it('gives each token its sentence', () => {
    const doc = createDoc({ text: 'جملة أولى. جملة ثانية؟\nسطر ثالث' });
    expect(doc.tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });
});

describe('Token.hash: the hash of an Arabic word, taken as the tokenizer reads it', () => {
  it.each([
    ['وقال الرئيس الأمريكي دونالد ترامب، أمس الاثنين، إن المحادثات ستُستأنف في سبتمبر/ أيلول 2025.'],
    ['أعلنت الوزارةُ صرفَ 2,500 دينار خلال 3 أشهر ﻻ أكثر (covid19).'],
  ])('%s', (text) => {
    const doc = createDoc({ text });
    for (const t of doc.tokens) expect(t.hash).toBe(t.kind === 'word' ? formHash(t.norm) : 0);
    // the same word gets the same hash wherever it is; different words differ here
    const byWord = new Map(doc.tokens.filter((t) => t.kind === 'word').map((t) => [t.norm, t.hash]));
    expect(new Set(byWord.values()).size).toBe(byWord.size);
  });
});
