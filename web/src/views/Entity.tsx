// One entity across the record: its names in both languages, roles over time, its events on a
// small timeline, its quotes, the articles that mention it and the entities it appears with.
import { useMemo, useState } from 'react';
import { useApi } from '../api';
import { ArticleRef, ErrorBox, EventTitle, Loading, StatusGlyph, TypeChip } from '../components/common';
import { EventDetail } from '../components/EventDetail';
import { TimeAxis } from '../components/TimeAxis';
import { typeColor } from '../colors';
import { useI18n } from '../i18n';
import { href } from '../router';
import type { EntityResponse, TimelineEntry } from '../types';

export function EntityView({ id }: { id: string }) {
  const i = useI18n();
  const res = useApi<EntityResponse>(id ? `entities/${encodeURIComponent(id)}` : null);
  const [sel, setSel] = useState<string | null>(null);
  const entries = useMemo<TimelineEntry[]>(
    () =>
      (res.data?.events ?? [])
        .map((s) => ({ when: s.when, kind: 'event' as const, story: s, fact: null }))
        .sort((a, b) => (a.when?.from ?? '9999').localeCompare(b.when?.from ?? '9999')),
    [res.data],
  );
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data) return <p className="empty">{i.t('notFound')}</p>;
  const { entity: e, names, articles, quotes, cooccurring } = res.data;
  const selected = entries.find((x) => `s${x.story!.id}` === sel)?.story ?? null;
  const other = i.lang === 'en' ? e.name : e.name_en;
  const srcCount = (ids: string[]) => {
    return i.count(new Set(ids).size, 'source');
  };
  return (
    <div className="entity-view">
      <header className="entity-head">
        <p className="crumbs">
          <a href={href('timeline')}>{i.t('timeline')}</a> / <span>{i.t('entity')}</span> <code>{e.kb ?? e.key}</code>
        </p>
        <h1>
          <span className={`ent-dot ent-${e.type}`} /> {i.nameOf(e)}
          {other && <span className="other-name">{other}</span>}
        </h1>
        <p className="meta">
          <span className="badge">{i.entType(e.type)}</span>
          {e.wikidata && <code className="muted"> {e.wikidata}</code>}
          {e.parent && (
            <>
              {' '}
              · <a href={href('entity', e.parent)}>{i.nm(e.parent, names)}</a>
            </>
          )}
          {e.coords && (
            <span className="muted">
              {' '}
              · {e.coords.lat.toFixed(2)}, {e.coords.lon.toFixed(2)}
            </span>
          )}
          {' · '}
          <a href={href('timeline', { entity: e.kb ?? e.key })}>{i.t('timeline')}</a>
        </p>
        {e.names.length > 0 && (
          <p className="variants">
            <span className="muted">{i.t('names')}: </span>
            <bdi dir="rtl" lang="ar">
              {e.names.join(' · ')}
            </bdi>
          </p>
        )}
      </header>
      <div className="entity-grid">
        <div className="col-main">
        <section className="card">
          <h2>
            {i.t('events')} <span className="count">{entries.length}</span>
          </h2>
          {entries.length > 0 ? (
            <>
              <TimeAxis entries={entries} names={names} selected={sel} onSelect={(x) => setSel(x === sel ? null : x)} showFacts={false} />
              {selected && <EventDetail s={selected} names={names} onClose={() => setSel(null)} />}
              <ol className="entry-list compact">
                {entries.map((x) => {
                  const s = x.story!;
                  return (
                    <li key={s.id} className={`entry ev${sel === `s${s.id}` ? ' sel' : ''}`} onClick={() => setSel(`s${s.id}`)} style={{ borderInlineStartColor: typeColor(s.type) }}>
                      <span className="when">{i.interval(x.when)}</span>
                      <span className="what">
                        <span className="row1">
                          <StatusGlyph status={s.status} color={typeColor(s.type)} />
                          <TypeChip type={s.type} small />
                          <span className="srcs">{srcCount(s.sources.map((y) => y.article.id))}</span>
                        </span>
                        <span className="title">
                          <EventTitle s={s} names={names} />
                        </span>
                      </span>
                    </li>
                  );
                })}
              </ol>
            </>
          ) : (
            <p className="empty">{i.t('nothing')}</p>
          )}
        </section>
        <section className="card">
          <h2>
            {i.t('quotes')} <span className="count">{quotes.length}</span>
          </h2>
          <ul className="quotes">
            {quotes.map((q) => (
              <li key={`${q.article.id}-${q.idx}`}>
                <blockquote dir="rtl" lang="ar">
                  «{q.text}»
                </blockquote>
                <div className="src-head">
                  <ArticleRef a={q.article} />
                  <a className="open" href={href('article', q.article.id, { q: q.idx })}>
                    {i.t('openArticle')}
                  </a>
                </div>
              </li>
            ))}
            {!quotes.length && <li className="empty">—</li>}
          </ul>
        </section>
        </div>
        <div className="col-side">
        <section className="card">
          {e.roles.length > 0 && <h2>{i.t('roles')}</h2>}
          {e.roles.length ? (
            <ol className="roles">
              {[...e.roles]
                .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''))
                .map((r, k) => (
                  <li key={k}>
                    <span className="role">{i.lang === 'ar' && r.role_ar ? r.role_ar : r.role}</span>
                    {r.org && (
                      <>
                        {' · '}
                        <a href={href('entity', r.org)}>{i.nm(r.org, names)}</a>
                      </>
                    )}
                    <span className="muted">
                      {' '}
                      {r.from ?? '…'} – {r.to ?? '…'}
                    </span>
                  </li>
                ))}
            </ol>
          ) : null}
          <h2>{i.t('cooccurring')}</h2>
          <ul className="cooc">
            {cooccurring.slice(0, 24).map((c) => (
              <li key={c.key}>
                <a href={href('entity', c.kb ?? c.key)} className={`ent-link ent-${c.type}`}>
                  {i.nameOf(c)}
                </a>
                <span className="n">{c.articles}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>
            {i.t('articles')} <span className="count">{i.num(e.articleCount ?? articles.length)}</span>
          </h2>
          <ul className="articles">
            {articles.map((a) => (
              <li key={a.id}>
                <a href={href('article', a.id)}>
                  <bdi>{a.title ?? a.id}</bdi>
                </a>
                <div>
                  <ArticleRef a={a} /> <span className="muted">· {i.count(a.mentions, 'mention')}</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
        </div>
      </div>
    </div>
  );
}
