// Numeric feature keys. Features that combine a token with its neighbours (word pairs, cluster
// pairs) and the second-pass document features are made for every token, so they are not built
// as strings: each is a template number and one or two values, mixed into a 64-bit key (two
// 32-bit halves) and looked up in an open-addressing table. Collisions at 64 bits are negligible.

/** 32-bit string hashes with two different multipliers (FNV-1a style). */
export function hash1(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h ^ (h >>> 15)) | 0;
}
export function hash2(s: string): number {
  let h = 0x2545f491 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
  return (h ^ (h >>> 13)) | 0;
}

function mix(t: number, a: number, b: number, seed: number): number {
  let h = Math.imul(t ^ seed, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
/** First and second halves of the key of template t with values (a1/a2, b1/b2). */
export function key1(t: number, a1: number, b1: number): number {
  return mix(t, a1, b1, 0x3c6ef372);
}
export function key2(t: number, a2: number, b2: number): number {
  return mix(t, a2, b2, 0x1b873593);
}

/**
 * Open-addressing map from 64-bit keys (two int32) to feature rows. A slot is four int32 side by
 * side (key1, key2, row, unused), so a lookup touches one cache line.
 */
export class KeyIndex {
  private slots: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.slots = KeyIndex.empty(cap);
    this.mask = cap - 1;
  }
  private static empty(cap: number): Int32Array {
    const a = new Int32Array(cap * 4);
    for (let s = 2; s < a.length; s += 4) a[s] = -1;
    return a;
  }
  get(a: number, b: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let s = (a ^ (a >>> 16)) & mask;
    for (;;) {
      const o = s << 2;
      const r = slots[o + 2];
      if (r < 0) return -1;
      if (slots[o] === a && slots[o + 1] === b) return r;
      s = (s + 1) & mask;
    }
  }
  set(a: number, b: number, row: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let s = (a ^ (a >>> 16)) & mask;
    for (;;) {
      const o = s << 2;
      const r = slots[o + 2];
      if (r < 0) {
        slots[o] = a;
        slots[o + 1] = b;
        slots[o + 2] = row;
        this.size++;
        return;
      }
      if (slots[o] === a && slots[o + 1] === b) {
        slots[o + 2] = row;
        return;
      }
      s = (s + 1) & mask;
    }
  }
  /** Every (key1, key2, row). */
  *entries(): IterableIterator<[number, number, number]> {
    const slots = this.slots;
    for (let o = 0; o < slots.length; o += 4) if (slots[o + 2] >= 0) yield [slots[o], slots[o + 1], slots[o + 2]];
  }
  private grow(): void {
    const old = [...this.entries()];
    const cap = (this.mask + 1) * 2;
    this.slots = KeyIndex.empty(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (const [a, b, r] of old) this.set(a, b, r);
  }
}

/** Key as 16 hex digits (for the model file) and back. */
export function keyHex(a: number, b: number): string {
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
export function parseKeyHex(s: string): [number, number] {
  return [parseInt(s.slice(0, 8), 16) | 0, parseInt(s.slice(8, 16), 16) | 0];
}
