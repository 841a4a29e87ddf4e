// Shared printing for the store commands: aligned tables, entity names in Arabic and English.
import type { EntityName, Store } from '../store/types.js';
import type { DayInterval } from '../corpus/time.js';

/** Left-aligned columns separated by two spaces (width by code points; marks take none). */
export function table(rows: string[][]): string {
  const width = (s: string) => [...s.replace(/[\u064b-\u065f\u0670\u0640]/g, '')].length;
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  return rows.map((r) => r.map((cell, c) => cell + ' '.repeat(Math.max(0, widths[c] - width(cell)))).join('  ').trimEnd()).join('\n');
}

export const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return [...one].length > n ? [...one].slice(0, n - 1).join('') + '…' : one;
};

export const when = (w: DayInterval | null | undefined) => (!w ? '—' : w.from === w.to ? w.from : `${w.from}..${w.to}`);

/** A TIMEX3 value as a reader takes it: a year, a month or a day as it is (2025-09); anything else
 *  (a decade «195», a week, a season, a century) as the days it covers; then its mod. */
export const period = (value: string | null | undefined, w: DayInterval | null | undefined, mod?: string | null) => {
  const v = value && /^\d{4}(-\d\d){0,2}$/.test(value) ? value : when(w);
  return mod ? `${v} ${mod}` : v;
};

/** Names for entity keys: «السوداني (Mohammed Shia al-Sudani)». */
export async function namer(store: Store, keys: Iterable<string | null | undefined>): Promise<(k: string | null | undefined) => string> {
  const list = [...new Set([...keys].filter((k): k is string => !!k))];
  const names: Map<string, EntityName> = list.length ? await store.names(list) : new Map();
  return (k) => {
    if (!k) return '—';
    const n = names.get(k);
    if (!n) return k;
    return n.name_en ? `${n.name} (${n.name_en})` : n.name;
  };
}

export function writeJson(out: NodeJS.WritableStream, value: unknown): void {
  out.write(JSON.stringify(value, null, 2) + '\n');
}

/** `marsad … | head`: a closed pipe ends the output quietly instead of crashing. */
export function quietPipe(out: NodeJS.WritableStream): void {
  if ((out as { __marsadPipe?: boolean }).__marsadPipe) return;
  (out as { __marsadPipe?: boolean }).__marsadPipe = true;
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/** «2–3 of 12 shown», or, past the end, «none of 12 shown: --offset 20 is past the end». */
export function pageLine(from: number, shown: number, total: number): string {
  return shown ? `${from + 1}–${from + shown} of ${total} shown (--limit, --offset)` : `none of ${total} shown: --offset ${from} is past the end`;
}
