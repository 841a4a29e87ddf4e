// One story event with its sources: each report's outlet and dateline, its evidence sentence with
// the trigger marked, why it was merged into the story, and a link to the article that scrolls to
// the sentence and emphasises it. A timeline entry carries only its first reports: StoryDetail
// shows those at once and the rest when GET /api/stories/:id answers.
import { useApi } from '../api';
import { typeColor } from '../colors';
import { evidenceText } from '../evidence';
import { useI18n } from '../i18n';
import { href } from '../router';
import { articleCount, type AnyStory, type Names, type StoryEvent } from '../types';
import { ArticleRef, EntityLink, ErrorBox, EventTitle, Loading, NameList, SentenceWith, StatusBadge, TypeChip } from './common';

/** A story event from a list, or by id alone (a link from a search hit): the whole story is
 *  fetched when the list held a lean one or none. */
export function StoryDetail({ s, id, names, onClose }: { s?: AnyStory | null; id: number; names?: Names | null; onClose?: () => void }) {
  const whole = !!s && !('articleCount' in s);
  const res = useApi<{ story: StoryEvent; names: Names }>(whole ? null : `stories/${id}`);
  const full = res.data?.story.id === id ? res.data : null;
  const shown = full?.story ?? s;
  return (
    <>
      {shown ? <EventDetail s={shown} names={full ? { ...names, ...full.names } : names} onClose={onClose} loading={!whole && !full} /> : !res.error && <Loading />}
      <ErrorBox error={res.error} />
    </>
  );
}

export function EventDetail({ s, names, onClose, loading }: { s: AnyStory; names?: Names | null; onClose?: () => void; loading?: boolean }) {
  const i = useI18n();
  const outlets = articleCount(s);
  return (
    <article className="event-detail" style={{ borderColor: typeColor(s.type) }} data-testid="event-detail" data-story={s.id} aria-busy={loading || undefined} data-complete={!loading}>
      <header>
        <div className="chips">
          <TypeChip type={s.type} />
          <StatusBadge status={s.status} />
          {s.mode && i.lang === 'en' && <span className="mode">{s.mode}</span>}
          {onClose && (
            <button type="button" className="close" onClick={onClose} aria-label={i.t('close')}>
              ×
            </button>
          )}
        </div>
        <h2>
          <EventTitle s={s} names={names} />
        </h2>
        <dl className="facts">
          <dt>{i.t('when')}</dt>
          <dd>
            {i.interval(s.when)}
            {s.time && <code className="timex">{s.time}</code>}
          </dd>
          <dt>{i.t('actors')}</dt>
          <dd>
            <NameList keys={s.actors} names={names} empty={<span className="muted">{i.t('unnamed')}</span>} />
          </dd>
          {s.targets.length > 0 && (
            <>
              <dt>{i.t('targets')}</dt>
              <dd>
                <NameList keys={s.targets} names={names} />
              </dd>
            </>
          )}
          {s.location && (
            <>
              <dt>{i.t('place')}</dt>
              <dd>
                <EntityLink k={s.location} names={names} />
              </dd>
            </>
          )}
        </dl>
      </header>
      <h3>
        {i.t('sources')} <span className="count">{outlets}</span>
      </h3>
      <ol className="sources">
        {s.sources.map((src) => (
          <li key={`${src.article.id}-${src.eventIdx}`} className={'independent' in src && !src.independent ? 'dependent' : ''}>
            <div className="src-head">
              <ArticleRef a={src.article} />
              {src.status !== s.status && <StatusBadge status={src.status} />}
              {'independent' in src && !src.independent && <span className="badge">{i.t('independentNo')}</span>}
            </div>
            <blockquote>
              <SentenceWith sentence={src.sentence} part={src.trigger} />
            </blockquote>
            {'evidence' in src && src.evidence.length > 0 && (
              <p className="why">
                <span className="muted">{i.t('whyMerged')}: </span>
                {src.evidence.map((x, k) => (
                  <span key={k}>
                    {k > 0 && ' · '}
                    <bdi>{evidenceText(x, i, names)}</bdi>
                  </span>
                ))}
              </p>
            )}
            <a className="open" href={href('article', src.article.id, { ev: src.eventIdx })} data-testid="open-article">
              {i.t('openArticle')} {i.lang === 'ar' ? '←' : '→'}
            </a>
          </li>
        ))}
      </ol>
      {loading && s.sources.length < ('sourceCount' in s ? s.sourceCount : 0) && <p className="muted more">{i.t('loading')}</p>}
    </article>
  );
}
