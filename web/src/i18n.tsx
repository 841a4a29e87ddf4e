// Two languages: Arabic (RTL, the default) and English. The language lives in React state and
// localStorage, not in the route, so switching keeps the page; <html dir/lang> follow it.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { countNoun, type Noun } from './plural';
import type { DayInterval, EntityName, Names } from './types';

export type Lang = 'ar' | 'en';

const L = {
  appName: { ar: 'مرصد', en: 'Marsad' },
  tagline: { ar: 'سجل موثق للأخبار العربية', en: 'A sourced record of Arabic news' },
  timeline: { ar: 'الخط الزمني', en: 'Timeline' },
  map: { ar: 'الخريطة', en: 'Map' },
  search: { ar: 'بحث', en: 'Search' },
  conflicts: { ar: 'أرقام متعارضة', en: 'Conflicts' },
  deadlines: { ar: 'المواعيد', en: 'Deadlines' },
  articles: { ar: 'المقالات', en: 'Articles' },
  article: { ar: 'المقال', en: 'Article' },
  entity: { ar: 'الكيان', en: 'Entity' },
  switchLang: { ar: 'English', en: 'العربية' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  error: { ar: 'خطأ', en: 'Error' },
  notFound: { ar: 'غير موجود', en: 'Not found' },
  nothing: { ar: 'لا شيء هنا', en: 'Nothing here' },
  prevPage: { ar: 'السابق', en: 'Previous' },
  nextPage: { ar: 'التالي', en: 'Next' },
  pageOf: { ar: '{from}–{to} من {total}', en: '{from}–{to} of {total}' },
  type: { ar: 'النوع', en: 'Type' },
  status: { ar: 'الحالة', en: 'Status' },
  allTypes: { ar: 'كل الأنواع', en: 'All types' },
  allStatuses: { ar: 'كل الحالات', en: 'All statuses' },
  anyEntity: { ar: 'أي كيان', en: 'Any entity' },
  from: { ar: 'من', en: 'From' },
  to: { ar: 'إلى', en: 'To' },
  reset: { ar: 'إعادة', en: 'Reset' },
  zoomIn: { ar: 'تكبير', en: 'Zoom in' },
  zoomOut: { ar: 'تصغير', en: 'Zoom out' },
  fit: { ar: 'احتواء الكل', en: 'Fit all' },
  facts: { ar: 'تواريخ مذكورة', en: 'Dated statements' },
  showFacts: { ar: 'إظهار التواريخ المذكورة', en: 'Show dated statements' },
  sources: { ar: 'المصادر', en: 'Sources' },
  sourceH: { ar: 'المصدر', en: 'Source' },
  evidence: { ar: 'الجملة الدالة', en: 'Evidence' },
  whyMerged: { ar: 'سبب الدمج', en: 'Why merged' },
  evSameType: { ar: 'النوع نفسه ({t})', en: 'same type ({t})' },
  evParticipants: { ar: 'المشاركون: {who}', en: 'participants: {who}' },
  evSameActors: { ar: 'الفاعلون أنفسهم: {who} ({t} من طرف واحد، والمستهدفون مختلفون)', en: 'same actors: {who} ({t} is one-sided; targets differ)' },
  evSameDay: { ar: 'اليوم نفسه: {d}', en: 'same day: {d}' },
  evTime: { ar: 'الزمن: {a} ~ {b}', en: 'time: {a} ~ {b}' },
  evPlace: { ar: 'المكان: {p}', en: 'place: {p}' },
  evPlaceIn: { ar: 'المكان: {a} و{b} (أحدهما ضمن الآخر)', en: 'place: {a} and {b} (one within the other)' },
  evNoTime: { ar: 'لا زمن في أحد الطرفين', en: 'no time on one side' },
  evDayPlace: { ar: 'لا مشاركين في أحد الطرفين: اليوم والمكان متطابقان', en: 'no participants on one side: same day and place' },
  evLinked: { ar: 'نسخة من المقال {id}: {t} «{w}»', en: 'copy of article {id}: same {t} «{w}»' },
  openArticle: { ar: 'افتح المقال', en: 'Open article' },
  actors: { ar: 'الفاعلون', en: 'Actors' },
  targets: { ar: 'المستهدفون', en: 'Targets' },
  place: { ar: 'المكان', en: 'Place' },
  time: { ar: 'الزمن', en: 'Time' },
  when: { ar: 'متى', en: 'When' },
  events: { ar: 'الأحداث', en: 'Events' },
  quotes: { ar: 'الاقتباسات', en: 'Quotes' },
  roles: { ar: 'المناصب', en: 'Roles' },
  names: { ar: 'الأسماء', en: 'Names' },
  cooccurring: { ar: 'يرد مع', en: 'Appears with' },
  undated: { ar: 'بلا تاريخ', en: 'undated' },
  unknownSource: { ar: 'مصدر غير معروف', en: 'unknown outlet' },
  published: { ar: 'تاريخ النشر', en: 'Dateline' },
  inferred: { ar: 'مستنتج', en: 'inferred' },
  given: { ar: 'معطى', en: 'given' },
  legend: { ar: 'المفتاح', en: 'Legend' },
  boilerplate: { ar: 'نص هامشي', en: 'boilerplate' },
  ENT: { ar: 'كيان', en: 'entity' },
  TIMEX: { ar: 'زمن', en: 'time' },
  QUANT: { ar: 'رقم', en: 'figure' },
  EVENT: { ar: 'حدث', en: 'event' },
  QUOTE: { ar: 'اقتباس', en: 'quote' },
  speaker: { ar: 'المتحدث', en: 'Speaker' },
  via: { ar: 'عبر', en: 'via' },
  value: { ar: 'القيمة', en: 'Value' },
  unit: { ar: 'الوحدة', en: 'Unit' },
  subject: { ar: 'لمن', en: 'Whose' },
  links: { ar: 'روابط', en: 'Links' },
  query: { ar: 'ابحث في الأخبار…', en: 'Search the news…' },
  go: { ar: 'ابحث', en: 'Search' },
  kindArticle: { ar: 'مقالات', en: 'Articles' },
  kindQuote: { ar: 'اقتباسات', en: 'Quotes' },
  kindEvent: { ar: 'أحداث', en: 'Events' },
  noHits: { ar: 'لا نتائج', en: 'No hits' },
  conflict: { ar: 'تعارض', en: 'conflict' },
  change: { ar: 'تغيّر', en: 'change' },
  figures: { ar: 'الأرقام', en: 'Figures' },
  overTime: { ar: 'عبر الزمن', en: 'over time' },
  asOf: { ar: 'بتاريخ', en: 'As of' },
  due: { ar: 'مستحق', en: 'due' },
  passed: { ar: 'فات', en: 'passed' },
  met: { ar: 'تحقق', en: 'met' },
  all: { ar: 'الكل', en: 'All' },
  inDays: { ar: 'بعد {n}', en: 'in {n}' },
  daysAgo: { ar: 'قبل {n}', en: '{n} ago' },
  today: { ar: 'اليوم', en: 'today' },
  metBy: { ar: 'تحقق بـ', en: 'Met by' },
  plannedIn: { ar: 'ورد في', en: 'Reported in' },
  places: { ar: 'الأماكن', en: 'Places' },
  world: { ar: 'العالم', en: 'World' },
  region: { ar: 'المنطقة', en: 'Region' },
  iraq: { ar: 'العراق', en: 'Iraq' },
  list: { ar: 'القائمة', en: 'List' },
  dateline: { ar: 'التاريخ', en: 'Date' },
  why: { ar: 'لماذا', en: 'Why' },
  kbId: { ar: 'معرّف', en: 'KB id' },
  normalised: { ar: 'القيمة المعيارية', en: 'Normalised' },
  approx: { ar: 'تقريبي', en: 'approx.' },
  selectEvent: { ar: 'اختر حدثًا من الخط الزمني لعرض مصادره', en: 'Pick an event on the timeline to see its sources' },
  close: { ar: 'إغلاق', en: 'Close' },
  independentNo: { ar: 'نسخة من مصدر آخر', en: 'copy of another source' },
  unnamed: { ar: 'جهة غير مسماة', en: 'unnamed party' },
  dragHint: { ar: 'اسحب للتنقل، واستخدم العجلة للتكبير', en: 'Drag to pan, wheel to zoom' },
  shown: { ar: 'معروض', en: 'shown' },
  of: { ar: 'من', en: 'of' },
  story: { ar: 'القصة', en: 'Story' },
  kinds: { ar: 'أنواع الإشارات', en: 'Marks' },
} satisfies Record<string, Record<Lang, string>>;
export type LabelKey = keyof typeof L;

export const PLOVER_AR: Record<string, string> = {
  AGREE: 'اتفاق',
  CONSULT: 'تشاور',
  SUPPORT: 'تأييد',
  CONCEDE: 'تنازل',
  COOPERATE: 'تعاون',
  AID: 'مساعدة',
  RETREAT: 'انسحاب',
  REQUEST: 'مطالبة',
  ACCUSE: 'اتهام',
  REJECT: 'رفض',
  THREATEN: 'تهديد',
  PROTEST: 'احتجاج',
  SANCTION: 'عقوبات',
  MOBILIZE: 'حشد',
  COERCE: 'إكراه',
  ASSAULT: 'هجوم',
};
const PLOVER_EN: Record<string, string> = {
  AGREE: 'Agree',
  CONSULT: 'Consult',
  SUPPORT: 'Support',
  CONCEDE: 'Concede',
  COOPERATE: 'Cooperate',
  AID: 'Aid',
  RETREAT: 'Retreat',
  REQUEST: 'Request',
  ACCUSE: 'Accuse',
  REJECT: 'Reject',
  THREATEN: 'Threaten',
  PROTEST: 'Protest',
  SANCTION: 'Sanction',
  MOBILIZE: 'Mobilize',
  COERCE: 'Coerce',
  ASSAULT: 'Assault',
};
const STATUS: Record<string, Record<Lang, string>> = {
  realized: { ar: 'وقع', en: 'realized' },
  planned: { ar: 'مقرر', en: 'planned' },
  expected: { ar: 'متوقع', en: 'expected' },
  demanded: { ar: 'مطلوب', en: 'demanded' },
  negated: { ar: 'لم يقع', en: 'negated' },
};
const ENT_TYPE: Record<string, Record<Lang, string>> = {
  PER: { ar: 'شخص', en: 'person' },
  ORG: { ar: 'منظمة', en: 'organisation' },
  LOC: { ar: 'مكان', en: 'place' },
  MISC: { ar: 'أخرى', en: 'other' },
};
const UNIT_AR: Record<string, string> = {
  troops: 'جنود',
  countries: 'دول',
  people: 'أشخاص',
  killed: 'قتلى',
  injured: 'جرحى',
  members: 'أعضاء',
  percent: 'بالمئة',
  dollars: 'دولار',
};

export interface I18n {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  setLang: (l: Lang) => void;
  t: (k: LabelKey, vars?: Record<string, string | number>) => string;
  plover: (type: string) => string;
  status: (s: string) => string;
  entType: (s: string) => string;
  unit: (u: string) => string;
  /** The display name of an entity key, through the response's `names` map. */
  nm: (key: string | null | undefined, names?: Names | null) => string;
  /** The name of a record that carries name/name_en itself. */
  nameOf: (e: Pick<EntityName, 'name' | 'name_en'> | null | undefined) => string;
  num: (n: number) => string;
  /** `n` with a noun in the form the number asks for («3 مصادر», «11 مصدرًا», "1 source") */
  count: (n: number, noun: Noun) => string;
  day: (d: string | null | undefined) => string;
  interval: (w: DayInterval | null | undefined) => string;
}

const I18nCtx = createContext<I18n | null>(null);

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const locale = lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const numFmt = new Intl.NumberFormat(locale);
  const asDate = (d: string) => new Date(`${d}T00:00:00Z`);
  const day = (d: string | null | undefined) => (d ? (/^\d{4}-\d\d-\d\d$/.test(d) ? dayFmt.format(asDate(d)) : d) : '—');
  const stripKey = (k: string) => k.replace(/^~[A-Z]+:/, '').replace(/^x-/, '');
  return {
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    setLang,
    t: (k, vars) => {
      let s: string = L[k]?.[lang] ?? k;
      if (vars) for (const [n, v] of Object.entries(vars)) s = s.replace(`{${n}}`, String(v));
      return s;
    },
    plover: (type) => (lang === 'ar' ? PLOVER_AR[type] : PLOVER_EN[type]) ?? type,
    status: (s) => STATUS[s]?.[lang] ?? s,
    entType: (s) => ENT_TYPE[s]?.[lang] ?? s,
    unit: (u) => (lang === 'ar' ? UNIT_AR[u] ?? u : u),
    nm: (key, names) => {
      if (!key) return '';
      const n = names?.[key];
      if (!n) return stripKey(key);
      return lang === 'en' ? n.name_en || n.name : n.name;
    },
    nameOf: (e) => (e ? (lang === 'en' ? e.name_en || e.name : e.name) : ''),
    num: (n) => numFmt.format(n),
    count: (n, noun) => countNoun(lang, n, noun, (x) => numFmt.format(x)),
    day,
    interval: (w) => {
      if (!w) return L.undated[lang];
      if (w.from === w.to) return day(w.from);
      const [fy, fm, fd] = w.from.split('-').map(Number);
      const [ty, tm, td] = w.to.split('-').map(Number);
      if (fd === 1 && fm === 1 && ty === fy && tm === 12 && td === 31) return String(fy);
      if (fd === 1 && fy === ty && fm === tm && td === lastDay(ty, tm)) return monthFmt.format(asDate(`${fy}-${MONTHS[fm - 1]}-01`));
      return `${day(w.from)} – ${day(w.to)}`;
    },
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const q = new URLSearchParams(location.search).get('lang');
    if (q === 'en' || q === 'ar') return q;
    try {
      const s = localStorage.getItem('marsad.lang');
      if (s === 'en' || s === 'ar') return s;
    } catch {
      /* storage may be off */
    }
    return 'ar';
  });
  const setLang = (l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem('marsad.lang', l);
    } catch {
      /* storage may be off */
    }
  };
  const value = useMemo(() => makeI18n(lang, setLang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = value.dir;
    document.title = lang === 'ar' ? 'مرصد · Marsad' : 'Marsad · مرصد';
  }, [lang, value.dir]);
  return <I18nCtx.Provider value={value}>{children}</I18nCtx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nCtx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
