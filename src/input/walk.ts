// Which files a target names, and what kind each one is. A folder is read recursively in sorted
// order (code-point order of names, depth first); hidden files and folders are skipped; symbolic
// links are followed once (a link back up the tree is not walked again).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createError, type MarsadError } from '../errors.js';

export type InputKind = 'txt' | 'html' | 'json' | 'jsonl' | 'jsonl.gz';

/** The kind of a file by its extension (case-insensitive), or null when Marsad does not read it. */
export function inputKind(file: string): InputKind | null {
  const name = path.basename(file).toLowerCase();
  if (name.endsWith('.jsonl.gz')) return 'jsonl.gz';
  const ext = path.extname(name);
  switch (ext) {
    case '.txt':
      return 'txt';
    case '.html':
    case '.htm':
      return 'html';
    case '.json':
      return 'json';
    case '.jsonl':
      return 'jsonl';
    default:
      return null;
  }
}

export type WalkEntry = { path: string } | { path: string; error: MarsadError };

/** Every non-hidden file under `dir`, sorted; a folder that cannot be read is reported, not thrown. */
export async function* walkFolder(dir: string, seen = new Set<string>()): AsyncGenerator<WalkEntry> {
  let real: string;
  let entries: import('node:fs').Dirent[];
  try {
    real = await fs.realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    yield { path: dir, error: readError(dir, e) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = await fs.stat(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (e) {
        yield { path: full, error: readError(full, e) };
        continue;
      }
    }
    if (isDir) yield* walkFolder(full, seen);
    else if (isFile) yield { path: full };
    // sockets, FIFOs, devices: not articles, not worth an error
  }
}

/** A file-system error as a catalogued error naming the path. */
export function readError(file: string, e: unknown): MarsadError {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return createError('E_INPUT_NOT_FOUND', file);
  return createError('E_INPUT_READ', file, err?.code ?? (err?.message || String(e)));
}
