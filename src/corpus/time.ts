// TIMEX3 values as day intervals, for comparing times across articles.
// «2025-02-05» → [2025-02-05, 2025-02-05]; «2025-09» → the month; «2025» → the year;
// «2025-W05» → that ISO week; «2018-02-18TEV» → the day. References (PRESENT_REF…), durations and
// sets have no interval (null).

export interface DayInterval {
  /** First day, «YYYY-MM-DD». */
  from: string;
  /** Last day, «YYYY-MM-DD». */
  to: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The days a TIMEX3 value covers, or null when it names no calendar period. */
export function timexInterval(value: string | null | undefined): DayInterval | null {
  if (!value) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) {
    const d = `${m[1]}-${m[2]}-${m[3]}`;
    return { from: d, to: d };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (Number(m[2]) - 1) * 7 * 86400000);
    return { from: iso(monday), to: iso(new Date(monday.getTime() + 6 * 86400000)) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(lastDay(y, mo))}` };
  }
  m = /^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$/.exec(value);
  if (m) {
    const y = m[1];
    const q: Record<string, [string, string]> = {
      Q1: ['01-01', '03-31'], Q2: ['04-01', '06-30'], Q3: ['07-01', '09-30'], Q4: ['10-01', '12-31'],
      H1: ['01-01', '06-30'], H2: ['07-01', '12-31'],
      SP: ['03-01', '05-31'], SU: ['06-01', '08-31'], FA: ['09-01', '11-30'], WI: ['12-01', '12-31'],
    };
    const [a, b] = q[m[2]];
    return { from: `${y}-${a}`, to: `${y}-${b}` };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{3})X?$/.exec(value); // a decade «201» / «201X»
  if (m) return { from: `${m[1]}0-01-01`, to: `${m[1]}9-12-31` };
  return null;
}

/** Days between two ISO days (b − a). */
export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

export function addDays(d: string, n: number): string {
  return iso(new Date(Date.parse(d) + n * 86400000));
}

/** Do two intervals overlap, allowing `slackDays` either side? */
export function overlaps(a: DayInterval, b: DayInterval, slackDays = 0): boolean {
  return dayDiff(b.to, a.from) <= slackDays && dayDiff(a.to, b.from) <= slackDays;
}

/** Length in days (1 for one day). */
export function spanDays(a: DayInterval): number {
  return dayDiff(a.from, a.to) + 1;
}

/** Is the value a day-precise date? */
export const isDay = (v: string | null | undefined) => !!v && /^\d{4}-\d{2}-\d{2}/.test(v);
