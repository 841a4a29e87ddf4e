// A pool of analysis workers (worker_threads). From the TypeScript sources the workers load
// tsx first; from the build they load worker.js directly.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArticleInput } from '../pipeline/doc.js';
import type { ArticleRecord } from '../store/types.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

export interface Analyzer {
  /** `hash`: the input's contentHash when the caller has it (saves the worker computing it). */
  analyze(input: ArticleInput, hash?: string): Promise<ArticleRecord>;
  close(): Promise<void>;
}

export class AnalysisError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export function defaultWorkers(): number {
  return Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 0);
}

function spawn(): Worker {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) {
    const api = import.meta.resolve('tsx/esm/api');
    const target = new URL('./worker.ts', here).href;
    const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`;
    return new Worker(code, { eval: true });
  }
  return new Worker(new URL('./worker.js', here));
}

export function createPool(size: number, opts: { textOnly?: boolean } = {}): Analyzer {
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (r: ArticleRecord) => void; reject: (e: Error) => void; worker: number }>();
  const load = new Array(size).fill(0);
  let seq = 0;
  let closing = false;
  // a worker that dies (out of memory, a crash in native code) fails its own articles and is
  // replaced; the rest of the ingest goes on
  const start = (i: number) => {
    const w = spawn();
    workers[i] = w;
    load[i] = 0;
    const failAll = (e: Error) => {
      for (const [k, p] of pending) if (p.worker === i) (pending.delete(k), p.reject(e));
      if (!closing && workers[i] === w) start(i);
    };
    w.on('message', (m: WorkerReply) => {
      const p = pending.get(m.seq);
      if (!p) return;
      pending.delete(m.seq);
      load[i]--;
      if (!load[i]) w.unref();
      if (m.ok) p.resolve(m.record);
      else p.reject(new AnalysisError(m.message, m.code));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => {
      if (!closing) failAll(new Error(`analysis worker exited (code ${code})`));
    });
    w.unref();
  };
  for (let i = 0; i < size; i++) start(i);
  return {
    analyze(input, hash) {
      let best = 0;
      for (let i = 1; i < size; i++) if (load[i] < load[best]) best = i;
      load[best]++;
      const s = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(s, { resolve, reject, worker: best });
        workers[best].ref();
        workers[best].postMessage({ seq: s, input, textOnly: opts.textOnly, hash } satisfies WorkerRequest);
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
