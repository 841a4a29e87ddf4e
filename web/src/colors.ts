// One colour per PLOVER type and per kind of mark, used by every view.
export const PLOVER_COLORS: Record<string, string> = {
  AGREE: '#2a9d5c',
  CONSULT: '#2f6fd0',
  SUPPORT: '#1aa3b5',
  CONCEDE: '#9c7a2b',
  COOPERATE: '#6aa84f',
  AID: '#8a55d6',
  RETREAT: '#e08a1e',
  REQUEST: '#c2559a',
  ACCUSE: '#a0522d',
  REJECT: '#6f7782',
  THREATEN: '#d9534f',
  PROTEST: '#c9a227',
  SANCTION: '#5e4b8b',
  MOBILIZE: '#b03a48',
  COERCE: '#7b1e3a',
  ASSAULT: '#e02b2b',
};
export const PLOVER_ORDER = Object.keys(PLOVER_COLORS);
export const typeColor = (t: string) => PLOVER_COLORS[t] ?? '#888';

/** Background colours of marks in the article reader (in the manner of displaCy). */
export const MARK_COLORS: Record<string, string> = {
  PER: '#d9d2fd',
  ORG: '#c4f0f0',
  LOC: '#fde2b4',
  MISC: '#e6e8d8',
  TIMEX: '#cfeadf',
  QUANT: '#f6cde0',
  EVENT: '#ffe08a',
  QUOTE: '#fff8dc',
};

export const STATUS_STYLE: Record<string, { hollow: boolean; dash: string | null }> = {
  realized: { hollow: false, dash: null },
  planned: { hollow: true, dash: '3 2' },
  expected: { hollow: true, dash: '1 2' },
  demanded: { hollow: true, dash: null },
  negated: { hollow: true, dash: '1 3' },
};
