// Loading and validating knowledge-base files. Every record is checked; a bad one is refused with
// its file and line number (E_DATA), never skipped silently.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createError } from '../errors.js';
import type { EntityType } from '../pipeline/doc.js';
import type { KbRecord, KbRole, KbSource } from './types.js';

const TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
const ARABIC = /[\u0600-\u06ff]/;
const FIELDS = new Set([
  'id', 'type', 'names_ar', 'name_en', 'wikidata', 'kind', 'aliases_ctx', 'context', 'ambiguous_ar',
  'generic_ar', 'country', 'parent', 'capital_of', 'government_of', 'coordinates', 'roles', 'from',
  'to', 'note',
]);
const ROLE_FIELDS = new Set(['title_ar', 'title_en', 'org', 'from', 'to']);
/** Fields that name another record (checked once every file is read). */
const REFS = ['country', 'parent', 'capital_of', 'government_of'] as const;

export interface LoadedRecord {
  record: KbRecord;
  source: KbSource;
}

/** Parse and validate one JSONL text. Blank lines and lines starting with // are skipped. */
export function parseKbJsonl(text: string, file: string): LoadedRecord[] {
  const out: LoadedRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('//')) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw createError('E_DATA', file, i + 1, `not valid JSON (${(e as Error).message})`);
    }
    const why = validateRecord(obj);
    if (why) throw createError('E_DATA', file, i + 1, why);
    out.push({ record: obj as KbRecord, source: { file, line: i + 1 } });
  }
  return out;
}

function isStrArray(v: unknown, arabic = false): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '' && (!arabic || ARABIC.test(s)));
}
function optDate(v: unknown): boolean {
  return v == null || (typeof v === 'string' && DATE.test(v));
}

/** Why a record is bad, or null when it is good. */
export function validateRecord(o: unknown): string | null {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'a record must be a JSON object';
  const r = o as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!FIELDS.has(k)) return `unknown field "${k}"`;
  if (typeof r.id !== 'string' || !ID.test(r.id)) return `"id" must be an English slug (a-z, 0-9, -), got ${JSON.stringify(r.id)}`;
  if (/^x-.*-[0-9a-f]{6}$/.test(r.id)) return `"id" must not look like a generated id ("x-…-hhhhhh", kept for entities not in the knowledge base)`;
  if (!TYPES.includes(r.type as EntityType)) return `${r.id}: "type" must be one of ${TYPES.join(', ')}`;
  if (!isStrArray(r.names_ar, true) || r.names_ar.length === 0)
    return `${r.id}: "names_ar" must be a non-empty list of Arabic names`;
  if (typeof r.name_en !== 'string' || !r.name_en.trim()) return `${r.id}: "name_en" must be a non-empty string`;
  if (r.wikidata != null && (typeof r.wikidata !== 'string' || !/^Q\d+$/.test(r.wikidata)))
    return `${r.id}: "wikidata" must be a Qid like "Q7184"`;
  if (r.kind != null && typeof r.kind !== 'string') return `${r.id}: "kind" must be a string`;
  for (const k of ['aliases_ctx', 'ambiguous_ar', 'generic_ar'] as const)
    if (r[k] != null && !isStrArray(r[k], true)) return `${r.id}: "${k}" must be a list of Arabic names`;
  if (r.context != null && (!isStrArray(r.context) || !(r.context as string[]).every((c) => ID.test(c))))
    return `${r.id}: "context" must be a list of record ids`;
  for (const k of REFS)
    if (r[k] != null && (typeof r[k] !== 'string' || !ID.test(r[k] as string)))
      return `${r.id}: "${k}" must be a record id`;
  if (r.coordinates != null) {
    const c = r.coordinates;
    if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' ||
      Math.abs(c[0]) > 90 || Math.abs(c[1]) > 180)
      return `${r.id}: "coordinates" must be [latitude, longitude]`;
  }
  if (!optDate(r.from) || !optDate(r.to)) return `${r.id}: "from"/"to" must be dates (YYYY, YYYY-MM or YYYY-MM-DD)`;
  if (typeof r.from === 'string' && typeof r.to === 'string' && r.from > r.to) return `${r.id}: "from" is after "to"`;
  if (r.roles != null) {
    if (!Array.isArray(r.roles)) return `${r.id}: "roles" must be a list`;
    for (let j = 0; j < r.roles.length; j++) {
      const why = validateRole(r.roles[j]);
      if (why) return `${r.id}: roles[${j}]: ${why}`;
    }
  }
  if (r.note != null && typeof r.note !== 'string') return `${r.id}: "note" must be a string`;
  return null;
}

function validateRole(o: unknown): string | null {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'a role must be an object';
  const r = o as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!ROLE_FIELDS.has(k)) return `unknown field "${k}"`;
  if (!isStrArray(r.title_ar, true) || (r.title_ar as string[]).length === 0) return '"title_ar" must be a non-empty list of Arabic titles';
  if (typeof r.title_en !== 'string' || !r.title_en) return '"title_en" must be a string';
  if (r.org != null && (typeof r.org !== 'string' || !ID.test(r.org))) return '"org" must be a record id or null';
  if (!optDate(r.from) || !optDate(r.to)) return '"from"/"to" must be dates (YYYY, YYYY-MM or YYYY-MM-DD) or null';
  if (typeof r.from === 'string' && typeof r.to === 'string' && r.from > r.to) return '"from" is after "to"';
  return null;
}

/**
 * Check a set of loaded records together: ids unique, references (parent, country, capital_of,
 * government_of, roles' org, context) point at records that exist.
 */
export function checkRecords(all: LoadedRecord[]): Map<string, LoadedRecord> {
  const byId = checkUnique(all);
  for (const lr of byId.values()) {
    const r = lr.record;
    const refs: [string, string | null | undefined][] = REFS.map((k) => [k, r[k]]);
    for (const [j, role] of (r.roles ?? []).entries()) refs.push([`roles[${j}].org`, role.org]);
    for (const c of r.context ?? []) refs.push(['context', c]);
    for (const [k, v] of refs)
      if (v != null && !byId.has(v))
        throw createError('E_DATA', lr.source.file, lr.source.line, `${r.id}: "${k}" names "${v}", which is not in the knowledge base`);
  }
  return byId;
}

/** The folder holding the shipped KB (data/kb), found from this module (src/ or dist/src/). */
export function defaultKbDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const cand = path.join(dir, 'data', 'kb');
    if (fs.existsSync(path.join(cand, 'README.md'))) return cand;
    dir = path.dirname(dir);
  }
  throw createError('E_DATA', 'data/kb', 0, 'the knowledge-base folder was not found');
}

/** The .jsonl files of a folder (sorted), or the file itself. */
export function kbFiles(p: string): string[] {
  if (!fs.existsSync(p)) throw createError('E_INPUT_NOT_FOUND', p);
  if (fs.statSync(p).isDirectory())
    return fs.readdirSync(p).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(p, f));
  return [p];
}

/** Read the shipped KB and any extra user files or folders (user records may replace shipped ones by id). */
export function loadKbRecords(options: { dir?: string; extra?: string | string[] } = {}): Map<string, LoadedRecord> {
  const dir = options.dir ?? defaultKbDir();
  const shipped: LoadedRecord[] = [];
  for (const f of kbFiles(dir)) shipped.push(...parseKbJsonl(fs.readFileSync(f, 'utf8'), f));
  const extras = options.extra == null ? [] : Array.isArray(options.extra) ? options.extra : [options.extra];
  const user: LoadedRecord[] = [];
  for (const e of extras) for (const f of kbFiles(e)) user.push(...parseKbJsonl(fs.readFileSync(f, 'utf8'), f));
  // shipped ids must be unique among themselves; a user record may override a shipped id once
  const shippedMap = checkUnique(shipped);
  const byId = new Map(shippedMap);
  const userSeen = new Map<string, LoadedRecord>();
  for (const lr of user) {
    const prev = userSeen.get(lr.record.id);
    if (prev)
      throw createError('E_DATA', lr.source.file, lr.source.line,
        `duplicate id "${lr.record.id}" (first at ${prev.source.file}:${prev.source.line})`);
    userSeen.set(lr.record.id, lr);
    byId.set(lr.record.id, lr);
  }
  return checkRecords([...byId.values()]);
}

function checkUnique(all: LoadedRecord[]): Map<string, LoadedRecord> {
  const byId = new Map<string, LoadedRecord>();
  for (const lr of all) {
    const prev = byId.get(lr.record.id);
    if (prev)
      throw createError('E_DATA', lr.source.file, lr.source.line,
        `duplicate id "${lr.record.id}" (first at ${prev.source.file}:${prev.source.line})`);
    byId.set(lr.record.id, lr);
  }
  return byId;
}

export type { KbRole };
