// Arabic full-text search: hits grouped by kind (articles, quotes, event sentences) with their
// snippets; each opens the article at the quote or event.
import { useEffect, useState } from 'react';
import { useApi } from '../api';
import { ArticleRef, ErrorBox, Loading, SentenceWith, Snippet, StatusBadge, TypeChip } from '../components/common';
import { useI18n, type LabelKey } from '../i18n';
import { href, setQuery, type Route } from '../router';
import type { SearchHit } from '../types';

const KINDS: { kind: SearchHit['kind']; label: LabelKey }[] = [
  { kind: 'event', label: 'kindEvent' },
  { kind: 'quote', label: 'kindQuote' },
  { kind: 'article', label: 'kindArticle' },
];

/** The word the API marked in a snippet («[word]»), to emphasise it in the whole sentence. */
const marked = (snippet: string | null) => {
  const m = snippet ? /\[([^\[\]]{1,200})\]/.exec(snippet) : null;
  return m ? { text: m[1] } : null;
};

export function SearchView({ route }: { route: Route }) {
  const i = useI18n();
  const q = route.query.get('q') ?? '';
  const kinds = route.query.get('kind') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const res = useApi<{ hits: SearchHit[] }>(q ? 'search' : null, { q, kind: kinds, limit: 60 });
  // two events of one sentence are one hit to a reader
  const seen = new Set<string>();
  const hits = (res.data?.hits ?? []).filter((h) => {
    const k = `${h.kind}\u0000${h.article.id}\u0000${h.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const on = new Set(kinds.split(',').filter(Boolean));
  const toggle = (k: string) => {
    const n = new Set(on);
    if (n.has(k)) n.delete(k);
    else n.add(k);
    setQuery(route, { kind: [...n].join(',') || null });
  };
  return (
    <div className="search-view">
      <form
        className="search-box"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(route, { q: text.trim() || null }, true);
        }}
      >
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={i.t('query')} dir="auto" autoFocus data-testid="search-input" />
        <button type="submit">{i.t('go')}</button>
        <span className="kinds">
          {KINDS.map((k) => (
            <label key={k.kind} className="check">
              <input type="checkbox" checked={on.has(k.kind)} onChange={() => toggle(k.kind)} />
              <span>{i.t(k.label)}</span>
            </label>
          ))}
        </span>
      </form>
      <ErrorBox error={res.error} />
      {res.loading && <Loading />}
      {q && !res.loading && !hits.length && !res.error && <p className="empty">{i.t('noHits')}</p>}
      <div className="hit-groups">
        {KINDS.map((k) => {
          const of = hits.filter((h) => h.kind === k.kind);
          if (!of.length) return null;
          return (
            <section key={k.kind} className="card hit-group" data-kind={k.kind}>
              <h2>
                {i.t(k.label)} <span className="count">{of.length}</span>
              </h2>
              <ol>
                {of.map((h, n) => (
                  <li key={n} className="hit" data-testid="search-hit">
                    <a href={href('article', h.article.id, h.kind === 'event' ? { ev: h.idx } : h.kind === 'quote' ? { q: h.idx } : {})}>
                      {h.kind !== 'article' && h.text ? (
                        <SentenceWith sentence={h.text} part={marked(h.snippet)} around={160} />
                      ) : (
                        <Snippet text={h.snippet ?? h.text} />
                      )}
                    </a>
                    <div className="src-head">
                      {h.event && (
                        <a className="hit-event" href={href('timeline', { ev: `s${h.event.story}` })} data-testid="hit-story" title={i.t('timeline')}>
                          <TypeChip type={h.event.type} small /> <StatusBadge status={h.event.status} />
                        </a>
                      )}
                      <ArticleRef a={h.article} />
                      {h.article.title && (
                        <span className="muted" dir="rtl" lang="ar">
                          {' · '}
                          {h.article.title}
                        </span>
                      )}
                    </div>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
      </div>
    </div>
  );
}
