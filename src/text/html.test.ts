import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockText, extractHtml, isoDatePart } from './html.js';
import { parseHTML } from 'linkedom';

const PAGE = readFileSync('test/fixtures/input/article.html', 'utf8');

describe('extractHtml on a news page', () => {
  const a = extractHtml(PAGE, 'article.html');

  it('finds title, dateline, outlet and canonical URL', () => {
    expect(a.title).toBe('العراق والناتو يبحثان توسيع التعاون الثنائي');
    expect(a.published).toBe('2024-10-30');
    expect(a.source).toBe('الأناضول');
    expect(a.url).toBe('https://www.aa.com.tr/ar/iraq-nato/3456789');
  });

  it('keeps the paragraphs, one per line, whitespace collapsed, entities decoded', () => {
    const lines = a.text.split('\n');
    expect(lines[0]).toBe(
      'بحث العراق وحلف شمال الأطلسي "ناتو"، الأربعاء، توسيع التعاون الثنائي بين الجانبين، وتطوير القدرات العسكرية للقوات العراقية.',
    );
    expect(lines).toContain(
      'جاء ذلك خلال لقاءين منفصلين للرئيس العراقي عبد اللطيف رشيد ورئيس الوزراء محمد شياع السوداني، في العاصمة بغداد، مع أمين عام حلف الناتو، مارك روته.',
    );
    expect(a.text).toContain('على حسابها بمنصة "إكس"'); // &nbsp; became a space
    expect(a.text).not.toMatch(/[ \t\u00a0]{2}|^ | $/m);
  });

  it.each([
    ['a script', 'نص من سكربت'],
    ['a script in <head>', 'اشترك الآن'],
    ['the tracking script', 'تتبع الزوار'],
    ['the style sheet', 'font-family'],
    ['the navigation', 'اقتصاد'],
    ['the related-news list', 'تركيا والعراق يوقعان'],
    ['the comments', 'تعليق القارئ'],
    ['the comment form', 'إرسال'],
    ['the share buttons', 'واتساب'],
    ['the footer', 'جميع الحقوق محفوظة'],
    ['JSON-LD', 'schema.org'],
  ])('leaves out %s', (_, needle) => {
    expect(a.text).not.toContain(needle);
  });
});

describe('extractHtml metadata', () => {
  it.each([
    [
      'JSON-LD @graph',
      '<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","datePublished":"2025-02-05T08:00:00Z","headline":"عنوان الخبر"}]}</script><p>نص</p>',
      { published: '2025-02-05', title: 'عنوان الخبر' },
    ],
    [
      'a JSON-LD array with a publisher',
      '<script type="application/ld+json">[{"@type":"Organization","name":"o"},{"@type":["NewsArticle"],"datePublished":"2024-01-17","publisher":{"@type":"Organization","name":"الشرق الأوسط"}}]</script><p>نص</p>',
      { published: '2024-01-17', source: 'الشرق الأوسط' },
    ],
    [
      'JSON-LD with raw newlines in strings',
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"سطر\nثان","datePublished":"2023-12-31"}</script><p>نص</p>',
      { published: '2023-12-31' },
    ],
    ['<time datetime>', '<article><h1>عنوان</h1><time datetime="2024-08-05T10:00">5 أغسطس</time><p>نص</p></article>', { published: '2024-08-05', title: 'عنوان' }],
    ['<time pubdate> before others', '<time datetime="2020-01-01">قديم</time><time pubdate datetime="2024-03-04">جديد</time><p>نص</p>', { published: '2024-03-04' }],
    ['a date meta', '<meta name="pubdate" content="2022/7/9"><p>نص</p>', { published: '2022-07-09' }],
    ['an impossible date', '<meta property="article:published_time" content="2024-02-30"><p>نص</p>', { published: null }],
    ['og:url without canonical', '<meta property="og:url" content="https://example.org/a"><p>نص</p>', { url: 'https://example.org/a' }],
    ['<title> minus the site name', '<meta property="og:site_name" content="الجزيرة نت"><title>السوداني يلتقي روته | الجزيرة نت</title><p>نص</p>', { title: 'السوداني يلتقي روته', source: 'الجزيرة نت' }],
    ['nothing', '<p>نص فقط</p>', { title: null, published: null, source: null, url: null }],
  ])('%s', (_, html, expected) => {
    expect(extractHtml(html, 't.html')).toMatchObject(expected);
  });
});

describe('extractHtml on junk', () => {
  it.each([
    ['empty', ''],
    ['plain text', 'نص عادي بلا وسوم'],
    ['an unclosed tag', '<html><body><p>نص <b>غامق <i>مائل'],
    ['stray brackets', '<<<>>> <p>نص</p> </div></span>'],
    ['control characters', '\u0000\u0001<p>نص</p>'],
    ['numeric entities', '<p>&#1575;&#1604;&#1593;&#1585;&#1575;&#1602; &#x627;&#x644;&#x64a;&#x648;&#x645; &nbsp;&amp;</p>'],
    ['a broken entity', '<p>&#99999999; &bogus; نص</p>'],
  ])('does not crash on %s', (_, html) => {
    const a = extractHtml(html, 'junk.html');
    expect(typeof a.text).toBe('string');
  });

  it('decodes numeric entities to Arabic', () => {
    expect(extractHtml('<p>&#1575;&#1604;&#1593;&#1585;&#1575;&#1602;&nbsp;&#x627;&#x644;&#x64a;&#x648;&#x645;</p>', 'e.html').text).toBe('العراق اليوم');
  });

  it('handles 20 000 nested tags without Readability and without overflowing the stack', () => {
    const html = '<html><body>' + '<div>'.repeat(20000) + '<p>نص عميق جدا</p>' + '</div>'.repeat(20000) + '</body></html>';
    const a = extractHtml(html, 'deep.html');
    expect(a.text).toBe('نص عميق جدا');
  });

  it('keeps the text of a fragment that has no <html>', () => {
    expect(extractHtml('قبل<p>فقرة</p>بعد', 'f.html').text).toBe('قبل\nفقرة\nبعد');
  });
});

describe('blockText (the fallback walk)', () => {
  it.each([
    ['<p>أ</p><p>ب</p>', 'أ\nب'],
    ['<div>سطر<br>سطر آخر</div>', 'سطر\nسطر آخر'],
    ['<ul><li>واحد</li><li>اثنان</li></ul>', 'واحد\nاثنان'],
    ['<p>كلمة <b>غامقة</b>   و<a href="#">رابط</a></p>', 'كلمة غامقة ورابط'],
    ['<nav>قائمة</nav><p>نص</p><footer>تذييل</footer>', 'نص'],
    ['<div class="related-news">خبر آخر</div><p>نص</p>', 'نص'],
    ['<div id="comments">تعليق</div><p>نص</p>', 'نص'],
    ['<div class="article-tags">وسم</div><p>نص</p>', 'نص'],
    ['<article class="post tag-iraq"><p>نص</p></article>', 'نص'],
    ['<div class="relatedPosts">خبر</div><p>نص</p>', 'نص'],
    ['<div class="commentary"><p>تحليل</p></div>', 'تحليل'],
    ['<table><tr><td>أ</td><td>ب</td></tr></table>', 'أ ب'],
  ])('%s → %j', (html, expected) => {
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    expect(blockText(document.documentElement as unknown as Node, true)).toBe(expected);
  });
});

describe('isoDatePart', () => {
  it.each([
    ['2024-10-30', '2024-10-30'],
    ['2024-10-30T14:05:00+03:00', '2024-10-30'],
    ['2024-10-30T23:59:59.123Z', '2024-10-30'],
    ['2024-10-30 08:00', '2024-10-30'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['2024-13-01', null],
    ['30/10/2024', null],
    ['2024-10-30garbage', null],
    ['', null],
  ])('%j → %j', (v, expected) => {
    expect(isoDatePart(v)).toBe(expected);
  });
});
