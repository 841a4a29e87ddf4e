// Figures that disagree across sources (conflicts) or over time (changes): the figures side by side
// with their sources and dates, why they disagree, and a small chart of the figure over time.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { useApi } from '../api';
import { ArticleRef, EntityLink, ErrorBox, Loading, Pager, pageOffset, SentenceWith } from '../components/common';
import { useI18n } from '../i18n';
import { href, type Route } from '../router';
import type { Claim, FigureRow, Names } from '../types';

const DAY = 86_400_000;
const PAGE = 50;
const t0 = (d: string) => Date.parse(`${d}T00:00:00Z`);
const lo = (f: FigureRow) => f.value ?? f.min ?? f.max;
const hi = (f: FigureRow) => f.value ?? f.max ?? f.min;

export function ConflictsView({ route }: { route: Route }) {
  const i = useI18n();
  const res = useApi<{ total: number; claims: Claim[]; names: Names }>('conflicts', { limit: PAGE, offset: pageOffset(route, PAGE) });
  if (res.loading && !res.data) return <Loading />;
  const claims = res.data?.claims ?? [];
  return (
    <div className="conflicts-view">
      <ErrorBox error={res.error} />
      {!claims.length && !res.loading && <p className="empty">{i.t('nothing')}</p>}
      {claims.map((c, k) => (
        <ClaimCard key={k} c={c} names={res.data!.names} />
      ))}
      {res.data && <Pager route={route} total={res.data.total} size={PAGE} />}
    </div>
  );
}

function showValue(i: ReturnType<typeof useI18n>, f: FigureRow) {
  if (f.value != null) return i.num(f.value);
  if (f.min != null && f.max != null) return `${i.num(f.min)}–${i.num(f.max)}`;
  if (f.min != null) return `> ${i.num(f.min)}`;
  if (f.max != null) return `< ${i.num(f.max)}`;
  return f.span.text;
}

function ClaimCard({ c, names }: { c: Claim; names: Names }) {
  const i = useI18n();
  return (
    <section className={`card claim claim-${c.kind}`} data-testid="claim">
      <header>
        <span className={`badge kind-${c.kind}`}>{i.t(c.kind)}</span>
        <h2>
          <span className="unit">{i.unit(c.unit)}</span>
          {c.subject && (
            <>
              {' · '}
              <EntityLink k={c.subject} names={names} />
            </>
          )}
          {c.location && (
            <>
              {' · '}
              {i.lang === 'ar' ? 'في' : 'in'} <EntityLink k={c.location} names={names} />
            </>
          )}
        </h2>
      </header>
      <div className="claim-body">
        <FigureChart c={c} />
        <table className="figures">
          <thead>
            <tr>
              <th>{i.t('value')}</th>
              <th>{i.t('when')}</th>
              <th>{i.t('sourceH')}</th>
              <th>{i.t('evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {c.figures.map((f, k) => (
              <tr key={k}>
                <td className="val">
                  <b>{showValue(i, f)}</b>
                  {f.approx && <span className="muted"> ~</span>}
                </td>
                <td>
                  {i.interval(f.when)}
                  {f.time && <code className="timex">{f.time}</code>}
                </td>
                <td>
                  <ArticleRef a={f.article} />
                </td>
                <td className="ev">
                  <a href={href('article', f.article.id, { fig: f.idx })}>
                    <SentenceWith sentence={f.sentence} part={f.span} around={80} />
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="pairs">
        <summary>
          {i.t('why')} ({c.pairs.length})
        </summary>
        <ul>
          {c.pairs.map((p, k) => (
            <li key={k}>
              <span className={`badge kind-${p.kind}`}>{i.t(p.kind)}</span> <bdi dir="ltr">{p.why}</bdi>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** The figure over time: a point per figure (a bar for a range), coloured by source. */
function FigureChart({ c }: { c: Claim }) {
  const i = useI18n();
  const W = 360;
  const H = 190;
  const rtl = i.dir === 'rtl';
  const m = rtl ? { l: 12, r: 50, t: 12, b: 26 } : { l: 50, r: 12, t: 12, b: 26 };
  const figs = c.figures.filter((f) => f.when && lo(f) != null);
  if (!figs.length) return null;
  const xs = figs.flatMap((f) => [t0(f.when!.from), t0(f.when!.to) + DAY]);
  const pad = Math.max((Math.max(...xs) - Math.min(...xs)) * 0.06, 60 * DAY);
  const x = scaleUtc()
    .domain([new Date(Math.min(...xs) - pad), new Date(Math.max(...xs) + pad)])
    .range(rtl ? [W - m.r, m.l] : [m.l, W - m.r]);
  const y = scaleLinear()
    .domain([0, Math.max(...figs.map((f) => hi(f)!)) * 1.12])
    .nice()
    .range([H - m.b, m.t]);
  const who = (f: FigureRow) => f.article.source ?? `${i.t('unknownSource')} (${i.interval(f.article.published)})`;
  const sources = [...new Set(figs.map(who))];
  const palette = ['#2f6fd0', '#e08a1e', '#2a9d5c', '#c2559a', '#8a55d6', '#6f7782'];
  const col = (f: FigureRow) => palette[sources.indexOf(who(f)) % palette.length];
  const yearFmt = new Intl.DateTimeFormat(i.lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB', { year: 'numeric', timeZone: 'UTC' });
  const sorted = [...figs].sort((a, b) => t0(a.when!.from) - t0(b.when!.from));
  const mid = (f: FigureRow) => (t0(f.when!.from) + t0(f.when!.to) + DAY) / 2;
  return (
    <figure className="fig-chart">
      <svg width={W} height={H} direction="ltr" role="img" aria-label={`${c.unit} ${i.t('overTime')}`}>
        {y.ticks(4).map((v) => (
          <g key={v}>
            <line x1={m.l} x2={W - m.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={rtl ? W - m.r + 6 : m.l - 6} y={y(v) + 4} textAnchor={rtl ? 'start' : 'end'} className="tick">
              {i.num(v)}
            </text>
          </g>
        ))}
        {x.ticks(5).map((d) => (
          <text key={+d} x={x(d)} y={H - 8} textAnchor="middle" className="tick">
            {yearFmt.format(d)}
          </text>
        ))}
        <polyline points={sorted.map((f) => `${x(new Date(mid(f)))},${y((lo(f)! + hi(f)!) / 2)}`).join(' ')} fill="none" stroke="#bbb" strokeDasharray="3 3" />
        {figs.map((f, k) => {
          const cx = x(new Date(mid(f)));
          const a = x(new Date(t0(f.when!.from)));
          const b = x(new Date(t0(f.when!.to) + DAY));
          return (
            <g key={k}>
              {Math.abs(b - a) > 4 && <line x1={a} x2={b} y1={y((lo(f)! + hi(f)!) / 2)} y2={y((lo(f)! + hi(f)!) / 2)} stroke={col(f)} strokeOpacity={0.4} strokeWidth={4} strokeLinecap="round" />}
              {lo(f) !== hi(f) && <line x1={cx} x2={cx} y1={y(lo(f)!)} y2={y(hi(f)!)} stroke={col(f)} strokeWidth={3} />}
              <circle cx={cx} cy={y((lo(f)! + hi(f)!) / 2)} r={4.5} fill={col(f)} stroke="#fff" strokeWidth={1.2}>
                <title>{`${showValue(i, f)} · ${i.interval(f.when)} · ${who(f)}`}</title>
              </circle>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {sources.map((s, k) => (
          <span key={s} className="src-key">
            <span className="swatch" style={{ background: palette[k % palette.length] }} />
            <bdi>{s}</bdi>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
