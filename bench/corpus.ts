// Reading the bulk corpus (../shared/corpora/bulk/*.jsonl.gz) for benchmarks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createDoc } from '../src/text/index.js';

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

/** CPU milliseconds of this process so far (user + system). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A stage-like object: what the time benchmarks run after the text layer. */
interface Runs {
  run(doc: ReturnType<typeof createDoc>): void;
}

/**
 * One round of the time benchmarks, timed as the pipeline runs: each article through the text
 * layer, then the dateline stage, then the temporal stage; CPU ms per phase (the clock's own cost
 * `clock` per read taken off each phase) and the number of times found.
 */
export function timeTimeStages(
  articles: { id?: string; text: string }[],
  dateline: Runs,
  temporal: Runs,
  clock = 0,
): { text: number; dateline: number; temporal: number; times: number } {
  const t = { text: 0, dateline: 0, temporal: 0, times: 0 };
  for (const [i, a] of articles.entries()) {
    const c0 = cpuMs();
    const d = createDoc({ id: a.id ?? `t${i}`, text: a.text });
    const c1 = cpuMs();
    dateline.run(d);
    const c2 = cpuMs();
    temporal.run(d);
    const c3 = cpuMs();
    t.text += c1 - c0 - clock;
    t.dateline += c2 - c1 - clock;
    t.temporal += c3 - c2 - clock;
    t.times += d.times.length;
  }
  return t;
}

/** The search benchmarks' queries (bench/search.ts, bench/pg.ts): common and rare words, phrases,
 *  alternatives, exclusions, diacritics. */
export const SEARCH_QUERIES = [
  'العراق', 'الحكومة', 'السعودية', 'الرياض', 'الاتفاقات', 'الاتِّفاقُ الأمنيّ', 'حلف شمال الأطلسي', '"وزير الخارجية"',
  'الانتخابات البرلمانية', 'النفط أو الغاز', 'داعش', 'انسحاب القوات الأمريكية', 'مجلس الأمن الدولي', 'كرة القدم',
  'الهلال النصر', 'ارتفاع أسعار', 'الأمم المتحدة', 'اللاجئين السوريين', 'الصحة -كورونا', 'فيروس', 'أرامكو', 'الإرهاب',
  'التحالف الدولي', 'بغداد', 'طهران', 'المملكة العربية السعودية', 'ولي العهد', 'مؤتمر صحفي', 'التعليم', 'الاقتصاد الوطني',
  'الجامعة العربية', 'الطاقة المتجددة', 'وزارة الداخلية', 'المحكمة', 'هجوم صاروخي', 'قمة', 'ترامب', 'أوباما', 'الميزانية', 'الحوثيين',
];
