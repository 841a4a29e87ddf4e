import { describe, expect, it } from 'vitest';
import { feedDate, looksLikeFeed, parseFeed } from './feed.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>الأناضول</title>
<item>
  <title>روته في بغداد</title>
  <link>https://example.org/a/1</link>
  <guid>aa-1</guid>
  <pubDate>Wed, 05 Feb 2025 10:00:00 +0300</pubDate>
  <description><![CDATA[<p>وصل الأمين العام لحلف شمال الأطلسي مارك روته إلى بغداد.</p><p>والتقى الرئيس العراقي.</p>]]></description>
</item>
<item>
  <title>خبر ثان</title>
  <link>https://example.org/a/2</link>
  <description>اتفقت واشنطن وبغداد على جدول زمني لإنهاء مهمة التحالف الدولي.</description>
  <content:encoded><![CDATA[<p>اتفقت واشنطن وبغداد على جدول زمني لإنهاء مهمة التحالف الدولي في العراق.</p>]]></content:encoded>
</item>
<item><title>بلا نص</title></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>عربي21</title>
<entry><id>tag:arabi21,2025:1</id><title>التحالف</title><link href="https://example.org/b/1"/>
<published>2025-09-10T23:30:00+03:00</published>
<content type="html">&lt;p&gt;ستنتهي مهام التحالف الدولي في بغداد والأنبار في أيلول/سبتمبر.&lt;/p&gt;</content></entry>
</feed>`;

describe('parseFeed', () => {
  it('reads RSS items: text from content:encoded or description, HTML to lines, local dates', () => {
    const r = parseFeed(RSS, 'news.rss');
    expect(r).toHaveLength(3);
    expect(r[0]).toMatchObject({ ok: true, article: { id: 'aa-1', title: 'روته في بغداد', url: 'https://example.org/a/1', source: 'الأناضول', published: '2025-02-05', origin: 'news.rss#1' } });
    expect(r[0].ok && r[0].article.text).toBe('وصل الأمين العام لحلف شمال الأطلسي مارك روته إلى بغداد.\nوالتقى الرئيس العراقي.');
    expect(r[1].ok && r[1].article).toMatchObject({ id: 'https://example.org/a/2', text: 'اتفقت واشنطن وبغداد على جدول زمني لإنهاء مهمة التحالف الدولي في العراق.' });
    expect(r[2]).toMatchObject({ ok: false, origin: 'news.rss#3' });
  });
  it('reads Atom entries', () => {
    const r = parseFeed(ATOM, 'feed.atom');
    expect(r).toHaveLength(1);
    expect(r[0].ok && r[0].article).toMatchObject({ id: 'tag:arabi21,2025:1', url: 'https://example.org/b/1', published: '2025-09-10', source: 'عربي21' });
    expect(r[0].ok && r[0].article.text).toContain('ستنتهي مهام التحالف');
  });
  it('refuses a document that is not a feed', () => {
    expect(() => parseFeed('<html><body>x</body></html>', 'page.xml')).toThrow(/E_FEED|not a readable/);
  });
  it.each([
    ['Wed, 05 Feb 2025 23:30:00 +0300', '2025-02-05'],
    ['2025-09-10T23:30:00+03:00', '2025-09-10'],
    ['5 Sep 2024', '2024-09-05'],
    ['not a date', null],
  ])('feedDate(%s) = %s', (v, d) => expect(feedDate(v)).toBe(d));
  it('sniffs feeds', () => {
    expect(looksLikeFeed('<?xml version="1.0"?><rss version="2.0">')).toBe(true);
    expect(looksLikeFeed('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(looksLikeFeed('<?xml version="1.0"?><svg>')).toBe(false);
  });
});
