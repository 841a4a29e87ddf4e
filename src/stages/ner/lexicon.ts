// Loading the tagger's data files from data/ner/: gazetteers (one entry per line) and word clusters.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { createError } from '../../errors.js';
import { addGazetteerEntry, emptyLexicon, type Lexicon } from './features.js';

/** Gazetteer files and the type their entries get. */
export const GAZETTEER_FILES: ReadonlyArray<[string, string]> = [
  ['gazetteer-pers.txt', 'PER'],
  ['gazetteer-loc.txt', 'LOC'],
  ['gazetteer-org.txt', 'ORG'],
];
export const CLUSTER_FILE = 'clusters.tsv.gz';
/** Names harvested by tagging unlabelled news: `phrase<TAB>TYPE<TAB>count` (optional). */
export const AUTO_GAZETTEER_FILE = 'gazetteer-auto.tsv';
/**
 * Names of the knowledge base (data/kb/*.jsonl) as a second gazetteer, `phrase<TAB>TYPE<TAB>kb id`:
 * a snapshot, so that editing the knowledge base does not invalidate the model (rebuilt with
 * `npm run train:ner -- --build-kb-gazetteer`).
 */
export const KB_GAZETTEER_FILE = 'gazetteer-kb.tsv';
/** Optional second clustering (other vocabulary size and seed). */
export const CLUSTER_FILE2 = 'clusters-b.tsv.gz';
export const MODEL_FILE = 'model.tsv.gz';
/** Trigger statistics from the unlabelled news (triggers.ts): `word<TAB>b1 b2 b3 b4`. */
export const TRIGGER_FILE = 'triggers.tsv.gz';

/** data/ner/ of this checkout: the first ancestor of this module holding data/ner/. */
export function defaultDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 8; k++) {
    const cand = join(dir, 'data', 'ner');
    if (existsSync(join(cand, MODEL_FILE)) || existsSync(join(cand, 'README.md'))) return cand;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(process.cwd(), 'data', 'ner');
}

/**
 * A fingerprint of the lexicon files in `dir` (gazetteers and the clusters' text): a model records
 * the fingerprint it was trained with, and loading refuses a model whose lexicon has changed.
 */
export function lexiconFingerprint(dir: string, opts: LexiconOptions = {}): string {
  const h = createHash('sha1');
  if (opts.gazetteers !== false) {
    for (const [file] of GAZETTEER_FILES) {
      const path = join(dir, file);
      if (existsSync(path)) h.update(file).update(readFileSync(path));
    }
  }
  const auto = opts.autoFile ?? join(dir, AUTO_GAZETTEER_FILE);
  if (opts.gazetteers !== false && auto && existsSync(auto)) h.update(AUTO_GAZETTEER_FILE).update(readFileSync(auto));
  const kb = join(dir, KB_GAZETTEER_FILE);
  if (opts.gazetteers !== false && opts.kb !== false && existsSync(kb)) h.update(KB_GAZETTEER_FILE).update(readFileSync(kb));
  const cl = join(dir, CLUSTER_FILE);
  if (opts.clusters !== false && existsSync(cl)) h.update(CLUSTER_FILE).update(gunzipSync(readFileSync(cl)));
  const tr = join(dir, TRIGGER_FILE);
  if (opts.clusters !== false && opts.triggers !== false && existsSync(tr)) h.update(TRIGGER_FILE).update(gunzipSync(readFileSync(tr)));
  const cl2 = join(dir, CLUSTER_FILE2);
  if (opts.clusters !== false && existsSync(cl2)) h.update(CLUSTER_FILE2).update(gunzipSync(readFileSync(cl2)));
  return h.digest('hex').slice(0, 16);
}

export interface LexiconOptions {
  gazetteers?: boolean;
  clusters?: boolean;
  /** The harvested gazetteer to use instead of dir/gazetteer-auto.tsv ('' for none). */
  autoFile?: string;
  /** Read gazetteer-kb.tsv when present (default true; with the gazetteers). */
  kb?: boolean;
  /** Read triggers.tsv.gz when present (default true; with the clusters). */
  triggers?: boolean;
}

export function loadLexicon(dir: string, opts: LexiconOptions = {}): Lexicon {
  const lex = emptyLexicon();
  if (opts.gazetteers !== false) {
    for (const [file, type] of GAZETTEER_FILES) {
      const path = join(dir, file);
      if (!existsSync(path)) throw createError('E_DATA', path, 0, 'gazetteer file missing');
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const entry = line.trim();
        if (entry && !entry.startsWith('#')) addGazetteerEntry(lex, entry, type);
      }
    }
  }
  // the second gazetteer (lex.auto): the knowledge base's names, and harvested names if present
  const second = [opts.autoFile ?? join(dir, AUTO_GAZETTEER_FILE)];
  if (opts.kb !== false) second.push(join(dir, KB_GAZETTEER_FILE));
  for (const auto of second) {
    if (opts.gazetteers === false || !auto || !existsSync(auto)) continue;
    const lines = readFileSync(auto, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line || line.startsWith('#')) continue;
      const [phrase, type] = line.split('\t');
      if (!phrase || !type) throw createError('E_DATA', auto, i + 1, 'expected phrase<TAB>TYPE<TAB>…');
      addGazetteerEntry(lex.auto, phrase, type);
    }
  }
  if (opts.clusters !== false) {
    const path = join(dir, CLUSTER_FILE);
    if (existsSync(path)) readClusters(gunzipSync(readFileSync(path)).toString('utf8'), path, lex);
    const tr = join(dir, TRIGGER_FILE);
    if (opts.triggers !== false && existsSync(tr)) readTriggers(gunzipSync(readFileSync(tr)).toString('utf8'), tr, lex);
    const path2 = join(dir, CLUSTER_FILE2);
    if (existsSync(path2)) {
      const second = emptyLexicon();
      readClusters(gunzipSync(readFileSync(path2)).toString('utf8'), path2, second);
      lex.clusters2 = second.clusters;
    }
  }
  return lex;
}

/**
 * Cluster file: `word<TAB>bits<TAB>freq<TAB>al` per line (bits: the cluster's path in a binary tree;
 * freq: floor(log2(corpus count)); al: share of occurrences with the article, in fifths, -1 unknown).
 */
export function readClusters(text: string, origin: string, lex: Lexicon): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw createError('E_DATA', origin, i + 1, 'expected word<TAB>bits');
    const [word, path, freq, al] = line.split('\t');
    lex.clusters.set(word, path);
    if (freq !== undefined) lex.stats.set(word, Number(freq) * 8 + (Number(al) + 1));
  }
}

/** Trigger file: `word<TAB>b1 b2 …` (buckets 0–4, one per kind of triggers.ts, at most 10). */
export function readTriggers(text: string, origin: string, lex: Lexicon): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.startsWith('#')) continue;
    const [word, bs] = line.split('\t');
    const b = (bs ?? '').split(' ').map(Number);
    if (!word || b.length < 1 || b.length > 10 || b.some((x) => !(x >= 0 && x <= 7))) throw createError('E_DATA', origin, i + 1, 'expected word<TAB>buckets');
    let v = 0;
    for (let k = 0; k < b.length; k++) v |= b[k] << (3 * k);
    if (v) lex.triggers.set(word, v);
  }
}
