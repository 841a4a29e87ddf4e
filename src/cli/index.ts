// The CLI: parses arguments, calls the library, prints. No logic of its own.
import { Command, CommanderError, Option } from 'commander';
import { createError, isMarsadError } from '../errors.js';
import { analyzeCommand } from './analyze.js';
import { errorLine } from './report.js';
import { sampleCommand } from './sample.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw createError('E_BAD_DATE', value);
  return value;
}

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
    .option('--published <date>', 'the dateline (YYYY-MM-DD) of every article read', parseDate)
    .option('--id <id>', 'the id of the article (a single article only)')
    .addOption(new Option('--format <format>', 'json (pretty) or jsonl (one line per article); default: json for one article, jsonl for more').choices(['json', 'jsonl']))
    .action(async (target: string, opts: { published?: string; id?: string; format?: 'json' | 'jsonl' }) => {
      code = await analyzeCommand(target, opts, { out, err });
    });

  program
    .command('sample')
    .description('analyse the bundled sample articles (samples/) and print a summary')
    .action(async () => {
      code = await sampleCommand({ out, err });
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
