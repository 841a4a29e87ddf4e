// Hostile input (issue 9): each nasty case (test/hostile/cases.ts) goes through the readers and
// the whole pipeline. No exception escapes: a case is either refused with a catalogued error that
// names the file, or analysed into a valid marsad.analysis/1 whose every offset points into the
// text (analyzeValid). The 10 MB article runs through the text layer here and through the whole
// pipeline in the linearity benchmark (bench/linearity.ts), which checks that time grows no
// faster than linearly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMarsadError } from '../src/errors.js';
import { readArticles } from '../src/input/index.js';
import { createDoc } from '../src/text/index.js';
import { analyzeValid } from './helpers.js';
import { hostileCases } from './hostile/cases.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-hostile-'));
const cases = hostileCases();

describe('hostile input through the readers and the pipeline', () => {
  it.each(cases.filter((c) => !c.large).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const file = path.join(tmp, c.file);
    fs.writeFileSync(file, c.bytes);
    let read = 0;
    let refused = 0;
    for await (const r of readArticles(file)) {
      if (!r.ok) {
        refused++;
        expect(isMarsadError(r.error)).toBe(true);
        expect(r.error.message).toContain(c.file);
        continue;
      }
      read++;
      const a = analyzeValid(r.article);
      expect(a.sentences.length).toBeGreaterThan(0);
    }
    expect(read + refused).toBeGreaterThan(0);
    // what each case must come to
    if (c.file === 'random.txt' || c.file === 'empty.txt') expect(read).toBe(0);
    if (c.file === 'junk.jsonl') {
      expect(read).toBe(2); // ok-1 and ok-2; the broken, null, [], text-less and binary lines refused by line
      expect(refused).toBe(5);
    }
    if (['invalid-utf8.txt', 'mixed.txt', 'diacritics.txt', 'tatweel.txt', 'quotes.txt', 'nested.html', 'unclosed.html', 'cp1256.txt'].includes(c.file)) expect(read).toBe(1);
  });

  it('the committed fixtures (test/fixtures/hostile) are the cases as generated', () => {
    const dir = path.resolve(import.meta.dirname, 'fixtures/hostile');
    for (const c of cases.filter((x) => !x.large)) expect(fs.readFileSync(path.join(dir, c.file)).equals(c.bytes), c.file).toBe(true);
  });

  it('finds the facts inside the noise', () => {
    const get = (f: string) => cases.find((c) => c.file === f)!.bytes.toString('utf8');
    const mixed = analyzeValid({ id: 'mixed', text: get('mixed.txt') });
    expect(mixed.times.map((t) => t.value)).toContain('2024-09-27');
    const quotes = analyzeValid({ id: 'quotes', text: get('quotes.txt'), published: '2025-01-10' });
    expect(quotes.entities.some((e) => e.kb === 'mohammed-shia-al-sudani')).toBe(true);
    expect(quotes.quantities.some((q) => q.value === 2500)).toBe(true);
    const tatweel = analyzeValid({ id: 'tatweel', text: get('tatweel.txt') });
    expect(tatweel.entities.some((e) => e.kb === 'nato')).toBe(true);
  });

  it('a 1 MB line and a 10 MB article go through the text layer with valid offsets', () => {
    for (const c of cases.filter((x) => x.large)) {
      const text = c.bytes.toString('utf8');
      const doc = createDoc({ id: c.file, text });
      expect(doc.sentences.length).toBeGreaterThan(0);
      // plain comparisons (an expect per sentence would cost more than the text layer)
      let prev = 0;
      let bad = 0;
      for (const s of doc.sentences) {
        if (s.start < prev || s.end <= s.start || s.end > text.length) bad++;
        prev = s.end;
      }
      for (const t of doc.tokens) if (t.end <= t.start || t.end > text.length) bad++;
      expect(bad).toBe(0);
    }
  });

  it('a 200 kB line goes through the whole pipeline (the 1 MB one runs in bench/linearity.ts)', () => {
    const c = cases.find((x) => x.file === 'line-1mb.txt')!;
    const a = analyzeValid({ id: 'line', text: c.bytes.toString('utf8').slice(0, 200_000), published: '2025-01-10' });
    expect(a.entities.length).toBeGreaterThan(0);
  });
});
