// A light tokenizer over the normalised text for time matching: Arabic words, digit runs,
// Latin words, and single punctuation marks (line breaks kept as '\n' tokens).
// Each word knows its clitic readings (و ف ب ل ك, لل→ال, ال dropped) for lexicon look-ups.

export interface TTok {
  /** normalised text */
  t: string;
  /** start, end in the normalised text */
  s: number;
  e: number;
  /** 'w' Arabic word, 'n' digits, 'l' Latin, 'p' punctuation or '\n' */
  k: 'w' | 'n' | 'l' | 'p';
}

// character classes of the normalised text: 1 Arabic letter, 2 digit, 3 Latin, 4 space, 0 other
const CLS: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (let c = 0x621; c <= 0x64a; c++) t[c] = 1;
  for (let c = 0x30; c <= 0x39; c++) t[c] = 2;
  for (let c = 0x61; c <= 0x7a; c++) t[c] = 3;
  for (const c of [0x09, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x2028, 0x2029]) t[c] = 4;
  return t;
})();
const KIND = ['p', 'w', 'n', 'l'] as const;

export function ttokenize(norm: string): TTok[] {
  const out: TTok[] = [];
  const n = norm.length;
  let i = 0;
  while (i < n) {
    const c = norm.charCodeAt(i);
    const k = CLS[c];
    if (k === 4) {
      i++;
      continue;
    }
    let j = i + 1;
    if (k !== 0) while (j < n && CLS[norm.charCodeAt(j)] === k) j++;
    out.push({ t: norm.slice(i, j), s: i, e: j, k: KIND[k] });
    i = j;
  }
  return out;
}

export interface Reading {
  /** the word without its clitics */
  form: string;
  /** how many leading characters were proclitics (و ف ب ل ك; the article ال is not counted) */
  cut: number;
  /** the article ال was dropped */
  def: boolean;
}

/** The readings of an Arabic word: itself, without و/ف, without ب/ل/ك, لل→ال, without ال. */
export function readings(w: string): Reading[] {
  const out: Reading[] = [{ form: w, cut: 0, def: false }];
  const len = w.length;
  const c0 = w.charCodeAt(0);
  // و ف
  let b1: string | null = null;
  if ((c0 === 0x648 || c0 === 0x641) && len > 3) {
    b1 = w.slice(1);
    out.push({ form: b1, cut: 1, def: false });
  }
  pushBL(out, w, 0);
  if (b1 !== null) pushBL(out, b1, 1);
  const k = out.length;
  for (let i = 0; i < k; i++) {
    const f = out[i].form;
    if (f.length > 4 && f.charCodeAt(0) === 0x627 && f.charCodeAt(1) === 0x644) out.push({ form: f.slice(2), cut: out[i].cut, def: true });
  }
  return out;
}
function pushBL(out: Reading[], f: string, cut: number): void {
  if (f.length <= 3) return;
  const c = f.charCodeAt(0);
  if (c === 0x644 && f.charCodeAt(1) === 0x644) out.push({ form: 'ال' + f.slice(2), cut: cut + 1, def: false });
  else if (c === 0x628 || c === 0x644 || c === 0x643) out.push({ form: f.slice(1), cut: cut + 1, def: false });
}

const readCache = new WeakMap<TTok[], (Reading[] | undefined)[]>();
/** The readings of token i, computed once per token array. */
export function readingsOf(toks: TTok[], i: number): Reading[] {
  let c = readCache.get(toks);
  if (!c) {
    c = new Array(toks.length);
    readCache.set(toks, c);
  }
  return (c[i] ??= readings(toks[i].t));
}

const PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك'];
/**
 * Every surface form a word can take with the clitics `readings` undoes (و ف ب ل ك, لل, ال):
 * a token whose text is not in this set has no reading among `words`, so it is skipped without
 * computing its readings.
 */
export function surfaceForms(words: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const f of words) {
    const bases = [f];
    if (f.length >= 3) bases.push('ال' + f); // the article, dropped by a reading
    for (const b of bases) {
      for (const p of PREFIXES) out.add(p + b);
      if (b.startsWith('ال')) for (const p of ['', 'و', 'ف']) out.add(p + 'لل' + b.slice(2));
    }
  }
  return out;
}
