import { describe, expect, it } from 'vitest';
import { normalize, normalizeString, toNormalized, toOriginal } from './normalize.js';

describe('normalizeString', () => {
  it.each([
    ['diacritics', 'مُحَمَّدٌ', 'محمد'],
    ['tatweel', 'العـــراق', 'العراق'],
    ['alef with hamza above', 'أكد', 'اكد'],
    ['alef with hamza below', 'إسبانيا', 'اسبانيا'],
    ['alef madda', 'آذار', 'اذار'],
    ['alef wasla', 'ٱلله', 'الله'],
    ['alef maqsura', 'على', 'علي'],
    ['ta marbuta', 'الحكومة العراقية', 'الحكومه العراقيه'],
    ['hamza on waw', 'مؤتمر', 'موتمر'],
    ['hamza on ya', 'رئيس', 'رييس'],
    ['Persian kaf and ya', 'کردستان یک', 'كردستان يك'],
    ['Persian heh with hamza', 'خانۀ', 'خانه'],
    ['Urdu heh goal', 'ہند', 'هند'],
    ['Persian gaf, peh, cheh', 'گروپ چای', 'كروب جاي'],
    ['Arabic-Indic digits', '٢٠٢٥', '2025'],
    ['Persian digits', '۱۴۰۳', '1403'],
    ['Arabic thousands separator', '٢٬٥٠٠', '2,500'],
    ['Arabic decimal separator', '٣٫٥', '3.5'],
    ['guillemets', '«الناتو»', '"الناتو"'],
    ['curly quotes', '“ستتوسع”', '"ستتوسع"'],
    ['Latin capitals', 'NATO', 'nato'],
    ['no-break space', 'نحو\u00a02500', 'نحو 2500'],
    ['RLM and ZWNJ dropped', 'بغداد\u200f\u200c', 'بغداد'],
    ['lam-alef ligature', 'ﻻ', 'لا'],
    ['presentation forms', 'ﺑﻐﺪاد', 'بغداد'],
    ['mixed RTL/LTR', 'بعثة NATO في العراق', 'بعثه nato في العراق'],
  ])('%s: %s → %s', (_name, input, expected) => {
    expect(normalizeString(input)).toBe(expected);
  });
});

describe('normalize keeps a map back to the original', () => {
  it.each([
    ['مُحَمَّدٌ شِيَاعٌ السُّودَانِيُّ', 'شياع'],
    ['العـــراق وحلف شمال الأطلسي', 'حلف'],
    ['في ٢٧ سبتمبر/ أيلول', '27'],
    ['ﺑﻐﺪاد عاصمة', 'عاصمه'],
    ['قال:\u200f «نحو ٢٬٥٠٠ جندي»', '2,500'],
  ])('%s: finds %s and maps it back', (text, needle) => {
    const n = normalize(text);
    expect(n.toOrig.length).toBe(n.text.length + 1);
    const at = n.text.indexOf(needle);
    expect(at).toBeGreaterThanOrEqual(0);
    const { start, end } = toOriginal(n, text, at, at + needle.length);
    expect(normalizeString(text.slice(start, end))).toBe(needle);
    expect(toNormalized(n, start)).toBe(at);
  });

  it('takes a word’s trailing diacritics into its span, not the following space', () => {
    const text = 'السُّودَانِيُّ قال';
    const n = normalize(text);
    const { start, end } = toOriginal(n, text, 0, n.text.indexOf(' '));
    expect(text.slice(start, end)).toBe('السُّودَانِيُّ');
  });

  it('survives long runs of diacritics and tatweel', () => {
    const text = 'ب' + 'ـ'.repeat(5000) + 'َ'.repeat(5000) + 'غداد';
    const n = normalize(text);
    expect(n.text).toBe('بغداد');
    expect(n.toOrig[1]).toBe(10001);
  });
});
