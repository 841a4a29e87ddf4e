// A server over a fresh seeded store, for looking at the UI by hand or with `vite dev`:
//   npx tsx test/browser/dev-server.ts [--port 8080]
// then open http://127.0.0.1:8080/ (the built web/dist), or run
//   npx vite --config web/vite.config.ts          (proxies /api to MARSAD_API, default :8080)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../../src/http/index.js';
import { DIST } from './fixture.js';
import { seedStore } from './seed.js';

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 8080;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-dev-'));
const store = await seedStore(path.join(tmp, 'store.db'));
const app = await buildServer({ store, webDir: DIST, logger: false, rateLimit: 0 });
const url = await app.listen({ port, host: '127.0.0.1' });
console.log(`marsad dev server at ${url} (store ${tmp})`);
const stop = async () => {
  await app.close();
  await store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
