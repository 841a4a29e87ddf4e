// The article reader: the text with entities, times, figures, events and quotes marked by kind,
// built from the analysis' offsets (src/marks.ts) as React text nodes — the text is untrusted and
// is never parsed as HTML. Hover shows the normalised value or the linked record; boilerplate is
// dimmed; ?ev=N (event), ?q=N (quote), ?fig=N (figure), ?s=N (sentence) or ?t=TEXT (a sentence's
// text) is scrolled to and emphasised.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../api';
import { ErrorBox, Loading, StatusBadge, TypeChip } from '../components/common';
import { MARK_COLORS, typeColor } from '../colors';
import { useI18n } from '../i18n';
import { analysisSpans, buildTree, type MarkKind, type MarkNode, type MarkSpan } from '../marks';
import { href, type Route } from '../router';
import type { Analysis, ArticleResponse } from '../types';

const KIND_LABEL: Record<string, string> = { TIMEX: 'TIME', QUANT: 'NUM', EVENT: 'EVENT' };
const ENT = new Set<string>(['PER', 'ORG', 'LOC', 'MISC']);
const LEGEND: MarkKind[] = ['PER', 'ORG', 'LOC', 'MISC', 'TIMEX', 'QUANT', 'EVENT', 'QUOTE'];

interface Focus {
  sentence: number | null;
  span: { kind: MarkKind; idx: number } | null;
  find: { start: number; end: number } | null;
}

function focusOf(route: Route, a: Analysis, text: string): Focus {
  const q = route.query;
  const int = (k: string) => {
    const v = q.get(k);
    return v != null && /^\d+$/.test(v) ? Number(v) : null;
  };
  const sentenceAt = (off: number) => a.sentences.findIndex((s) => s.start <= off && off < s.end);
  const ev = int('ev');
  if (ev != null && a.events[ev]) return { sentence: a.events[ev].sentence, span: { kind: 'EVENT', idx: ev }, find: null };
  const qt = int('q');
  if (qt != null && a.quotes[qt]) return { sentence: sentenceAt(a.quotes[qt].start), span: { kind: 'QUOTE', idx: qt }, find: null };
  const fig = int('fig');
  if (fig != null && a.quantities[fig]) return { sentence: sentenceAt(a.quantities[fig].start), span: { kind: 'QUANT', idx: fig }, find: null };
  const s = int('s');
  if (s != null && a.sentences[s]) return { sentence: s, span: null, find: null };
  const t = q.get('t');
  if (t) {
    const at = text.indexOf(t);
    if (at >= 0) return { sentence: sentenceAt(at), span: null, find: { start: at, end: at + t.length } };
  }
  return { sentence: null, span: null, find: null };
}

export function ArticleView({ id, route }: { id: string; route: Route }) {
  const i = useI18n();
  const res = useApi<ArticleResponse>(id ? `articles/${encodeURIComponent(id)}` : null);
  if (res.loading && !res.data) return <Loading />;
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data) return <p className="empty">{i.t('notFound')}</p>;
  return <Reader data={res.data} route={route} />;
}

function Reader({ data, route }: { data: ArticleResponse; route: Route }) {
  const i = useI18n();
  const { text, analysis: a, summary } = data;
  const focus = useMemo(() => focusOf(route, a, text), [route, a, text]);
  const spans = useMemo(() => analysisSpans(a, text.length, focus.find), [a, text, focus.find]);
  const tree = useMemo(() => buildTree(text.length, spans), [text, spans]);
  const [hover, setHover] = useState<{ si: number; x: number; y: number; below: boolean } | null>(null);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const body = useRef<HTMLDivElement>(null);
  const ent = (eid: string | null) => (eid ? a.entities.find((e) => e.id === eid) ?? null : null);

  useEffect(() => {
    const el = body.current?.querySelector('.focus-span') ?? body.current?.querySelector('.focus');
    if (el) el.scrollIntoView({ block: 'center' });
  }, [focus]);

  const isFocus = (s: MarkSpan) =>
    (s.kind === 'SENT' && s.idx === focus.sentence) ||
    s.kind === 'FIND' ||
    (!!focus.span && focus.span.kind === s.kind && (focus.span.idx === s.idx || !!s.also?.includes(focus.span.idx)));

  const render = (n: MarkNode, key: number | string): ReactNode => {
    const kids = n.children.map((c, j) => (Array.isArray(c) ? text.slice(c[0], c[1]) : render(c, j)));
    const s = n.span;
    if (!s) return kids;
    const focused = isFocus(s);
    switch (s.kind) {
      case 'SENT':
        return (
          <span key={key} className={`sent${focused ? ' focus' : ''}`} data-s={s.idx}>
            {kids}
          </span>
        );
      case 'BOIL':
        return (
          <span key={key} className="boil" data-m={n.si} data-kind={a.boilerplate[s.idx].kind}>
            {kids}
          </span>
        );
      case 'FIND':
        return (
          <span key={key} className="find focus-span">
            {kids}
          </span>
        );
      case 'QUOTE':
        return (
          <span key={key} className={`mk quote${focused ? ' focus-span' : ''}${hidden.has('QUOTE') ? ' off' : ''}`} data-m={n.si} data-kind="QUOTE">
            {kids}
          </span>
        );
      default: {
        const label = s.kind === 'EVENT' ? a.events[s.idx].type : KIND_LABEL[s.kind] ?? s.kind;
        const style = s.kind === 'EVENT' ? { background: `${typeColor(a.events[s.idx].type)}33`, borderColor: typeColor(a.events[s.idx].type) } : undefined;
        return (
          <span
            key={key}
            className={`mk k-${s.kind}${n.last ? ' last' : ''}${n.first ? ' first' : ''}${focused ? ' focus-span' : ''}${hidden.has(s.kind) ? ' off' : ''}`}
            data-m={n.si}
            data-kind={s.kind}
            data-label={n.last ? label : undefined}
            data-link={ENT.has(s.kind) && a.entities[s.idx].kb ? '' : undefined}
            style={style}
          >
            {kids}
          </span>
        );
      }
    }
  };

  const onOver = (e: React.MouseEvent) => {
    const el = (e.target as HTMLElement).closest('[data-m]') as HTMLElement | null;
    if (!el) return setHover(null);
    const si = Number(el.dataset.m);
    const r = el.getBoundingClientRect();
    const below = r.top < 220;
    setHover({ si, x: r.left + r.width / 2, y: below ? r.bottom + 6 : r.top - 6, below });
  };

  const onClick = (e: React.MouseEvent) => {
    const el = (e.target as HTMLElement).closest('[data-m]') as HTMLElement | null;
    const s = el ? spans[Number(el.dataset.m)] : null;
    if (s && ENT.has(s.kind) && a.entities[s.idx].kb) location.hash = href('entity', a.entities[s.idx].kb!);
  };

  const title = summary.title ?? a.title ?? null;
  const pub = a.published;
  const counts: Record<string, number> = {
    PER: a.entities.filter((e) => e.type === 'PER').reduce((n, e) => n + e.mentions.length, 0),
    ORG: a.entities.filter((e) => e.type === 'ORG').reduce((n, e) => n + e.mentions.length, 0),
    LOC: a.entities.filter((e) => e.type === 'LOC').reduce((n, e) => n + e.mentions.length, 0),
    MISC: a.entities.filter((e) => e.type !== 'PER' && e.type !== 'ORG' && e.type !== 'LOC').reduce((n, e) => n + e.mentions.length, 0),
    TIMEX: a.times.length,
    QUANT: a.quantities.length,
    EVENT: a.events.length,
    QUOTE: a.quotes.length,
  };
  const kindName = (k: string) => (k === 'PER' || k === 'ORG' || k === 'LOC' || k === 'MISC' ? i.entType(k) : i.t(k as 'TIMEX'));

  return (
    <div className="article-view">
      <header className="article-head">
        <p className="crumbs">
          <a href={href('timeline')}>{i.t('timeline')}</a> / <span>{i.t('article')}</span> <code>{summary.id}</code>
        </p>
        {title ? (
          <h1 dir="rtl" lang="ar" data-testid="article-title">
            {title}
          </h1>
        ) : (
          <h1 className="untitled">
            <bdi>{summary.source ?? a.source ?? i.t('unknownSource')}</bdi> · {pub?.date ? i.day(pub.date) : i.interval(summary.published)}
          </h1>
        )}
        <p className="meta">
          <bdi className="outlet">{summary.source ?? a.source ?? i.t('unknownSource')}</bdi>
          <span className="sep"> · </span>
          <span>
            {i.t('published')}: {pub?.date ? i.day(pub.date) : pub ? `${i.day(pub.earliest)} – ${i.day(pub.latest)}` : i.t('undated')}{' '}
            {pub && <span className="muted">({pub.basis === 'given' ? i.t('given') : i.t('inferred')})</span>}
          </span>
          {summary.url && (
            <>
              <span className="sep"> · </span>
              <span className="url" dir="ltr">
                {summary.url}
              </span>
            </>
          )}
        </p>
        {data.links.length > 0 && (
          <p className="links">
            {i.t('links')}:{' '}
            {data.links.map((l) => {
              const other = l.from === summary.id ? l.to : l.from;
              return (
                <a key={`${l.from}-${l.to}`} href={href('article', other)} className="badge">
                  {l.kind} · {other}
                </a>
              );
            })}
          </p>
        )}
        <div className="mark-legend" aria-label={i.t('kinds')}>
          {LEGEND.map((k) => (
            <button
              type="button"
              key={k}
              className={`mk-key k-${k}${hidden.has(k) ? ' off' : ''}`}
              style={{ background: MARK_COLORS[k] }}
              onClick={() => {
                const n = new Set(hidden);
                if (n.has(k)) n.delete(k);
                else n.add(k);
                setHidden(n);
              }}
            >
              {kindName(k)} <span className="n">{counts[k]}</span>
            </button>
          ))}
          <span className="mk-key boil-key">{i.t('boilerplate')}</span>
        </div>
      </header>
      <div className="article-body" dir="rtl" lang="ar" ref={body} onMouseOver={onOver} onMouseLeave={() => setHover(null)} onClick={onClick} data-testid="article-body">
        {render(tree, 'root')}
      </div>
      {hover && spans[hover.si] && (
        <div className={`tip${hover.below ? ' below' : ''}`} style={{ left: hover.x, top: hover.y }} role="tooltip" data-testid="tooltip">
          <Tip s={spans[hover.si]} a={a} ent={ent} />
        </div>
      )}
    </div>
  );
}

function Tip({ s, a, ent }: { s: MarkSpan; a: Analysis; ent: (id: string | null) => Analysis['entities'][number] | null }) {
  const i = useI18n();
  const nm = (id: string | null) => {
    const e = ent(id);
    return e ? i.nameOf(e) : null;
  };
  switch (s.kind) {
    case 'PER':
    case 'ORG':
    case 'LOC':
    case 'MISC': {
      const e = a.entities[s.idx];
      return (
        <>
          <b className="tip-kind">{i.entType(e.type)}</b>
          <div lang="ar" dir="rtl">
            {e.name}
          </div>
          {e.name_en && <div lang="en">{e.name_en}</div>}
          <div className="muted">
            {i.t('kbId')}: <code>{e.kb ?? '—'}</code> · {i.count(e.mentions.length, 'mention')}
          </div>
        </>
      );
    }
    case 'TIMEX': {
      const t = a.times[s.idx];
      return (
        <>
          <b className="tip-kind">{t.type}</b>
          <div>
            {i.t('normalised')}: <code>{t.value ?? '—'}</code>
            {t.mod && <code> {t.mod}</code>}
          </div>
        </>
      );
    }
    case 'QUANT': {
      const q = a.quantities[s.idx];
      const v = q.value != null ? i.num(q.value) : q.min != null && q.max != null ? `${i.num(q.min)}–${i.num(q.max)}` : q.min != null ? `> ${i.num(q.min)}` : q.max != null ? `< ${i.num(q.max)}` : '—';
      return (
        <>
          <b className="tip-kind">{i.t('QUANT')}</b>
          <div>
            <code>{v}</code> {q.unit && i.unit(q.unit)} {q.approx && <span className="muted">({i.t('approx')})</span>}
          </div>
          {q.subject && (
            <div>
              {i.t('subject')}: {nm(q.subject)}
            </div>
          )}
          {q.location && (
            <div>
              {i.t('place')}: {nm(q.location)}
            </div>
          )}
          {q.time && (
            <div>
              {i.t('time')}: <code>{q.time}</code>
            </div>
          )}
        </>
      );
    }
    case 'EVENT': {
      const evs = [s.idx, ...(s.also ?? [])].map((k) => a.events[k]);
      return (
        <>
          {evs.map((e, k) => (
            <div key={k} className="tip-ev">
              <div className="chips">
                <TypeChip type={e.type} small />
                <StatusBadge status={e.status} />
                {e.time && <code>{e.time}</code>}
              </div>
              {i.lang === 'en' && e.summary_en ? (
                <div>{e.summary_en}</div>
              ) : (
                <div>
                  {e.actors.map(nm).join('، ') || i.t('unnamed')}
                  {e.targets.length > 0 && ` ← ${e.targets.map(nm).join('، ')}`}
                  {e.location && ` · ${nm(e.location)}`}
                </div>
              )}
            </div>
          ))}
        </>
      );
    }
    case 'QUOTE': {
      const q = a.quotes[s.idx];
      return (
        <>
          <b className="tip-kind">{i.t('QUOTE')}</b>
          <div>
            {i.t('speaker')}: {nm(q.speaker) ?? '—'}
          </div>
          {q.via && (
            <div>
              {i.t('via')}: {nm(q.via)}
            </div>
          )}
          {q.cue && (
            <div>
              «<span lang="ar">{q.cue.text}</span>»
            </div>
          )}
        </>
      );
    }
    case 'BOIL':
      return (
        <>
          <b className="tip-kind">{i.t('boilerplate')}</b>: {a.boilerplate[s.idx].kind}
        </>
      );
    default:
      return null;
  }
}
