// The reader's highlighting (web/src/marks.ts) without a browser: the leaves of the tree are the
// text exactly, spans nest by layer, crossing spans are split, and bad offsets are dropped. Plus a
// static check that nothing in web/src hands a string to the HTML parser.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisSpans, buildTree, type MarkNode, type MarkSpan } from '../../web/src/marks.js';
import type { Analysis } from '../../web/src/types.js';

function leaves(n: MarkNode, text: string, out: string[] = []): string[] {
  for (const c of n.children) if (Array.isArray(c)) out.push(text.slice(c[0], c[1]));
  else leaves(c, text, out);
  return out;
}
function flat(n: MarkNode, depth = 0, out: { kind: string; depth: number; a: number; b: number }[] = []) {
  for (const c of n.children) {
    if (Array.isArray(c)) continue;
    const ls = leavesRange(c);
    out.push({ kind: c.span!.kind, depth, a: ls[0], b: ls[1] });
    flat(c, depth + 1, out);
  }
  return out;
}
function leavesRange(n: MarkNode): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  for (const c of n.children) {
    const [x, y] = Array.isArray(c) ? c : leavesRange(c);
    a = Math.min(a, x);
    b = Math.max(b, y);
  }
  return [a, b];
}

const span = (start: number, end: number, kind: MarkSpan['kind'], layer: number): MarkSpan => ({ start, end, kind, layer, idx: 0 });

describe('marks', () => {
  it('the leaves are the text, in order, whatever the spans', () => {
    const text = 'قال <script>alert(1)</script> الناتو إن 2500 جندي 😀 في العراق';
    const spans = [span(0, text.length, 'SENT', 0), span(4, 29, 'QUOTE', 3), span(30, 36, 'ORG', 4), span(40, 49, 'QUANT', 4), span(45, 55, 'TIMEX', 4), span(50, 52, 'LOC', 4)];
    const tree = buildTree(text.length, spans);
    expect(leaves(tree, text).join('')).toBe(text);
  });
  it('nests by layer and splits crossing spans, labelling only the last piece', () => {
    const text = 'abcdefghij';
    // QUOTE 2–8 contains ORG 3–5; TIMEX 7–10 crosses the quote's end
    const tree = buildTree(text.length, [span(2, 8, 'QUOTE', 3), span(3, 5, 'ORG', 4), span(7, 10, 'TIMEX', 4)]);
    const f = flat(tree);
    expect(f).toContainEqual({ kind: 'QUOTE', depth: 0, a: 2, b: 8 });
    expect(f).toContainEqual({ kind: 'ORG', depth: 1, a: 3, b: 5 });
    const timex = f.filter((x) => x.kind === 'TIMEX');
    expect(timex).toEqual([
      { kind: 'TIMEX', depth: 1, a: 7, b: 8 },
      { kind: 'TIMEX', depth: 0, a: 8, b: 10 },
    ]);
    const pieces: MarkNode[] = [];
    const walk = (n: MarkNode) => n.children.forEach((c) => !Array.isArray(c) && (c.span?.kind === 'TIMEX' && pieces.push(c), walk(c)));
    walk(tree);
    expect(pieces.map((p) => [p.first, p.last])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
  it('drops spans outside the text or empty, and merges events on one trigger', () => {
    const text = 'اتفقت واشنطن وبغداد';
    const a = {
      sentences: [{ start: 0, end: text.length }],
      boilerplate: [],
      quotes: [{ start: 5, end: 500, text: '', speaker: null, cue: null, via: null }],
      entities: [{ id: 'e1', kb: 'usa', type: 'LOC', name: '', name_en: null, mentions: [{ start: 6, end: 12, text: 'واشنطن' }, { start: -1, end: 3, text: '' }] }],
      times: [{ start: 3, end: 3, text: '', type: 'DATE', value: null, mod: null }],
      quantities: [],
      events: [
        { type: 'AGREE', mode: null, trigger: { start: 0, end: 5, text: 'اتفقت' }, actors: [], targets: [], location: null, time: null, status: 'realized', sentence: 0 },
        { type: 'CONSULT', mode: null, trigger: { start: 0, end: 5, text: 'اتفقت' }, actors: [], targets: [], location: null, time: null, status: 'realized', sentence: 0 },
      ],
    } as unknown as Analysis;
    const spans = analysisSpans(a, text.length);
    expect(spans.map((s) => s.kind).sort()).toEqual(['EVENT', 'LOC', 'SENT']);
    expect(spans.find((s) => s.kind === 'EVENT')!.also).toEqual([1]);
  });
  it('web/src never hands a string to the HTML parser', () => {
    const dir = path.resolve(import.meta.dirname, '../../web/src');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(tsx?|js)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const code = fs
        .readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
        .join('\n');
      expect(code, f).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    }
  });
});
