// Hash routing: the server serves the UI at / and knows nothing of its pages.
//   #/timeline  #/article/ID?ev=3  #/entity/nato  #/map  #/search?q=…  #/conflicts  #/deadlines
import { useEffect, useState } from 'react';

export interface Route {
  path: string[];
  query: URLSearchParams;
  raw: string;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const qi = h.indexOf('?');
  const p = qi < 0 ? h : h.slice(0, qi);
  const q = qi < 0 ? '' : h.slice(qi + 1);
  const path = p.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return { path, query: new URLSearchParams(q), raw: h };
}

export function useRoute(): Route {
  const [r, setR] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setR(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return r;
}

/** A hash link: href('article', id, { ev: 3 }) → '#/article/ID?ev=3'. */
export function href(...parts: (string | number | Record<string, string | number | null | undefined>)[]): string {
  const last = parts.at(-1);
  const q = last && typeof last === 'object' ? (parts.pop() as Record<string, string | number | null | undefined>) : null;
  const path = (parts as (string | number)[]).map((s) => encodeURIComponent(String(s))).join('/');
  const qs = q ? new URLSearchParams(Object.entries(q).filter(([, v]) => v != null && v !== '').map(([k, v]) => [k, String(v)])).toString() : '';
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** Replace the query of the current route without adding a history entry per keystroke. */
export function setQuery(route: Route, patch: Record<string, string | number | null | undefined>, push = false): void {
  const q = new URLSearchParams(route.query);
  for (const [k, v] of Object.entries(patch)) {
    if (v == null || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const qs = q.toString();
  const next = `#/${route.path.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
  if (push) location.hash = next;
  else {
    history.replaceState(null, '', next);
    dispatchEvent(new HashChangeEvent('hashchange'));
  }
}
