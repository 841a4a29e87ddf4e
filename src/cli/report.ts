// One place where errors become CLI messages (the HTTP API has its own counterpart).
import { isMarsadError } from '../errors.js';

export function errorLine(e: unknown): string {
  if (isMarsadError(e)) return `marsad: ${e.message} [${e.code}]`;
  if (e instanceof Error) return `marsad: unexpected error: ${e.stack ?? e.message}`;
  return `marsad: unexpected error: ${String(e)}`;
}
