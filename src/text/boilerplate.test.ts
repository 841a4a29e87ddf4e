import { describe, expect, it } from 'vitest';
import { findBoilerplate } from './boilerplate.js';

const marked = (text: string) => findBoilerplate(text).ranges.map((r) => [r.kind, text.slice(r.start, r.end)]);

describe('boilerplate', () => {
  it.each([
    ['comment widget', 'نص الخبر هنا.\nاضف تعليق', [['comments', 'اضف تعليق']]],
    ['comment count', 'نص الخبر هنا.\nالتعليقات (0)', [['comments', 'التعليقات (0)']]],
    ['breaking-news label', 'نص الخبر هنا.\nخبر عاجل', [['furniture', 'خبر عاجل']]],
    ['related news', 'نص الخبر هنا.\nاظهار أخبار متعلقة\nعنوان آخر', [['related', 'اظهار أخبار متعلقة']]],
    ['with diacritics and tatweel', 'نص.\nأضِفْ تعليـــق', [['comments', 'أضِفْ تعليـــق']]],
    [
      'a caption printed twice: the copy',
      'عنوان\nالسفارة الأمريكية في العراق أعلنت تحول مهام التحالف- واع\nالسفارة الأمريكية في العراق أعلنت تحول مهام التحالف- واع\nنص',
      [['caption', 'السفارة الأمريكية في العراق أعلنت تحول مهام التحالف- واع']],
    ],
    ['agency footer', 'نص.\nالأخبار المنشورة على الصفحة الرسمية لوكالة الأناضول، هي اختصار لجزء من الأخبار.', [['footer', 'الأخبار المنشورة على الصفحة الرسمية لوكالة الأناضول، هي اختصار لجزء من الأخبار.']]],
    ['nothing in a plain story', 'قال مسؤولون إن وزراء دفاع الناتو يعتزمون توسيع المهمة.\nوأضاف أن ذلك سيتم قريبا.', []],
    ['a sentence mentioning comments is not furniture', 'رفض الوزير اضافة تعليق على الخبر في المؤتمر الصحفي.', []],
  ])('%s', (_name, text, expected) => {
    expect(marked(text)).toEqual(expected);
  });

  it.each([
    ['ليث الجنيدي/ الأناضول\nبحث العراق وحلف شمال الأطلسي', 'Anadolu', 'ليث الجنيدي/ الأناضول'],
    ['بغداد - رويترز\nقال مسؤولون', 'Reuters', 'بغداد - رويترز'],
    ['واشنطن (أ ف ب) - أعلنت الولايات المتحدة', 'AFP', 'واشنطن (أ ف ب) -'],
    ['بغداد/ واع\nأعلن المتحدث', 'INA', 'بغداد/ واع'],
  ])('byline %#: source %s', (text, source, span) => {
    const r = findBoilerplate(text);
    expect(r.source).toBe(source);
    expect(r.ranges.filter((x) => x.kind === 'byline').map((x) => text.slice(x.start, x.end))).toEqual([span]);
  });

  it('leaves the text itself untouched', () => {
    const text = 'ليث الجنيدي/ الأناضول\nنص\nاضف تعليق';
    const copy = String(text);
    findBoilerplate(text);
    expect(text).toBe(copy);
  });
});
