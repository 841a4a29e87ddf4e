// Opening the store for the reading commands: the database must exist (ingest makes it); a
// postgres:// URL opens the PostgreSQL store.
import fs from 'node:fs';
import { createError } from '../errors.js';
import { dbPath, isPostgresUrl, openStoreAsync } from '../store/index.js';
import type { Store } from '../store/types.js';
import { quietPipe } from './store-format.js';

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>, out?: NodeJS.WritableStream): Promise<T> {
  if (out) quietPipe(out);
  const file = dbPath(db);
  if (file !== ':memory:' && !isPostgresUrl(file) && !fs.existsSync(file)) throw createError('E_STORE_OPEN', file, 'no such file; run `marsad ingest` first');
  const store = await openStoreAsync({ db: file });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
