// The store: `openStore()` opens the embedded SQLite store (the default, one file). The
// PostgreSQL store of a later issue implements the same `Store` interface.
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
import type { Store } from './types.js';

export * from './types.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';

export const DEFAULT_DB = 'marsad.db';

/** The database path: the option, else $MARSAD_DB, else ./marsad.db. */
export function dbPath(option?: string | null): string {
  return option || process.env.MARSAD_DB || DEFAULT_DB;
}

export function openStore(options: { db?: string | null } & SqliteStoreOptions = {}): Store {
  return openSqliteStore(dbPath(options.db), options);
}
