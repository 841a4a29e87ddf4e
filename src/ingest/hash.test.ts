import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, sentenceHashes, simhash } from './hash.js';

const seed = fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/corpora/seeds/001_c409ea6c0fbed91a.txt'), 'utf8');
const other = fs.readFileSync(path.resolve(import.meta.dirname, '../../../shared/corpora/seeds/004_dd8d8cd0ba8ee6f5.txt'), 'utf8');
const bits = (a: string, b: string) => [...(BigInt('0x' + a) ^ BigInt('0x' + b)).toString(2)].filter((c) => c === '1').length;

describe('fingerprints', () => {
  it('content hash: same input, same hash; any change, another', () => {
    expect(contentHash({ text: seed })).toBe(contentHash({ text: seed }));
    expect(contentHash({ text: seed })).not.toBe(contentHash({ text: seed + ' ' }));
    expect(contentHash({ text: seed, published: '2025-02-05' })).not.toBe(contentHash({ text: seed }));
  });
  it('SimHash: a republished copy with small edits is a few bits away; another story is far', () => {
    const edited = seed.replace('الأربعاء', 'اليوم').replace('وكالة الأناضول', 'وكالة الأنباء') + '\nالمصدر: وكالات';
    expect(bits(simhash(seed), simhash(edited))).toBeLessThanOrEqual(6);
    expect(bits(simhash(seed), simhash(other))).toBeGreaterThan(12);
    expect(simhash('تشكيل')).toMatch(/^[0-9a-f]{16}$/);
  });
  it('sentence hashes ignore diacritics and punctuation', () => {
    const a = sentenceHashes('قال الوزير إن المفاوضات مع الجانب الأمريكي مستمرة منذ أشهر.', [{ start: 0, end: 59 }]);
    const b = sentenceHashes('قالَ الوزيرُ: إنّ المفاوضات مع الجانب الأمريكي مستمرة منذ أشهر', [{ start: 0, end: 63 }]);
    expect(a).toHaveLength(1);
    expect(a).toEqual(b);
    expect(sentenceHashes('جملة قصيرة', [{ start: 0, end: 10 }])).toEqual([]);
  });
});
