// One story event with its sources: each report's outlet and dateline, its evidence sentence with
// the trigger marked, why it was merged into the story, and a link to the article that scrolls to
// the sentence and emphasises it.
import { typeColor } from '../colors';
import { useI18n } from '../i18n';
import { href } from '../router';
import type { Names, StoryEvent } from '../types';
import { ArticleRef, EntityLink, EventTitle, NameList, SentenceWith, StatusBadge, TypeChip } from './common';

export function EventDetail({ s, names, onClose }: { s: StoryEvent; names?: Names | null; onClose?: () => void }) {
  const i = useI18n();
  const outlets = new Set(s.sources.map((x) => x.article.id)).size;
  return (
    <article className="event-detail" style={{ borderColor: typeColor(s.type) }} data-testid="event-detail" data-story={s.id}>
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
          <li key={`${src.article.id}-${src.eventIdx}`} className={src.independent ? '' : 'dependent'}>
            <div className="src-head">
              <ArticleRef a={src.article} />
              {src.status !== s.status && <StatusBadge status={src.status} />}
              {!src.independent && <span className="badge">{i.t('independentNo')}</span>}
            </div>
            <blockquote>
              <SentenceWith sentence={src.sentence} part={src.trigger} />
            </blockquote>
            {src.evidence.length > 0 && (
              <p className="why">
                <span className="muted">{i.t('whyMerged')}: </span>
                {src.evidence.map((x, k) => (
                  <span key={k}>
                    {k > 0 && ' · '}
                    <bdi dir="ltr">{x}</bdi>
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
    </article>
  );
}
