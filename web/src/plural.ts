// Counted nouns («5 مقالات · 50 حدثًا», "1 source"). Arabic counts have six plural categories
// (Intl.PluralRules for 'ar': zero, one, two, few = 3–10, many = 11–99, other = 100, 101, …), and
// both the noun's form and whether the number is written change with them: «مصدر واحد»,
// «مصدران», «3 مصادر», «11 مصدرًا», «100 مصدر». English has one and other.

export type Noun = 'source' | 'article' | 'event' | 'mention' | 'day';

interface ArForms {
  /** 1: the singular with واحد/واحدة after it */
  one: string;
  /** 2: the dual, without the number */
  two: string;
  /** 0 and 3–10: the plural */
  few: string;
  /** 11–99: the singular, accusative */
  many: string;
  /** 100, 1000 …: the singular, genitive */
  other: string;
}

const AR: Record<Noun, ArForms> = {
  source: { one: 'مصدر واحد', two: 'مصدران', few: 'مصادر', many: 'مصدرًا', other: 'مصدر' },
  article: { one: 'مقال واحد', two: 'مقالان', few: 'مقالات', many: 'مقالًا', other: 'مقال' },
  event: { one: 'حدث واحد', two: 'حدثان', few: 'أحداث', many: 'حدثًا', other: 'حدث' },
  mention: { one: 'إشارة واحدة', two: 'إشارتان', few: 'إشارات', many: 'إشارة', other: 'إشارة' },
  // only after a preposition (بعد / قبل), so the dual is genitive
  day: { one: 'يوم واحد', two: 'يومين', few: 'أيام', many: 'يومًا', other: 'يوم' },
};

const EN: Record<Noun, [string, string]> = {
  source: ['source', 'sources'],
  article: ['article', 'articles'],
  event: ['event', 'events'],
  mention: ['mention', 'mentions'],
  day: ['day', 'days'],
};

const rulesAr = new Intl.PluralRules('ar');
const rulesEn = new Intl.PluralRules('en');

/** `n` and the noun in the form its number asks for; `num` writes the number (grouping, digits). */
export function countNoun(lang: 'ar' | 'en', n: number, noun: Noun, num: (n: number) => string = String): string {
  if (lang === 'en') return `${num(n)} ${EN[noun][rulesEn.select(n) === 'one' ? 0 : 1]}`;
  const f = AR[noun];
  switch (rulesAr.select(n)) {
    case 'one':
      return f.one;
    case 'two':
      return f.two;
    case 'many':
      return `${num(n)} ${f.many}`;
    case 'other':
      return `${num(n)} ${f.other}`;
    default: // zero, few
      return `${num(n)} ${f.few}`;
  }
}
