// The knowledge base in memory: records by id, and indexes by normalised name (nameKey) for the
// linker: names, ambiguous names, context-only aliases, country-scoped generic names, nisbas and
// role titles.
import { keyVariants, nameKey, nisbaForms, nisbaInflections } from './names.js';
import { loadKbRecords, type LoadedRecord } from './load.js';
import type { KbRecord, KbRole, KbSource } from './types.js';

export type NameKind = 'name' | 'ambiguous' | 'ctx' | 'generic';
export interface NameEntry {
  id: string;
  kind: NameKind;
}
export interface RoleEntry {
  person: string;
  role: KbRole;
  /** keys of role.title_ar */
  titles: string[];
}
export interface DateWindow {
  date?: string | null;
  earliest?: string | null;
  latest?: string | null;
}

/** Start and end of a partial ISO date as full days ("2024" → 2024-01-01 … 2024-12-31). */
export function dayBounds(d: string): [string, string] {
  if (d.length === 4) return [`${d}-01-01`, `${d}-12-31`];
  if (d.length === 7) return [`${d}-01`, `${d}-31`];
  return [d, d];
}

/** Is [from, to] (open ends allowed) holding for the whole window, or for its middle day? */
export function activeIn(from: string | null | undefined, to: string | null | undefined, w: DateWindow, strict = false): boolean {
  const lo = w.date ?? w.earliest ?? w.latest;
  const hi = w.date ?? w.latest ?? w.earliest;
  if (!lo || !hi) return !strict;
  const a = dayBounds(lo)[0];
  const b = dayBounds(hi)[1];
  const f = from ? dayBounds(from)[0] : '0000-01-01';
  const t = to ? dayBounds(to)[1] : '9999-12-31';
  if (strict) return f <= a && b <= t;
  return f <= b && a <= t; // overlaps
}

export class KnowledgeBase {
  readonly records = new Map<string, KbRecord>();
  private readonly sources = new Map<string, KbSource>();
  /** key → entries (several records may share a name: عمان is Oman and Amman). */
  readonly names = new Map<string, NameEntry[]>();
  /** nisba key → country id (العراقية → iraq). */
  readonly nisbas = new Map<string, string>();
  readonly roles: RoleEntry[] = [];
  /** country id → records that carry generic names for it (by key). */
  readonly generic = new Map<string, Map<string, string>>();

  constructor(loaded: Iterable<LoadedRecord>, extraNisbas: Record<string, string> = {}) {
    for (const { record, source } of loaded) {
      this.records.set(record.id, record);
      this.sources.set(record.id, source);
    }
    for (const r of this.records.values()) this.index(r);
    for (const [masc, country] of Object.entries(extraNisbas))
      if (this.records.has(country)) for (const f of nisbaInflections(masc)) if (!this.nisbas.has(f)) this.nisbas.set(f, country);
  }

  private add(name: string, id: string, kind: NameKind): void {
    for (const key of keyVariants(nameKey(name))) {
      if (!key) continue;
      const list = this.names.get(key) ?? [];
      if (!list.some((e) => e.id === id && e.kind === kind)) list.push({ id, kind });
      this.names.set(key, list);
    }
  }

  private index(r: KbRecord): void {
    const ambiguous = new Set((r.ambiguous_ar ?? []).map(nameKey));
    for (const n of r.names_ar) this.add(n, r.id, ambiguous.has(nameKey(n)) ? 'ambiguous' : 'name');
    for (const n of r.ambiguous_ar ?? []) this.add(n, r.id, 'ambiguous');
    for (const n of r.aliases_ctx ?? []) this.add(n, r.id, 'ctx');
    for (const n of r.generic_ar ?? []) {
      this.add(n, r.id, 'generic');
      if (r.country) {
        const m = this.generic.get(r.country) ?? new Map<string, string>();
        m.set(nameKey(n), r.id);
        this.generic.set(r.country, m);
      }
    }
    if (r.kind === 'country')
      for (const n of r.names_ar) for (const f of nisbaForms(nameKey(n))) if (!this.nisbas.has(f)) this.nisbas.set(f, r.id);
    for (const role of r.roles ?? []) this.roles.push({ person: r.id, role, titles: role.title_ar.map(nameKey) });
  }

  get(id: string): KbRecord | undefined {
    return this.records.get(id);
  }
  sourceOf(id: string): KbSource | undefined {
    return this.sources.get(id);
  }
  /** Entries for a name (any spelling the normaliser folds). */
  lookup(name: string): NameEntry[] {
    return this.names.get(nameKey(name)) ?? [];
  }
  lookupKey(key: string): NameEntry[] {
    return this.names.get(key) ?? [];
  }
  /** The country a nisba adjective refers to («الأمريكية» → usa), or null. */
  nisbaCountry(word: string): string | null {
    return this.nisbas.get(nameKey(word)) ?? null;
  }
  /** Is the record valid (an event's or name's period) for the window? */
  validAt(id: string, w: DateWindow): boolean {
    const r = this.records.get(id);
    if (!r || (!r.from && !r.to)) return true;
    return activeIn(r.from, r.to, w);
  }
  /**
   * Who held an office at a date: roles whose title key is `titleKey` (or any title when null) and
   * whose org is `org` (or any when null), active over the window (held for the whole window
   * first, else overlapping it; the latest start wins a tie).
   */
  holders(titleKey: string | null, org: string | null, w: DateWindow): string[] {
    const cands = this.roles.filter((e) => (titleKey == null || e.titles.includes(titleKey)) && (org == null || e.role.org === org));
    for (const strict of [true, false]) {
      const hit = cands.filter((e) => activeIn(e.role.from, e.role.to, w, strict));
      if (hit.length) {
        hit.sort((a, b) => (b.role.from ?? '').localeCompare(a.role.from ?? ''));
        return [...new Set(hit.map((e) => e.person))];
      }
    }
    return [];
  }
  /** All title keys of all roles (for finding titles in text). */
  titleKeys(): Set<string> {
    const s = new Set<string>();
    for (const e of this.roles) for (const t of e.titles) s.add(t);
    return s;
  }
}

let cached: KnowledgeBase | null = null;

/** Load the KB: the shipped data/kb plus any extra user files/folders. Without options, cached. */
export function loadKb(options: { dir?: string; extra?: string | string[]; nisbas?: Record<string, string> } = {}): KnowledgeBase {
  const plain = options.dir == null && options.extra == null && options.nisbas == null;
  if (plain && cached) return cached;
  const kb = new KnowledgeBase(loadKbRecords(options).values(), options.nisbas ?? {});
  if (plain) cached = kb;
  return kb;
}
