// HTML to article text and metadata. `extractHtml(html, origin)` returns the article's title,
// dateline, outlet and canonical URL from the page's metadata, and its main text: one line per
// block (paragraph, heading, list item), whitespace inside a line collapsed to one space. That
// text is what the analysis's offsets point into.
//
// Main text comes from Mozilla Readability (the Firefox reader view) run over a linkedom DOM.
// Where Readability cannot be used (deeply nested or huge pages, on which it is quadratic), finds
// nothing or throws, a walk of our own takes the page's text minus scripts, navigation, headers
// and footers, asides, forms, and blocks whose class/id/role says comments, related news,
// sharing, tags, ads and the like. Both go through the same block-to-lines writer.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlArticle {
  /** og:title, twitter:title, JSON-LD headline, the first <h1>, or <title> minus the site name. */
  title: string | null;
  /** The main text, blocks separated by "\n". Empty when the page holds none. */
  text: string;
  /** YYYY-MM-DD from article:published_time, JSON-LD datePublished, date metas or <time datetime>. */
  published: string | null;
  /** og:site_name, else the JSON-LD publisher's name. */
  source: string | null;
  /** <link rel="canonical">, else og:url. */
  url: string | null;
}

/** Readability is skipped above these sizes: it is quadratic in nesting depth. */
const READABILITY_MAX_DEPTH = 100;
const READABILITY_MAX_ELEMENTS = 30_000;

export function extractHtml(html: string, origin: string): HtmlArticle {
  void origin; // kept for symmetry with the readers; nothing here is fatal
  let document: Document;
  try {
    // linkedom needs an <html> root to build <body>; fragments get one.
    const page = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
    document = parseHTML(page).document as unknown as Document;
    if (!document.documentElement) throw new Error('no document element');
  } catch {
    return { title: null, text: crudeText(html), published: null, source: null, url: null };
  }

  // 1. metadata, before Readability rearranges the tree
  const meta = readMetas(document);
  const ld = readJsonLd(document);
  const source = clean(meta.get('og:site_name')) ?? clean(ld.publisher);
  const title =
    clean(meta.get('og:title')) ??
    clean(meta.get('twitter:title')) ??
    clean(ld.headline) ??
    clean(textOf(document.querySelector('article h1') ?? document.querySelector('h1'))) ??
    titleWithoutSite(clean(textOf(document.querySelector('title'))), source);
  const url =
    clean(document.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) ?? clean(meta.get('og:url'));
  const published = findPublished(document, meta, ld);

  // 2. main text: our own walk (read-only), then Readability where the page allows it
  const walked = blockText(document.documentElement, true);
  let text = walked;
  const size = measure(document.documentElement);
  if (size.depth <= READABILITY_MAX_DEPTH && size.elements <= READABILITY_MAX_ELEMENTS && document.body) {
    try {
      const article = new Readability(document, {
        keepClasses: true,
        serializer: (el: Node) => el,
        maxElemsToParse: READABILITY_MAX_ELEMENTS,
      }).parse();
      const content = article?.content as unknown as Element | null | undefined;
      if (content) {
        const read = blockText(content, true);
        // Keep Readability's choice unless it kept next to nothing of a page that has text.
        if (read.length >= 200 || read.length >= walked.length * 0.25) text = read;
      }
    } catch {
      // Readability gave up on this page: keep the walk
    }
  }
  return { title, text, published, source, url };
}

// ---------------------------------------------------------------------------------------------
// dates

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * The date part of `YYYY-MM-DD` or an ISO 8601 timestamp (`2024-10-30T14:05:00+03:00` →
 * `2024-10-30`, the publisher's local date), or null when the value is not one or names no
 * real day (2024-02-30). Years 1900–2100.
 */
export function isoDatePart(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  return validDate(+m[1], +m[2], +m[3]);
}

function validDate(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  if (d > DAYS_IN_MONTH[mo - 1]) return null;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Dates as pages write them in metadata: ISO, 2024/10/30, 20241030, or an RFC 2822 date. */
function metaDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const iso = isoDatePart(v);
  if (iso) return iso;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(v);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(v);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  // "Wed, 30 Oct 2024 14:05:00 GMT", "October 30, 2024": let Date read it, keep the UTC day
  if (/[a-z]{3}/i.test(v) && /\d{4}/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return isoDatePart(new Date(t).toISOString());
  }
  return null;
}

/** Meta names that carry the publication date, in order of trust. */
const DATE_METAS = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'article.published',
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'date',
];

function findPublished(document: Document, meta: Map<string, string>, ld: JsonLdFacts): string | null {
  const first = metaDate(meta.get('article:published_time'));
  if (first) return first;
  for (const d of ld.datePublished) {
    const v = metaDate(d);
    if (v) return v;
  }
  for (const name of DATE_METAS) {
    const v = metaDate(meta.get(name));
    if (v) return v;
  }
  // <time datetime>: one marked as the publication date, else the first inside the article, else any
  const times = [
    ...document.querySelectorAll('time[pubdate][datetime], [itemprop="datePublished"][datetime]'),
    ...document.querySelectorAll('article time[datetime]'),
    ...document.querySelectorAll('time[datetime]'),
  ];
  for (const t of times) {
    const v = metaDate(t.getAttribute('datetime'));
    if (v) return v;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// <meta> and JSON-LD

/** property/name/itemprop (lower case) → content, first occurrence wins. */
function readMetas(document: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of document.querySelectorAll('meta')) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop'))?.trim().toLowerCase();
    const content = m.getAttribute('content');
    if (key && content != null && content.trim() && !out.has(key)) out.set(key, content);
  }
  return out;
}

interface JsonLdFacts {
  datePublished: string[];
  headline: string | null;
  publisher: string | null;
}

const ARTICLE_TYPES = /article|posting|report|webpage/i;

function readJsonLd(document: Document): JsonLdFacts {
  const facts: JsonLdFacts = { datePublished: [], headline: null, publisher: null };
  const nodes: Record<string, unknown>[] = [];
  for (const s of document.querySelectorAll('script[type="application/ld+json" i]')) {
    const data = parseJsonLoosely(s.textContent ?? '');
    if (data !== undefined) collectObjects(data, nodes);
  }
  // article-like nodes first, then the rest
  const ordered = [
    ...nodes.filter((n) => ARTICLE_TYPES.test(typesOf(n))),
    ...nodes.filter((n) => !ARTICLE_TYPES.test(typesOf(n))),
  ];
  for (const n of ordered) {
    for (const d of asArray(n.datePublished)) if (typeof d === 'string') facts.datePublished.push(d);
    if (facts.headline === null && typeof n.headline === 'string') facts.headline = n.headline;
    if (facts.publisher === null) {
      const p = asArray(n.publisher)[0];
      if (typeof p === 'string') facts.publisher = p;
      else if (p && typeof p === 'object' && typeof (p as Record<string, unknown>).name === 'string') {
        facts.publisher = (p as Record<string, unknown>).name as string;
      }
    }
  }
  return facts;
}

function typesOf(n: Record<string, unknown>): string {
  return asArray(n['@type']).filter((t) => typeof t === 'string').join(' ');
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** Every object in a JSON-LD value: arrays, @graph and nested objects (bounded depth). */
function collectObjects(v: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 8 || out.length > 500) return;
  if (Array.isArray(v)) {
    for (const x of v) collectObjects(x, out, depth + 1);
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    out.push(o);
    for (const key of Object.keys(o)) {
      const x = o[key];
      if (x && typeof x === 'object') collectObjects(x, out, depth + 1);
    }
  }
}

/** JSON-LD as found in the wild: wrapped in comments or CDATA, with raw newlines inside strings. */
function parseJsonLoosely(raw: string): unknown {
  const s = raw
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, '')
    .trim();
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    try {
      return JSON.parse(s.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// text

/** Elements whose content is never article text. */
const SKIP = new Set([
  'head', 'title', 'meta', 'link', 'script', 'style', 'noscript', 'template', 'iframe', 'frame',
  'svg', 'math', 'canvas', 'object', 'embed', 'video', 'audio', 'picture', 'img', 'map',
  'button', 'select', 'option', 'input', 'textarea', 'form', 'dialog',
]);
/** Page furniture, skipped by the fallback walk (Readability drops these itself). */
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'menu']);
/**
 * class/id names that mark furniture. A name is split into words at "-", "_" and case; a STRONG
 * word anywhere marks it ("related-news", "comment-body", "relatedPosts"); a WEAK word marks it
 * only as the name's last word ("article-tags", "post-footer", but not "tag-iraq").
 */
const STRONG_WORDS = /related|comment(?!ary)|disqus|breadcrumb|outbrain|taboola|newsletter|cookie|social|sharing|sharethis|share(?:bar|tools|buttons?|box|links?)?$|^share/;
const WEAK_WORDS = new Set([
  'tags', 'tag', 'tagcloud', 'keywords', 'nav', 'navbar', 'navigation', 'menu', 'sidebar',
  'widget', 'widgets', 'ad', 'ads', 'advert', 'advertisement', 'banner', 'promo', 'footer',
  'masthead', 'popup', 'modal', 'recommended', 'trending', 'popular', 'mostread', 'readmore',
  'subscribe', 'subscription', 'pagination', 'pager',
]);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog']);
const NEVER_FURNITURE = new Set(['html', 'body', 'main']);

function isFurnitureName(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.length) return false;
  for (const w of words) if (STRONG_WORDS.test(w)) return true;
  return WEAK_WORDS.has(words[words.length - 1]);
}

/** Elements that start and end a line of text. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'ul', 'caption', 'center',
]);

function isFurniture(el: Element, tag: string): boolean {
  if (NEVER_FURNITURE.has(tag)) return false;
  if (FURNITURE_TAGS.has(tag)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && FURNITURE_ROLES.has(role.toLowerCase())) return true;
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const id = el.getAttribute('id');
  if (id && isFurnitureName(id)) return true;
  const cls = el.getAttribute('class');
  if (cls) for (const name of cls.split(/\s+/)) if (name && isFurnitureName(name)) return true;
  return false;
}

/**
 * The text under `root`, one line per block, whitespace inside a line collapsed. Iterative, so
 * deeply nested pages cannot overflow the stack. With `skipFurniture`, navigation, comments,
 * related-news lists and the like are left out.
 */
export function blockText(root: Node, skipFurniture: boolean): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const l = line.replace(/\s+/g, ' ').trim();
    if (l) lines.push(l);
    line = '';
  };
  // explicit stack of [node, leaving]: a block element flushes when entered and when left
  const stack: Array<{ node: Node; leave: boolean }> = [{ node: root, leave: false }];
  while (stack.length) {
    const { node, leave } = stack.pop()!;
    if (leave) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      line += (node as Text).data;
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.localName?.toLowerCase() ?? '';
      if (tag === 'br') {
        flush();
        continue;
      }
      if (SKIP.has(tag)) continue;
      if (skipFurniture && node !== root && isFurniture(el, tag)) continue;
      if (BLOCKS.has(tag)) {
        flush();
        stack.push({ node, leave: true });
      } else if (tag === 'td' || tag === 'th') {
        line += ' ';
      }
    }
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], leave: false });
  }
  flush();
  return lines.join('\n');
}

/** Nesting depth and element count, stopping early once past Readability's limits. */
function measure(root: Node): { depth: number; elements: number } {
  let depth = 0;
  let elements = 0;
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    elements++;
    if (d > depth) depth = d;
    if (depth > READABILITY_MAX_DEPTH || elements > READABILITY_MAX_ELEMENTS) break;
    const kids = (node as Element).children;
    if (kids) for (let i = 0; i < kids.length; i++) stack.push([kids[i], d + 1]);
  }
  return { depth, elements };
}

function textOf(el: Element | null | undefined): string | null {
  return el ? el.textContent : null;
}

function clean(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t || null;
}

/** "العراق والناتو يبحثان … | الأناضول" → the part that is not the site's name. */
function titleWithoutSite(title: string | null, site: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[|\-–—:»«]\s+/);
  if (parts.length < 2) return title;
  if (site) {
    const rest = parts.filter((p) => p.trim() !== site);
    if (rest.length && rest.length < parts.length) return rest.join(' - ');
  }
  // no site name to match: the longest part is the headline
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Last resort when no DOM can be built: drop scripts, styles and tags. */
function crudeText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|h[1-6]|li|tr|blockquote|section|article)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => safeChar(+n))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => safeChar(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function safeChar(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : ' ';
}
