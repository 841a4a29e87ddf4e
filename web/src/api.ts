// The HTTP API client (docs/api.md). Relative to the page, so the UI works where it is mounted.
import { useEffect, useState } from 'react';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, params: Record<string, string | number | null | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '').map(([k, v]) => [k, String(v)])).toString();
  const res = await fetch(`api/${path}${qs ? `?${qs}` : ''}`, { signal, headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  return body as T;
}

export type Load<T> = { data: T | null; error: ApiError | Error | null; loading: boolean };

/** Fetch on mount and whenever `key` changes; the last request wins. */
export function useApi<T>(path: string | null, params: Record<string, string | number | null | undefined> = {}): Load<T> {
  const key = path == null ? null : `${path}?${JSON.stringify(params)}`;
  const [state, setState] = useState<Load<T>>({ data: null, error: null, loading: path != null });
  useEffect(() => {
    if (path == null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const ac = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    api<T>(path, params, ac.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error) => {
        if (!ac.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
