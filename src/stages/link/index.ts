// The link stage: turns the tagger's mentions (one Entity per mention, kb null) into linked,
// coreferent entities. Each mention is linked to a knowledge-base record by its normalised name
// (with and without clitics, through titles and roles, through the article's date), or given a
// stable new id made from its normalised name. Mentions of one entity in one article are merged:
// a surname joins its full name, «الحلف» joins NATO when NATO is named, a bare «وزارة الخارجية»
// joins the ministry of the country the article is about. The gazetteer adds KB names the tagger
// missed. Nisba adjectives (العراقية، الأمريكية) and generic phrases (القوات الأمريكية) are dropped.
import type { Doc, Entity, EntityType, Span } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import { toNormalized, toOriginal } from '../../text/normalize.js';
import { KnowledgeBase, activeIn, loadKb, type DateWindow, type NameEntry } from '../../kb/kb.js';
import { nameKey, newEntityId, strippedForms } from '../../kb/names.js';
import type { KbRecord } from '../../kb/types.js';
import { DocWords, MultiTrie, NameTrie, joinable, tokenizeNorm, type GazMatch, type Word } from './gazetteer.js';
import { loadLexicon, type LinkLexicon } from './lexicon.js';

export interface LinkOptions {
  /** A knowledge base to use (default: data/kb plus `kbExtra`). */
  kb?: KnowledgeBase;
  /** Extra user KB files or folders (JSONL), added to the shipped KB. */
  kbExtra?: string | string[];
  /** Add KB names the tagger missed (dictionary matching). Default true. */
  gazetteer?: boolean;
  /** Resolve a title with no name («الأمين العام لحلف الناتو») to who held it at the dateline. Default true. */
  roleMentions?: boolean;
  /** Boilerplate kinds whose text may still hold entities (a byline names the author and agency). Default ['byline']. */
  allowBoilerplate?: string[];
  lexicon?: LinkLexicon;
}

type Src = 'ner' | 'gaz' | 'ctx' | 'generic' | 'role' | 'short' | 'nested' | 'gov';
interface Cand {
  /** word range [i, j) and clitic chars skipped in word i */
  i: number;
  j: number;
  skip: number;
  kb: string | null;
  type: EntityType | null;
  src: Src;
  /** a title stood before it */
  titled?: boolean;
  nested?: boolean;
  /** for unlinked: join key */
  key?: string;
}

export function createLinkStage(options: LinkOptions = {}): Stage {
  const kb = options.kb ?? loadKb(options.kbExtra != null ? { extra: options.kbExtra } : {});
  const lex = options.lexicon ?? loadLexicon();
  const linker = new Linker(kb, lex, options);
  return {
    name: 'link',
    requires: ['entities', 'tokens', 'published'],
    assigns: ['entities'],
    run(doc: Doc): void {
      doc.entities = linker.link(doc);
    },
  };
}

const PER_LIKE_TITLES_MAX = 6;

export class Linker {
  private readonly names: NameTrie;
  /** names, generic and ctx in one trie (one walk over the text finds all three) */
  private readonly all: MultiTrie;
  private readonly titleTrie: NameTrie;
  private readonly allowKinds: Set<string>;
  private readonly nisba: Map<string, string>;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly lex: LinkLexicon,
    private readonly opts: LinkOptions,
  ) {
    this.names = NameTrie.fromNames(kb.names, (e) => e.kind === 'name');
    this.all = MultiTrie.fromNames(kb.names, [(e) => e.kind === 'name', (e) => e.kind === 'generic', (e) => e.kind === 'ctx']);
    this.titleTrie = new NameTrie();
    for (const t of lex.titles) this.titleTrie.add(t.join(' '), [{ id: t.join(' '), kind: 'name' }]);
    for (const t of kb.titleKeys()) this.titleTrie.add(t, [{ id: t, kind: 'name' }]);
    this.allowKinds = new Set(opts.allowBoilerplate ?? ['byline']);
    this.nisba = new Map(kb.nisbas);
    for (const [m, c] of Object.entries(lex.nisbaExtra))
      if (kb.get(c)) for (const f of inflectNisba(m)) if (!this.nisba.has(f)) this.nisba.set(f, c);
  }

  link(doc: Doc): Entity[] {
    const normText = doc.norm.text;
    const W = tokenizeNorm(normText, doc.tokens);
    if (!W.length) return [];
    const D = new DocWords(normText, W);
    this.lastW = W;
    this.lastD = D;
    const [gazNames, gazGeneric, gazCtx]: GazMatch[][] = this.opts.gazetteer === false ? [[], [], []] : this.all.matchAll(D);
    const docWhen: DateWindow = doc.published ?? { date: doc.givenPublished };
    // the dateline of the part of the page a word is in (a page may append an older story)
    const whenAt = (i: number): DateWindow => {
      const o = doc.norm.toOrig[W[Math.min(i, W.length - 1)].s];
      const seg = (doc.segments ?? []).find((sg) => o >= sg.start && o < sg.end);
      return seg?.published ?? docWhen;
    };
    const when = docWhen;
    const blocked = doc.boilerplate.filter((b) => !this.allowKinds.has(b.kind));
    const inBoiler = (c: { i: number }) => {
      const o = doc.norm.toOrig[W[c.i].s];
      return blocked.some((b) => o >= b.start && o < b.end);
    };

    // --- 1. candidates: the tagger's mentions and the gazetteer's KB names
    const cands: Cand[] = [];
    for (const e of doc.entities) for (const m of e.mentions) {
      const c = this.fromMention(doc, W, m, e.type, docWhen, whenAt);
      if (c) cands.push(c);
    }
    const gazAll = gazNames;
    for (const g of gazAll) {
      const id = this.choose(g.entries, whenAt(g.start), null);
      if (id) cands.push({ i: g.start, j: g.end, skip: g.skip, kb: id, type: this.kb.get(id)!.type, src: 'gaz' });
    }
    let accepted = this.select(cands.filter((c) => !inBoiler(c)), W);

    // --- 2. drop what is not a name
    accepted = accepted.filter((c) => c.kb != null || this.isName(W, c));

    // a byline «NAME/ AGENCY»: the name before the slash is the author, a person
    for (const c of accepted) {
      if (c.kb || c.nested) continue;
      const o = doc.norm.toOrig[W[c.i].s];
      const by = doc.boilerplate.find((b) => b.kind === 'byline' && o >= b.start && o < b.end);
      if (by && /^\s*\//.test(normText.slice(W[c.j - 1].e, W[c.j - 1].e + 3))) c.type = 'PER';
    }

    // --- 3. context: the country the article is about; generic names; context-only aliases
    const focus = this.focusCountry(accepted);
    const present = () => new Set(accepted.filter((c) => c.kb).map((c) => c.kb!));
    if (this.opts.gazetteer !== false) {
      const P = present();
      const add: Cand[] = [];
      for (const g of gazGeneric) {
        if (inBoiler({ i: g.start })) continue;
        const country = this.nisbaAfter(W, g.end, normText) ?? focus;
        const id = country ? this.kb.generic.get(country)?.get(W.slice(g.start, g.end).map((w, k) => (k === 0 ? strippedWord(w.w, g.skip) : w.w)).join(' ')) ?? this.genericFor(g.entries, country) : null;
        if (id && this.kb.validAt(id, when)) add.push({ i: g.start, j: g.end, skip: g.skip, kb: id, type: this.kb.get(id)!.type, src: 'generic' });
      }
      for (const g of gazCtx) {
        if (inBoiler({ i: g.start })) continue;
        const ok = g.entries.filter((e) => {
          const r = this.kb.get(e.id)!;
          return P.has(r.id) || (r.context ?? []).some((x) => P.has(x));
        });
        const id = this.choose(ok, when, P);
        if (id) add.push({ i: g.start, j: g.end, skip: g.skip, kb: id, type: this.kb.get(id)!.type, src: 'ctx' });
      }
      add.sort((a, b) => b.j - b.i - (a.j - a.i));
      // the top-level candidates over each word, kept up to date below (issue 9: a filter over
      // all of `accepted` for each added name was quadratic in the length of the article)
      const over = new WordCover(W.length, accepted);
      const gone = new Set<Cand>();
      const added: Cand[] = [];
      for (const c of add) {
        // an unlinked tagger span inside or across a generic or context name yields to it
        // («لجنة الأمن» inside «لجنة الأمن والدفاع»); one that holds it stands
        const clash = over.overlapping(c.i, c.j);
        if (clash.some((o) => o.kb || (o.i <= c.i && o.j >= c.j))) continue;
        for (const o of clash) {
          gone.add(o);
          over.remove(o);
        }
        over.add(c);
        added.push(c);
      }
      // what the filters and pushes above did, in the same order: an added name has a KB id and
      // so never clashes away later, so only the first candidates can be gone
      if (gone.size || added.length) accepted = [...accepted.filter((o) => !gone.has(o)), ...added];
    }

    {
      const P = present();
      // tagger mentions that are context aliases («الحلف») or generic names («رئاسة الجمهورية»)
      for (const c of accepted) {
        if (c.kb || c.nested) continue;
        const key = W.slice(c.i, c.j).map((w, k) => (k === 0 ? strippedWord(w.w, c.skip) : w.w)).join(' ');
        const entries = this.kb.lookupKey(key);
        const ctxOk = entries.filter((e) => e.kind === 'ctx' && (P.has(e.id) || (this.kb.get(e.id)!.context ?? []).some((x) => P.has(x))));
        let id = this.choose(ctxOk, when, P);
        if (!id) {
          const country = this.nisbaAfter(W, c.j, normText) ?? focus;
          const gen = entries.filter((e) => e.kind === 'generic');
          id = country ? this.genericFor(gen, country) : null;
          if (id && !this.kb.validAt(id, when)) id = null;
        }
        if (!id && c.j - c.i === 2) {
          // «روته جرى», «أشاد ستولتنبرغ»: a tagger span that runs one word past a present
          // person's surname, the other word not being part of that person's names
          for (const [k, other] of [[c.i, c.i + 1], [c.i + 1, c.i]]) {
            const w = k === c.i ? strippedWord(W[k].w, c.skip) : W[k].w;
            const people = this.kb.lookupKey(w).filter((e) => e.kind === 'ctx' && P.has(e.id) && this.kb.get(e.id)!.type === 'PER');
            if (people.length !== 1) continue;
            const words = new Set(this.kb.get(people[0].id)!.names_ar.flatMap((n) => nameKey(n).split(' ')));
            if (words.has(W[other].w) || words.has(stripAll(W[other].w))) continue;
            c.skip = k < other ? c.skip : 0;
            c.i = k;
            c.j = k + 1;
            id = people[0].id;
            break;
          }
        }
        if (id) {
          c.kb = id;
          c.type = this.kb.get(id)!.type;
        }
      }
    }

    // --- 4. descriptors and formal prefixes extend a name: «تنظيم داعش», «مملكة السويد»
    // the words a top-level candidate holds (accepted.some((o) => !o.nested && o.i < j && i < o.j))
    const held = new Uint8Array(W.length);
    for (const o of accepted) if (!o.nested) held.fill(1, o.i, o.j);
    const occupied = (i: number, j: number) => {
      for (let k = i; k < j; k++) if (held[k]) return true;
      return false;
    };
    for (const c of accepted) {
      if (c.nested || c.i === 0 || c.skip) continue;
      const prev = W[c.i - 1];
      if (!joinable(normText, W, c.i - 1)) continue;
      const { word, skip } = bestStrip(prev.w, (w) => this.lex.orgDescriptors.has(w) || this.lex.countryPrefixes.has(w));
      if (!word) continue;
      const rec = c.kb ? this.kb.get(c.kb) : null;
      const kinds = this.lex.orgDescriptors.get(word);
      const fits = kinds ? (rec ? kinds.has(rec.kind ?? '') : c.type === 'ORG') : false;
      const isCountry = rec?.kind === 'country' && this.lex.countryPrefixes.has(word);
      if ((fits || isCountry) && !occupied(c.i - 1, c.i)) {
        c.i -= 1;
        c.skip = skip;
        held[c.i] = 1;
      }
    }

    // --- 5. capitals used as actors stand for their country («واشنطن» = usa), unless the
    // capital is the article's own (بغداد in an Iraqi story) or the text places something in it.
    for (const c of accepted) {
      const rec = c.kb ? this.kb.get(c.kb) : null;
      if (!rec?.capital_of || rec.capital_of === focus) continue;
      const prev = c.i > 0 ? W[c.i - 1].w : '';
      if (!this.lex.locatives.has(prev)) c.kb = rec.capital_of;
    }

    // --- 6. titles type and ground persons; a title with no name resolves through roles
    // the top-level candidates by end word, in `accepted` order (what titleBefore looks back for)
    const endingAt = new Map<number, Cand[]>();
    for (const o of accepted) {
      if (o.nested) continue;
      const l = endingAt.get(o.j);
      if (l) l.push(o);
      else endingAt.set(o.j, [o]);
    }
    for (const c of accepted) {
      if (c.nested) continue;
      const t = this.titleBefore(W, c, normText, endingAt);
      if (!t) continue;
      c.titled = true;
      if (c.kb == null) {
        c.type = 'PER';
        const id = this.groundByTitle(W, c, t, whenAt(c.i));
        if (id) {
          c.kb = id;
          c.type = 'PER';
        }
      }
    }
    if (this.opts.roleMentions !== false) accepted.push(...this.roleMentions(W, normText, accepted, whenAt, inBoiler));

    // --- 7. «حكومة السوداني» is the government the person heads
    for (const c of [...accepted]) {
      if (c.nested || !c.kb || c.i === 0) continue;
      const rec = this.kb.get(c.kb)!;
      if (rec.type !== 'PER') continue;
      const prev = D.strippedAt(c.i - 1).find((f) => f.word === 'حكومه' || f.word === 'اداره');
      if (!prev || !joinable(normText, W, c.i - 1)) continue;
      const gov = this.governmentOf(rec, whenAt(c.i));
      if (!gov) continue;
      accepted.push({ i: c.i - 1, j: c.j, skip: prev.skip, kb: gov, type: 'ORG', src: 'gov' });
      c.nested = true;
    }

    // --- 8. coreference of names not in the KB, and surnames
    this.corefUnlinked(W, accepted);
    accepted.push(...this.propagateSurnames(W, D, accepted, inBoiler));

    // --- 9. names inside names: «دافوس» in «منتدى دافوس الاقتصادي», «غزة» in «حرب غزة»
    const top = accepted.filter((c) => !c.nested);
    for (const c of top) {
      if (!c.kb || c.j - c.i < 2) continue;
      const rec = this.kb.get(c.kb)!;
      if (rec.type !== 'ORG' && rec.type !== 'MISC') continue;
      // gazAll is in order of start: the matches starting in [c.i, c.j)
      let lo = 0;
      let hi = gazAll.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (gazAll[mid].start < c.i) lo = mid + 1;
        else hi = mid;
      }
      const inner: GazMatch[] = [];
      for (let n = lo; n < gazAll.length && gazAll[n].start < c.j; n++) {
        const g = gazAll[n];
        if (g.end <= c.j && !(g.start === c.i && g.end === c.j)) inner.push(g);
      }
      inner.sort((a, b) => b.end - b.start - (a.end - a.start));
      const taken: [number, number][] = [];
      for (const g of inner) {
        if (taken.some(([a, b]) => g.start < b && a < g.end)) continue;
        const id = this.choose(g.entries, when, null);
        if (!id || id === c.kb) continue;
        taken.push([g.start, g.end]);
        const r2 = this.kb.get(id)!;
        const target = r2.capital_of && r2.capital_of !== focus && !this.lex.locatives.has(W[g.start - 1]?.w ?? '') ? r2.capital_of : id;
        accepted.push({ i: g.start, j: g.end, skip: g.skip, kb: target, type: this.kb.get(target)!.type, src: 'nested', nested: true });
      }
    }

    return this.build(doc, W, accepted);
  }

  // ---------------------------------------------------------------------------------------------

  /** A tagger mention as a candidate: titles and clitics trimmed, looked up in the KB. */
  private fromMention(doc: Doc, W: Word[], m: Span, type: EntityType, docWhen: DateWindow, whenAt: (i: number) => DateWindow): Cand | null {
    const ns = toNormalized(doc.norm, m.start);
    const ne = toNormalized(doc.norm, m.end);
    // the first word ending after ns (W.findIndex((w) => w.e > ns)); words are in text order
    let lo = 0;
    let hi = W.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (W[mid].e > ns) hi = mid;
      else lo = mid + 1;
    }
    let i = lo < W.length ? lo : -1;
    if (i < 0) return null;
    let j = i;
    while (j < W.length && W[j].s < ne) j++;
    if (j <= i) return null;
    const when = whenAt(i) ?? docWhen;
    let titled = false;
    // leading titles («رئيس الوزراء محمد شياع السوداني») are not part of the name
    for (;;) {
      const t = this.titleAt(W, i, j);
      if (!t || t >= j) break;
      i = t;
      titled = true;
    }
    while (i < j && this.lex.titleModifiers.has(W[i].w)) i++;
    while (j > i && this.lex.titleModifiers.has(W[j - 1].w)) j--;
    if (i >= j) return null;
    // clitics on the first word: read them off when the rest is a known name or starts with ال
    const words = W.slice(i, j).map((w) => w.w);
    let best: { skip: number; id: string | null } = { skip: 0, id: null };
    for (const f of strippedForms(words[0])) {
      const key = [f.word, ...words.slice(1)].join(' ');
      const id = this.lookupMention(key, type, when);
      if (id) {
        best = { skip: f.skip, id };
        break;
      }
      if (best.skip === 0 && f.skip > 0 && /^ال/.test(f.word) && !/^ال/.test(words[0]) ) best = { skip: f.skip, id: null };
    }
    // an unknown name with a leading clitic the text layer did not split («وعائشة», «لأبو وائل»):
    // read it off when the rest stands alone elsewhere in the article
    if (!best.id && best.skip === 0) {
      for (const f of strippedForms(words[0])) {
        if (f.skip === 0 || f.word.length < 3) continue;
        if (this.hasWord(W, f.word)) {
          best = { skip: f.skip, id: null };
          break;
        }
      }
    }
    return { i, j, skip: best.skip, kb: best.id, type: best.id ? this.kb.get(best.id)!.type : titled ? 'PER' : type, src: 'ner', titled };
  }

  /** W.some((w) => w.w === x): a scan, or for a long article a set of its words made once. */
  private hasWord(W: Word[], x: string): boolean {
    if (W.length < 2048) {
      for (const w of W) if (w.w === x) return true;
      return false;
    }
    return this.wordsOf(W).has(x);
  }
  private wordsOf(W: Word[]): Set<string> {
    if (this.wordSetOf !== W || !this.wordSet) {
      this.wordSet = new Set(W.map((w) => w.w));
      this.wordSetOf = W;
    }
    return this.wordSet;
  }
  private wordSet: Set<string> | null = null;
  private wordSetOf: Word[] | null = null;

  /** Find a KB record for a mention key: names, ambiguous names (the tagger vouches for them), without descriptors. */
  private lookupMention(key: string, type: EntityType, when: DateWindow): string | null {
    const tries = [key];
    const ws = key.split(' ');
    if (ws.length > 1 && (this.lex.orgDescriptors.has(ws[0]) || this.lex.countryPrefixes.has(ws[0]))) tries.push(ws.slice(1).join(' '));
    for (const k of tries) {
      const entries = this.kb.lookupKey(k).filter((e) => e.kind === 'name' || e.kind === 'ambiguous');
      const id = this.choose(entries, when, null, type);
      if (id) return id;
    }
    // a person's short name («ترامب») tagged as a person: the one KB person who goes by it, if
    // that person held an office within four years of the dateline
    if (type === 'PER') {
      const people = [...new Set(this.kb.lookupKey(key).filter((e) => e.kind === 'ctx' && this.kb.get(e.id)!.type === 'PER').map((e) => e.id))];
      if (people.length === 1 && !this.lex.stopShort.has(key)) {
        const p = this.kb.get(people[0])!;
        const near = widen(when, 4);
        if ((p.roles ?? []).some((r) => activeIn(r.from, r.to, near))) return p.id;
      }
    }
    return null;
  }

  /** Pick one record among entries: valid at the date, preferring the tagger's type, countries over capitals, records present. */
  private choose(entries: NameEntry[], when: DateWindow, present: Set<string> | null, type?: EntityType): string | null {
    const ids = [...new Set(entries.map((e) => e.id))].filter((id) => this.kb.validAt(id, when));
    if (!ids.length) return null;
    if (ids.length === 1) return ids[0];
    const score = (id: string) => {
      const r = this.kb.get(id)!;
      let s = 0;
      if (present?.has(id)) s += 8;
      if (present && r.country && present.has(r.country)) s += 4;
      if (type && r.type === type) s += 2;
      if (r.kind === 'country') s += 1;
      return s;
    };
    return ids.sort((a, b) => score(b) - score(a))[0];
  }

  private genericFor(entries: NameEntry[], country: string): string | null {
    const hit = entries.find((e) => this.kb.get(e.id)?.country === country);
    return hit?.id ?? null;
  }

  /** Overlaps: KB names beat unlinked spans; longer beats shorter. */
  private select(cands: Cand[], W: Word[]): Cand[] {
    const len = (c: Cand) => c.j - c.i;
    const sorted = [...cands].sort((a, b) => {
      const la = a.kb ? 1 : 0;
      const lb = b.kb ? 1 : 0;
      return len(b) - len(a) || lb - la || (a.src === 'ner' ? -1 : 1);
    });
    const out: Cand[] = [];
    // words taken by `out` (out.some((o) => o.i < c.j && c.i < o.j) is: a word of [c.i, c.j) taken)
    const taken = new Uint8Array(W.length);
    // the linked candidates by first word, each list in `cands` order (their positions kept)
    const linkedAt = new Map<number, number[]>();
    let maxLen = 0;
    cands.forEach((k, n) => {
      if (!k.kb) return;
      const l = linkedAt.get(k.i);
      if (l) l.push(n);
      else linkedAt.set(k.i, [n]);
      if (len(k) > maxLen) maxLen = len(k);
    });
    // an unlinked tagger span that holds one KB name plus a proper word of its own («مجلس محافظة نينوى»)
    // stands; one that holds two names, starts with a generic head, or is the KB name plus noise yields.
    for (const c of sorted) {
      let clash = false;
      for (let k = c.i; k < c.j && !clash; k++) clash = taken[k] === 1;
      if (clash) continue;
      if (!c.kb) {
        // cands.filter((k) => k.kb && k.i >= c.i && k.j <= c.j && k !== c), in cands order
        const at: number[] = [];
        for (let s = c.i; s < c.j; s++) for (const n of linkedAt.get(s) ?? []) if (cands[n].j <= c.j && cands[n] !== c) at.push(n);
        const inner = at.sort((x, y) => x - y).map((n) => cands[n]);
        const innerTop = inner.filter((k) => !inner.some((o) => o !== k && o.i <= k.i && o.j >= k.j && len(o) > len(k)));
        if (innerTop.length >= 2) continue;
        if (innerTop.length === 1 && (this.lex.genericHeads.has(W[c.i].w) || !this.hasOwnName(W, c, innerTop[0]))) continue;
        // partial overlap with a KB name: the KB name wins
        // (cands.some((k) => k.kb && k.i < c.j && c.i < k.j && (k.i < c.i || k.j > c.j)))
        let partial = false;
        for (let s = Math.max(0, c.i - maxLen + 1); s < c.j && !partial; s++) {
          for (const n of linkedAt.get(s) ?? []) {
            const k = cands[n];
            if (k.i < c.j && c.i < k.j && (k.i < c.i || k.j > c.j)) {
              partial = true;
              break;
            }
          }
        }
        if (partial) continue;
      }
      out.push(c);
      for (let k = c.i; k < c.j; k++) taken[k] = 1;
    }
    return out;
  }

  /** Does an unlinked span have a name word outside the KB name it holds? */
  private hasOwnName(W: Word[], c: Cand, inner: Cand): boolean {
    for (let k = c.i; k < c.j; k++) {
      if (k >= inner.i && k < inner.j) continue;
      const w = W[k].w;
      if (this.lex.notNames.has(w) || this.isNisba(w) || this.lex.adjectives.has(w) || this.lex.locatives.has(w) || w === 'و') continue;
      if (/^و/.test(w) && k === inner.j) return false; // «العراق وحلف…»: two names joined
      return true;
    }
    return false;
  }

  private isNisba(w: string): boolean {
    for (const f of strippedForms(w)) if (this.nisba.has(f.word)) return true;
    return false;
  }

  /** Is an unlinked candidate a name (not a nisba, an adjective, a generic phrase or a title)? */
  private isName(W: Word[], c: Cand): boolean {
    const ws = W.slice(c.i, c.j).map((w, k) => (k === 0 ? strippedWord(w.w, c.skip) : w.w));
    const plain = (w: string) => this.isNisba(w) || this.lex.adjectives.has(w) || this.lex.notNames.has(w) || /^\d+$/.test(w);
    if (ws.every(plain)) return false;
    if (this.lex.genericHeads.has(ws[0]) && ws.slice(1).every((w) => plain(w) || this.lex.genericHeads.has(w))) return false;
    if (ws.length === 1 && (ws[0].length < 2 || this.lex.genericHeads.has(ws[0]))) return false;
    // a plural of a relational noun («دبلوماسيون», «العسكريين») is a group, not a name
    if (ws.length === 1 && ws[0].length >= 6 && /(يون|يين)$/.test(ws[0])) return false;
    // a noun with a possessive suffix («وشركائه», «حلفائها») is not a name
    if (ws.length === 1 && ws[0].length >= 6 && /(ايه|ايها|ايهم|اينا|اتها|اتهم)$/.test(ws[0])) return false;
    if (this.titleAt(W, c.i, c.j) === c.j) return false;
    return true;
  }

  /**
   * The country the article is about: each mention of a country counts 1, each mention of a place
   * in it (capital, city, governorate) 0.5; a tie goes to the country named more often itself.
   */
  private focusCountry(cands: Cand[]): string | null {
    const score = new Map<string, number>();
    const direct = new Map<string, number>();
    for (const c of cands) {
      if (!c.kb) continue;
      const r = this.kb.get(c.kb)!;
      if (r.type !== 'LOC') continue;
      if (r.kind === 'country') {
        score.set(r.id, (score.get(r.id) ?? 0) + 1);
        direct.set(r.id, (direct.get(r.id) ?? 0) + 1);
      } else if (r.country && this.kb.get(r.country)?.kind === 'country') {
        score.set(r.country, (score.get(r.country) ?? 0) + 0.5);
      }
    }
    let best: string | null = null;
    for (const [k, v] of score) {
      if (best == null) best = k;
      const bv = score.get(best)!;
      if (v > bv || (v === bv && (direct.get(k) ?? 0) > (direct.get(best) ?? 0))) best = k;
    }
    return best;
  }

  /** A nisba right after word index j («وزارة الخارجية العراقية») → its country. */
  private nisbaAfter(W: Word[], j: number, normText: string): string | null {
    if (j >= W.length || !joinable(normText, W, j - 1)) return null;
    return this.nisba.get(W[j].w) ?? null;
  }

  /** If a title phrase starts at word i (ending at or before j), the index after it. */
  private titleAt(W: Word[], i: number, j: number): number | null {
    if (i >= j) return null;
    let d = this.lastW === W ? this.lastD : null;
    if (!d) {
      d = new DocWords('', W);
      this.lastW = W;
      this.lastD = d;
    }
    const end = this.titleTrie.longestEnd(d, i, j);
    return end < 0 ? null : end;
  }
  /** The DocWords of the words of the article being linked. */
  private lastW: Word[] | null = null;
  private lastD: DocWords | null = null;

  /** kb.titleKeys(), made once (again if roles were added to the KB since). */
  private roleTitles(): Set<string> {
    if (!this.titleKeySet || this.titleKeyRoles !== this.kb.roles.length) {
      this.titleKeySet = this.kb.titleKeys();
      this.titleKeyRoles = this.kb.roles.length;
    }
    return this.titleKeySet;
  }
  private titleKeySet: Set<string> | null = null;
  private titleKeyRoles = -1;

  /** The words of all of a person's Arabic names (nameKey), made once per record. */
  private nameWords(p: KbRecord): string[] {
    let ws = this.nameWordCache.get(p);
    if (!ws) this.nameWordCache.set(p, (ws = p.names_ar.flatMap((n) => nameKey(n).split(' '))));
    return ws;
  }
  private readonly nameWordCache = new WeakMap<KbRecord, string[]>();

  /**
   * The title before a person candidate: «رئيس الوزراء محمد…», «الأمين العام لحلف شمال الأطلسي ينس…»,
   * «السفيرة الأمريكية في العراق، إلينا…». Returns the title key and the org it names.
   */
  private titleBefore(W: Word[], c: Cand, normText: string, endingAt: Map<number, Cand[]>): { title: string; orgs: string[] } | null {
    let k = c.i - 1;
    const orgs: string[] = [];
    for (let steps = 0; k >= 0 && steps < PER_LIKE_TITLES_MAX + 4; steps++) {
      const gap = normText.slice(W[k].e, W[k + 1].s);
      if (/[.!?؟\n:]/.test(gap)) return null;
      const w = W[k].w;
      // accepted.find((o) => o.kb && o.j === k + 1 && o !== c && !o.nested)
      const orgCand = endingAt.get(k + 1)?.find((o) => o.kb && o !== c);
      if (orgCand) {
        const r = this.kb.get(orgCand.kb!)!;
        if (r.type === 'PER') return null;
        orgs.push(orgCand.kb!);
        k = orgCand.i - 1;
        continue;
      }
      const nis = this.nisba.get(w);
      if (nis || w === 'في' || this.lex.titleModifiers.has(w)) {
        if (nis) orgs.push(nis);
        k--;
        continue;
      }
      // a title ending at k
      for (let s = Math.max(0, k - 4); s <= k; s++) {
        const end = this.titleAt(W, s, k + 1);
        if (end === k + 1) return { title: W.slice(s, k + 1).map((x, n) => (n === 0 ? stripAll(x.w) : x.w)).join(' '), orgs };
      }
      return null;
    }
    return null;
  }

  /** An unlinked name after a title: the role holder whose name shares a word with it. */
  private groundByTitle(W: Word[], c: Cand, t: { title: string; orgs: string[] }, when: DateWindow): string | null {
    const words = new Set(W.slice(c.i, c.j).map((w, k) => (k === 0 ? strippedWord(w.w, c.skip) : w.w)));
    const orgOk = (org: string | null) => {
      if (!t.orgs.length) return true;
      if (org && t.orgs.includes(org)) return true;
      const r = org ? this.kb.get(org) : null;
      return !!r && ((!!r.country && t.orgs.includes(r.country)) || (!!r.parent && t.orgs.includes(r.parent)));
    };
    const cands = this.kb.roles.filter((e) => orgOk(e.role.org));
    const hits: string[] = [];
    for (const e of cands) {
      const p = this.kb.get(e.person)!;
      const shared = this.nameWords(p).some((x) => x.length > 2 && words.has(x) && !this.lex.stopShort.has(x));
      if (shared && !hits.includes(e.person)) hits.push(e.person);
    }
    if (hits.length === 1) return hits[0];
    const active = hits.filter((id) => this.kb.get(id)!.roles!.some((r) => orgOk(r.org) && this.kb.holders(null, r.org, when).includes(id)));
    return active.length === 1 ? active[0] : null;
  }

  /** «الأمين العام لحلف الناتو» with no name after it → who held the office at the dateline. */
  private roleMentions(W: Word[], normText: string, accepted: Cand[], whenAt: (i: number) => DateWindow, inBoiler: (c: { i: number }) => boolean): Cand[] {
    const out: Cand[] = [];
    const roleTitles = this.roleTitles();
    // `accepted` by first word (positions, ascending) and the top-level ones by word: each title
    // looks only at the candidates near it (issue 9: a scan of all of them per title was quadratic)
    const startingAt = new Map<number, number[]>();
    accepted.forEach((o, n) => {
      const l = startingAt.get(o.i);
      if (l) l.push(n);
      else startingAt.set(o.i, [n]);
    });
    const over = new WordCover(W.length, accepted);
    for (let i = 0; i < W.length; i++) {
      const end = this.titleAt(W, i, Math.min(W.length, i + 6));
      if (end == null || inBoiler({ i })) continue;
      const title = W.slice(i, end).map((x, n) => (n === 0 ? stripAll(x.w) : x.w)).join(' ');
      if (!roleTitles.has(title)) continue;
      // the org right after: a nisba or a KB body/country
      let org: string | null = null;
      let k = end;
      // «رئيس أمريكي» (indefinite) is not an office: the nisba must be definite
      const nis = k < W.length && joinable(normText, W, k - 1) && W[k].w.startsWith('ال') ? this.nisba.get(W[k].w) : undefined;
      if (nis) {
        org = nis;
        k++;
      } else {
        // accepted.find((o) => o.kb && o.i === k && !o.nested && this.kb.get(o.kb)!.type !== 'PER')
        const n = startingAt.get(k)?.find((n) => {
          const o = accepted[n];
          return o.kb && !o.nested && this.kb.get(o.kb)!.type !== 'PER';
        });
        const oc = n === undefined ? undefined : accepted[n];
        if (oc) {
          org = oc.kb;
          k = oc.j;
        }
      }
      if (!org) continue;
      // followed by a name (possibly after a comma) or «السابق»: not a bare role
      if (k < W.length && this.lex.former.has(W[k].w)) continue;
      // accepted.find((o) => o.i === k || o.i === k + 1): the first in `accepted` order
      const n0 = startingAt.get(k)?.[0] ?? Infinity;
      const n1 = startingAt.get(k + 1)?.[0] ?? Infinity;
      const next = Math.min(n0, n1) < Infinity ? accepted[Math.min(n0, n1)] : undefined;
      if (next && (next.type === 'PER' || (next.kb && this.kb.get(next.kb)!.type === 'PER'))) continue;
      // accepted.some((o) => !o.nested && o.i < k && i < o.j && !(o.i >= end && o.j <= k))
      if (over.overlapping(i, k).some((o) => !(o.i >= end && o.j <= k))) continue;
      const when = whenAt(i);
      if (!when.date && !when.earliest && !when.latest) continue;
      const holders = this.kb.holders(title, org, when);
      if (holders.length !== 1) continue;
      const skip = strippedForms(W[i].w).find((f) => f.word === stripAll(W[i].w))?.skip ?? 0;
      out.push({ i, j: k, skip, kb: holders[0], type: 'PER', src: 'role', nested: true });
      i = k - 1;
    }
    return out;
  }

  private governmentOf(person: KbRecord, when: DateWindow): string | null {
    for (const r of person.roles ?? []) {
      if (!r.org) continue;
      const heads = this.kb.holders(null, r.org, when);
      if (!heads.includes(person.id)) continue;
      for (const rec of this.kb.records.values()) if (rec.government_of === r.org) return rec.id;
    }
    return null;
  }

  /** Unlinked persons: a single word that is the first or last word of a fuller name joins it. */
  private corefUnlinked(W: Word[], accepted: Cand[]): void {
    const key = (c: Cand) => W.slice(c.i, c.j).map((w, k) => (k === 0 ? strippedWord(w.w, c.skip) : w.w)).join(' ');
    const persons = accepted.filter((c) => !c.nested && (c.type === 'PER' || (c.kb && this.kb.get(c.kb)?.type === 'PER')));
    const full = persons.filter((c) => c.j - c.i >= 2);
    // the words of the full names do not change below: made once
    const fullKeys = full.map(key);
    const fullWords = fullKeys.map((k) => k.split(' '));
    // the full names by last word and by first word (positions in `full`): only those can match
    const byLast = new Map<string, number[]>();
    const byFirst = new Map<string, number[]>();
    fullWords.forEach((fw, n) => {
      const a = fw[fw.length - 1];
      const b = fw[0];
      (byLast.get(a) ?? byLast.set(a, []).get(a)!).push(n);
      (byFirst.get(b) ?? byFirst.set(b, []).get(b)!).push(n);
    });
    for (const c of accepted) {
      if (c.kb || c.nested) continue;
      c.key = key(c);
      if (c.type !== 'PER' && !(c.j - c.i === 1)) continue;
      const ws = c.key.split(' ');
      const matches = new Map<string, Cand>();
      // a suffix of a full name ends with its last word; a first name is its first word
      const ns = [...(byLast.get(ws[ws.length - 1]) ?? []), ...(ws.length === 1 ? byFirst.get(ws[0]) ?? [] : [])];
      if (ns.length > 1) ns.sort((x, y) => x - y);
      for (let q = 0; q < ns.length; q++) {
        const n = ns[q];
        if (q > 0 && ns[q - 1] === n) continue;
        const f = full[n];
        if (f === c) continue;
        const fw = fullWords[n];
        if (fw.length <= ws.length) continue;
        const isSuffix = ws.every((w, n) => fw[fw.length - ws.length + n] === w);
        const isFirst = ws.length === 1 && fw[0] === ws[0] && !this.kb.lookupKey(ws[0]).length;
        if (isSuffix || isFirst) matches.set(f.kb ?? fullKeys[n], f);
      }
      if (matches.size === 1) {
        const f = [...matches.values()][0];
        if (f.kb) c.kb = f.kb;
        else c.key = key(f);
        c.type = f.kb ? this.kb.get(f.kb)!.type : f.type;
      }
    }
  }

  /** A person named in full is then called by the surname alone: add those mentions. */
  private propagateSurnames(W: Word[], D: DocWords, accepted: Cand[], inBoiler: (c: { i: number }) => boolean): Cand[] {
    const out: Cand[] = [];
    const seen = new Set<string>();
    // words held by a top-level (not nested) candidate of `accepted` or `out`; made when needed
    let held: Uint8Array | null = null;
    for (const c of accepted) {
      if (c.nested || c.j - c.i < 2) continue;
      const isPer = c.kb ? this.kb.get(c.kb)!.type === 'PER' : c.type === 'PER';
      if (!isPer) continue;
      const last = W[c.j - 1].w;
      if (last.length < 4 || this.lex.stopShort.has(last) || this.lex.notNames.has(last) || seen.has(last)) continue;
      if (!last.startsWith('ال') && this.isNisba(last)) continue;
      seen.add(last);
      const target = c.kb ?? null;
      const tkey = c.key ?? W.slice(c.i, c.j).map((w, k) => (k === 0 ? strippedWord(w.w, c.skip) : w.w)).join(' ');
      if (!held) {
        held = new Uint8Array(W.length);
        for (const o of accepted) if (!o.nested) for (let k = o.i; k < o.j; k++) held[k] = 1;
      }
      // the words with a reading `last`, in order, each with the skip of its first such reading
      const at = D.wordsWithForm(last);
      for (let n = 0; n < at.length; n += 2) {
        const i = at[n];
        const skip = at[n + 1];
        if (held[i]) continue;
        if (inBoiler({ i })) continue;
        // «السوداني» standing for a person, not the first word of another name
        if (i + 1 < W.length && D.joinable(i) && this.names.hasMatch(D, i)) continue;
        out.push({ i, j: i + 1, skip, kb: target, type: 'PER', src: 'short', key: tkey });
        held[i] = 1;
      }
    }
    return out;
  }

  /** Group candidates into entities, ordered by first mention. */
  private build(doc: Doc, W: Word[], cands: Cand[]): Entity[] {
    const groups = new Map<string, { kb: string | null; type: EntityType; spans: Span[]; names: string[] }>();
    const seenSpan = new Set<string>();
    for (const c of cands.sort((a, b) => W[a.i].s - W[b.i].s || b.j - a.j)) {
      const nStart = W[c.i].s + c.skip;
      const nEnd = W[c.j - 1].e;
      const { start, end } = toOriginal(doc.norm, doc.text, nStart, nEnd);
      let e2 = end;
      // a quote opened inside the name closes it: «منصة "إكس"»
      const inner = doc.text.slice(start, e2);
      if (/["“«]/.test(inner) && /^["”»]/.test(doc.text.slice(e2, e2 + 1))) e2++;
      const text = doc.text.slice(start, e2);
      const sk = `${start}:${e2}`;
      if (seenSpan.has(sk)) continue;
      seenSpan.add(sk);
      const gkey = c.kb ?? 'u:' + (c.key ?? W.slice(c.i, c.j).map((w, k) => (k === 0 ? strippedWord(w.w, c.skip) : w.w)).join(' '));
      const g = groups.get(gkey) ?? { kb: c.kb, type: (c.kb ? this.kb.get(c.kb)!.type : c.type) ?? 'MISC', spans: [], names: [] };
      if (!c.kb && c.titled) g.type = 'PER';
      g.spans.push({ start, end: e2, text });
      g.names.push(text);
      groups.set(gkey, g);
    }
    const ents: Entity[] = [];
    for (const [gkey, g] of groups) {
      g.spans.sort((a, b) => a.start - b.start);
      if (g.kb) {
        const r = this.kb.get(g.kb)!;
        ents.push({ id: '', kb: r.id, type: r.type, name: r.names_ar[0], name_en: r.name_en, mentions: g.spans });
      } else {
        const key = gkey.slice(2);
        // the first span with the longest nameKey (each span's key made once)
        let longest = g.spans[0];
        let longestLen = nameKey(longest.text).length;
        for (let n = 1; n < g.spans.length; n++) {
          const l = nameKey(g.spans[n].text).length;
          if (l > longestLen) {
            longest = g.spans[n];
            longestLen = l;
          }
        }
        ents.push({ id: '', kb: entityIdOf(key), type: g.type, name: longest.text.replace(/["“”«»]/g, '').trim(), name_en: null, mentions: g.spans });
      }
    }
    ents.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
    ents.forEach((e, n) => (e.id = `e${n + 1}`));
    return ents;
  }
}

/**
 * The top-level (not nested) candidates over each word: which of them overlap a span, in time
 * proportional to the span and the candidates there, not to all the candidates of the article.
 */
export class WordCover<C extends { i: number; j: number; nested?: boolean } = Cand> {
  private readonly at: (C[] | undefined)[];
  constructor(n: number, cands: C[]) {
    this.at = new Array(n);
    for (const c of cands) if (!c.nested) this.add(c);
  }
  add(c: C): void {
    for (let k = c.i; k < c.j; k++) (this.at[k] ??= []).push(c);
  }
  remove(c: C): void {
    for (let k = c.i; k < c.j; k++) {
      const l = this.at[k];
      const n = l ? l.indexOf(c) : -1;
      if (n >= 0) l!.splice(n, 1);
    }
  }
  /** The candidates that share a word with [i, j), each once (in no particular order). */
  overlapping(i: number, j: number): C[] {
    const out: C[] = [];
    for (let k = Math.max(0, i); k < j && k < this.at.length; k++) {
      for (const c of this.at[k] ?? []) if (!out.includes(c)) out.push(c);
    }
    return out;
  }
}

/** newEntityId(key), remembered (the same names come back article after article). */
const entityIds = new Map<string, string>();
function entityIdOf(key: string): string {
  let id = entityIds.get(key);
  if (id === undefined) {
    if (entityIds.size >= 50_000) entityIds.clear();
    entityIds.set(key, (id = newEntityId(key)));
  }
  return id;
}

function inflectNisba(masc: string): string[] {
  const forms = [masc, masc + 'ه', masc + 'ون', masc + 'ين', masc + 'ان', masc + 'تان', masc + 'تين'];
  return [...forms, ...forms.map((f) => 'ال' + f)];
}

/** The word with `skip` leading clitic chars removed, لل read as ال. */
function strippedWord(w: string, skip: number): string {
  const rest = w.slice(skip);
  return rest.startsWith('لل') ? 'ال' + rest.slice(2) : rest;
}
/** A word without any leading و/ف/ب/ك/ل clitic (لل → ال). */
function stripAll(w: string): string {
  const forms = strippedForms(w);
  return forms[forms.length - 1].word;
}
function bestStrip(w: string, ok: (w: string) => boolean): { word: string | null; skip: number } {
  for (const f of strippedForms(w)) if (ok(f.word)) return { word: f.word, skip: f.skip };
  return { word: null, skip: 0 };
}

/** A date window widened by `years` on both sides (an open window stays open). */
function widen(w: DateWindow, years: number): DateWindow {
  const lo = w.date ?? w.earliest ?? w.latest;
  const hi = w.date ?? w.latest ?? w.earliest;
  if (!lo || !hi) return { date: null };
  const shift = (d: string, k: number) => String(Number(d.slice(0, 4)) + k).padStart(4, '0') + d.slice(4);
  return { earliest: shift(lo, -years), latest: shift(hi, years) };
}
