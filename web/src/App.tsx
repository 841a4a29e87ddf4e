import { lazy, Suspense } from 'react';
import { useApi } from './api';
import { Loading } from './components/common';
import { useI18n, type LabelKey } from './i18n';
import { href, useRoute } from './router';
import type { Health } from './types';
import { ArticleView } from './views/Article';
import { ConflictsView } from './views/Conflicts';
import { DeadlinesView } from './views/Deadlines';
import { EntityView } from './views/Entity';
import { SearchView } from './views/Search';
import { TimelineView } from './views/Timeline';

// the map pulls in the base map shapes: loaded only when the map is opened
const MapView = lazy(() => import('./views/MapView'));

const NAV: { path: string; label: LabelKey }[] = [
  { path: 'timeline', label: 'timeline' },
  { path: 'map', label: 'map' },
  { path: 'search', label: 'search' },
  { path: 'conflicts', label: 'conflicts' },
  { path: 'deadlines', label: 'deadlines' },
];

export function App() {
  const i = useI18n();
  const route = useRoute();
  const view = route.path[0] ?? 'timeline';
  const health = useApi<Health>('health');
  let page;
  switch (view) {
    case 'timeline':
      page = <TimelineView route={route} />;
      break;
    case 'article':
      page = <ArticleView key={route.path[1]} id={route.path[1] ?? ''} route={route} />;
      break;
    case 'entity':
      page = <EntityView key={route.path[1]} id={route.path[1] ?? ''} />;
      break;
    case 'map':
      page = (
        <Suspense fallback={<Loading />}>
          <MapView />
        </Suspense>
      );
      break;
    case 'search':
      page = <SearchView route={route} />;
      break;
    case 'conflicts':
      page = <ConflictsView route={route} />;
      break;
    case 'deadlines':
      page = <DeadlinesView route={route} />;
      break;
    default:
      page = <p className="empty">{i.t('notFound')}</p>;
  }
  const c = health.data?.counts;
  return (
    <div className="app" data-view={view}>
      <header className="top">
        <a className="brand" href={href('timeline')}>
          <span className="brand-ar" lang="ar">مرصد</span>
          <span className="brand-en" lang="en">Marsad</span>
        </a>
        <nav className="nav" aria-label="views">
          {NAV.map((n) => (
            <a key={n.path} href={href(n.path)} className={view === n.path ? 'on' : ''} data-nav={n.path}>
              {i.t(n.label)}
            </a>
          ))}
        </nav>
        <form
          className="quick-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const q = new FormData(e.currentTarget).get('q');
            if (typeof q === 'string' && q.trim()) location.hash = href('search', { q: q.trim() });
          }}
        >
          <input name="q" type="search" placeholder={i.t('query')} aria-label={i.t('search')} />
        </form>
        {c && (
          <span className="counts" title="articles · story events · entities">
            {i.count(c.articles, 'article')} · {i.count(c.stories, 'event')}
          </span>
        )}
        <button type="button" className="lang" data-testid="lang-toggle" onClick={() => i.setLang(i.lang === 'ar' ? 'en' : 'ar')} lang={i.lang === 'ar' ? 'en' : 'ar'}>
          {i.t('switchLang')}
        </button>
      </header>
      <main className="page">{page}</main>
    </div>
  );
}
