// The linker's word lists (data/kb/linking.json), loaded once and turned into key sets.
import fs from 'node:fs';
import path from 'node:path';
import { createError } from '../../errors.js';
import { defaultKbDir } from '../../kb/load.js';
import { nameKey } from '../../kb/names.js';

export interface LinkLexicon {
  /** Title phrases (keys), longest first. */
  titles: string[][];
  titleModifiers: Set<string>;
  former: Set<string>;
  /** descriptor key («تنظيم», «وكالة») → the record kinds it may stand before */
  orgDescriptors: Map<string, Set<string>>;
  countryPrefixes: Set<string>;
  genericHeads: Set<string>;
  locatives: Set<string>;
  /** masculine nisba key → country id */
  nisbaExtra: Record<string, string>;
  /** adjective keys with all inflections */
  adjectives: Set<string>;
  notNames: Set<string>;
  stopShort: Set<string>;
}

const LIST_FIELDS = ['titles', 'title_modifiers', 'former', 'country_prefixes', 'generic_heads',
  'locatives', 'adjectives', 'not_names', 'stop_short'] as const;

function inflect(masc: string): string[] {
  const forms = [masc, masc + 'ه', masc + 'ون', masc + 'ين', masc + 'ان', masc + 'تان', masc + 'تين'];
  return [...forms, ...forms.map((f) => 'ال' + f)];
}

export function parseLexicon(text: string, file: string): LinkLexicon {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw createError('E_DATA', file, 1, `not valid JSON (${(e as Error).message})`);
  }
  for (const k of LIST_FIELDS) {
    const v = o[k];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      throw createError('E_DATA', file, 1, `"${k}" must be a list of strings`);
  }
  const nx = o.nisba_extra;
  if (!nx || typeof nx !== 'object' || Array.isArray(nx) || !Object.values(nx).every((v) => typeof v === 'string'))
    throw createError('E_DATA', file, 1, '"nisba_extra" must map nisba adjectives to KB ids');
  const keys = (k: (typeof LIST_FIELDS)[number]) => new Set((o[k] as string[]).map(nameKey).filter(Boolean));
  const titles = [...keys('titles')].map((t) => t.split(' ')).sort((a, b) => b.length - a.length);
  const od = o.org_descriptors;
  if (!od || typeof od !== 'object' || Array.isArray(od) || !Object.values(od).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string')))
    throw createError('E_DATA', file, 1, '"org_descriptors" must map descriptors to lists of record kinds');
  const orgDescriptors = new Map(Object.entries(od as Record<string, string[]>).map(([k, v]) => [nameKey(k), new Set(v)]));
  const nisbaExtra: Record<string, string> = {};
  for (const [m, c] of Object.entries(nx as Record<string, string>)) nisbaExtra[nameKey(m)] = c;
  return {
    titles,
    titleModifiers: keys('title_modifiers'),
    former: keys('former'),
    orgDescriptors,
    countryPrefixes: keys('country_prefixes'),
    genericHeads: keys('generic_heads'),
    locatives: keys('locatives'),
    nisbaExtra,
    adjectives: new Set([...keys('adjectives')].flatMap(inflect)),
    notNames: keys('not_names'),
    stopShort: keys('stop_short'),
  };
}

let cached: LinkLexicon | null = null;
export function loadLexicon(file?: string): LinkLexicon {
  if (!file && cached) return cached;
  const f = file ?? path.join(defaultKbDir(), 'linking.json');
  const lex = parseLexicon(fs.readFileSync(f, 'utf8'), f);
  if (!file) cached = lex;
  return lex;
}
