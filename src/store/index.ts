// The store: `openStore()` opens the embedded SQLite store (the default, one file);
// `openStoreAsync()` opens whichever the database names: a postgres:// URL opens the PostgreSQL
// store (src/store/postgres), anything else the SQLite file. Both implement `Store`.
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
import { isPostgresUrl, openPostgresStore, type PostgresStoreOptions } from './postgres/index.js';
import type { Store } from './types.js';

export * from './types.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
export { openPostgresStore, isPostgresUrl, redactUrl, PostgresStore, type PostgresStoreOptions } from './postgres/index.js';

export const DEFAULT_DB = 'marsad.db';

/** The database: the option, else $MARSAD_DB, else ./marsad.db (a file path or a postgres:// URL). */
export function dbPath(option?: string | null): string {
  return option || process.env.MARSAD_DB || DEFAULT_DB;
}

/** The SQLite store (synchronous to open). A postgres:// URL needs `openStoreAsync`. */
export function openStore(options: { db?: string | null } & SqliteStoreOptions = {}): Store {
  const db = dbPath(options.db);
  if (isPostgresUrl(db)) throw new Error(`${db.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@')}: a PostgreSQL store opens with openStoreAsync()`);
  return openSqliteStore(db, options);
}

/** The store the database names: PostgreSQL for a postgres:// URL, else the SQLite file. */
export async function openStoreAsync(options: { db?: string | null } & SqliteStoreOptions & PostgresStoreOptions = {}): Promise<Store> {
  const db = dbPath(options.db);
  if (isPostgresUrl(db)) return openPostgresStore(db, options);
  return openSqliteStore(db, options);
}
