// The analysis worker: receives ArticleInputs, answers ArticleRecords (or the error, by code).
import { parentPort } from 'node:worker_threads';
import { isMarsadError } from '../errors.js';
import type { ArticleInput } from '../pipeline/doc.js';
import { prepareArticle } from './prepare.js';

export interface WorkerRequest {
  seq: number;
  input: ArticleInput;
  textOnly?: boolean;
  /** The input's contentHash, computed already by the caller. */
  hash?: string;
}
export type WorkerReply =
  | { seq: number; ok: true; record: ReturnType<typeof prepareArticle> }
  | { seq: number; ok: false; code: string | null; message: string };

parentPort?.on('message', (msg: WorkerRequest) => {
  try {
    const record = prepareArticle(msg.input, { textOnly: msg.textOnly, hash: msg.hash });
    parentPort!.postMessage({ seq: msg.seq, ok: true, record } satisfies WorkerReply);
  } catch (e) {
    parentPort!.postMessage({
      seq: msg.seq,
      ok: false,
      code: isMarsadError(e) ? e.code : null,
      message: e instanceof Error ? e.message : String(e),
    } satisfies WorkerReply);
  }
});
