// `marsad analyze <target>`: read → analyse → print, one article at a time.
import { readArticles } from '../input/index.js';
import { toAnalysis } from '../pipeline/analysis.js';
import { getDefaultPipeline } from '../pipeline/analyze.js';
import { errorLine } from './report.js';

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** Returns the exit code: 0 when every article was analysed, 1 when any input failed. */
export async function analyzeCommand(
  target: string,
  opts: { published?: string; id?: string; format?: 'json' | 'jsonl' },
  { out, err }: Io,
): Promise<number> {
  const pipeline = getDefaultPipeline();
  let failed = 0;
  let held: string | null = null; // the first analysis, held back until we know whether more follow
  let count = 0;
  const emit = (a: object) => {
    count++;
    if (opts.format === 'json') out.write(JSON.stringify(a, null, 2) + '\n');
    else if (opts.format === 'jsonl') out.write(JSON.stringify(a) + '\n');
    else if (count === 1) held = JSON.stringify(a);
    else {
      if (held) out.write(held + '\n');
      held = null;
      out.write(JSON.stringify(a) + '\n');
    }
  };
  for await (const r of readArticles(target, { published: opts.published, id: opts.id })) {
    if (!r.ok) {
      failed++;
      err.write(errorLine(r.error) + '\n');
      continue;
    }
    try {
      emit(toAnalysis(pipeline.run(r.article)));
    } catch (e) {
      failed++;
      err.write(errorLine(e) + '\n');
    }
  }
  if (held) out.write(count === 1 ? JSON.stringify(JSON.parse(held), null, 2) + '\n' : held + '\n');
  return failed ? 1 : 0;
}
