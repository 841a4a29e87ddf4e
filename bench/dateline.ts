// Dateline benchmark: over real dated news (shared/corpora/news/dev.jsonl.gz) hide each
// article's date, infer it from the text alone, and compare.
//
//   npx tsx bench/dateline.ts [--file F.jsonl.gz] [--now YYYY-MM-DD] [--offset N] [--limit N] [--show N] [--misses] [--no-timing]
//
// Prints: share of articles whose real date lies inside the inferred window, median error in
// days (from the window's middle, or its day), exact-day rate, median window width, the share
// whose window lies inside the right calendar year, how many windows are open at one end or at
// both (no clue bounds them: the domain's first day, or the horizon), a naive baseline (the
// latest year the text names), and the time the dateline and temporal stages take per article
// against the text layer (`--no-timing` skips it). The bulk set: `--file
// ../shared/corpora/bulk/ant_corpus.jsonl.gz --limit 3000` (its first 3,000 dated articles;
// `--offset 3000` the next 3,000, a set held out from the rules' tuning).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Doc } from '../src/pipeline/doc.js';
import { createDatelineStage } from '../src/stages/dateline/index.js';
import { parseIsoDay } from '../src/stages/temporal/calendar.js';
import { createTemporalStage } from '../src/stages/temporal/index.js';
import { createDoc } from '../src/text/index.js';
import * as chrono from 'chrono-node';
import { timeTimeStages } from './corpus.js';

interface Row {
  id: string;
  text: string;
  published: string | null;
  source?: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const file = arg('file') ?? path.resolve(here, '../../shared/corpora/news/dev.jsonl.gz');
const now = arg('now') ?? new Date().toISOString().slice(0, 10);
const limit = Number(arg('limit') ?? Infinity);
const offset = Number(arg('offset') ?? 0);
const show = Number(arg('show') ?? 0);
const misses = process.argv.includes('--misses');
const timing = !process.argv.includes('--no-timing');

let buf = fs.readFileSync(file);
if (file.endsWith('.gz')) buf = zlib.gunzipSync(buf);
const rows: Row[] = buf
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.published && r.text)
  .slice(offset, offset + limit);

const dateline = createDatelineStage({ now });
const temporal = createTemporalStage();
if (process.argv.includes('--chrono')) {
  compareChrono();
  process.exit(0);
}

const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  if (!a.length) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

let inside = 0;
let exact = 0;
let yearRight = 0;
let naiveYear = 0;
let naiveAny = 0;
let withDate = 0;
let openLow = 0;
let openHigh = 0;
let openBoth = 0;
const errs: number[] = [];
// the best single day (published.best), where one is given; and over all, best else the window's middle
const bestErrs: number[] = [];
const bestOrMid: number[] = [];
let bestExact = 0;
let bestWithin1 = 0;
let bestInside = 0;
const widths: number[] = [];
let nTimes = 0;
const shown: string[] = [];

// warm-up (lexicon and facts loading, JIT)
{
  const d = createDoc({ text: rows[0].text });
  dateline.run(d);
  temporal.run(d);
}

for (const [i, r] of rows.entries()) {
  const gold = parseIsoDay(r.published)!;
  // the date, id, url and outlet are hidden: only the text goes in
  const doc: Doc = createDoc({ id: `a${i}`, text: r.text });
  dateline.run(doc);
  temporal.run(doc);
  nTimes += doc.times.length;
  const p = doc.published!;
  const e = parseIsoDay(p.earliest)!;
  const l = parseIsoDay(p.latest)!;
  const ok = e <= gold && gold <= l;
  if (ok) inside++;
  if (p.date) {
    withDate++;
    if (parseIsoDay(p.date) === gold) exact++;
  }
  const mid = p.date ? parseIsoDay(p.date)! : (e + l) / 2;
  errs.push(Math.abs(mid - gold));
  if (p.best) {
    const b = parseIsoDay(p.best.date)!;
    bestErrs.push(Math.abs(b - gold));
    if (b === gold) bestExact++;
    if (Math.abs(b - gold) <= 1) bestWithin1++;
    if (e <= b && b <= l) bestInside++;
    bestOrMid.push(Math.abs(b - gold));
  } else bestOrMid.push(Math.abs(mid - gold));
  widths.push(l - e + 1);
  if (p.earliest === '1990-01-01') openLow++;
  if (p.latest === now) openHigh++;
  if (p.earliest === '1990-01-01' && p.latest === now) openBoth++;
  const gy = r.published!.slice(0, 4);
  if (p.earliest!.slice(0, 4) === gy && p.latest!.slice(0, 4) === gy) yearRight++;
  // naive baseline: the latest year 1950-2035 the text names
  const years = [...r.text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).matchAll(/(?<!\d)(19[5-9]\d|20[0-3]\d)(?!\d)/g)].map((m) => +m[1]);
  if (years.length) {
    naiveAny++;
    if (String(Math.max(...years)) === gy) naiveYear++;
  }
  if ((show && shown.length < show) || (misses && !ok)) {
    shown.push(
      `${ok ? 'in ' : 'OUT'} gold ${r.published}  window ${p.earliest}..${p.latest}${p.date ? ' date ' + p.date : ''}${p.best ? ' best ' + p.best.date : ''}  ${r.id}\n` +
        (p.best ? `      best: ${p.best.why}\n` : '') +
        p.evidence.map((ev) => `      «${ev.text}» ${ev.why}`).join('\n'),
    );
  }
}

const n = rows.length;

// timing, as the pipeline runs: each article through the text layer, then the dateline stage
// (which runs the time-expression matcher shared with the temporal stage, and infers the
// dateline), then the temporal stage (resolution); seven rounds, the fastest round of each phase
// counts. CPU time of this process (process.cpuUsage), not wall time, so that other work on a
// shared machine counts less. (bench/temporal.ts measures the same over 5,000 bulk articles.)
const T = { text: Infinity, dateline: Infinity, temporal: Infinity };
for (let round = 0; round < (timing ? 7 : 0); round++) {
  const t = timeTimeStages(rows, dateline, temporal);
  T.text = Math.min(T.text, t.text);
  T.dateline = Math.min(T.dateline, t.dateline);
  T.temporal = Math.min(T.temporal, t.temporal);
}

const pct = (x: number) => ((100 * x) / n).toFixed(1) + '%';
const ms = (x: number) => (x / n).toFixed(3) + ' ms';
for (const s of shown) console.log(s);
console.log(`dateline benchmark: ${n} articles from ${path.basename(file)} (dates hidden; horizon ${now})`);
console.log(`  inside the inferred window : ${inside}/${n} = ${pct(inside)}`);
console.log(`  median error (days)        : ${median(errs).toFixed(0)}`);
console.log(`  exact day                  : ${exact}/${n} = ${pct(exact)} (a single day was given for ${withDate})`);
console.log(`  median window width (days) : ${median(widths).toFixed(0)}`);
console.log(`  window inside the right year: ${yearRight}/${n} = ${pct(yearRight)}`);
console.log(`  open windows               : no upper bound ${openHigh} (${pct(openHigh)}), no lower bound ${openLow}, both open ${openBoth} (${pct(openBoth)})`);
const nb = bestErrs.length;
console.log(`  best day (published.best)  : given for ${nb}/${n} = ${pct(nb)}; inside its window ${bestInside}/${nb}`);
console.log(`    median error (days)      : ${median(bestErrs).toFixed(0)} where given; ${median(bestOrMid).toFixed(0)} over all (best, else the window's middle)`);
const within = (k: number) => bestOrMid.filter((x) => x <= k).length;
console.log(`    over all, within 30 / 365 days: ${within(30)}/${n} = ${pct(within(30))} / ${within(365)}/${n} = ${pct(within(365))}`);
console.log(`    exact day                : ${bestExact}/${n} = ${pct(bestExact)}; within a day ${bestWithin1}/${n} = ${pct(bestWithin1)}`);
console.log(`  naive "latest year named"  : right year for ${naiveYear}/${n} = ${pct(naiveYear)} (a year is named in ${naiveAny})`);
if (timing) console.log(
  `  time per article: text layer ${ms(T.text)}; dateline stage (with the matching) ${ms(T.dateline)} + temporal stage ${ms(T.temporal)} = ` +
    `${((100 * (T.dateline + T.temporal)) / T.text).toFixed(0)}% of the text layer; ${(nTimes / n).toFixed(1)} times per article`,
);

/**
 * `--chrono`: chrono-node's Arabic locale against the gold times of the five seed articles (with
 * their datelines as reference), beside this stage — what docs/time.md reports.
 */
function compareChrono(): void {
  const shared = path.resolve(here, '../../shared');
  const goldDir = path.join(shared, 'gold/seeds');
  const meta = new Map<string, { published: { date?: string; earliest?: string; latest?: string } }>();
  for (const l of fs.readFileSync(path.join(goldDir, 'meta.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const m = JSON.parse(l);
    meta.set(m.id, m);
  }
  type G = { text: string; occurrence?: number; value: string | null };
  const score = { chrono: { found: 0, value: 0, sys: 0 }, marsad: { found: 0, value: 0, sys: 0 } };
  let nGold = 0;
  let nVal = 0;
  const misses: string[] = [];
  for (const f of fs.readdirSync(goldDir).filter((x) => x.endsWith('.json')).sort()) {
    const g = JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')) as { id: string; times: G[] };
    const text = fs.readFileSync(path.join(shared, 'corpora/seeds', `${g.id}.txt`), 'utf8');
    const p = meta.get(g.id)!.published;
    const refIso = p.date ?? p.latest!;
    const ref = new Date(`${refIso}T12:00:00Z`);
    const ch = chrono.ar.parse(text, ref).map((r) => ({ start: r.index, end: r.index + r.text.length, text: r.text, value: chronoValue(r) }));
    const doc = createDoc({ id: g.id, text, published: p.date ?? `${p.earliest}/${p.latest}` });
    dateline.run(doc);
    temporal.run(doc);
    const systems = { chrono: ch, marsad: doc.times.map((t) => ({ start: t.start, end: t.end, text: t.text, value: t.value })) };
    for (const [name, sys] of Object.entries(systems) as [keyof typeof score, typeof ch][]) {
      score[name].sys += sys.length;
      const used = new Set<number>();
      for (const gt of g.times) {
        let at = -1;
        for (let k = 0, from = 0; k < (gt.occurrence ?? 1); k++) {
          at = text.indexOf(gt.text, from);
          from = at + 1;
        }
        const span = [at, at + gt.text.length];
        const idx = sys.findIndex((x, i) => !used.has(i) && Math.min(span[1], x.end) > Math.max(span[0], x.start));
        if (idx < 0) {
          if (name === 'chrono') misses.push(`  chrono misses «${gt.text}» (${gt.value})`);
          continue;
        }
        used.add(idx);
        score[name].found++;
        if (gt.value != null && sys[idx].value === gt.value) score[name].value++;
        else if (name === 'chrono' && gt.value != null) misses.push(`  chrono reads «${sys[idx].text}» as ${sys[idx].value}, gold «${gt.text}» = ${gt.value}`);
      }
    }
    nGold += g.times.length;
    nVal += g.times.filter((t) => t.value != null).length;
  }
  for (const m of misses) console.log(m);
  for (const [name, s] of Object.entries(score)) {
    const prec = s.found / s.sys;
    const rec = s.found / nGold;
    console.log(
      `${name.padEnd(6)}: found ${s.found}/${nGold} gold times, ${s.sys} spans output (precision ${(100 * prec).toFixed(1)}, F1 ${((200 * prec * rec) / (prec + rec)).toFixed(1)}), ` +
        `value right ${s.value}/${nVal} = ${((100 * s.value) / nVal).toFixed(1)}%`,
    );
  }
}

/** A TIMEX-like value from a chrono result: the granularity its known components allow. */
function chronoValue(r: chrono.ParsedResult): string {
  const k = r.start;
  const d = r.start.date();
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  if (k.isCertain('day') || k.isCertain('weekday')) return `${y}-${m}-${day}`;
  if (k.isCertain('month')) return `${y}-${m}`;
  return y;
}
