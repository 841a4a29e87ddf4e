// The CLI: parses arguments, calls the library, prints. No logic of its own.
import { Command, CommanderError, Option } from 'commander';
import { createError, isMarsadError } from '../errors.js';
import { analyzeCommand } from './analyze.js';
import { errorLine } from './report.js';
import { sampleCommand } from './sample.js';
import { conflictsCommand } from './conflicts.js';
import { deadlinesCommand } from './deadlines.js';
import { entityCommand } from './entity.js';
import { exportCommand } from './export.js';
import { ingestCommand } from './ingest.js';
import { searchCommand } from './search.js';
import { timelineCommand } from './timeline.js';
import { serveCommand } from './serve.js';
import { workerCommand } from './worker.js';
import { PLOVER_TYPES } from '../pipeline/doc.js';
import { parseDateline, parseDay } from '../pipeline/dateline.js';

/** --from, --to, --date: a day that exists. */
const parseDate = (value: string): string => parseDay(value);
/** --published: a day, or a window «2025-09-01/2025-09-30» when only the period is known. */
const parsePublished = (value: string): string => (parseDateline(value), value.trim());

export async function run(argv: string[], io: { out?: NodeJS.WritableStream; err?: NodeJS.WritableStream } = {}): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  let code = 0;
  const program = new Command()
    .name('marsad')
    .description('Arabic news to a sourced record: entities, times, figures, events and quotes.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });

  program
    .command('analyze')
    .description('analyse articles and print one marsad.analysis/1 object per article')
    .argument('<target>', 'a file (.txt .html .json .jsonl .jsonl.gz), a folder, or - for standard input')
    .option('--published <date>', 'the dateline (YYYY-MM-DD, or a window YYYY-MM-DD/YYYY-MM-DD) of every article read', parsePublished)
    .option('--id <id>', 'the id of the article (a single article only)')
    .addOption(new Option('--format <format>', 'json (pretty) or jsonl (one line per article); default: json for one article, jsonl for more').choices(['json', 'jsonl']))
    .action(async (target: string, opts: { published?: string; id?: string; format?: 'json' | 'jsonl' }) => {
      code = await analyzeCommand(target, opts, { out, err });
    });

  program
    .command('sample')
    .description('analyse the bundled sample articles (samples/), print a summary and load them into the store')
    .option('--db <path>', 'the store (default: MARSAD_DB or ./marsad.db)')
    .option('--no-store', 'only analyse; do not load the store')
    .action(async (opts: { db?: string; store?: boolean }) => {
      code = await sampleCommand({ out, err }, opts);
    });


  // --- the record (issue 6): ingest into the store, then read it across articles ---
  const dbOpt = () => new Option('--db <path>', 'the database: a file, or a postgres:// URL (default: $MARSAD_DB or ./marsad.db)');
  const jsonOpt = () => new Option('--json', 'print JSON instead of a table');
  const intArg = (name: string) => (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw createError('E_BAD_OPTION', name, `expected a whole number, got «${v}»`);
    return n;
  };
  program
    .command('ingest')
    .description('analyse articles and store them: files, folders, JSONL(.gz), HTML, RSS/Atom feeds, or - for stdin')
    .argument('<paths...>', 'files or folders to ingest')
    .addOption(dbOpt())
    .option('--published <date>', 'the dateline (YYYY-MM-DD, or a window YYYY-MM-DD/YYYY-MM-DD) of every article read', parsePublished)
    .option('--workers <n>', 'analysis worker threads (0: none; default: one per core)', intArg('workers'))
    .option('--force', 're-analyse articles whose content is stored already')
    .option('--no-progress', 'plain progress lines even on a terminal')
    .option('--queue', 'only queue the articles in PostgreSQL (--db postgres://…); `marsad worker` analyses and stores them')
    .addOption(jsonOpt())
    .action(async (paths: string[], opts: { db?: string; published?: string; workers?: number; force?: boolean; progress?: boolean; json?: boolean; queue?: boolean }) => {
      code = await ingestCommand(paths, { ...opts, progress: opts.progress === false ? false : undefined }, { out, err });
    });
  program
    .command('worker')
    .description('take queued articles from PostgreSQL (marsad ingest --queue), analyse and store them; any number, on any machines')
    .addOption(dbOpt())
    .option('--concurrency <n>', 'articles in flight at once (analysis threads when more than 1; default 1)', intArg('concurrency'))
    .option('--exit-when-empty', 'exit once no job is pending or running (default: keep polling)')
    .option('--lease <seconds>', 'how long a claimed job stays this worker’s without a heartbeat (default 60)', intArg('lease'))
    .option('--poll <ms>', 'milliseconds between polls of an empty queue (default 1000)', intArg('poll'))
    .option('--max-attempts <n>', 'attempts before a job is marked failed (default 5)', intArg('max-attempts'))
    .option('--quiet', 'no start and stop lines on standard error')
    .addOption(jsonOpt())
    .action(async (opts) => {
      code = await workerCommand(opts, { out, err });
    });
  program
    .command('timeline')
    .description('story events and dated statements in time order')
    .option('--entity <id>', 'only what involves this entity (kb id)')
    .option('--type <type>', 'only this PLOVER event type (AGREE, CONSULT, …)', (v: string) => {
      const t = v.toUpperCase();
      if (!(PLOVER_TYPES as readonly string[]).includes(t)) throw createError('E_BAD_OPTION', 'type', `expected one of ${PLOVER_TYPES.join(', ')}`);
      return t;
    })
    .option('--from <date>', 'from this day', parseDate)
    .option('--to <date>', 'to this day', parseDate)
    .addOption(new Option('--status <status>', 'only events of this status').choices(['realized', 'planned', 'expected', 'demanded', 'negated']))
    .option('--limit <n>', 'at most this many story events', intArg('limit'))
    .addOption(dbOpt())
    .addOption(jsonOpt())
    .action(async (opts) => {
      if (opts.from && opts.to && opts.to < opts.from) throw createError('E_BAD_OPTION', 'to', `${opts.to} is before --from ${opts.from}`);
      code = await timelineCommand(opts, out);
    });
  program
    .command('entity')
    .description('one entity (kb id) across every article that mentions it')
    .argument('<id>', 'the kb id, e.g. nato')
    .addOption(dbOpt())
    .addOption(jsonOpt())
    .action(async (id: string, opts) => {
      code = await entityCommand(id, opts, out);
    });
  program
    .command('search')
    .description('Arabic full-text search over articles, quotes and events (stems and diacritics folded)')
    .argument('<query>', 'words (all must match), "a phrase", a OR b, -excluded')
    .addOption(new Option('--kind <kind...>', 'only these kinds').choices(['article', 'quote', 'event']))
    .option('--limit <n>', 'at most this many hits (default 20)', intArg('limit'))
    .addOption(dbOpt())
    .addOption(jsonOpt())
    .action(async (query: string, opts) => {
      code = await searchCommand(query, opts, out);
    });
  program
    .command('conflicts')
    .description('figures about the same thing that disagree across sources (conflict) or over time (change)')
    .addOption(new Option('--kind <kind>', 'only conflicts or only changes').choices(['conflict', 'change']))
    .option('--limit <n>', 'at most this many (default: all)', intArg('limit'))
    .option('--offset <n>', 'skip this many first', intArg('offset'))
    .addOption(dbOpt())
    .addOption(jsonOpt())
    .action(async (opts) => {
      code = await conflictsCommand(opts, out);
    });
  program
    .command('deadlines')
    .description('planned events and future dates: due, passed or met')
    .option('--date <date>', 'judge them on this day (default: today)', parseDate)
    .addOption(new Option('--status <status>', 'only these').choices(['due', 'passed', 'met']))
    .option('--limit <n>', 'at most this many (default: all)', intArg('limit'))
    .option('--offset <n>', 'skip this many first', intArg('offset'))
    .addOption(dbOpt())
    .addOption(jsonOpt())
    .action(async (opts) => {
      code = await deadlinesCommand(opts, out);
    });
  program
    .command('export')
    .description('export the record: analyses (jsonl), events (csv), PLOVER-style event records (plover)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'plover']).makeOptionMandatory())
    .addOption(dbOpt())
    .action(async (opts) => {
      code = await exportCommand(opts, out);
    });

  program
    .command('serve')
    .description('serve the HTTP API (/api, OpenAPI at /api/docs) and the web UI')
    .option('--port <n>', 'port (default 8080)', intArg('port'), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(dbOpt())
    .option('--token <token>', 'allow POST /api/articles with this bearer token (or MARSAD_TOKEN)')
    .option('--sample', 'load the bundled sample articles first when the store is empty')
    .option('--rate-limit <n>', 'requests per minute per client (0: no limit; default 600)', intArg('rate-limit'))
    .option('--cache-mb <n>', 'megabytes of answers kept until the data changes (0: no cache; default 256)', intArg('cache-mb'))
    .option('--log', 'log every request')
    .action(async (opts) => {
      code = await serveCommand(opts, { out, err });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    err.write(errorLine(e) + '\n');
    // a bad option or date is a usage error (2); anything else means the input failed (1)
    return isMarsadError(e) && e.code.startsWith('E_BAD_') ? 2 : 1;
  }
  return code;
}
