// Where the program's own data (lexicons, KB, model files) lives: <repo>/data, found from this
// module both when run from src/ (tsx) and from dist/ (built), or MARSAD_DATA when set.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = process.env.MARSAD_DATA ?? path.resolve(here, '..', 'data');

export function dataPath(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts);
}

/** Lines of a data file without comments (#) and blank lines, with their 1-based line numbers. */
export function readDataLines(file: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].replace(/\r$/, '');
    if (!t.trim() || t.startsWith('#')) continue;
    out.push({ line: i + 1, text: t });
  }
  return out;
}
