// RSS 2.0 / RSS 1.0 (RDF) / Atom feed files as articles: one article per item or entry, its text
// from the full content when the feed carries it (content:encoded, Atom content), else the
// description/summary; HTML in them becomes text one block a line.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DOMParser, parseHTML } from 'linkedom';
import { createError, isMarsadError, type MarsadError } from '../errors.js';
import type { ArticleInput } from '../pipeline/doc.js';
import { decodeBytes } from '../text/decode.js';
import { blockText, isoDatePart } from '../text/html.js';
import { contentId } from '../text/index.js';

export type FeedResult = { ok: true; article: ArticleInput } | { ok: false; origin: string; error: MarsadError };

const FEED_EXT = new Set(['.rss', '.atom']);

/** Is this file a feed: .rss/.atom, or .xml whose root is <rss>, <feed> or <rdf:RDF>? */
export async function isFeedFile(file: string): Promise<boolean> {
  const ext = path.extname(file).toLowerCase();
  if (FEED_EXT.has(ext)) return true;
  if (ext !== '.xml') return false;
  try {
    const fh = await fs.open(file, 'r');
    try {
      const buf = Buffer.alloc(2048);
      const { bytesRead } = await fh.read(buf, 0, 2048, 0);
      return looksLikeFeed(buf.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

export function looksLikeFeed(head: string): boolean {
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** The publisher's local day of an RFC 822 («Wed, 05 Feb 2025 10:00:00 +0300») or ISO date. */
export function feedDate(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = v.trim();
  const iso = isoDatePart(t) ?? isoDatePart(t.slice(0, 10));
  if (iso) return iso;
  const m = /(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})/.exec(t);
  if (!m || !MONTHS[m[2].toLowerCase()]) return null;
  return isoDatePart(`${m[3]}-${String(MONTHS[m[2].toLowerCase()]).padStart(2, '0')}-${m[1].padStart(2, '0')}`);
}

function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[ \t]+/g, ' ').trim();
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return blockText(document.body as unknown as Node, false);
}

const child = (el: Element, ...names: string[]): Element | null => {
  for (const n of names) {
    for (const c of Array.from(el.children)) if (c.tagName.toLowerCase() === n.toLowerCase()) return c;
  }
  return null;
};
const childText = (el: Element, ...names: string[]) => child(el, ...names)?.textContent?.trim() || null;

/** The articles of a feed document (`origin` names the file in errors and origins). */
export function parseFeed(xml: string, origin: string): FeedResult[] {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
  } catch (e) {
    throw createError('E_FEED', origin, (e as Error).message);
  }
  const root = doc.documentElement;
  if (!root) throw createError('E_FEED', origin, 'no root element');
  const rootName = root.tagName.toLowerCase();
  const atom = rootName === 'feed';
  if (!atom && rootName !== 'rss' && rootName !== 'rdf:rdf') throw createError('E_FEED', origin, `root element <${root.tagName}>`);
  const channel = atom ? root : (child(root, 'channel') ?? root);
  const feedTitle = childText(channel, 'title');
  const items = Array.from(doc.getElementsByTagName(atom ? 'entry' : 'item')) as Element[];
  return items.map((item, i): FeedResult => {
    const where = `${origin}#${i + 1}`;
    try {
      const title = childText(item, 'title');
      const body = atom ? childText(item, 'content', 'summary') : childText(item, 'content:encoded', 'description');
      const text = body ? htmlToText(body) : '';
      if (!/\S/.test(text)) throw createError('E_INPUT_NO_TEXT', where);
      const linkEl = child(item, 'link');
      const url = (atom ? linkEl?.getAttribute('href') : linkEl?.textContent?.trim()) || null;
      const guid = atom ? childText(item, 'id') : childText(item, 'guid');
      const published = feedDate(atom ? childText(item, 'published', 'updated') : childText(item, 'pubDate', 'dc:date'));
      const source = childText(item, 'source') ?? feedTitle;
      return { ok: true, article: { id: guid ?? url ?? contentId(text), text, title, url, source, published, origin: where } };
    } catch (e) {
      return { ok: false, origin: where, error: isMarsadError(e) ? e : createError('E_FEED', where, (e as Error).message) };
    }
  });
}

/** Read a feed file: its items, or one failure naming the file. */
export async function readFeedFile(file: string): Promise<FeedResult[]> {
  try {
    const { text } = decodeBytes(await fs.readFile(file), file);
    return parseFeed(text, file);
  } catch (e) {
    return [{ ok: false, origin: file, error: isMarsadError(e) ? e : createError('E_FEED', file, (e as Error).message) }];
  }
}
