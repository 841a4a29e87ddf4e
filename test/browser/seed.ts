// The store the browser tests (and `npx tsx test/browser/dev-server.ts`) read: the five seed
// articles (samples/articles, copies of ../shared/corpora/seeds) with the datelines and outlets of
// samples/meta.jsonl (those of ../shared/gold/seeds/meta.jsonl), so the story runs from the
// coalition's founding in 2014 to the Erbil deadline in 2026; plus one hostile article whose
// text is HTML that must stay text.
import fs from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/index.js';
import type { ArticleInput } from '../../src/pipeline/doc.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples/articles');

export const HOSTILE_ID = 'hostile-001';
export const HOSTILE_TEXT = [
  'بغداد - قال مسؤول في وزارة الخارجية العراقية إن الحكومة ستعقد اجتماعا مع حلف الناتو الأسبوع المقبل.',
  'وجاء في رسالة وصلت إلى المحرر النص التالي: <script>window.__pwned=1</script> ثم صورة <img src=x onerror="window.__pwned=1"> في آخرها.',
  'وأضاف المسؤول أن «التعاون مستمر» مع التحالف الدولي.',
].join('\n\n');

type In = { ok: true; article: ArticleInput };

async function* articles(): AsyncGenerator<In> {
  // samples/meta.jsonl: the dateline (or window) and outlet each seed was published with
  const meta = fs.readFileSync(path.join(SAMPLES, '..', 'meta.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const m of meta)
    yield {
      ok: true,
      article: { id: m.id, text: fs.readFileSync(path.join(SAMPLES, `${m.id}.txt`), 'utf8'), published: m.published ?? null, source: m.source ?? null },
    };
  yield {
    ok: true,
    article: { id: HOSTILE_ID, title: 'رسالة <b>مريبة</b> <script>window.__pwned=2</script>', text: HOSTILE_TEXT, published: '2025-03-01', source: '<i>Evil</i> Outlet' },
  };
}

/** Open (creating) a SQLite store at `file` and ingest the seeds and the hostile article. */
export async function seedStore(file: string): Promise<Store> {
  const store = openSqliteStore(file);
  const r = await ingest(store, articles(), { workers: 0 });
  if (r.failed) throw new Error(`seeding failed: ${JSON.stringify(r.errors)}`);
  return store;
}
