// The stages match words of the normalised text (src/text/normalize.ts: أ/إ/آ → ا, ى → ي, ة → ه,
// ئ → ي, ؤ → و …). A word list written in the code must be spelt that way, or built through the
// normaliser: «الرئيس», «فصائل», «إلى» in a plain `new Set([...])` never match «الرييس», «فصايل»,
// «الي», and nothing says so (session 6 found a dozen such dead entries in the event, quote and
// time stages). This reads every stage's source and checks each Arabic word of a literal set.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeString } from '../src/text/normalize.js';

const STAGES = path.join(import.meta.dirname, '..', 'src', 'stages');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') && !d.name.includes('test') ? [p] : [];
  });
}

/** Arabic words of `new Set([...])` literals not passed through a normaliser (`].map(…)`). */
function unnormalisedSetWords(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/new Set(?:<[^>]*>)?\(\[([^\]]*)\]\)?(\.map\()?/g)) {
    if (m[2]) continue;
    for (const w of m[1].matchAll(/'([^']*)'/g)) {
      const s = w[1];
      if (/[\u0621-\u064a]/.test(s) && normalizeString(s) !== s) out.push(s);
    }
  }
  return out;
}

describe('word lists in the stages are spelt as the normalised text is', () => {
  it('the check finds a raw spelling, and passes a normalised or mapped one', () => {
    expect(unnormalisedSetWords("const A = new Set(['الرئيس', 'وزير']);")).toEqual(['الرئيس']);
    expect(unnormalisedSetWords("const A = new Set(['الرئيس', 'إلى'].map(normalizeString));")).toEqual([]);
    expect(unnormalisedSetWords("const A = new Set<string>(['الرييس', 'الي', ' ']);")).toEqual([]);
  });
  const files = sources(STAGES);
  it('reads the stages', () => expect(files.length).toBeGreaterThan(20));
  it.each(files.map((f) => [path.relative(STAGES, f), f]))('%s', (_name, file) => {
    expect(unnormalisedSetWords(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
});
