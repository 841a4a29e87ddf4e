import { describe, expect, it } from 'vitest';
import { timexInterval } from '../corpus/time.js';
import { period } from './store-format.js';

describe('period: a TIMEX3 value in a CLI table', () => {
  it.each([
    ['2025-09', null, '2025-09'],
    ['2025-09-27', null, '2025-09-27'],
    ['2014', 'END', '2014 END'],
    // a decade is not the year 195
    ['195', null, '1950-01-01..1959-12-31'],
    ['197', 'END', '1970-01-01..1979-12-31 END'],
  ])('%s %s → %s', (value, mod, want) => {
    expect(period(value, timexInterval(value), mod)).toBe(want);
  });
  it('no value: the interval, or a dash', () => {
    expect(period(null, { from: '2025-02-05', to: '2025-02-05' })).toBe('2025-02-05');
    expect(period(null, null)).toBe('—');
  });
});
