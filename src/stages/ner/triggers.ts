// Trigger statistics from unlabelled news: for each frequent word, how often the word before it is
// a person title (الرئيس، الشيخ، …), a given name (ANERGazet PERS), an organisation head (نادي،
// صحيفة، حزب، …) or a place head (مدينة، محافظة، …). Each share, bucketed, is a feature of the
// word (features.ts): names never seen in the annotated data get a typed prior from the news.
import { normalizeString } from '../../text/normalize.js';
import { clusterTokens, newsParagraphs } from './clusters.js';

/** The trigger kinds, in file column order. */
export const TRIGGER_KINDS = ['title', 'given', 'org', 'loc'] as const;

const norm = (ws: string) => ws.split(/\s+/).filter(Boolean).map((w) => normalizeString(w));
const TITLE = new Set(
  norm(`الرئيس السيد السيدة الشيخ الدكتور الملك الامير الاميرة الوزير الوزيرة النائب المستشار اللواء العميد العقيد
  المقدم الرائد النقيب الجنرال المشير المدرب اللاعب الكاتب الكاتبة الفنان الفنانة المطرب المطربة الاستاذ المهندس
  السفير القاضي الامام البابا الزعيم المخرج الممثل الممثلة الشاعر الروائي الصحفي الحارس المهاجم المدافع الزميل
  الداعية المحامي المفتي الحاج الرئيسان نظيره نظيرها العاهل`),
);
const ORG = new Set(
  norm(`نادي فريق صحيفه جريده وكاله حزب حركه شركه منظمه مؤسسه جامعه بنك مصرف قناه تلفزيون اذاعه مجله اتحاد
  جمعيه جماعه تنظيم هيئه مجموعه مصنع مستشفي معهد كليه وزاره محطه`),
);
const LOC = new Set(
  norm(`مدينه بلده قريه محافظه ولايه اقليم عاصمه مقاطعه جزيره جزر نهر جبل بحر مخيم حي منطقه بحيره خليج ميناء
  مطار شارع ضاحيه قضاء ناحيه`),
);

/** The word with a leading و/ف, a preposition ب/ك/ل and the article ال taken off. */
function stripped(w: string): string {
  let m = /^[وف]?[بكل]?ال(..+)$/.exec(w);
  if (m) return m[1];
  m = /^[وف]?لل(..+)$/.exec(w);
  if (m) return m[1];
  return w;
}
function headOf(w: string, set: Set<string>): boolean {
  if (set.has(w)) return true;
  const s = stripped(w);
  if (set.has(s)) return true;
  if (w.length >= 4 && (w[0] === 'و' || w[0] === 'ف')) {
    const r = w.slice(1);
    if (set.has(r)) return true;
    if (r.length >= 4 && 'بكل'.includes(r[0]) && set.has(r.slice(1))) return true;
  }
  if (w.length >= 4 && 'بكل'.includes(w[0]) && set.has(w.slice(1))) return true;
  return false;
}

export interface TriggerOptions {
  /** Given names (normalised): a word after one is likely a surname. */
  given: Set<string>;
  minCount?: number;
  maxArticles?: number;
  log?: (s: string) => void;
}

/** word → bucket per kind (TRIGGER_KINDS order; 0 none … 4 most). Only words with a bucket > 0. */
export async function buildTriggers(files: string[], opts: TriggerOptions): Promise<Map<string, number[]>> {
  const minCount = opts.minCount ?? 5;
  const K = TRIGGER_KINDS.length;
  const counts = new Map<string, Int32Array>(); // total, then one count per kind
  const read = (file: string, articles: number) => opts.log?.(`read ${file}: ${articles} articles, ${counts.size} types`);
  for await (const para of newsParagraphs(files, opts.maxArticles, read)) {
    const toks = clusterTokens(para);
    for (let i = 0; i < toks.length; i++) {
      const w = toks[i];
      if (w === '0') continue;
      let c = counts.get(w);
      if (!c) counts.set(w, (c = new Int32Array(K + 1)));
      c[0]++;
      if (i === 0) continue;
      const p = toks[i - 1];
      if (headOf(p, TITLE)) c[1]++;
      if (opts.given.has(p) || opts.given.has(stripped(p))) c[2]++;
      if (headOf(p, ORG)) c[3]++;
      if (headOf(p, LOC)) c[4]++;
    }
  }
  const out = new Map<string, number[]>();
  for (const [w, c] of counts) {
    if (c[0] < minCount) continue;
    const b = new Array<number>(K).fill(0);
    let any = false;
    for (let k = 0; k < K; k++) {
      const n = c[k + 1];
      if (n < 3) continue;
      const r = n / c[0];
      b[k] = r >= 0.4 ? 4 : r >= 0.15 ? 3 : r >= 0.05 ? 2 : r >= 0.015 ? 1 : 0;
      if (b[k]) any = true;
    }
    if (any) out.set(w, b);
  }
  return out;
}
