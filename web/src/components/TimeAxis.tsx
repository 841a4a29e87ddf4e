// A zoomable time axis (d3-scale): one lane per PLOVER type, events as markers coloured by type,
// sized by their number of sources, filled when realized and hollow/dashed when still to come.
// Wheel or the buttons zoom, dragging pans. In Arabic the axis runs right to left.
import { scaleUtc } from 'd3-scale';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PLOVER_ORDER, STATUS_STYLE, typeColor } from '../colors';
import { useI18n } from '../i18n';
import { articleCount, type DayInterval, type Names, type TimelineEntry } from '../types';

const DAY = 86_400_000;
const ROW = 13;
const MAX_ROWS = 4;
const t0 = (d: string) => Date.parse(`${d}T00:00:00Z`);
const mid = (w: DayInterval) => (t0(w.from) + t0(w.to) + DAY) / 2;

export interface AxisItem {
  id: string;
  entry: TimelineEntry;
}

interface Props {
  entries: TimelineEntry[];
  names?: Names | null;
  selected: string | null;
  onSelect: (id: string) => void;
  showFacts: boolean;
  height?: number;
  compact?: boolean;
}

/** An entry's id in the URL (`ev=`): the story's id, or the statement's article and time index,
 *  so that a link to it holds whatever the filters. */
export const entryId = (e: TimelineEntry, _i?: number) => (e.kind === 'event' ? `s${e.story!.id}` : `f${e.fact!.article.id}:${e.fact!.idx}`);

function extent(entries: TimelineEntry[]): [number, number] {
  const ds = entries.filter((e) => e.when).flatMap((e) => [t0(e.when!.from), t0(e.when!.to) + DAY]);
  if (!ds.length) {
    const now = Date.now();
    return [now - 365 * DAY, now + 30 * DAY];
  }
  let a = Math.min(...ds);
  let b = Math.max(...ds);
  const pad = Math.max((b - a) * 0.04, 20 * DAY);
  return [a - pad, b + pad];
}

export function TimeAxis({ entries, names, selected, onSelect, showFacts, compact }: Props) {
  const i = useI18n();
  const rtl = i.dir === 'rtl';
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(900);
  const full = useMemo(() => extent(entries), [entries]);
  const [domain, setDomain] = useState<[number, number]>(full);
  useEffect(() => setDomain(full), [full]);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(320, el.clientWidth));
    return () => ro.disconnect();
  }, []);

  const labelW = compact ? 0 : 92;
  const pad = 16;
  const range: [number, number] = rtl ? [width - labelW - pad, pad] : [labelW + pad, width - pad];
  const x = scaleUtc().domain(domain.map((d) => new Date(d))).range(range);

  // lanes: the types present, in PLOVER order, then dated statements
  const types = useMemo(() => {
    const present = new Set(entries.filter((e) => e.kind === 'event').map((e) => e.story!.type));
    return PLOVER_ORDER.filter((t) => present.has(t)).concat([...present].filter((t) => !PLOVER_ORDER.includes(t)));
  }, [entries]);
  const lanes = compact ? ['ALL'] : showFacts && entries.some((e) => e.kind === 'fact') ? [...types, 'FACT'] : types;

  // pack markers of a lane into rows so that they do not cover each other
  const items = entries
    .map((e, idx) => ({ e, id: entryId(e, idx) }))
    .filter(({ e }) => e.when && (e.kind === 'event' || showFacts));
  const rowsOf = new Map<string, number>();
  const laneRows = new Map<string, number>();
  const rOf = (e: TimelineEntry) => (e.kind === 'fact' ? 4 : 4 + 2.2 * Math.sqrt(articleCount(e.story!)));
  for (const lane of lanes) {
    const of = items
      .filter(({ e }) => (compact ? true : lane === 'FACT' ? e.kind === 'fact' : e.kind === 'event' && e.story!.type === lane))
      .map((it) => ({ ...it, px: x(new Date(mid(it.e.when!))), r: rOf(it.e) }))
      .sort((a, b) => a.px - b.px);
    const ends: number[] = [];
    for (const it of of) {
      let row = ends.findIndex((end) => end < it.px - it.r - 2);
      if (row < 0) {
        row = ends.length;
        ends.push(0);
      }
      ends[row] = it.px + it.r;
      rowsOf.set(it.id, row);
    }
    laneRows.set(lane, Math.max(1, Math.min(ends.length, MAX_ROWS)));
  }
  const top = 8;
  const laneY = new Map<string, number>();
  let y = top;
  for (const lane of lanes) {
    laneY.set(lane, y);
    y += 10 + laneRows.get(lane)! * ROW;
  }
  const axisY = y + 4;
  const height = axisY + 26;

  // wheel zoom (a native listener: React's wheel listeners are passive)
  const domainRef = useRef(domain);
  domainRef.current = domain;
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (ev: WheelEvent) => {
      ev.preventDefault();
      const rect = el.getBoundingClientRect();
      const px = ev.clientX - rect.left;
      const [a, b] = domainRef.current;
      const sc = scaleUtc().domain([new Date(a), new Date(b)]).range(range);
      const at = +sc.invert(px);
      const dy = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
      if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(dy)) {
        const shift = ((ev.deltaX || dy) / Math.abs(range[1] - range[0])) * (b - a) * (rtl ? -1 : 1);
        setDomain([a + shift, b + shift]);
        return;
      }
      zoomAround(at, Math.exp(dy * 0.0015));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });
  const zoomAround = (at: number, k: number) => {
    const [a, b] = domainRef.current;
    let span = (b - a) * k;
    span = Math.min(Math.max(span, 10 * DAY), 80 * 365 * DAY);
    const f = (at - a) / (b - a);
    setDomain([at - f * span, at + (1 - f) * span]);
  };
  const drag = useRef<{ px: number; d: [number, number]; moved: boolean } | null>(null);
  const onPointerDown = (ev: React.PointerEvent) => {
    if (ev.button !== 0) return;
    drag.current = { px: ev.clientX, d: domainRef.current, moved: false };
    const move = (m: PointerEvent) => {
      const g = drag.current;
      if (!g) return;
      const dx = m.clientX - g.px;
      if (Math.abs(dx) > 3) g.moved = true;
      if (!g.moved) return;
      const shift = (dx / Math.abs(range[1] - range[0])) * (g.d[1] - g.d[0]) * (rtl ? 1 : -1);
      setDomain([g.d[0] + shift, g.d[1] + shift]);
    };
    const up = () => {
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', up);
      setTimeout(() => (drag.current = null), 0);
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  };
  const click = (id: string) => {
    if (drag.current?.moved) return;
    onSelect(id);
  };

  // ticks in the UI's language, as fine as the zoom allows
  const span = domain[1] - domain[0];
  const ticks = x.ticks(Math.max(2, Math.floor(Math.abs(range[1] - range[0]) / 95)));
  const locale = i.lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  const fmt =
    span > 4 * 365 * DAY
      ? new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' })
      : span > 120 * DAY
        ? new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
        : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const today = Date.now();
  const laneLabelX = rtl ? width - labelW + 4 : 8;
  const within = (px: number) => px >= Math.min(...range) - 12 && px <= Math.max(...range) + 12;

  return (
    <div className={`time-axis${compact ? ' compact' : ''}`} ref={wrap}>
      {!compact && (
        <div className="axis-tools">
          <button type="button" onClick={() => zoomAround((domain[0] + domain[1]) / 2, 0.6)} title={i.t('zoomIn')} aria-label={i.t('zoomIn')} data-testid="zoom-in">
            +
          </button>
          <button type="button" onClick={() => zoomAround((domain[0] + domain[1]) / 2, 1 / 0.6)} title={i.t('zoomOut')} aria-label={i.t('zoomOut')} data-testid="zoom-out">
            −
          </button>
          <button type="button" onClick={() => setDomain(full)} data-testid="zoom-fit">
            {i.t('fit')}
          </button>
          <span className="hint">{i.t('dragHint')}</span>
        </div>
      )}
      <svg ref={svg} width={width} height={height} className="axis-svg" onPointerDown={onPointerDown} role="img" aria-label={i.t('timeline')} direction="ltr">
        <defs>
          <clipPath id={`plot-${compact ? 'c' : 'f'}`}>
            <rect x={Math.min(...range) - 14} y={0} width={Math.abs(range[1] - range[0]) + 28} height={height} />
          </clipPath>
        </defs>
        {lanes.map((lane, li) => (
          <g key={lane}>
            <rect x={0} y={laneY.get(lane)! - 4} width={width} height={10 + laneRows.get(lane)! * ROW} className={li % 2 ? 'lane odd' : 'lane'} />
            {!compact && (
              <text x={laneLabelX} y={laneY.get(lane)! + 11} className="lane-label" textAnchor="start" fill={lane === 'FACT' ? '#666' : typeColor(lane)}>
                {lane === 'FACT' ? i.t('facts') : i.plover(lane)}
              </text>
            )}
          </g>
        ))}
        <g clipPath={`url(#plot-${compact ? 'c' : 'f'})`}>
          {ticks.map((tk) => (
            <line key={+tk} x1={x(tk)} x2={x(tk)} y1={top - 4} y2={axisY} className="grid" />
          ))}
          {today > domain[0] && today < domain[1] && (
            <g className="today">
              <line x1={x(new Date(today))} x2={x(new Date(today))} y1={top - 4} y2={axisY} />
              <text x={x(new Date(today))} y={axisY + 22} textAnchor="middle">
                {i.t('today')}
              </text>
            </g>
          )}
          {items.map(({ e, id }) => {
            const lane = compact ? 'ALL' : e.kind === 'fact' ? 'FACT' : e.story!.type;
            if (!laneY.has(lane)) return null;
            const row = Math.min(rowsOf.get(id) ?? 0, MAX_ROWS - 1);
            const cy = laneY.get(lane)! + 7 + row * ROW;
            const a = x(new Date(t0(e.when!.from)));
            const b = x(new Date(t0(e.when!.to) + DAY));
            const cx = (a + b) / 2;
            if (!within(Math.min(a, b)) && !within(Math.max(a, b)) && !within(cx)) return null;
            const sel = selected === id;
            if (e.kind === 'fact') {
              const f = e.fact!;
              return (
                <g key={id} className={`mark fact${sel ? ' sel' : ''}`} onClick={() => click(id)} data-id={id}>
                  <title>{`${i.interval(e.when)} — ${f.text}`}</title>
                  {Math.abs(b - a) > 6 && <rect x={Math.min(a, b)} y={cy - 2} width={Math.abs(b - a)} height={4} rx={2} fill="#9aa0a6" opacity={0.35} />}
                  <rect x={cx - 4} y={cy - 4} width={8} height={8} transform={`rotate(45 ${cx} ${cy})`} fill="#fff" stroke="#777" strokeWidth={sel ? 3 : 1.5} />
                </g>
              );
            }
            const s = e.story!;
            const c = typeColor(s.type);
            const st = STATUS_STYLE[s.status] ?? STATUS_STYLE.realized;
            const r = rOf(e);
            const n = articleCount(s);
            return (
              <g key={id} className={`mark ev status-${s.status}${sel ? ' sel' : ''}`} onClick={() => click(id)} data-id={id} data-type={s.type} data-status={s.status}>
                <title>{`${i.interval(e.when)} · ${i.plover(s.type)} · ${i.status(s.status)} · ${i.count(n, 'source')}\n${i.lang === 'en' ? s.summary_en ?? '' : s.actors.map((k) => i.nm(k, names)).join('، ')}`}</title>
                {Math.abs(b - a) > 2 * r && (
                  <rect x={Math.min(a, b)} y={cy - 3} width={Math.abs(b - a)} height={6} rx={3} fill={c} opacity={st.hollow ? 0.18 : 0.3} stroke={c} strokeOpacity={0.5} strokeDasharray={st.dash ?? undefined} />
                )}
                {sel && <circle cx={cx} cy={cy} r={r + 4} fill="none" stroke="#111" strokeWidth={2} />}
                <circle cx={cx} cy={cy} r={r} fill={st.hollow ? '#fff' : c} stroke={c} strokeWidth={st.hollow ? 2.2 : 1} strokeDasharray={st.dash ?? undefined} />
                {s.status === 'negated' && <line x1={cx - r} y1={cy + r} x2={cx + r} y2={cy - r} stroke={c} strokeWidth={1.5} />}
              </g>
            );
          })}
        </g>
        <line x1={Math.min(...range)} x2={Math.max(...range)} y1={axisY} y2={axisY} className="axis-line" />
        {ticks.map((tk) => (
          <text key={+tk} x={x(tk)} y={axisY + 16} textAnchor="middle" className="tick">
            {fmt.format(tk)}
          </text>
        ))}
      </svg>
    </div>
  );
}
