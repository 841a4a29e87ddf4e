// `npm run bench [-- NAME…]`: runs each benchmark in its own process (one core each, in turn) and
// prints its figures. Names: the files bench/<name>.ts listed below.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ALL = ['text-layer', 'decode', 'pipeline', 'linearity', 'dateline', 'temporal', 'ingest', 'search', 'pg', 'api', 'views'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = (wanted.length ? wanted : ALL).filter((n) => fs.existsSync(path.join(import.meta.dirname, `${n}.ts`)));
let failed = 0;
for (const name of names) {
  console.log(`\n== ${name} ==`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
