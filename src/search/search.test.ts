import { describe, expect, it } from 'vitest';
import { parseQuery, searchBody, snippet, stemWord } from './index.js';

describe('stemWord', () => {
  it.each([
    ['الاتفاقات', 'الاتفاق'],
    ['الاتفاقيات', 'اتفاقية'],
    ['واتفاقاتها', 'الاتفاق'],
    ['الاتِّفاقُ', 'الاتفاق'],
    ['للقوات', 'القوات'],
    ['والقوات', 'قوات'],
    ['الاجتماعات', 'اجتماع'],
    ['وزيرة', 'الوزير'],
    ['الإنسحاب', 'انسحاب'],
    ['أمريكا', 'امريكا'],
  ])('%s and %s share a stem', (a, b) => {
    expect(stemWord(a)).toBe(stemWord(b));
  });
  it.each([
    ['بغداد', 'بغداد'],
    ['سوريا', 'سوريا'],
    ['عمان', 'عمان'],
    ['إيران', 'ايران'],
    ['وبغداد', 'بغداد'],
    ['واشنطن', 'واشنطن'],
  ])('knowledge-base name %s keeps its ending (%s)', (w, stem) => {
    expect(stemWord(w)).toBe(stem);
  });
  it('leaves Latin words and numbers alone (lower-cased)', () => {
    expect(stemWord('NATO')).toBe('nato');
    expect(stemWord('2025')).toBe('2025');
    expect(stemWord('٢٠٢٥')).toBe('2025');
  });
});

describe('searchBody and parseQuery', () => {
  it('index and query agree', () => {
    const body = searchBody('وقّعت الحكومتان الاتفاقيات الأمنية في بغداد.');
    const q = parseQuery('الاتفاقية الامنيه بغداد');
    for (const s of q.stems) expect(body.split(' ')).toContain(s);
  });
  it.each([
    ['في من على', null],
    ['الاتفاق', '"اتفاق"'],
    ['"بعثة الناتو"', '"بعثه ناتو"'],
    ['«بعثة الناتو» أو التحالف', '("بعثه ناتو" OR "تحالف")'],
    ['العراق -سوريا', '"عراق" NOT "سوريا"'],
  ])('%s → %s', (q, match) => {
    expect(parseQuery(q).match).toBe(match);
  });
  it('never lets FTS5 syntax through', () => {
    for (const q of ['a" OR * NEAR(', 'col:word ^x', '(((', 'AND OR NOT'])
      expect(parseQuery(q).match ?? '').toMatch(/^(?:\(|\)|"[^"]*"|\s|AND|OR|NOT)*$/);
  });
});

describe('snippet', () => {
  it('marks the first word whose stem matches, in the original spelling', () => {
    const text = 'قال الوزير إن الاتفاقات الأمنية مع واشنطن ما زالت سارية.';
    const s = snippet(text, [stemWord('الاتفاق')])!;
    expect(s.text).toContain('[الاتفاقات]');
    expect(text.slice(s.start, s.end)).toBe('الاتفاقات');
  });
});
