// Harvesting names from unlabelled news: tag articles with a model trained without the harvested
// list, count every recognised name by type, and keep names seen often with one dominant type.
// The list (data/ner/gazetteer-auto.tsv) becomes a feature of the final model (self-training).
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { analyseToken, type Lexicon } from './features.js';
import { spansOf } from './labels.js';
import type { NerModel } from './model.js';

export interface HarvestOptions {
  maxArticles?: number;
  minCount?: number;
  purity?: number;
  log?: (s: string) => void;
}

const PUNCT_EDGE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u;
const SENT_END = /^[.!?؟]+$/;

/** Split a text into sentences of tokens the way ANERcorp is tokenised (punctuation split off). */
export function conllTokens(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split(/\n+/)) {
    let cur: string[] = [];
    for (const w of line.split(/\s+/)) {
      if (!w) continue;
      const m = PUNCT_EDGE.exec(w)!;
      const parts = m[2] ? [...[...m[1]], m[2], ...[...m[3]]] : [...w];
      for (const p of parts) {
        cur.push(p);
        if (SENT_END.test(p)) {
          out.push(cur);
          cur = [];
        }
      }
    }
    if (cur.length) out.push(cur);
  }
  return out;
}

export async function harvestNames(files: string[], model: NerModel, lex: Lexicon, opts: HarvestOptions = {}): Promise<Array<[string, string, number]>> {
  const minCount = opts.minCount ?? 3;
  const purity = opts.purity ?? 0.8;
  const log = opts.log ?? (() => {});
  const counts = new Map<string, number[]>();
  const TYPES = ['PER', 'LOC', 'ORG', 'MISC'];
  let articles = 0;
  let tokens = 0;
  const per = Math.ceil((opts.maxArticles ?? Infinity) / files.length);
  for (const file of files) {
    let here = 0;
    const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of rl) {
      if (here >= per) break;
      let rec: { text?: string };
      try {
        rec = JSON.parse(line);
      } catch {
        continue;
      }
      if (!rec.text) continue;
      here++;
      articles++;
      const sents = conllTokens(rec.text).filter((s) => s.length <= 200);
      const tags = model.tagSentences(sents, lex, typeof model.meta.window === 'number' ? model.meta.window : 10);
      sents.forEach((toks, s) => {
        tokens += toks.length;
        for (const sp of spansOf(tags[s])) {
          const words: string[] = [];
          for (let k = sp.start; k < sp.end; k++) {
            const t = analyseToken(toks[k], lex);
            // the first word without its و/ف/ب/ك/ل (kept when no article follows: it may be the name's)
            words.push(k === sp.start && t.clitics ? t.def : t.core);
          }
          const key = words.join(' ');
          if (key.length < 2) continue;
          let c = counts.get(key);
          if (!c) counts.set(key, (c = [0, 0, 0, 0]));
          c[TYPES.indexOf(sp.type)]++;
        }
      });
    }
    log(`harvest: ${file}: ${articles} articles, ${tokens} tokens, ${counts.size} names`);
  }
  const out: Array<[string, string, number]> = [];
  for (const [name, c] of counts) {
    const total = c[0] + c[1] + c[2] + c[3];
    let arg = 0;
    for (let k = 1; k < 4; k++) if (c[k] > c[arg]) arg = k;
    if (total >= minCount && c[arg] / total >= purity) out.push([name, TYPES[arg], total]);
  }
  out.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  return out;
}
