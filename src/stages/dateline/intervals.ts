// Sets of days as sorted, disjoint, inclusive [first, last] pairs of day numbers.

export type Interval = [number, number];
export type DaySet = Interval[];

export function normalizeSet(s: DaySet): DaySet {
  // most sets are made sorted and with no empty pair (a loop over the years, a holder's terms):
  // those are merged as they are, not copied and sorted first (the result is the same: the sort
  // is stable); the pairs of `s` are only read
  let ordered = true;
  for (let k = 0; k < s.length; k++) {
    if (s[k][0] > s[k][1] || (k > 0 && s[k][0] < s[k - 1][0])) {
      ordered = false;
      break;
    }
  }
  const a = ordered ? s : s.filter(([x, y]) => x <= y).sort((p, q) => p[0] - q[0]);
  const out: DaySet = [];
  for (const [x, y] of a) {
    const last = out[out.length - 1];
    if (last && x <= last[1] + 1) last[1] = Math.max(last[1], y);
    else out.push([x, y]);
  }
  return out;
}

export function intersect(a: DaySet, b: DaySet): DaySet {
  const out: DaySet = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

export function complement(a: DaySet, domain: Interval): DaySet {
  const out: DaySet = [];
  let from = domain[0];
  for (const [x, y] of a) {
    if (y < domain[0] || x > domain[1]) continue;
    if (x > from) out.push([from, Math.min(x - 1, domain[1])]);
    from = Math.max(from, y + 1);
  }
  if (from <= domain[1]) out.push([from, domain[1]]);
  return out;
}

export function size(a: DaySet): number {
  let n = 0;
  for (const [x, y] of a) n += y - x + 1;
  return n;
}

export function hull(a: DaySet): Interval | null {
  return a.length ? [a[0][0], a[a.length - 1][1]] : null;
}
