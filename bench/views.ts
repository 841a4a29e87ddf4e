// The cross-article answers over a large store, cold and again: conflicts, deadlines (their first
// page; then the next day's, computed afresh in the warm process, as after a write, with the
// counts by status), an entity page (the most mentioned entity by default). Prints each answer's
// time and size.
//   npx tsx bench/views.ts [--db PATH] [--entity KEY] [--date YYYY-MM-DD]
// The store: --db, else the 100,000-article one bench/api.ts builds and keeps in the temp folder
// (run after it, as `npm run bench` does).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { conflictsView, deadlinesView, entityView } from '../src/http/views.js';
import { openStoreAsync } from '../src/store/index.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const db = arg('db') ?? path.join(os.tmpdir(), 'marsad-bench-api-100000.db');
if (!fs.existsSync(db)) {
  console.error(`${db}: no such store; pass --db PATH, or run npx tsx bench/api.ts first (it builds this one)`);
  process.exit(1);
}
const store = await openStoreAsync({ db });
const date = arg('date') ?? '2026-11-23';
const top = arg('entity') ?? (await store.entityList({ limit: 1 })).items[0]?.key;

async function time(name: string, make: () => Promise<unknown>) {
  for (const round of ['cold', 'again']) {
    const t0 = performance.now();
    const v = await make();
    const ms = performance.now() - t0;
    const bytes = Buffer.byteLength(JSON.stringify(v));
    console.log(`  ${name.padEnd(28)} ${round.padEnd(6)} ${ms.toFixed(0).padStart(7)} ms  ${(bytes / 1e6).toFixed(2)} MB`);
  }
}
console.log(`views over ${db}: ${JSON.stringify(await store.counts())}`);
await time('conflicts', () => conflictsView(store));
await time(`deadlines ${date}`, () => deadlinesView(store, date));
// what the first request after a write pays in a running server: the whole list computed afresh
// (another day is another kept answer), the process and the store already warm
{
  const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
  const t0 = performance.now();
  const v = await deadlinesView(store, next);
  console.log(`  ${`deadlines ${next}`.padEnd(28)} ${'anew'.padEnd(6)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms  ${JSON.stringify(v.counts)}`);
}
if (top) await time(`entity ${top}`, () => entityView(store, top));
await store.close();
