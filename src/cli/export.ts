// `marsad export --format jsonl|csv|plover`: the stored record for other tools.
//   jsonl   one marsad.analysis/1 object per article
//   csv     one row per reported event, with its story
//   plover  one PLOVER-style event record per reported event (JSON Lines), with event_text and offsets
import { exportRecords, type ExportFormat } from '../store/export.js';
import { withStore } from './store-open.js';

export async function exportCommand(opts: { db?: string; format: ExportFormat }, out: NodeJS.WritableStream): Promise<number> {
  return withStore(opts.db, async (store) => {
    for await (const line of exportRecords(store, opts.format)) out.write(line + '\n');
    return 0;
  }, out);
}
