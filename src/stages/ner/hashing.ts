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

/** Open-addressing map from 64-bit keys (two int32) to feature rows. */
export class KeyIndex {
  private k1: Int32Array;
  private k2: Int32Array;
  private rows: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.k1 = new Int32Array(cap);
    this.k2 = new Int32Array(cap);
    this.rows = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }
  get(a: number, b: number): number {
    const { k1, k2, rows, mask } = this;
    let s = (a ^ (a >>> 16)) & mask;
    for (;;) {
      const r = rows[s];
      if (r < 0) return -1;
      if (k1[s] === a && k2[s] === b) return r;
      s = (s + 1) & mask;
    }
  }
  set(a: number, b: number, row: number): void {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const { k1, k2, rows, mask } = this;
    let s = (a ^ (a >>> 16)) & mask;
    for (;;) {
      const r = rows[s];
      if (r < 0) {
        k1[s] = a;
        k2[s] = b;
        rows[s] = row;
        this.size++;
        return;
      }
      if (k1[s] === a && k2[s] === b) {
        rows[s] = row;
        return;
      }
      s = (s + 1) & mask;
    }
  }
  /** Every (key1, key2, row). */
  *entries(): IterableIterator<[number, number, number]> {
    for (let s = 0; s < this.rows.length; s++) if (this.rows[s] >= 0) yield [this.k1[s], this.k2[s], this.rows[s]];
  }
  private grow(): void {
    const old = [...this.entries()];
    const cap = this.rows.length * 2;
    this.k1 = new Int32Array(cap);
    this.k2 = new Int32Array(cap);
    this.rows = new Int32Array(cap).fill(-1);
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
