// CoNLL files (`token<TAB>tag` per line, a blank line between sentences) and span-level scoring.
import { readFileSync } from 'node:fs';
import { createError } from '../../errors.js';
import { canonicalTag, ENTITY_TYPES, spansOf } from './labels.js';

export interface TaggedSentence {
  tokens: string[];
  tags: string[];
}

/** Read a CoNLL file: first column the token, second the tag (PERS → PER); extra columns ignored. */
export function readConll(path: string): TaggedSentence[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw createError('E_INPUT_NOT_FOUND', path);
  }
  return parseConll(text, path);
}

export function parseConll(text: string, origin = '<conll>'): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence = { tokens: [], tags: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      if (cur.tokens.length) out.push(cur);
      cur = { tokens: [], tags: [] };
      continue;
    }
    const cols = line.split('\t');
    if (cols.length < 2) {
      const sp = line.trim().split(/\s+/);
      if (sp.length < 2) throw createError('E_DATA', origin, i + 1, 'expected token<TAB>tag');
      cols.splice(0, cols.length, sp[0], sp[sp.length - 1]);
    }
    cur.tokens.push(cols[0]);
    cur.tags.push(canonicalTag(cols[1]));
  }
  if (cur.tokens.length) out.push(cur);
  return out;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface SpanScore {
  overall: Prf;
  byType: Record<string, Prf>;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** CoNLL span-level micro P/R/F1 (exact span and type), overall and per type. */
export function scoreSpans(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): SpanScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  for (const t of ENTITY_TYPES) counts.set(t, { tp: 0, fp: 0, fn: 0 });
  for (let s = 0; s < gold.length; s++) {
    const g = spansOf(gold[s]);
    const p = spansOf(pred[s]);
    const key = (x: { start: number; end: number; type: string }) => `${x.start}:${x.end}:${x.type}`;
    const gs = new Set(g.map(key));
    const ps = new Set(p.map(key));
    for (const x of p) {
      const c = counts.get(x.type)!;
      if (gs.has(key(x))) c.tp++;
      else c.fp++;
    }
    for (const x of g) if (!ps.has(key(x))) counts.get(x.type)!.fn++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byType: Record<string, Prf> = {};
  for (const [t, c] of counts) {
    byType[t] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { overall: prf(tp, fp, fn), byType };
}
