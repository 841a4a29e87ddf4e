// Why a report was merged into its story. The store keeps the reasons as the story matcher writes
// them (src/corpus/events.ts, and the stores' «linked article …»): English, with entity keys and
// ISO days. Shown in the reader's language, with the entities' names and the app's dates; a line
// of an unknown form is shown as it is.
import type { I18n } from './i18n';
import type { Names } from './types';

export function evidenceText(line: string, i: I18n, names?: Names | null): string {
  const nm = (k: string) => i.nm(k, names);
  const who = (ks: string) => ks.split(', ').map(nm).join(i.lang === 'ar' ? '، ' : ', ');
  const days = (x: string) => {
    const [from, to = from] = x.split('..');
    return i.interval({ from, to });
  };
  let m: RegExpExecArray | null;
  if ((m = /^same type (\w+)$/.exec(line))) return i.t('evSameType', { t: i.plover(m[1]) });
  if ((m = /^participants (.+)$/.exec(line))) return i.t('evParticipants', { who: who(m[1]) });
  if ((m = /^same actors (.+) \((\w+) is one-sided; targets differ\)$/.exec(line))) return i.t('evSameActors', { who: who(m[1]), t: i.plover(m[2]) });
  if ((m = /^same day (\S+)$/.exec(line))) return i.t('evSameDay', { d: i.day(m[1]) });
  if ((m = /^time (\S+) ~ (\S+)$/.exec(line))) return i.t('evTime', { a: days(m[1]), b: days(m[2]) });
  if ((m = /^place (\S+) ~ (\S+)$/.exec(line))) return i.t('evPlaceIn', { a: nm(m[1]), b: nm(m[2]) });
  if ((m = /^place (\S+)$/.exec(line))) return i.t('evPlace', { p: nm(m[1]) });
  if (line === 'no time on one side') return i.t('evNoTime');
  if (line === 'no participants named on one side: matched on day and place') return i.t('evDayPlace');
  if ((m = /^linked article (.+): same (\w+) «(.*)»$/.exec(line))) return i.t('evLinked', { id: m[1], t: i.plover(m[2]), w: m[3] });
  return line;
}
