// Quotes: reported speech after a cue verb or participle (قال، أكد، أوضح، مشيرا … + أن/إن/«:»/a
// quotation mark/the verb's preposition/a direct object), direct quotations attached to a cue, and
// sentences attributed at their end («…، وفقا لرويترز»). The speaker is resolved to an entity: the
// subject after the cue, a title («الوزير»، «اللجنة»), the subject before it («التي قالت»، «قد
// أعلن»), «نقلت X عن Y أنه …», or the last speaker («وأضاف»). `via` is the channel («بحسب بيان»،
// «وفقا لرويترز»، «نقلت X عن»). Lexicons: data/claims/{quote-cues,channels,titles}.tsv.
import type { Doc, Entity, Quote } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import {
  Ctx,
  NearestScan,
  PhraseLexicon,
  isClauseBreak,
  isQuoteMark,
  normEntry,
  origSpan,
  readTsv,
  nisbaTable,
  registerKeys,
  variants,
  vs,
  type EntRef,
  type Word,
} from '../events/common.js';

interface Cue {
  kind: 'verb' | 'part' | 'masdar';
  takes: string[];
  plural: boolean;
}
type TitleKind = 'per' | 'org' | 'doc' | 'force' | 'adv';
type ChannelKind = 'according' | 'relay' | 'statement';

interface Lex {
  cues: Map<string, Cue>;
  titles: Map<string, TitleKind>;
  channels: PhraseLexicon<ChannelKind>;
}
let lexCache: Lex | null = null;
function lex(): Lex {
  if (lexCache) return lexCache;
  const cues = new Map<string, Cue>();
  for (const { cols } of readTsv('quote-cues.tsv', 4)) {
    cues.set(normEntry(cols[0]), {
      kind: cols[1] as Cue['kind'],
      takes: cols[2] === '-' ? [] : cols[2].split('|').map((t) => normEntry(t)),
      plural: cols[3] === 'pl',
    });
  }
  const titles = new Map<string, TitleKind>();
  for (const { cols } of readTsv('titles.tsv', 2)) titles.set(normEntry(cols[0]), cols[1] as TitleKind);
  const channels = new PhraseLexicon<ChannelKind>();
  for (const { cols } of readTsv('channels.tsv', 2)) channels.add(cols[0], cols[1] as ChannelKind);
  nisbaTable(); // registers the nisba forms
  registerKeys(cues.keys());
  registerKeys(titles.keys());
  return (lexCache = { cues, titles, channels });
}

/** أن/إن/أنّ and their pronoun forms, normalised. */
const COMP = new Set(['ان', 'انه', 'انها', 'انهم', 'انهما', 'اننا', 'انني', 'بان', 'بانه', 'بانها', 'بانهم', 'لان']);
/** Cue words that are also common prepositions or nouns: they need their own opener close by. */
const AMBIGUOUS = new Set(['عبر', 'بين', 'ذكر', 'نقل', 'تابع', 'راي', 'يري', 'تري', 'وصف']);
const PRE_FILLERS = new Set(['كان', 'كانت', 'قد', 'التي', 'الذي', 'الذين', 'اللذان', 'اللتان', 'وكان', 'وكانت', 'فقد', 'وقد', 'لقد', 'هو', 'هي']);
const RELATIVE = new Set(['التي', 'الذي', 'الذين']);
const LINKERS = new Set(['كما', 'ثم', 'فيما', 'بينما', 'اذ', 'حيث', 'وقد', 'فقد', 'كذلك']);
const MAX_WINDOW = 22;

interface CueHit {
  i: number;
  j: number;
  cue: Cue;
  /** starts a new attribution (after punctuation or with و/ف), so it ends an earlier quote */
  boundary: boolean;
}

export function createQuoteStage(): Stage {
  lex();
  return {
    name: 'quotes',
    requires: ['tokens', 'sentences', 'entities'],
    assigns: ['quotes'],
    run(doc: Doc) {
      doc.quotes = extractQuotes(doc);
    },
  };
}

function cueAt(words: Word[], i: number): CueHit | null {
  const w = words[i];
  if (!w || w.k !== 'w' || w.bp) return null;
  const L = lex();
  for (const v of vs(w)) {
    if (v.prep || v.suf) continue;
    const cue = L.cues.get(v.f);
    if (!cue) continue;
    const prev = words[i - 1];
    const boundary = v.conj || !prev || isClauseBreak(prev) || LINKERS.has(prev.t) || /^و?لكن/.test(prev.t) || cue.kind === 'part' || PRE_FILLERS.has(prev.t);
    return { i, j: i + 1, cue, boundary };
  }
  return null;
}

interface Opener {
  /** first word of the content */
  c: number;
  /** the content is a direct quotation (ends at the closing mark) */
  direct: boolean;
  /** index of the opener word (end of the speaker region) */
  at: number;
}

/** Find where the reported words start after a cue at i. */
function findOpener(ctx: Ctx, hit: CueHit, limit: number): Opener | null {
  const words = ctx.words;
  const { cue } = hit;
  const sent = words[hit.i].sent;
  const ambiguous = AMBIGUOUS.has(words[hit.i].t.replace(/^[وف]/, ''));
  // the window counts words, not punctuation
  let end = hit.i + 1;
  for (let n = 0; end < limit && n < (ambiguous ? 8 : MAX_WINDOW); end++) if (words[end].k !== 'p') n++;
  const quoteAt = (k: number): Opener | null => {
    // a quotation mark opens the words only when what it quotes is not a name («"الناتو"»)
    if (!isQuoteMark(words[k])) return null;
    // a closing mark (an odd number of marks before it in the sentence) opens nothing
    if (marksBefore(ctx)[k] % 2 === 1) return null;
    let close = -1;
    for (let m = k + 1; m < words.length && words[m].sent <= sent + 2; m++) if (isQuoteMark(words[m])) { close = m; break; }
    if (close >= 0 && close - k - 1 < 4) return null;
    return { c: k + 1, direct: true, at: k };
  };
  let inRelative = false;
  let weak: Opener | null = null;
  for (let k = hit.i + 1; k < end; k++) {
    const w = words[k];
    if (w.sent !== sent) break;
    if (k > hit.i + 1 && !isQuoteMark(words[k - 1])) {
      const c2 = cueAt(words, k);
      if (c2 && (c2.boundary || !AMBIGUOUS.has(words[k].t.replace(/^[وف]/, '')))) break;
    }
    if (w.k === 'p') {
      if (w.t === ':') {
        const q = quoteAt(k + 1);
        return q ? { ...q, at: k } : { c: k + 1, direct: false, at: k };
      }
      const q = quoteAt(k);
      if (q) return q;
      if (w.t === '،' || w.t === ',') inRelative = false;
      continue;
    }
    if (RELATIVE.has(w.t)) inRelative = true;
    else if (inRelative && w.t.startsWith('و') && w.t.length > 3) inRelative = false;
    if (COMP.has(w.t) || (w.t.startsWith('و') && COMP.has(w.t.slice(1)) && k === hit.i + 1)) {
      const q = quoteAt(k + 1);
      if (q) return { ...q, at: k };
      // «أنه "…"» or «أن …»
      return { c: k + 1, direct: false, at: k };
    }
    if (!weak && !inRelative) {
      for (const t of cue.takes) {
        if (t === 'np') continue;
        if (t === 'ب') {
          if (w.t === 'ب' || (w.t.startsWith('ب') && w.t.length > 3 && !ctx.entAt[k] && k <= hit.i + 4)) {
            const q = quoteAt(k + 1);
            weak = q ? { ...q, at: k } : { c: w.t === 'ب' ? k + 1 : k, direct: false, at: k };
          }
        } else if (w.t === t) {
          const n = words[k + 1];
          if (n && COMP.has(n.t)) {
            const q = quoteAt(k + 2);
            return q ? { ...q, at: k } : { c: k + 2, direct: false, at: k };
          }
          const q = quoteAt(k + 1);
          if (q) return { ...q, at: k };
          if (n && (n.t === 'هامش' || n.t === 'الرغم' || n.t === 'صعيد' || n.t === 'خلفيه' || n.t === 'حد')) continue;
          weak = { c: k + 1, direct: false, at: k };
        }
      }
    }
  }
  if (weak) return weak;
  // a direct object («أعلنت بغداد تشكيل لجنة», «ووصف وجود تلك القوات …»)
  if (cue.takes.includes('np')) {
    let k = hit.i + 1;
    // skip the subject: one entity mention, or nothing
    const e = ctx.entAt[k];
    if (e && e.i === k) k = e.j;
    for (;;) {
      if (k >= words.length) break;
      // «، وفق بيان أصدرته الوزارة اليوم، …»: an attribution between the subject and the object
      const ch = lex().channels.match(words, k);
      if (ch && ch.value !== 'relay') {
        let m = ch.j;
        while (m < words.length && words[m].sent === sent && !(words[m].t === '،' || words[m].t === ',') && m - ch.j < 10) m++;
        k = m + 1;
        continue;
      }
      if (!(ctx.timeAt[k] >= 0 || isAdverb(words[k]) || words[k].t === '،' || words[k].t === ',')) break;
      if (words[k].t === 'في' && ctx.timeAt[k + 1] >= 0) { k++; continue; }
      if (words[k].t === 'في') break;
      k++;
    }
    const w = words[k];
    // a title there is the subject («وأكد محافظ كركوك …»), not the object
    const tk = titleOf(w);
    if (w && w.sent === sent && w.k === 'w' && !COMP.has(w.t) && !ctx.entAt[k] && w.t !== 'في' && w.t !== 'عن' && w.t !== 'الي' && w.t !== 'علي' &&
      tk !== 'per' && tk !== 'org' && tk !== 'doc' && !(k === hit.i + 1 && ctx.nisbaEntity(k + 1, false))) {
      return { c: k, direct: false, at: k };
    }
  }
  return null;
}

let marksCtx: Ctx | null = null;
let marksOf: Int32Array | null = null;
/** For each word, how many quotation marks precede it in its sentence. */
function marksBefore(ctx: Ctx): Int32Array {
  let m = marksCtx === ctx ? marksOf : null;
  if (m) return m;
  const words = ctx.words;
  m = new Int32Array(words.length + 1);
  let n = 0;
  for (let k = 0; k < words.length; k++) {
    if (k > 0 && words[k].sent !== words[k - 1].sent) n = 0;
    m[k] = n;
    if (isQuoteMark(words[k])) n++;
  }
  marksCtx = ctx;
  marksOf = m;
  return m;
}

function titleOf(w: Word | undefined): TitleKind | null {
  if (!w || w.k !== 'w') return null;
  const T = lex().titles;
  for (const v of vs(w)) {
    if (v.prep && v.prep !== 'ل') continue;
    const t = T.get(v.f);
    if (t) return t;
  }
  return null;
}
function isAdverb(w: Word | undefined): boolean {
  return titleOf(w) === 'adv';
}

interface Resolved {
  /** the region named a speaker (an entity) or an explicit non-entity subject (null) */
  explicit: boolean;
  speaker: string | null;
}

/** The speaker named between the cue and the opener. */
function speakerInRegion(ctx: Ctx, from: number, to: number, cueI: number): Resolved {
  const words = ctx.words;
  let k = from;
  // skip adverbials, times, punctuation, attribution phrases
  while (k < to) {
    const w = words[k];
    if (w.k === 'p' || ctx.timeAt[k] >= 0) { k++; continue; }
    const t = titleOf(w);
    if (t === 'adv') {
      // «في تصريحات …»: skip the preposition and its noun
      k += w.t === 'في' || w.t === 'خلال' ? 2 : 1;
      continue;
    }
    const ch = lex().channels.match(words, k);
    if (ch && ch.value === 'according') { k = ch.j + 1; continue; }
    break;
  }
  if (k >= to) return { explicit: false, speaker: null };
  const head = words[k];
  const inRegion = ctx.mentionsIn(k, to).filter((m) => ctx.entityById(m.id)?.type !== 'MISC');
  const firstPer = inRegion.find((m) => m.type === 'PER');
  let e = ctx.entAt[k];
  // a tagger that swallowed the cue («أشاد ستولتنبرغ»): the person named by the rest of the mention
  if (e && e.i < from) {
    const tail = ctx.words.slice(from, e.j).map((w) => w.t).join(' ');
    const alt = personByTokens(ctx, tail);
    if (alt) return { explicit: true, speaker: alt };
  }
  if (!e) {
    // a person named by one part of their name («أوضح فؤاد أنه»)
    const alt = personByTokens(ctx, head.t);
    if (alt) return { explicit: true, speaker: alt };
    e = undefined;
  }
  if (e && e.type !== 'MISC') {
    // «رئيس الوزراء محمد …» may be one mention; a person later in the region wins over an org head
    if (e.type !== 'PER' && firstPer && titleOf(head) === 'per') return { explicit: true, speaker: firstPer.id };
    return { explicit: true, speaker: ctx.stateFor(e.id) };
  }
  const t = titleOf(head);
  if (t === 'per') {
    if (firstPer) return { explicit: true, speaker: firstPer.id };
    const next = words[k + 1];
    // «مسؤول عراقي» (indefinite) is anonymous; «المسؤول العراقي» refers back
    if (!head.t.startsWith('ال') && !(next && ctx.entAt[k + 1])) return { explicit: true, speaker: null };
    if (inRegion.length && inRegion[0].i <= k + 3 && inRegion[0].type === 'ORG') return { explicit: true, speaker: lastPerson(ctx, cueI) ?? inRegion[0].id };
    return { explicit: true, speaker: lastPerson(ctx, cueI) };
  }
  if (t === 'org') return { explicit: true, speaker: lastOrgLike(ctx, head, cueI) };
  if (t === 'doc') {
    const m = inRegion.find((x) => x.type !== 'LOC') ?? inRegion[0];
    return { explicit: true, speaker: m ? ctx.stateFor(m.id) : null };
  }
  if (t === 'force') {
    const n = ctx.nisbaEntity(k + 1, false);
    if (n) return { explicit: true, speaker: n };
    const m = ctx.entAt[k + 1];
    if (m && m.i === k + 1) return { explicit: true, speaker: m.id };
  }
  return { explicit: true, speaker: null };
}

const formsCache = new WeakMap<Entity, { n: number; forms: string[] }>();
/**
 * An entity's name and mentions, normalised and padded with spaces, each distinct form once
 * (cached). Once: a long article names one person thousands of times in a handful of forms, and
 * every caller asks only whether some form holds a string, so the scans stay as long as the
 * number of forms, not of mentions (issue 9).
 */
export function formsOf(ent: Entity): string[] {
  const c = formsCache.get(ent);
  if (c && c.n === ent.mentions.length) return c.forms;
  const raw = new Set([ent.name, ...ent.mentions.map((m) => m.text)]);
  const forms = [...new Set([...raw].map((x) => ' ' + normEntry(x) + ' '))];
  formsCache.set(ent, { n: ent.mentions.length, forms });
  return forms;
}

/** The one person entity whose name or a mention holds these (normalised) words, else null. */
function personByTokens(ctx: Ctx, words: string): string | null {
  const w0 = normEntry(words);
  const wants = [w0, w0.replace(/^[وف]/, '')].filter((w) => w.length >= 3);
  if (!wants.length) return null;
  const index = personIndex(ctx);
  if (index) {
    // the same answer from the index of word runs: the one person holding a want
    let found: string | null = null;
    for (const want of wants) {
      for (const id of index.get(want) ?? []) {
        if (found && found !== id) return null;
        found = id;
      }
    }
    return found;
  }
  let found: string | null = null;
  for (const ent of ctx.doc.entities) {
    if (ent.type !== 'PER') continue;
    const forms = formsOf(ent);
    if (forms.some((f) => wants.some((want) => f.includes(' ' + want + ' ')))) {
      if (found && found !== ent.id) return null;
      found = ent.id;
    }
  }
  return found;
}

/**
 * For an article with many persons: every run of consecutive words of every person's forms
 * (formsOf) → the persons holding it. « want » is in ' ' + form + ' ' (single spaces, as normEntry
 * leaves them) exactly when want is such a run, so the index answers what the scan over all
 * persons answers, in time independent of their number. Null for a small article (the scan is
 * cheaper). Rebuilt when the entity list changes (the claim stages add entities, never mentions).
 */
let personIndexCache: { ctx: Ctx; ents: Entity[]; n: number; index: Map<string, string[]> | null } | null = null;
function personIndex(ctx: Ctx): Map<string, string[]> | null {
  const ents = ctx.doc.entities;
  const c = personIndexCache;
  if (c && c.ctx === ctx && c.ents === ents && c.n === ents.length) return c.index;
  let index: Map<string, string[]> | null = null;
  if (ents.length > 40) {
    index = new Map();
    for (const ent of ents) {
      if (ent.type !== 'PER') continue;
      for (const f of formsOf(ent)) {
        const ws = f.slice(1, -1).split(' ');
        for (let a = 0; a < ws.length; a++) {
          let run = '';
          for (let b = a; b < ws.length; b++) {
            run = b === a ? ws[a] : run + ' ' + ws[b];
            const l = index.get(run);
            if (!l) index.set(run, [ent.id]);
            else if (l[l.length - 1] !== ent.id) l.push(ent.id);
          }
        }
      }
    }
  }
  personIndexCache = { ctx, ents, n: ents.length, index };
  return index;
}

/**
 * What lastPerson and lastOrgLike look up, made once per entity index (Ctx.gen) instead of a scan
 * over all the mentions for each quote (issue 9): ctx.mentions is sorted by first word, so the
 * mentions before a word are a prefix of it.
 */
interface MentionIndex {
  ctx: Ctx;
  gen: number;
  /** per position in ctx.mentions: the last position at or before it holding a person, or -1 */
  lastPer: Int32Array;
  /** the positions in ctx.mentions of each organisation's mentions, ascending */
  orgAt: Map<string, number[]>;
  /** stem → the organisations (with entity) whose name or a mention holds it */
  orgsWith: Map<string, string[]>;
}
let mentionIndexCache: MentionIndex | null = null;
function mentionIndex(ctx: Ctx): MentionIndex {
  const c = mentionIndexCache;
  if (c && c.ctx === ctx && c.gen === ctx.gen) return c;
  const ms = ctx.mentions;
  const lastPer = new Int32Array(ms.length);
  const orgAt = new Map<string, number[]>();
  let p = -1;
  for (let m = 0; m < ms.length; m++) {
    const x = ms[m];
    if (x.type === 'PER') p = m;
    lastPer[m] = p;
    if (x.type === 'ORG') {
      const l = orgAt.get(x.id);
      if (l) l.push(m);
      else orgAt.set(x.id, [m]);
    }
  }
  return (mentionIndexCache = { ctx, gen: ctx.gen, lastPer, orgAt, orgsWith: new Map() });
}

/** How many mentions start before word `before` (they come first in ctx.mentions). */
function mentionsBefore(ctx: Ctx, before: number): number {
  return ctx.mentionRange(0, before)[1];
}

/** The person of the last mention (in ctx.mentions order) before word `before`. */
function lastPerson(ctx: Ctx, before: number): string | null {
  const n = mentionsBefore(ctx, before);
  if (!n) return null;
  const m = mentionIndex(ctx).lastPer[n - 1];
  return m >= 0 ? ctx.mentions[m].id : null;
}

/** «اللجنة» → the last organisation mentioned whose name holds «لجنه». */
function lastOrgLike(ctx: Ctx, head: Word, before: number): string | null {
  const stem = normEntry(head.t).replace(/^[وف]?(ال)?/, '').replace(/ه$/, '');
  if (stem.length < 3) return null;
  const index = mentionIndex(ctx);
  let orgs = index.orgsWith.get(stem);
  if (!orgs) {
    orgs = [];
    for (const id of index.orgAt.keys()) {
      const ent = ctx.entityById(id);
      if (ent && formsOf(ent).some((n) => n.includes(stem))) orgs.push(id);
    }
    index.orgsWith.set(stem, orgs);
  }
  // the last mention before `before` of any of them
  const n = mentionsBefore(ctx, before);
  let best = -1;
  for (const id of orgs) {
    const at = index.orgAt.get(id)!;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] < n) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && at[lo - 1] > best) best = at[lo - 1];
  }
  return best >= 0 ? ctx.mentions[best].id : null;
}

function extractQuotes(doc: Doc): Quote[] {
  const ctx = Ctx.for(doc);
  const words = ctx.words;
  const L = lex();
  const out: (Quote & { sent: number; ci: number })[] = [];
  // cue hits
  const hits: CueHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const h = cueAt(words, i);
    if (h) hits.push(h);
  }
  let lastSpeaker: string | null = null;
  let coveredTo = -1; // end word of the last quote's content
  let coveredFrom = -1;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h];
    const sent = words[hit.i].sent;
    // a cue inside the words of an earlier quote is reported speech within it, unless it opens a new attribution
    if (hit.i >= coveredFrom && hit.i < coveredTo && !hit.boundary) continue;
    const sr = ctx.sentRange[sent];
    const op = findOpener(ctx, hit, sr.j);
    if (!op || op.c >= words.length) continue;
    // where the words end
    let end = sr.j;
    let closeMark = false;
    const startWord = op.c;
    if (op.direct) {
      for (let m = op.c; m < words.length && words[m].sent <= sent + 2; m++) {
        if (isQuoteMark(words[m])) { end = m; closeMark = true; break; }
      }
      if (!closeMark) end = sr.j;
    }
    for (let m = startWord + 1; m < end; m++) {
      const w = words[m];
      if (w.k === 'p') continue;
      const prev = words[m - 1];
      const c2 = cueAt(words, m);
      if (c2 && ((c2.cue.kind === 'part' && (isClauseBreak(prev) || /^[وف]/.test(w.t))) || (!op.direct && c2.boundary && !AMBIGUOUS.has(w.t.replace(/^[وف]/, ''))))) {
        end = m;
        break;
      }
      if (isClauseBreak(prev) && prev.t !== ':' && !op.direct) {
        const ch = L.channels.match(words, m);
        if (ch && ch.value !== 'statement') { end = m; break; }
      }
    }
    // trim punctuation at both ends
    let a = startWord;
    let b = end;
    while (a < b && words[a].k === 'p') a++;
    while (b > a && words[b - 1].k === 'p') b--;
    if (b - a < 2) continue;
    // speaker
    let speaker: string | null = null;
    const region = speakerInRegion(ctx, hit.j, op.at, hit.i);
    const rel = words[hit.i - 1];
    const antecedent = rel && RELATIVE.has(rel.t) ? ctx.entAt[hit.i - 2] : undefined;
    if (antecedent) speaker = ctx.stateFor(antecedent.id);
    else if (region.explicit) speaker = region.speaker;
    else speaker = anaphoricSpeaker(ctx, hit, out, lastSpeaker);
    if (hit.cue.plural && !region.explicit) {
      const prevQ = lastQuoteOf(out, sent);
      speaker = prevQ ? prevQ.speaker : null;
    }
    const span = origSpan(doc, words[a].s, words[b - 1].e);
    const cueSpan = origSpan(doc, words[hit.i].s, words[hit.i].e);
    out.push({ ...span, speaker, cue: cueSpan, via: null, sent, ci: hit.i });
    if (speaker) lastSpeaker = speaker;
    coveredFrom = a;
    coveredTo = Math.max(b, end);
  }

  // channels: «بحسب/وفقا ل X», «نقلت X عن Y» — via for the quotes of the sentence, or a quote of its
  // own for a sentence attributed at its end
  // the quotes of each sentence, in `out` order (out.filter((q) => q.sent === s)), kept up to date
  const anScan = new NearestScan((m) => words[m].t === 'عن');
  const bySent = new Map<number, (typeof out)[number][]>();
  for (const q of out) {
    const l = bySent.get(q.sent);
    if (l) l.push(q);
    else bySent.set(q.sent, [q]);
  }
  for (let s = 0; s < ctx.sentRange.length; s++) {
    const sr = ctx.sentRange[s];
    for (let k = sr.i; k < sr.j; k++) {
      if (words[k].bp) continue;
      const ch = L.channels.match(words, k);
      if (!ch) continue;
      const src = firstEntity(ctx, ch.j, Math.min(sr.j, ch.j + 6));
      let speakerY: string | null | undefined;
      let anNear = false;
      for (let m = ch.j; m < Math.min(sr.j, ch.j + 8); m++) if (words[m].t === 'عن') anNear = true;
      if (ch.value === 'relay' || anNear) {
        // the first «عن» after the phrase in the sentence
        const an = anScan.firstAtOrAfter(ctx, s, ch.j);
        if (an >= 0) speakerY = firstEntity(ctx, an + 1, Math.min(sr.j, an + 4))?.id ?? null;
      }
      const inSent = bySent.get(s) ?? [];
      if (inSent.length) {
        if (src) for (const q of inSent) if (!q.via && q.speaker !== src.id) q.via = src.id;
      } else if (ch.value !== 'statement' && k - sr.i >= 5 && (src || speakerY !== undefined) && sr.j - ch.j <= 8) {
        // «…، وفقا لرويترز.»: the sentence before the phrase
        let a = sr.i;
        let b = k;
        while (a < b && (words[a].k === 'p' || words[a].bp)) a++;
        while (b > a && words[b - 1].k === 'p') b--;
        if (b - a < 4) continue;
        const span = origSpan(doc, words[a].s, words[b - 1].e);
        const speaker = speakerY !== undefined ? speakerY : (src?.id ?? null);
        const via = speakerY !== undefined ? (src?.id ?? null) : null;
        const q = { ...span, speaker, cue: origSpan(doc, words[k].s, words[ch.j - 1].e), via, sent: s, ci: k };
        out.push(q);
        const l = bySent.get(s);
        if (l) l.push(q);
        else bySent.set(s, [q]);
      }
      k = ch.j - 1;
    }
  }
  out.sort((x, y) => x.start - y.start);
  // the same words twice (a caption repeated) count once
  const seen = new Set<string>();
  const res: Quote[] = [];
  for (const q of out) {
    // the same span once; the same words (a caption printed twice) once
    const key = normKey(q.text) + '|' + q.speaker;
    if (seen.has(String(q.start)) || seen.has(key)) continue;
    seen.add(String(q.start));
    seen.add(key);
    res.push({ start: q.start, end: q.end, text: q.text, speaker: q.speaker, cue: q.cue, via: q.via });
  }
  return res;
}

/**
 * The last quote of sentence `sent` ([...out].reverse().find((q) => q.sent === sent)): the cues are
 * read in text order, so the quotes found so far are in order of sentence and only the last can be
 * of the cue's sentence.
 */
function lastQuoteOf<Q extends { sent: number }>(out: Q[], sent: number): Q | undefined {
  const last = out[out.length - 1];
  return last && last.sent === sent ? last : undefined;
}

function normKey(t: string): string {
  return t.length > 80 ? t.slice(0, 80) : t;
}

function firstEntity(ctx: Ctx, from: number, to: number): EntRef | null {
  for (let k = from; k < to; k++) {
    const e = ctx.entAt[k];
    if (e && ctx.entityById(e.id)?.type !== 'MISC') return e;
  }
  return null;
}

/** No subject after the cue: «التي قالت», «X قد أعلن», «عن Y أنه دعا», the previous quote's speaker. */
function anaphoricSpeaker(ctx: Ctx, hit: CueHit, out: { sent: number; speaker: string | null }[], last: string | null): string | null {
  const words = ctx.words;
  const sent = words[hit.i].sent;
  const sr = ctx.sentRange[sent];
  // 1. the subject right before the verb, past كان/قد/التي/الذي and commas
  let k = hit.i - 1;
  let steps = 0;
  while (hit.cue.kind !== 'part' && k >= sr.i && steps < 4 && (PRE_FILLERS.has(words[k].t) || words[k].t === '،' || words[k].t === ',' || (ctx.timeAt[k] >= 0 && false))) { k--; steps++; }
  if (k >= sr.i && hit.cue.kind !== 'part') {
    const e = ctx.entAt[k];
    if (e && ctx.entityById(e.id)?.type !== 'MISC') {
      const p = words[e.i - 1]?.t;
      if (!(p && (p === 'علي' || p === 'في' || p === 'عبر' || p === 'من' || p === 'الي' || p === 'مع'))) return ctx.stateFor(e.id);
    }
    const n = ctx.nisbaEntity(k, false);
    if (n && titleOf(words[k - 1]) === 'force') return n;
  }
  // 2. «نقلت X عن Y أنه …» / «عن Y قوله»
  for (let m = hit.i - 1; m >= sr.i && m >= hit.i - 8; m--) {
    if (words[m].t === 'عن') {
      const e = firstEntity(ctx, m + 1, hit.i);
      return e ? e.id : null;
    }
  }
  // 3. a participle continues the sentence's speaker
  const prevQ = lastQuoteOf(out, sent);
  if (prevQ) return prevQ.speaker;
  // 4. the sentence's own subject: «حيث نشرت الوزارة بيانا …، قالت فيه»
  if (hit.cue.kind !== 'part') {
    for (let m = sr.i; m < hit.i; m++) {
      const w = words[m];
      if (w.k === 'p') continue;
      const e = ctx.entAt[m];
      const p = words[m - 1]?.t;
      const prepBefore = p === 'في' || p === 'علي' || p === 'عبر' || p === 'من' || p === 'الي' || p === 'مع' || p === 'عن';
      if (e && e.i === m && !prepBefore && ctx.entityById(e.id)?.type !== 'MISC') return ctx.stateFor(e.id);
      const t = titleOf(w);
      if (t === 'org' && !prepBefore) {
        const r = lastOrgLike(ctx, w, m);
        if (r) return r;
      }
    }
  }
  return last;
}
