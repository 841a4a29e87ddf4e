// Highlighting built from offsets, never from markup. The article text is untrusted: it is cut at
// span boundaries (UTF-16 indexes, i.e. JS string indexes) into plain strings, and the views render
// those strings as React text nodes inside <span>s whose attributes we set. Nothing of the text is
// ever parsed as HTML (no innerHTML, no dangerouslySetInnerHTML).
//
// Spans nest by layer (sentence ⊃ boilerplate ⊃ quote ⊃ entity/time/figure/event). Where two spans
// cross, the later one is split into pieces; each piece knows whether it is the span's last (the
// one that carries the label, as displaCy does).
import type { Analysis } from './types.js';

export type MarkKind = 'SENT' | 'BOIL' | 'QUOTE' | 'FIND' | 'PER' | 'ORG' | 'LOC' | 'MISC' | 'TIMEX' | 'QUANT' | 'EVENT';

export interface MarkSpan {
  start: number;
  end: number;
  layer: number;
  kind: MarkKind;
  /** Index into the analysis list of its kind (sentences, quotes, entities, times, quantities, events). */
  idx: number;
  /** For entity mentions: the mention's index within the entity. */
  sub?: number;
  /** Events sharing one trigger. */
  also?: number[];
}

export interface MarkNode {
  span: MarkSpan | null;
  /** Index of the span in the list given to buildTree (for hover look-ups). */
  si: number;
  last: boolean;
  first: boolean;
  children: (MarkNode | [number, number])[];
}

const ENT_KINDS = new Set(['PER', 'ORG', 'LOC', 'MISC']);

/** The spans of an analysis, in a stable order. `find` adds one more span to emphasise. */
export function analysisSpans(a: Analysis, textLength: number, find?: { start: number; end: number } | null): MarkSpan[] {
  const out: MarkSpan[] = [];
  a.sentences.forEach((s, i) => out.push({ start: s.start, end: s.end, layer: 0, kind: 'SENT', idx: i }));
  a.boilerplate.forEach((b, i) => out.push({ start: b.start, end: b.end, layer: 1, kind: 'BOIL', idx: i }));
  if (find) out.push({ start: find.start, end: find.end, layer: 2, kind: 'FIND', idx: 0 });
  a.quotes.forEach((q, i) => out.push({ start: q.start, end: q.end, layer: 3, kind: 'QUOTE', idx: i }));
  a.entities.forEach((e, i) =>
    e.mentions.forEach((m, j) => out.push({ start: m.start, end: m.end, layer: 4, kind: (ENT_KINDS.has(e.type) ? e.type : 'MISC') as MarkKind, idx: i, sub: j })),
  );
  a.times.forEach((t, i) => out.push({ start: t.start, end: t.end, layer: 4, kind: 'TIMEX', idx: i }));
  a.quantities.forEach((q, i) => out.push({ start: q.start, end: q.end, layer: 4, kind: 'QUANT', idx: i }));
  const triggers = new Map<string, MarkSpan>();
  a.events.forEach((e, i) => {
    const k = `${e.trigger.start}:${e.trigger.end}`;
    const seen = triggers.get(k);
    if (seen) (seen.also ??= []).push(i);
    else {
      const s: MarkSpan = { start: e.trigger.start, end: e.trigger.end, layer: 4, kind: 'EVENT', idx: i };
      triggers.set(k, s);
      out.push(s);
    }
  });
  return out.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= textLength && s.start < s.end);
}

/** Nest the spans over [0, length): a tree whose leaves are [start, end) ranges of plain text. */
export function buildTree(length: number, spans: MarkSpan[]): MarkNode {
  const root: MarkNode = { span: null, si: -1, last: true, first: true, children: [] };
  const bounds = new Set<number>([0, length]);
  for (const s of spans) {
    bounds.add(s.start);
    bounds.add(s.end);
  }
  const cuts = [...bounds].filter((b) => b >= 0 && b <= length).sort((x, y) => x - y);
  const order = spans.map((_, i) => i).sort((i, j) => spans[i].layer - spans[j].layer || spans[i].start - spans[j].start || spans[j].end - spans[i].end || i - j);
  const rank = new Map(order.map((si, r) => [si, r]));
  // spans by start, to find the covering ones quickly
  const stack: MarkNode[] = [root];
  const lastPiece = new Map<number, MarkNode>();
  const started = new Set<number>();
  let active: number[] = [];
  const byStart = [...order].sort((i, j) => spans[i].start - spans[j].start);
  let next = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const a = cuts[c];
    const b = cuts[c + 1];
    while (next < byStart.length && spans[byStart[next]].start <= a) active.push(byStart[next++]);
    active = active.filter((i) => spans[i].end > a);
    const covering = active.filter((i) => spans[i].start <= a && spans[i].end >= b);
    covering.sort((i, j) => rank.get(i)! - rank.get(j)!);
    // keep the open nodes that still cover this piece, in order
    let k = 0;
    while (k < covering.length && k + 1 < stack.length && stack[k + 1].si === covering[k]) k++;
    stack.length = k + 1;
    for (let m = k; m < covering.length; m++) {
      const si = covering[m];
      const node: MarkNode = { span: spans[si], si, last: false, first: !started.has(si), children: [] };
      started.add(si);
      stack[stack.length - 1].children.push(node);
      stack.push(node);
      lastPiece.set(si, node);
    }
    const top = stack[stack.length - 1];
    const prev = top.children.at(-1);
    if (Array.isArray(prev) && prev[1] === a) prev[1] = b;
    else top.children.push([a, b]);
  }
  for (const n of lastPiece.values()) n.last = true;
  return root;
}
