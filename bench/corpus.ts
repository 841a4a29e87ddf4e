// Reading the bulk corpus (../shared/corpora/bulk/*.jsonl.gz) for benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const SHARED = path.resolve(import.meta.dirname, '../../shared');
export const BULK = path.join(SHARED, 'corpora/bulk');

export interface BulkArticle {
  id: string;
  text: string;
  title?: string;
  source?: string;
  published?: string | null;
}

/** Up to `limit` articles from the bulk corpus, in file order (deterministic). */
export function loadBulk(limit = Infinity): BulkArticle[] {
  const out: BulkArticle[] = [];
  for (const f of fs.readdirSync(BULK).filter((x) => x.endsWith('.jsonl.gz')).sort()) {
    const lines = zlib.gunzipSync(fs.readFileSync(path.join(BULK, f))).toString('utf8').split('\n');
    for (const line of lines) {
      if (!line) continue;
      const o = JSON.parse(line);
      out.push({ id: o.id, text: o.text, title: o.title, source: o.source, published: o.published });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export function utf8Bytes(articles: BulkArticle[]): number {
  let n = 0;
  for (const a of articles) n += Buffer.byteLength(a.text, 'utf8');
  return n;
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Wall and CPU seconds of `fn` (CPU = this process's user+system time; the code is single-threaded,
 *  so CPU time is the time on one core even when other processes share the machine). */
export function timed<T>(fn: () => T): { result: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { result, wall, cpu: (c.user + c.system) / 1e6 };
}
