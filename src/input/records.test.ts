import { describe, expect, it } from 'vitest';
import { fileStem, recordToArticle } from './records.js';

const TEXT = 'بحث العراق وحلف شمال الأطلسي "ناتو"، الأربعاء، توسيع التعاون الثنائي بين الجانبين.';

describe('recordToArticle', () => {
  it.each([
    ['text and id', { id: 'a1', text: TEXT }, { id: 'a1', text: TEXT, published: null }],
    ['a numeric id', { id: 7, text: TEXT }, { id: '7' }],
    ['no id: a hash of the text', { text: TEXT }, { id: expect.stringMatching(/^[0-9a-f]{16}$/) }],
    ['an ISO timestamp', { text: TEXT, published: '2024-10-30T14:05:00+03:00' }, { published: '2024-10-30' }],
    ['a null date', { text: TEXT, published: null }, { published: null }],
    ['metadata', { text: TEXT, title: ' العنوان ', url: 'https://x.org/1', source: 'الأناضول' }, { title: 'العنوان', url: 'https://x.org/1', source: 'الأناضول' }],
    ['html', { html: `<nav>القائمة</nav><p>${TEXT}</p>`, title: 'عنوان' }, { text: TEXT, title: 'عنوان' }],
    ['text preferred to html', { text: TEXT, html: '<p>غيره</p>' }, { text: TEXT }],
  ])('%s', (_, rec, expected) => {
    expect(recordToArticle(rec, 'f.jsonl:1')).toMatchObject({ ...expected, origin: 'f.jsonl:1' });
  });

  it.each([
    ['an array', [TEXT], 'found an array'],
    ['a string', TEXT, 'found a string'],
    ['no text', { id: 'x' }, 'neither "text" nor "html"'],
    ['empty text', { id: 'x', text: '  ' }, 'no article text'],
    ['html with no text', { html: '<script>x</script>' }, 'no article text'],
    ['a numeric text', { text: 5 }, '"text" must be a string'],
    ['an object id', { id: {}, text: TEXT }, '"id" must be a string or a number'],
    ['a bad date', { text: TEXT, published: '30/10/2024' }, '"published": not a date'],
    ['an impossible date', { text: TEXT, published: '2023-02-29' }, '"published": not a date'],
    ['a numeric date', { text: TEXT, published: 20241030 }, '"published": not a date'],
    ['a numeric title', { text: TEXT, title: 1 }, '"title" must be a string'],
  ])('refuses %s, naming the origin', (_, rec, why) => {
    expect(() => recordToArticle(rec, 'f.jsonl:9')).toThrow(`f.jsonl:9`);
    expect(() => recordToArticle(rec, 'f.jsonl:9')).toThrow(why);
  });
});

describe('fileStem', () => {
  it.each([
    ['corpora/seeds/001_c409ea6c0fbed91a.txt', '001_c409ea6c0fbed91a'],
    ['a/b/feed.jsonl.gz', 'feed'],
    ['page.HTML', 'page'],
    ['noext', 'noext'],
  ])('%s → %s', (p, stem) => expect(fileStem(p)).toBe(stem));
});
