import type { ReactNode } from 'react';
import { PLOVER_COLORS, STATUS_STYLE, typeColor } from '../colors';
import { useI18n } from '../i18n';
import { href, setQuery, type Route } from '../router';
import type { AnyStory, ArticleSummary, Names, Span } from '../types';

export function Loading() {
  const i = useI18n();
  return <p className="loading">{i.t('loading')}</p>;
}

export function ErrorBox({ error }: { error: Error | null }) {
  const i = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {i.t('error')}: {error.message}
    </p>
  );
}

export function TypeChip({ type, small }: { type: string; small?: boolean }) {
  const i = useI18n();
  return (
    <span className={`type-chip${small ? ' small' : ''}`} style={{ background: typeColor(type) }} title={type}>
      {i.plover(type)}
    </span>
  );
}

/** A small glyph of how a status is drawn on the timeline: filled, hollow, dashed. */
export function StatusGlyph({ status, color, size = 12 }: { status: string; color: string; size?: number }) {
  const st = STATUS_STYLE[status] ?? STATUS_STYLE.realized;
  const r = size / 2 - 1.5;
  return (
    <svg width={size} height={size} className="glyph" aria-hidden="true">
      <circle cx={size / 2} cy={size / 2} r={r} fill={st.hollow ? '#fff' : color} stroke={color} strokeWidth={2} strokeDasharray={st.dash ?? undefined} />
      {status === 'negated' && <line x1={2} y1={size - 2} x2={size - 2} y2={2} stroke={color} strokeWidth={1.5} />}
    </svg>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const i = useI18n();
  return (
    <span className={`status status-${status}`}>
      <StatusGlyph status={status} color="#555" size={10} /> {i.status(status)}
    </span>
  );
}

export function EntityLink({ k, names, className }: { k: string; names?: Names | null; className?: string }) {
  const i = useI18n();
  const n = names?.[k];
  const label = i.nm(k, names);
  const other = n ? (i.lang === 'en' ? n.name : n.name_en) : null;
  return (
    <a className={`ent-link ent-${n?.type ?? 'X'}${className ? ` ${className}` : ''}`} href={href('entity', n?.kb ?? k)} title={other ?? undefined}>
      {label}
    </a>
  );
}

export function NameList({ keys, names, empty }: { keys: string[]; names?: Names | null; empty?: ReactNode }) {
  if (!keys.length) return <>{empty ?? null}</>;
  return (
    <>
      {keys.map((k, j) => (
        <span key={k}>
          {j > 0 && <span className="sep">{'، '}</span>}
          <EntityLink k={k} names={names} />
        </span>
      ))}
    </>
  );
}

/** The one line that says what a story event is, in the UI's language. */
export function EventTitle({ s, names }: { s: AnyStory; names?: Names | null }) {
  const i = useI18n();
  if (i.lang === 'en' && s.summary_en) return <span className="ev-title">{s.summary_en}</span>;
  const who = s.actors.length ? s.actors : null;
  return (
    <span className="ev-title">
      {who ? <NameList keys={who} names={names} /> : <span className="muted">{i.t('unnamed')}</span>}
      <span className="ev-verb"> · {i.plover(s.type)}</span>
      {s.targets.length > 0 && (
        <>
          {' '}
          {i.lang === 'ar' ? '← ' : '→ '}
          <NameList keys={s.targets} names={names} />
        </>
      )}
      {s.location && (
        <span className="ev-place">
          {' '}
          · {i.lang === 'ar' ? 'في' : 'in'} <EntityLink k={s.location} names={names} />
        </span>
      )}
    </span>
  );
}

export function ArticleRef({ a }: { a: Pick<ArticleSummary, 'source' | 'published'> }) {
  const i = useI18n();
  return (
    <span className="article-ref">
      <bdi className="outlet">{a.source ?? i.t('unknownSource')}</bdi>
      <span className="sep"> · </span>
      <span className="date">{i.interval(a.published)}</span>
    </span>
  );
}

/** A sentence (plain text) with one part of it emphasised, found by its text. With `around`, only
 *  that many characters either side of the part are shown (cut at spaces, marked with «…»). */
export function SentenceWith({ sentence, part, className, around }: { sentence: string; part?: Span | { text: string } | null; className?: string; around?: number }) {
  let at = part?.text ? sentence.indexOf(part.text) : -1;
  let text = sentence;
  let pre = '';
  let post = '';
  if (around) {
    const len = part?.text.length ?? 0;
    let a = at < 0 ? 0 : Math.max(0, at - around);
    let b = at < 0 ? Math.min(sentence.length, 2 * around) : Math.min(sentence.length, at + len + around);
    if (a > 0) {
      const sp = sentence.indexOf(' ', a);
      if (sp >= 0 && (at < 0 || sp < at)) a = sp + 1;
      pre = '…';
    }
    if (b < sentence.length) {
      const sp = sentence.lastIndexOf(' ', b);
      if (sp > (at < 0 ? a : at + len)) b = sp;
      post = '…';
    }
    text = sentence.slice(a, b);
    if (at >= 0) at -= a;
  }
  if (!part || at < 0)
    return (
      <span className={`sentence ${className ?? ''}`} dir="rtl" lang="ar">
        {pre}
        {text}
        {post}
      </span>
    );
  return (
    <span className={`sentence ${className ?? ''}`} dir="rtl" lang="ar">
      {pre}
      {text.slice(0, at)}
      <mark className="hit">{text.slice(at, at + part.text.length)}</mark>
      {text.slice(at + part.text.length)}
      {post}
    </span>
  );
}

/** A search snippet: the API marks the matching word as «[word]»; everything else stays text. */
export function Snippet({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /\[([^\[\]]{1,200})\]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(<mark key={n++} className="hit">{m[1]}</mark>);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <span className="snippet" dir="rtl" lang="ar">
      {parts}
    </span>
  );
}

export function TypeLegend({ types, active, onToggle }: { types: string[]; active?: Set<string>; onToggle?: (t: string) => void }) {
  const i = useI18n();
  return (
    <div className="legend">
      {types.map((t) => (
        <button
          type="button"
          key={t}
          className={`legend-item${active && active.size && !active.has(t) ? ' off' : ''}`}
          onClick={onToggle ? () => onToggle(t) : undefined}
          disabled={!onToggle}
          data-type={t}
        >
          <span className="swatch" style={{ background: PLOVER_COLORS[t] ?? '#888' }} />
          {i.plover(t)}
        </button>
      ))}
    </div>
  );
}

/** «101–200 of 7,490» with previous/next: the list's page lives in the route's `page` query (from 1). */
export function Pager({ route, total, size }: { route: Route; total: number; size: number }) {
  const i = useI18n();
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(pages, Math.max(1, Number(route.query.get('page')) || 1));
  if (total <= size) return null;
  const go = (p: number) => setQuery(route, { page: p > 1 ? p : null }, true);
  return (
    <nav className="pager" data-testid="pager">
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {i.t('prevPage')}
      </button>
      <span>{i.t('pageOf', { from: i.num((page - 1) * size + 1), to: i.num(Math.min(total, page * size)), total: i.num(total) })}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {i.t('nextPage')}
      </button>
    </nav>
  );
}

/** The `offset` the route's page asks for. */
export const pageOffset = (route: Route, size: number) => (Math.max(1, Number(route.query.get('page')) || 1) - 1) * size;
