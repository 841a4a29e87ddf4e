// Counted nouns of the web UI (web/src/plural.ts): Arabic's number agreement, English's s.
import { describe, expect, it } from 'vitest';
import { countNoun } from '../web/src/plural.js';

const arNum = (n: number) => new Intl.NumberFormat('ar-u-nu-latn').format(n);

describe('countNoun', () => {
  it.each([
    [0, 'source', '0 مصادر'],
    [1, 'source', 'مصدر واحد'],
    [2, 'source', 'مصدران'],
    [3, 'source', '3 مصادر'],
    [10, 'event', '10 أحداث'],
    [11, 'event', '11 حدثًا'],
    [50, 'event', '50 حدثًا'],
    [99, 'article', '99 مقالًا'],
    [100, 'article', '100 مقال'],
    [103, 'article', '103 مقالات'],
    [111, 'mention', '111 إشارة'],
    [1, 'mention', 'إشارة واحدة'],
    [2, 'mention', 'إشارتان'],
    [2, 'day', 'يومين'],
    [7, 'day', '7 أيام'],
    [30, 'day', '30 يومًا'],
    [1200, 'event', '1,200 حدث'],
  ] as const)('Arabic: %i %s → %s', (n, noun, want) => {
    expect(countNoun('ar', n, noun, arNum)).toBe(want);
  });

  it.each([
    [0, 'source', '0 sources'],
    [1, 'source', '1 source'],
    [2, 'day', '2 days'],
    [1, 'mention', '1 mention'],
  ] as const)('English: %i %s → %s', (n, noun, want) => {
    expect(countNoun('en', n, noun)).toBe(want);
  });
});
