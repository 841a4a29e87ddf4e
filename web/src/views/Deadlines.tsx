// What the record says is to happen by a date, as of a chosen day: due, passed, or met (with the
// report that says it happened).
import { useApi } from '../api';
import { ArticleRef, ErrorBox, EventTitle, Loading, Pager, pageOffset, SentenceWith, StatusBadge, TypeChip } from '../components/common';
import { typeColor } from '../colors';
import { useI18n } from '../i18n';
import { href, setQuery, type Route } from '../router';
import type { Deadline, Names } from '../types';

const STATUSES = ['due', 'passed', 'met'] as const;
const PAGE = 100;

export function DeadlinesView({ route }: { route: Route }) {
  const i = useI18n();
  const date = route.query.get('date') ?? new Date().toISOString().slice(0, 10);
  const status = route.query.get('status') ?? '';
  const res = useApi<{ date: string; total: number; counts: Record<(typeof STATUSES)[number], number>; deadlines: Deadline[]; names: Names }>('deadlines', {
    date,
    status,
    limit: PAGE,
    offset: pageOffset(route, PAGE),
  });
  const list = res.data?.deadlines ?? [];
  const names = res.data?.names;
  const counts = res.data?.counts;
  return (
    <div className="deadlines-view">
      <section className="filters">
        <label>
          <span>{i.t('asOf')}</span>
          <input type="date" value={date} onChange={(e) => setQuery(route, { date: e.target.value || null, page: null })} data-testid="deadline-date" />
        </label>
        <div className="seg">
          <button type="button" className={!status ? 'on' : ''} onClick={() => setQuery(route, { status: null, page: null })}>
            {i.t('all')}
          </button>
          {STATUSES.map((s) => (
            <button type="button" key={s} className={status === s ? 'on' : ''} onClick={() => setQuery(route, { status: s, page: null })}>
              <span className={`dot dl-${s}`} /> {i.t(s)} {counts && <span className="n">{i.num(counts[s])}</span>}
            </button>
          ))}
        </div>
      </section>
      <ErrorBox error={res.error} />
      {res.loading && !res.data && <Loading />}
      {!res.loading && !list.length && <p className="empty">{i.t('nothing')}</p>}
      <ol className="deadlines">
        {list.map((d, k) => (
          <DeadlineRow key={k} d={d} names={names} />
        ))}
      </ol>
      {res.data && <Pager route={route} total={res.data.total} size={PAGE} />}
    </div>
  );
}

function DeadlineRow({ d, names }: { d: Deadline; names?: Names | null }) {
  const i = useI18n();
  const rel = d.days === 0 ? i.t('today') : d.days > 0 ? i.t('inDays', { n: i.count(d.days, 'day') }) : i.t('daysAgo', { n: i.count(-d.days, 'day') });
  const s = d.story;
  const src = s?.sources[0] ?? null;
  return (
    <li className={`deadline dl-${d.status}`} data-testid="deadline" data-status={d.status} style={s ? { borderInlineStartColor: typeColor(s.type) } : undefined}>
      <div className="due">
        <span className={`badge dl-${d.status}`}>{i.t(d.status)}</span>
        <b>{i.day(d.due)}</b>
        <span className="muted">{rel}</span>
      </div>
      <div className="what">
        {s ? (
          <>
            <div className="row1">
              <TypeChip type={s.type} small />
              <StatusBadge status={s.status} />
              <span className="muted">{i.interval(s.when)}</span>
            </div>
            <div className="title">
              <EventTitle s={s} names={names} />
            </div>
            {src && (
              <div className="src">
                <SentenceWith sentence={src.sentence} part={src.trigger} around={110} />
                <div className="src-head">
                  {i.t('plannedIn')}:{' '}
                  {s.sources.map((x, k) => (
                    <a key={k} href={href('article', x.article.id, { ev: x.eventIdx })}>
                      <ArticleRef a={x.article} />
                    </a>
                  ))}
                </div>
              </div>
            )}
            {d.metBy && (
              <div className="met-by">
                ✓ {i.t('metBy')}: <EventTitle s={d.metBy} names={names} /> <span className="muted">({i.interval(d.metBy.when)})</span>{' '}
                <a href={href('article', d.metBy.sources[0].article.id, { ev: d.metBy.sources[0].eventIdx })}>{i.t('openArticle')}</a>
              </div>
            )}
          </>
        ) : d.fact ? (
          <>
            <div className="row1">
              <span className="fact-chip">{i.t('facts')}</span>
              <code className="timex">{d.fact.value}</code>
            </div>
            <SentenceWith sentence={d.fact.sentence} part={{ text: d.fact.text }} around={120} />
            <div className="src-head">
              <a href={href('article', d.fact.article.id, { t: d.fact.sentence })}>
                <ArticleRef a={d.fact.article} />
              </a>
            </div>
          </>
        ) : null}
      </div>
    </li>
  );
}
