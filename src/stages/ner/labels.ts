// The IOB2 label set of the tagger and the rules a well-formed sequence obeys.
import type { EntityType } from '../../pipeline/doc.js';

export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'LOC', 'ORG', 'MISC'];

/** Labels in model order: 0 = O, then B-X / I-X for each type. */
export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const NUM_LABELS = LABELS.length;
export const LABEL_INDEX: ReadonlyMap<string, number> = new Map(LABELS.map((l, i) => [l, i]));

/** Fold a tag from a corpus to our spelling: PERS → PER, anything unknown → O. */
export function canonicalTag(tag: string): string {
  const t = tag.trim().toUpperCase();
  if (t === 'O' || t === '') return 'O';
  const m = /^([BI])-(.+)$/.exec(t);
  if (!m) return 'O';
  let type = m[2];
  if (type === 'PERS' || type === 'PERSON') type = 'PER';
  if (type === 'LOCATION' || type === 'GPE') type = 'LOC';
  if (type === 'ORGANIZATION') type = 'ORG';
  return LABEL_INDEX.has(`${m[1]}-${type}`) ? `${m[1]}-${type}` : 'O';
}

/** The type of a label index (null for O). */
export function labelType(y: number): EntityType | null {
  return y === 0 ? null : ENTITY_TYPES[(y - 1) >> 1];
}
export function isInside(y: number): boolean {
  return y > 0 && (y & 1) === 0;
}

/**
 * ALLOWED[(prev + 1) * L + y] is 1 when label y may follow label prev (prev = -1: sentence start).
 * IOB2: I-X may only follow B-X or I-X.
 */
export const ALLOWED: Uint8Array = (() => {
  const L = NUM_LABELS;
  const a = new Uint8Array((L + 1) * L);
  for (let p = -1; p < L; p++) {
    for (let y = 0; y < L; y++) {
      let ok = true;
      if (isInside(y)) ok = p >= 0 && p !== 0 && labelType(p) === labelType(y);
      a[(p + 1) * L + y] = ok ? 1 : 0;
    }
  }
  return a;
})();

/** True when `tags` is valid IOB2 (every I-X continues a B-X or I-X). */
export function isValidIob2(tags: readonly string[]): boolean {
  let prev = 'O';
  for (const t of tags) {
    if (t.startsWith('I-') && prev.slice(2) !== t.slice(2)) return false;
    if (t.startsWith('I-') && prev === 'O') return false;
    prev = t;
  }
  return true;
}

export interface TagSpan {
  /** First token index. */
  start: number;
  /** One past the last token index. */
  end: number;
  type: EntityType;
}

/**
 * Entity spans of a tag sequence, the way conlleval reads them: a chunk starts at B-X, or at I-X
 * whose previous tag is not of type X (an "orphan" I-X starts an entity).
 */
export function spansOf(tags: readonly string[]): TagSpan[] {
  const out: TagSpan[] = [];
  let cur: TagSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = canonicalTag(tags[i]);
    const bio = t[0];
    const type = t.slice(2) as EntityType;
    if (cur && (bio !== 'I' || type !== cur.type)) {
      cur.end = i;
      out.push(cur);
      cur = null;
    }
    if (bio === 'B' || (bio === 'I' && !cur)) cur = { start: i, end: i + 1, type };
  }
  if (cur) {
    cur.end = tags.length;
    out.push(cur);
  }
  return out;
}
