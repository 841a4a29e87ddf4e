// The one error catalogue. Every error the library raises on purpose has a stable code here;
// the CLI and (later) the HTTP API turn a MarsadError into a message or a response in one place.

export const ERRORS = {
  // input
  E_INPUT_NOT_FOUND: { status: 404, message: (path: string) => `${path}: no such file or folder` },
  E_INPUT_EMPTY: { status: 400, message: (path: string) => `${path}: the file is empty` },
  E_INPUT_BINARY: {
    status: 400,
    message: (path: string, why: string) => `${path}: not text (${why}); refusing to analyze it`,
  },
  E_INPUT_DECODE: {
    status: 400,
    message: (path: string, why: string) => `${path}: cannot decode the bytes as text (${why})`,
  },
  E_INPUT_FORMAT: {
    status: 400,
    message: (path: string, why: string) => `${path}: ${why}`,
  },
  E_INPUT_UNSUPPORTED: {
    status: 400,
    message: (path: string) =>
      `${path}: unsupported file type (expected .txt, .html, .htm, .json, .jsonl or .jsonl.gz)`,
  },
  E_INPUT_NO_TEXT: {
    status: 400,
    message: (path: string) => `${path}: no article text found`,
  },
  // options
  E_BAD_OPTION: { status: 400, message: (name: string, why: string) => `--${name}: ${why}` },
  E_BAD_DATE: {
    status: 400,
    message: (value: string) => `not a date: «${value}» (expected YYYY-MM-DD)`,
  },
  // pipeline
  E_PIPELINE_LAYER: {
    status: 500,
    message: (stage: string, layer: string) =>
      `pipeline: stage "${stage}" requires layer "${layer}", which no earlier stage assigns`,
  },
  E_PIPELINE_DUPLICATE: {
    status: 500,
    message: (stage: string) => `pipeline: stage "${stage}" appears twice`,
  },
  E_STAGE_FAILED: {
    status: 500,
    message: (stage: string, docId: string, why: string) =>
      `stage "${stage}" failed on article ${docId}: ${why}`,
  },
  E_SCHEMA: {
    status: 500,
    message: (docId: string, why: string) => `analysis of ${docId} does not match marsad.analysis/1: ${why}`,
  },
  // data files shipped with the program (lexicons, KB, models)
  E_DATA: {
    status: 500,
    message: (file: string, line: number, why: string) => `${file}:${line}: ${why}`,
  },
  // input (readers, appended)
  E_INPUT_READ: {
    status: 500,
    message: (path: string, why: string) => `${path}: cannot read it (${why})`,
  },
  // store, ingestion and search (issue 6, appended)
  E_STORE_OPEN: {
    status: 500,
    message: (file: string, why: string) => `${file}: cannot open the database (${why})`,
  },
  E_STORE_VERSION: {
    status: 500,
    message: (file: string, found: number, known: number) =>
      `${file}: database schema version ${found} (this program knows up to ${known}); ${found > known ? 'upgrade marsad' : 'open it once read-write to migrate it'}`,
  },
  E_SEARCH_QUERY: {
    status: 400,
    message: (query: string, why: string) => `cannot search for «${query}»: ${why}`,
  },
  E_FEED: {
    status: 400,
    message: (path: string, why: string) => `${path}: not a readable RSS/Atom feed (${why})`,
  },
  E_ENTITY_NOT_FOUND: {
    status: 404,
    message: (id: string) => `no entity «${id}» in the store`,
  },
  E_INGEST_ARTICLE: {
    status: 500,
    message: (origin: string, why: string) => `${origin}: could not be analysed or stored (${why})`,
  },
  // the HTTP API (issue 7, appended)
  E_NOT_FOUND: { status: 404, message: (what: string) => `not found: ${what}` },
  E_BAD_PARAM: { status: 400, message: (why: string) => `bad request: ${why}` },
  E_UNAUTHORIZED: { status: 401, message: () => 'a valid token is required (Authorization: Bearer TOKEN)' },
  E_INGEST_OFF: { status: 403, message: () => 'ingestion over HTTP is off: start the server with --token or MARSAD_TOKEN' },
  E_TOO_LARGE: { status: 413, message: (limit: number) => `request body larger than ${limit} bytes` },
  E_RATE_LIMIT: { status: 429, message: (after: string) => `too many requests; try again in ${after}` },
  E_INTERNAL: { status: 500, message: () => 'internal error (logged on the server)' },
} as const;

export type ErrorCode = keyof typeof ERRORS;
type ArgsOf<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['message']>;

export class MarsadError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MarsadError';
    this.code = code;
    this.status = ERRORS[code].status;
  }
}

/** Make a catalogued error: `createError('E_INPUT_EMPTY', path)`. */
export function createError<C extends ErrorCode>(code: C, ...args: ArgsOf<C>): MarsadError {
  const make = ERRORS[code].message as (...a: unknown[]) => string;
  return new MarsadError(code, make(...args));
}

export function isMarsadError(e: unknown): e is MarsadError {
  return e instanceof MarsadError;
}
