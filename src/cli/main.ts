// Entry point of the `marsad` command (bin/marsad.js).
import { run } from './index.js';

process.exitCode = await run(process.argv.slice(2));
