// Name keys: how a name is compared. A key is the normalised form (normalizeString: no diacritics,
// one alef, ة→ه, ى→ي…) with every character that is not a letter or digit turned into a single
// space, so «تنظيم "داعش"» and «تنظيم داعش» share the key «تنظيم داعش».
import { normalizeString } from '../text/normalize.js';

const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function nameKey(s: string): string {
  return normalizeString(s).replace(NON_WORD, ' ').trim();
}

/** The words of a key. */
export function keyWords(key: string): string[] {
  return key ? key.split(' ') : [];
}

/**
 * Spelling variants that the normaliser does not fold but Arabic news uses interchangeably:
 * أمريكي/أميركي, أوروبي/أوربي, عبد الله/عبدالله, أبو X/أبوX. Applied to keys.
 */
export function keyVariants(key: string): string[] {
  const out = new Set<string>([key]);
  const swap: [RegExp, string][] = [
    [/امريك/g, 'اميرك'],
    [/اميرك/g, 'امريك'],
    [/اوروب/g, 'اورب'],
    [/\bعبد (\S)/g, 'عبد$1'],
    [/\bابو (\S)/g, 'ابو$1'],
  ];
  for (const [re, to] of swap) {
    for (const k of [...out]) {
      const v = k.replace(re, to);
      if (v !== k) out.add(v);
    }
  }
  return [...out];
}

/** Leading conjunction/preposition clitics a name may carry in running text. */
export interface Stripped {
  /** The word as it would stand alone (لل → ال). */
  word: string;
  /** How many characters of the written word the span should skip (و ف ب ك ل are left off). */
  skip: number;
}

/**
 * The ways a written word may be a name with attached clitics: itself; without و/ف; without
 * ب/ك/ل (after an optional و/ف); «لل» read as ل + ال (the span keeps «لل», as the spelling does).
 */
export function strippedForms(word: string): Stripped[] {
  const out: Stripped[] = [{ word, skip: 0 }];
  let w = word;
  let skip = 0;
  if (/^[وف]/.test(w) && w.length > 2) {
    w = w.slice(1);
    skip = 1;
    out.push({ word: w, skip });
  }
  if (w.startsWith('لل') && w.length > 3) out.push({ word: 'ال' + w.slice(2), skip });
  if (/^[بكل]/.test(w) && w.length > 2) out.push({ word: w.slice(1), skip: skip + 1 });
  return out;
}

/**
 * The nisba (relational adjective) forms of a place name: العراق → عراقي، العراقي، العراقية،
 * العراقيون، العراقيين… Returned as keys. Multi-word names have none.
 */
export function nisbaForms(placeKey: string): string[] {
  if (!placeKey || placeKey.includes(' ')) return [];
  let stem = placeKey.startsWith('ال') ? placeKey.slice(2) : placeKey;
  if (stem.length < 3) return [];
  if (stem.endsWith('يه')) stem = stem.slice(0, -1); // السعودية → سعودي
  else if (stem.endsWith('يا')) stem = stem.slice(0, -1); // سوريا → سوري
  else if (stem.endsWith('ا')) stem = stem.slice(0, -1) + 'ي'; // أمريكا → أمريكي
  else stem = stem + 'ي'; // إيران → إيراني
  return nisbaInflections(stem);
}

/** A masculine nisba (ends in ي) with its feminine, plural and definite forms, as keys. */
export function nisbaInflections(masc: string): string[] {
  const m = nameKey(masc);
  const forms = [m, m + 'ه', m + 'ون', m + 'ين', m + 'ان', m + 'تان', m + 'تين'];
  return [...forms, ...forms.map((f) => 'ال' + f)];
}

/** A readable, stable ASCII slug for a key (used for new ids: "x-" + slug + hash). */
const TRANSLIT: Record<string, string> = {
  ا: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z',
  س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k',
  ل: 'l', م: 'm', ن: 'n', ه: 'h', و: 'w', ي: 'y', ء: '', ' ': '-',
};
export function slugOf(key: string): string {
  let s = '';
  for (const ch of key) {
    if (/[a-z0-9]/.test(ch)) s += ch;
    else s += TRANSLIT[ch] ?? '';
  }
  return s.replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'name';
}

/** FNV-1a 32-bit hash as 8 hex digits: stable across runs and machines. */
export function hashKey(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The id of an entity that is not in the knowledge base: the same key gives the same id. */
export function newEntityId(key: string): string {
  return `x-${slugOf(key)}-${hashKey(key).slice(0, 6)}`;
}
