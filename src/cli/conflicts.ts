// `marsad conflicts`: figures about the same thing side by side, as a conflict or a change.
import { conflicts, showFigure } from '../corpus/index.js';
import { withStore } from './store-open.js';
import { clip, namer, pageLine, period, table, when, writeJson } from './store-format.js';

export async function conflictsCommand(
  opts: { db?: string; json?: boolean; kind?: 'conflict' | 'change'; limit?: number; offset?: number },
  out: NodeJS.WritableStream,
): Promise<number> {
  return withStore(opts.db, async (store) => {
    const all = (await conflicts(store)).filter((c) => !opts.kind || c.kind === opts.kind);
    const from = opts.offset ?? 0;
    const claims = all.slice(from, opts.limit == null ? undefined : from + opts.limit);
    if (opts.json) {
      writeJson(out, claims);
      return 0;
    }
    const name = await namer(store, claims.flatMap((c) => [c.subject, c.location]));
    for (const c of claims) {
      out.write(`${c.kind === 'conflict' ? 'CONFLICT' : 'CHANGE'}  ${c.unit} — ${name(c.subject)} in ${name(c.location)}\n`);
      const rows = [['figure', 'approx', 'time', 'source', 'article', 'published', 'text']];
      for (const f of c.figures)
        rows.push([
          showFigure(f),
          f.approx ? '~' : '',
          f.time ? period(f.time, f.when) : `(${when(f.when)})`,
          f.article.source ?? '—',
          f.article.id,
          when(f.article.published),
          clip(f.span.text, 40),
        ]);
      out.write(table(rows) + '\n');
      // conflicts first, then changes between different articles; the rest counted
      const shown = [...c.pairs].sort((x, y) => (x.kind === y.kind ? 0 : x.kind === 'conflict' ? -1 : 1)).slice(0, 6);
      for (const p of shown) out.write(`  ${p.kind}: ${p.why}\n`);
      if (c.pairs.length > shown.length) out.write(`  … and ${c.pairs.length - shown.length} more pairs (--json lists them all)\n`);
      out.write('\n');
    }
    if (claims.length < all.length) out.write(`${pageLine(from, claims.length, all.length)}\n`);
    out.write(`${all.filter((c) => c.kind === 'conflict').length} conflicts, ${all.filter((c) => c.kind === 'change').length} changes\n`);
    return 0;
  }, out);
}
