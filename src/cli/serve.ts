// `marsad serve`: the HTTP API and the web UI over the store (src/http).
import fs from 'node:fs';
import { buildServer, DEFAULT_WEB_DIR } from '../http/index.js';
import { dbPath, isPostgresUrl, openStoreAsync, redactUrl } from '../store/index.js';
import { sampleCommand } from './sample.js';

export interface ServeOptions {
  port: number;
  host: string;
  db?: string;
  token?: string;
  sample?: boolean;
  rateLimit?: number;
  cacheMb?: number;
  log?: boolean;
}

export async function serveCommand(opts: ServeOptions, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const file = dbPath(opts.db);
  // --sample: load the bundled sample articles first when the store is empty (npm start)
  if (opts.sample) {
    const probe = isPostgresUrl(file) || fs.existsSync(file) ? await openStoreAsync({ db: file }) : null;
    const empty = !probe || (await probe.counts()).articles === 0;
    await probe?.close();
    if (empty) {
      const code = await sampleCommand(io, { db: file });
      if (code) return code;
    }
  }
  const store = await openStoreAsync({ db: file });
  const token = opts.token ?? process.env.MARSAD_TOKEN ?? null;
  const app = await buildServer({
    store,
    token,
    rateLimit: opts.rateLimit,
    cacheBytes: opts.cacheMb != null ? opts.cacheMb * 1024 * 1024 : undefined,
    logger: opts.log ?? false,
  });
  const close = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  const address = await app.listen({ port: opts.port, host: opts.host });
  const ui = fs.existsSync(DEFAULT_WEB_DIR) ? '' : ' (web UI not built: npm run build)';
  io.out.write(`marsad: serving ${redactUrl(file)} at ${address.replace('127.0.0.1', 'localhost')}${ui}; API docs at ${address}/api/docs${token ? '; ingestion on (token)' : ''}\n`);
  // runs until stopped
  await new Promise(() => {});
  return 0;
}
