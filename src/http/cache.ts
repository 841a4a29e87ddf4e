// Answers of the read routes, kept by URL until the store's data changes (Store.revision): the
// record is read far more often than it is written, and the same timeline or search is asked by
// many readers. Kept as UTF-8 bytes, ready to send, and gzipped once for the clients that accept
// it (a browser asking for a long timeline); bounded by their size (lru-cache).
import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Store } from '../store/types.js';

export interface AnswerCache {
  /** The JSON of the answer for `key` as UTF-8, computed by `make` unless kept from the same revision. */
  get(key: string, make: () => Promise<unknown>): Promise<Buffer>;
  /** The same answer gzipped (computed once from `get`'s bytes and kept beside them). */
  gzipped(key: string, make: () => Promise<unknown>): Promise<Buffer>;
  readonly stats: { hits: number; misses: number };
}

export function createAnswerCache(store: Store, maxBytes = 64 * 1024 * 1024): AnswerCache {
  const lru = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (v, k) => v.length + k.length * 2 + 64 });
  let revision: string | null = null;
  const stats = { hits: 0, misses: 0 };
  const cache: AnswerCache = {
    stats,
    async gzipped(key, make) {
      const body = await cache.get(key, make);
      const gz = `gzip\u0000${key}`;
      const kept = lru.get(gz);
      if (kept !== undefined) return kept;
      const out = gzipSync(body, { level: 6 });
      // kept only while its plain answer is (the same revision)
      if (lru.get(key) === body) lru.set(gz, out);
      return out;
    },
    async get(key, make) {
      const now = await store.revision();
      if (now !== revision) {
        lru.clear();
        revision = now;
      }
      const kept = lru.get(key);
      if (kept !== undefined) {
        stats.hits++;
        return kept;
      }
      stats.misses++;
      const body = Buffer.from(JSON.stringify(await make()), 'utf8');
      // kept only when the data did not change meanwhile, and not larger than the whole cache
      if (body.length < maxBytes / 2 && (await store.revision()) === now) lru.set(key, body);
      return body;
    },
  };
  return cache;
}
