// Nasty inputs (issue 9), made deterministically: the small ones are also written to
// test/fixtures/hostile/ by `npx tsx test/hostile/cases.ts --write` so they can be read and
// replayed by hand; the large ones (a 10 MB article, a 1 MB line) are only built in memory.
import fs from 'node:fs';
import path from 'node:path';
// the project's seeded PRNG (mulberry32): the same bytes every run
import { rng } from '../../src/stages/ner/train.js';

export { rng };

const NEWS_SENTENCE = 'قال رئيس الوزراء العراقي محمد شياع السوداني، أمس الاثنين، إن نحو 2500 جندي أمريكي سيغادرون العراق بحلول سبتمبر/ أيلول 2025. ';

export interface HostileCase {
  name: string;
  /** The file name it is read as (the extension picks the reader). */
  file: string;
  bytes: Buffer;
  /** Large: built in memory, never written to the fixtures folder. */
  large?: boolean;
}

export function hostileCases(): HostileCase[] {
  const r = rng(7);
  const utf8 = (s: string) => Buffer.from(s, 'utf8');
  const randomBytes = Buffer.alloc(4096);
  for (let i = 0; i < randomBytes.length; i++) randomBytes[i] = Math.floor(r() * 256);
  // valid Arabic with invalid UTF-8 sequences spliced in (lone continuation bytes, overlongs, surrogates)
  const invalid = Buffer.concat([utf8('قال الوزير '), Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf8, 0x88]), utf8(' إن الاتفاق تم في بغداد.\n')]);
  const mixed =
    'قال NATO spokesman \u202eتم\u202c الاتفاق في Бағдад و בגדד و 巴格达 😀🇮🇶 يوم ٢٧/٩/٢٠٢٤ \u200f(2024-09-27)\u200e، وأضاف: «الناتو‎ NATO ‏باقٍ». ' +
    'ﻻ ﷲ ﷺ ﭖ ﮐ ی ک ۲۰۲۵ ۱۴۴۶ هـ. ';
  const diacritics = 'قال ' + 'بَِّْ'.repeat(2500) + ' الوزير إن ' + '\u0651'.repeat(10_000) + ' الاتفاق تم.\n';
  const tatweel = 'الـ' + 'ـ'.repeat(100_000) + 'ناتو قال إن القوات ستغادر.\n';
  const quotes = '«'.repeat(500) + 'قال الوزير: "الاتفاق ' + '“'.repeat(300) + ' تم في بغداد ' + '»'.repeat(7) + ' وأضاف: «' + NEWS_SENTENCE.repeat(20) + '\n';
  let nested = '<html><body>';
  for (let i = 0; i < 20_000; i++) nested += i % 3 ? '<div>' : '<span>';
  nested += `<p>${NEWS_SENTENCE}</p><script>alert(1)</script>`;
  const unclosed = '<html><body><p>' + NEWS_SENTENCE + '<table><tr><td>' + '<b><i><u>'.repeat(3000) + NEWS_SENTENCE + '<!-- ' + '&amp;&#x0;&#xD800;&lt;'.repeat(500);
  const cp1256 = Buffer.from([0xe1, 0xc7, 0x20, 0xe3, 0xcd, 0xc7, 0xe1, 0x20, 0xdf, 0xe1, 0xc7, 0xe3, 0x20, 0xc7, 0xe1, 0xe6, 0xe2, 0xed, 0xd1, 0x2e, 0x0a]);
  const jsonlJunk = utf8(
    [JSON.stringify({ id: 'ok-1', text: NEWS_SENTENCE }), '{"id": "broken", "text": "قال', 'null', '[]', JSON.stringify({ id: 'no-text' }), JSON.stringify({ id: 'ok-2', html: `<p>${NEWS_SENTENCE}</p>` }), '\u0000\u0001'].join('\n'),
  );
  const line1mb = NEWS_SENTENCE.replace(/[.،]/g, '').repeat(Math.ceil(1_000_000 / NEWS_SENTENCE.length)).slice(0, 1_000_000);
  let big = '';
  const paras = [NEWS_SENTENCE, 'وأكد الأمين العام لحلف شمال الأطلسي مارك روته خلال لقائه السوداني في بغداد أن الحلف سيواصل مهمة التدريب. ', 'وتعرضت قاعدة عين الأسد لهجوم بطائرة مسيرة يوم 5 يناير/ كانون الثاني 2024 دون وقوع إصابات. '];
  while (big.length < 10_000_000) big += paras[Math.floor(r() * paras.length)] + (r() < 0.2 ? '\n\n' : '');
  return [
    { name: 'random bytes', file: 'random.txt', bytes: randomBytes },
    { name: 'invalid UTF-8', file: 'invalid-utf8.txt', bytes: invalid },
    { name: 'mixed scripts and bidi controls', file: 'mixed.txt', bytes: utf8(mixed) },
    { name: 'long runs of diacritics', file: 'diacritics.txt', bytes: utf8(diacritics) },
    { name: '100,000 tatweel', file: 'tatweel.txt', bytes: utf8(tatweel) },
    { name: 'unbalanced quotes', file: 'quotes.txt', bytes: utf8(quotes) },
    { name: 'deeply nested HTML', file: 'nested.html', bytes: utf8(nested) },
    { name: 'unclosed HTML and bad entities', file: 'unclosed.html', bytes: utf8(unclosed) },
    { name: 'windows-1256 bytes', file: 'cp1256.txt', bytes: cp1256 },
    { name: 'JSON Lines with junk lines', file: 'junk.jsonl', bytes: jsonlJunk },
    { name: 'empty', file: 'empty.txt', bytes: Buffer.alloc(0) },
    { name: 'only whitespace and marks', file: 'blank.txt', bytes: utf8(' \n\t\u200f\u200e\ufeff\u00a0\n') },
    { name: 'one 1 MB line', file: 'line-1mb.txt', bytes: utf8(line1mb), large: true },
    { name: 'a 10 MB article', file: 'article-10mb.txt', bytes: utf8(big), large: true },
  ];
}

if (process.argv.includes('--write')) {
  const dir = path.resolve(import.meta.dirname, '../fixtures/hostile');
  fs.mkdirSync(dir, { recursive: true });
  for (const c of hostileCases()) if (!c.large) fs.writeFileSync(path.join(dir, c.file), c.bytes);
  console.log(`wrote ${dir}`);
}
