// The story's timeline: a zoomable axis of story events (and dated statements), filters that live
// in the URL (so a filtered view can be linked and survives the language switch), a list, and the
// chosen event with its sources.
import { useMemo } from 'react';
import { useApi } from '../api';
import { ErrorBox, EventTitle, Loading, SentenceWith, StatusGlyph, TypeChip, TypeLegend } from '../components/common';
import { StoryDetail } from '../components/EventDetail';
import { entryId, TimeAxis } from '../components/TimeAxis';
import { PLOVER_ORDER, typeColor } from '../colors';
import { useI18n } from '../i18n';
import { href, setQuery, type Route } from '../router';
import { articleCount, type Names, type TimelineEntry } from '../types';

const STATUSES = ['realized', 'planned', 'expected', 'demanded', 'negated'];

export function TimelineView({ route }: { route: Route }) {
  const i = useI18n();
  const q = route.query;
  const entity = q.get('entity') ?? '';
  const status = q.get('status') ?? '';
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const showFacts = q.get('facts') !== '0' && !status;
  const types = useMemo(() => new Set((q.get('types') ?? '').split(',').filter(Boolean)), [q]);
  const sel = q.get('ev');
  const res = useApi<{ entries: TimelineEntry[]; names: Names }>('timeline', { entity, status, from, to, limit: 2000 });
  const names = res.data?.names;
  const all = res.data?.entries ?? [];
  const withIds = useMemo(() => all.map((e, k) => ({ e, id: entryId(e, k) })), [all]);
  const shown = useMemo(
    () => withIds.filter(({ e }) => (e.kind === 'event' ? !types.size || types.has(e.story!.type) : showFacts && !types.size)),
    [withIds, types, showFacts],
  );
  const presentTypes = useMemo(() => {
    const p = new Set(all.filter((e) => e.kind === 'event').map((e) => e.story!.type));
    return PLOVER_ORDER.filter((t) => p.has(t));
  }, [all]);
  const entityOptions = useMemo(() => {
    const ks = Object.values(names ?? {}).filter((n) => n.kb);
    return ks.sort((a, b) => i.nameOf(a).localeCompare(i.nameOf(b), i.lang));
  }, [names, i]);
  const selected = withIds.find((x) => x.id === sel)?.e ?? null;
  // a story asked for by id (a search hit's link) that the loaded list does not hold
  const storyId = !selected && sel && /^s\d+$/.test(sel) && !res.loading ? Number(sel.slice(1)) : null;
  const pick = (id: string) => setQuery(route, { ev: id === sel ? null : id });
  const toggleType = (t: string) => {
    const n = new Set(types);
    if (n.has(t)) n.delete(t);
    else n.add(t);
    setQuery(route, { types: [...n].join(',') || null });
  };
  const nEvents = shown.filter((x) => x.e.kind === 'event').length;

  return (
    <div className={`timeline-view${selected || storyId ? ' has-detail' : ''}`}>
      <div className="tl-main">
      <section className="filters" aria-label="filters">
        <label>
          <span>{i.t('status')}</span>
          <select value={status} onChange={(e) => setQuery(route, { status: e.target.value || null })} data-testid="filter-status">
            <option value="">{i.t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {i.status(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{i.t('entity')}</span>
          <select value={entity} onChange={(e) => setQuery(route, { entity: e.target.value || null })} data-testid="filter-entity">
            <option value="">{i.t('anyEntity')}</option>
            {entity && !entityOptions.some((n) => n.kb === entity) && <option value={entity}>{entity}</option>}
            {entityOptions.map((n) => (
              <option key={n.key} value={n.kb!}>
                {i.nameOf(n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{i.t('from')}</span>
          <input type="date" value={from} onChange={(e) => setQuery(route, { from: e.target.value || null })} />
        </label>
        <label>
          <span>{i.t('to')}</span>
          <input type="date" value={to} onChange={(e) => setQuery(route, { to: e.target.value || null })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={showFacts && !types.size} disabled={!!status || types.size > 0} onChange={(e) => setQuery(route, { facts: e.target.checked ? null : '0' })} />
          <span>{i.t('showFacts')}</span>
        </label>
        {(entity || status || from || to || types.size > 0) && (
          <button type="button" className="link" onClick={() => setQuery(route, { entity: null, status: null, from: null, to: null, types: null, facts: null })}>
            {i.t('reset')}
          </button>
        )}
        <span className="shown">
          {i.count(nEvents, 'event')}
        </span>
      </section>
      <div className="keys">
        <TypeLegend types={presentTypes} active={types} onToggle={toggleType} />
        <StatusKey />
      </div>
      <ErrorBox error={res.error} />
      {res.loading && !res.data ? (
        <Loading />
      ) : (
        <TimeAxis entries={shown.map((x) => x.e)} names={names} selected={sel} onSelect={pick} showFacts={showFacts} />
      )}
      <ol className="entry-list" data-testid="timeline-list">
        {shown.map(({ e, id }) => (
          <EntryRow key={id} e={e} id={id} names={names} selected={sel === id} onPick={() => pick(id)} />
        ))}
        {!res.loading && !shown.length && <li className="empty">{i.t('nothing')}</li>}
      </ol>
      </div>
      {storyId && (
        <aside className="detail">
          <StoryDetail id={storyId} names={names} onClose={() => setQuery(route, { ev: null })} />
        </aside>
      )}
      {selected && (
        <aside className="detail">
          {selected.kind === 'event' ? (
            <StoryDetail s={selected.story!} id={selected.story!.id} names={names} onClose={() => setQuery(route, { ev: null })} />
          ) : (
            <FactDetail e={selected} onClose={() => setQuery(route, { ev: null })} />
          )}
        </aside>
      )}
    </div>
  );
}

function StatusKey() {
  const i = useI18n();
  return (
    <div className="status-key" aria-label={i.t('status')}>
      {STATUSES.map((s) => (
        <span key={s}>
          <StatusGlyph status={s} color="#555" /> {i.status(s)}
        </span>
      ))}
      <span>
        <svg width="26" height="12" aria-hidden="true">
          <circle cx="5" cy="6" r="4" fill="#777" />
          <circle cx="19" cy="6" r="6" fill="#777" />
        </svg>{' '}
        {i.t('sources')}
      </span>
    </div>
  );
}

function EntryRow({ e, id, names, selected, onPick }: { e: TimelineEntry; id: string; names?: Names | null; selected: boolean; onPick: () => void }) {
  const i = useI18n();
  if (e.kind === 'fact') {
    const f = e.fact!;
    return (
      <li className={`entry fact${selected ? ' sel' : ''}`} data-id={id} onClick={onPick}>
        <span className="when">{i.interval(e.when)}</span>
        <span className="what">
          <span className="fact-chip">{i.t('facts')}</span>
          <SentenceWith sentence={f.sentence} part={{ text: f.text }} around={90} className="clamp" />
        </span>
      </li>
    );
  }
  const s = e.story!;
  const n = articleCount(s);
  return (
    <li className={`entry ev${selected ? ' sel' : ''}`} data-id={id} data-testid="timeline-event" onClick={onPick} tabIndex={0} onKeyDown={(k) => k.key === 'Enter' && onPick()} aria-selected={selected} style={{ borderInlineStartColor: typeColor(s.type) }}>
      <span className="when">{i.interval(e.when)}</span>
      <span className="what">
        <span className="row1">
          <StatusGlyph status={s.status} color={typeColor(s.type)} />
          <TypeChip type={s.type} small />
          <span className={`status-txt status-${s.status}`}>{i.status(s.status)}</span>
          <span className="srcs" title={i.t('sources')}>
            {i.count(n, 'source')}
          </span>
        </span>
        <span className="title">
          <EventTitle s={s} names={names} />
        </span>
        {i.lang === 'ar' && (
          <SentenceWith sentence={s.sources[0].sentence} part={s.sources[0].trigger} around={80} className="clamp sub" />
        )}
      </span>
    </li>
  );
}

function FactDetail({ e, onClose }: { e: TimelineEntry; onClose: () => void }) {
  const i = useI18n();
  const f = e.fact!;
  return (
    <article className="event-detail fact" data-testid="fact-detail">
      <header>
        <div className="chips">
          <span className="fact-chip">{i.t('facts')}</span>
          <code className="timex">{f.value}</code>
          <button type="button" className="close" onClick={onClose} aria-label={i.t('close')}>
            ×
          </button>
        </div>
        <h2>{i.interval(e.when)}</h2>
      </header>
      <blockquote>
        <SentenceWith sentence={f.sentence} part={{ text: f.text }} />
      </blockquote>
      <p>
        <a className="open" href={href('article', f.article.id, { t: f.sentence })}>
          {i.t('openArticle')} {i.lang === 'ar' ? '←' : '→'}
        </a>
      </p>
    </article>
  );
}
