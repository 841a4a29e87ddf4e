// Events: PLOVER-typed happenings found through an Arabic trigger lexicon (data/claims/triggers.tsv),
// with actors and targets from argument patterns («استقبل A B», «التقى A ب B», «خلال لقائه ب B»,
// «اتفقت واشنطن وبغداد», «لقاء A مع B», «انسحاب قوات X», «الضربات الأميركية»), location, time (the
// attached time expression, else the dateline), status (data/claims/status-cues.tsv, the future
// prefix, a time after the dateline), one event per real happening, and an English line built from
// the fields (data/claims/summary-en.tsv). See docs/claims.md.
import type { Doc, Event, EventStatus, PloverType } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import {
  Ctx,
  PhraseLexicon,
  afterDateline,
  datelineValue,
  normEntry,
  origSpan,
  wordSet,
  readTsv,
  nisbaTable,
  registerKeys,
  allVariants,
  vs,
  type EntRef,
  type Word,
} from './common.js';
import type { KnowledgeBase } from '../../kb/kb.js';
import { Participants } from './roles.js';

interface Trig {
  /** null for a stop phrase («مؤتمر صحفي») that shadows a shorter trigger */
  type: PloverType | null;
  /** words one of which must stand within six words (from a `needs=a|b` flag) */
  needs: Set<string> | null;
  mode: string | null;
  verb: boolean;
  flags: Set<string>;
}
interface Lex {
  triggers: PhraseLexicon<Trig>;
  status: PhraseLexicon<{ status: EventStatus; after: boolean }>;
  summary: Map<string, { past: string; base: string }>;
}
let lexCache: Lex | null = null;
function lex(): Lex {
  if (lexCache) return lexCache;
  const triggers = new PhraseLexicon<Trig>();
  for (const { cols } of readTsv('triggers.tsv', 5)) {
    const flags = new Set(cols[4] === '-' ? [] : cols[4].split(','));
    let needs: Set<string> | null = null;
    for (const f of flags) if (f.startsWith('needs=')) needs = new Set(f.slice(6).split('|').map(normEntry));
    if (needs) registerKeys(needs);
    triggers.add(cols[0], {
      type: cols[1] === '-' ? null : (cols[1] as PloverType),
      needs,
      mode: cols[2] === '-' ? null : cols[2],
      verb: cols[3] === 'verb',
      flags,
    });
  }
  const status = new PhraseLexicon<{ status: EventStatus; after: boolean }>();
  for (const { cols } of readTsv('status-cues.tsv', 3)) status.add(cols[0], { status: cols[1] as EventStatus, after: cols[2] === 'after' });
  const summary = new Map<string, { past: string; base: string }>();
  for (const { cols } of readTsv('summary-en.tsv', 4)) summary.set(`${cols[0]}|${cols[1]}`, { past: cols[2], base: cols[3] });
  nisbaTable(); // registers the nisba forms
  registerKeys(FORCE_WORDS);
  registerKeys(REFERENCE);
  registerKeys(MISSION_BODY);
  registerKeys(EXPERIENCER);
  registerKeys(SOURCE_CUES);
  registerKeys(SPORTS);
  return (lexCache = { triggers, status, summary });
}

const FORCE_WORDS = new Set([
  'مهمه', 'مهام', 'المهمه', 'المهام', 'مهمت', 'قوات', 'القوات', 'قواتها', 'قواته', 'عديد', 'عدد', 'تعداد', 'وجود', 'الوجود',
  'تواجد', 'التواجد', 'جنود', 'الجنود', 'القوه', 'قوه', 'المستشارين', 'مستشاري', 'قاعده', 'قواعد', 'البعثه', 'بعثه',
  'الحضور', 'حضور', 'نطاق', 'انشطه', 'القتاليه', 'العسكريه',
]);
const PREPS = new Set(['في', 'من', 'الي', 'علي', 'عن', 'مع', 'ضد', 'عبر', 'بين', 'خلال', 'حول', 'بشان', 'لدي', 'منذ', 'حتي', 'بعد', 'قبل']);
const TARGET_PREPS = new Set(['مع', 'علي', 'ضد', 'الي']);
const RELATIVE = new Set(['التي', 'الذي', 'الذين']);
const FILLERS = new Set(['كان', 'كانت', 'قد', 'وكان', 'وكانت', 'فقد', 'وقد', 'لقد', 'هو', 'هي']);
const LOC_PREPS = new Set(['في', 'داخل', 'بداخل']);
const TEMPORAL = new Set(['حتي', 'بعد', 'قبل', 'منذ', 'لكن', 'ولكن']);
const COMPLEMENT = new Set(['علي', 'حول', 'بشان', 'بين', 'مع', 'الي', 'في']);
const PASSIVE = new Set(['تم', 'يتم', 'سيتم', 'وتم', 'جري', 'يجري', 'وجري', 'تمت']);
const MISSION_BODY = new Set(['بعثه', 'البعثه']);
const NEEDS_PARTY = new Set(['CONSULT', 'AGREE', 'REQUEST', 'SUPPORT', 'COOPERATE', 'AID', 'REJECT', 'ACCUSE', 'THREATEN', 'SANCTION', 'CONCEDE']);
const TITLE_WORDS = wordSet(['رئيس', 'الرئيس', 'وزير', 'الوزير', 'وزيره', 'الوزراء', 'امين', 'الامين', 'عام', 'العام', 'زعيم', 'الزعيم', 'المتحدث', 'الناطق', 'مستشار', 'المستشار', 'السفيره', 'الملك', 'ولي', 'الامير', 'الشيخ', 'المرشد', 'السفير', 'السفيره', 'قائد', 'القائد', 'الفريق', 'زعيم', 'مستشار', 'نائب', 'الخارجيه', 'الدفاع', 'العراقي', 'الامريكي', 'الاميركي']);
const NAME_HEADS = wordSet(['حزب', 'جماعه', 'حركه', 'تيار', 'ائتلاف', 'كتله', 'قناه', 'صحيفه', 'وكاله', 'مجله', 'جبهه']);
const REFERENCE = new Set(['بموجب', 'وفق', 'وفقا', 'حسب', 'بحسب', 'ضمن', 'اطار']);
const AUX = new Set(['يتم', 'تتم', 'تم', 'يكون', 'تكون', 'يمكن']);
const COMP = new Set(['ان', 'انه', 'انها', 'انهم', 'بان', 'بانه', 'بانها']);
// a place after these is where it happened, never who acted («قرب مطار بغداد», «خارج المدينة»),
// also with a preposition glued on («بشرق أفغانستان», «بجنوب العراق», «بوسط سوريا»)
const SPATIAL = new Set(['قرب', 'خارج', 'عند', 'امام', 'محيط', 'فوق', 'تحت', 'شمال', 'جنوب', 'شرق', 'غرب', 'شمالي', 'جنوبي', 'شرقي', 'غربي', 'وسط', 'اطراف', 'ضواحي', 'قباله']);
/** A spatial word, bare or with و/ف and then ب or ال («بشرق», «وبالقرب», «الجنوب العراقي»). */
function isSpatial(w: Word | undefined): boolean {
  if (!w || w.k !== 'w') return false;
  const t = SPATIAL.has(w.t) ? w.t : w.t.replace(/^[وف](?=..)/, '');
  return SPATIAL.has(t) || SPATIAL.has(t.replace(/^(ب|ال)(?=..)/, ''));
}
// the subject of these undergoes the event named after them («تعرضت القوات لهجوم», «تلقى اتصالا من»)
// (تعرض and عرضة take the event with لـ; تلقى and واجه as their object)
const EXPERIENCER_L = new Set(['تعرض', 'تعرضت', 'يتعرض', 'تتعرض', 'تعرضوا', 'يتعرضون', 'تعرضا', 'عرضه']);
const EXPERIENCER_OBJ = new Set(['تلقي', 'تلقت', 'يتلقي', 'تتلقي', 'تلقوا', 'يتلقون', 'تلقيا', 'واجه', 'واجهت', 'يواجه', 'تواجه', 'واجهوا', 'يواجهون']);
const EXPERIENCER = new Set([...EXPERIENCER_L, ...EXPERIENCER_OBJ]);
// a nisba after these describes that person («مقتل القائد الإيراني»), not who acted
const PERSON_NOUNS = wordSet(['الجندي', 'جندي', 'جنديا', 'جنديين', 'المواطن', 'مواطن', 'مواطنين', 'المواطنين', 'الناشط', 'ناشط', 'الصحفي', 'صحفي', 'المتظاهر', 'متظاهر', 'الطالب', 'السائح', 'سائح', 'الدبلوماسي', 'دبلوماسي', 'المعارض', 'معارض', 'الاسير', 'السجين', 'الرهينه', 'رهينه', 'الشاب', 'شاب', 'رجل', 'امراه', 'طفل', 'مدني', 'مدنيين', 'المدنيين', 'عنصر', 'عناصر', 'مقاتل', 'مقاتلين', 'المقاتلين', 'القيادي', 'قيادي', 'الضابط', 'ضابط', 'المسؤول', 'مسؤول', 'الزعيم', 'القائد', 'قائد', 'الرئيس', 'رئيس']);
const VICTIM_TYPES = new Set<PloverType>(['ASSAULT', 'COERCE']);
// a mention right after these is where the report came from («بحسب بيان المكتب الإعلامي», «وفقا لرويترز»)
const SOURCE_CUES = new Set(['بحسب', 'حسب', 'وفقا', 'وفق', 'نقلا', 'طبقا']);
// «فصائل موالية لإيران», «قوات سوريا الديمقراطية المدعومة من الولايات المتحدة», «المقربة من»,
// «المتحالفة مع», «المرتبطة بطهران»: a state named after these is the patron of whoever the phrase
// describes, not a party to the event; so is any patron of a body named before it («منظمة بدر
// المقربة من إيران», «جيش المهدي التابع لمقتدى الصدر»). A group's own fighters are its own
// («المقاتلين المرتبطين بتنظيم داعش»: Daesh stays a party).
const AFFILIATION = /^(و)?(ال)?(موال|مدعوم|متحالف|مرتبط|مقرب|محسوب)(ي|يه|ين|ون|ه|ان|ا|تان|تين)?$/;
// «التابعة لـ» names a patron after a named body or an armed group only («مجلس الأمن التابع للأمم
// المتحدة», «ميليشيات تابعة لإيران»); after «مواقع», «عناصر», «مبان» the owner is a party
const OWNED = /^(و)?(ال)?تابع(ه|ين|ون|ان|تان|تين)?$/;
const PROXY_HEADS = wordSet(['ميليشيات', 'الميليشيات', 'مليشيات', 'المليشيات', 'ميليشيا', 'مليشيا', 'فصائل', 'الفصائل', 'فصيل', 'الفصيل', 'جماعات', 'الجماعات', 'جماعه', 'الجماعه', 'مجموعات', 'المجموعات', 'احزاب', 'الاحزاب', 'حركات', 'الحركات', 'كتائب', 'الكتائب']);
// between the affiliation word and the patron («المدعومة من قبل روسيا», «مدعومة بقوات من حزب الله»)
const AFFILIATION_LINKS = new Set(['من', 'قبل', 'مع', 'علي', 'الي', 'ب', 'ل', 'بقوات', 'قوات']);
// What an accusation, a decision or a demand says, a reason and a purpose open a clause of their own:
// the parties named there are not the event's («اتهم ألمانيا بأنها أصبحت رهينة لروسيا», «أيد قرار
// إدارة ترامب بإغلاق مكتب منظمة التحرير», «قواتها التي نشرتها لمحاربة تنظيم داعش»)
const CLAUSE_OPENERS = new Set([...COMP, 'لان', 'لانه', 'لانها', 'كي', 'لكي', 'بهدف', 'بغيه', 'لغرض', 'سعيا']);
const PURPOSE_PAIRS = new Map([['من', 'اجل'], ['في', 'سبيل']]);
// a masdar: تفعيل، افتعال، انفعال، استفعال، مفاعلة (تدريب، احتلال، انسحاب، استعادة، محاربة); إفعال
// (إغلاق) only after بـ/إلى: after لـ it is as often a plural (للأكراد، لأنصار)
const MASDAR = /^(ت..ي.|ا.ت.ا.|ان..ا.|است..ا.|م.ا..ه)$/;
const MASDAR_IF3AL = /^ا..ا.$/;
// nouns of those shapes that head a name or name a party («لتنظيم داعش», «للمعارضة السورية»)
const NOT_MASDAR = new Set(['تنظيم', 'مقاومه', 'محافظه', 'معارضه', 'مقاطعه', 'منظمه']);
const PURPOSE_NOUNS = new Set(['قتال', 'دعم', 'حمايه', 'منع', 'صد', 'دحر', 'هزيمه', 'بحث', 'حل', 'فرض', 'رفع', 'وقف', 'ضمان', 'بناء', 'ضرب', 'تصدي', 'اغلاق', 'انهاء', 'ارسال', 'اسقاط', 'اخراج']);
// «بحضور X», «بمشاركة X», «بقيادة X», «بالتعاون مع X», «بدعم من X»: X takes part
const WITH_NOUNS = new Set(['مشاركه', 'حضور', 'قياده', 'تعاون', 'تنسيق', 'دعم', 'اشراف', 'رعايه', 'مساعده', 'مسانده', 'مرافقه']);

/**
 * Where what the event says, why or what for begins after its trigger (words j..ce), else ce: a
 * complementizer or a purpose word («بأن», «لأن», «بهدف», «من أجل»), «لـ» + a masdar («لمحاربة»),
 * and past a named object «بـ/إلى» + a masdar («اتهم إيران بدعم …», «دعا الحلف إلى توسيع …»);
 * `object` says which mentions can be that object (not the actor).
 */
function contentStart(ctx: Ctx, j: number, ce: number, object: (m: EntRef) => boolean = () => true): number {
  const words = ctx.words;
  for (let k = j; k < ce; k++) {
    const e = ctx.entAt[k];
    if (e) {
      k = e.j - 1;
      continue;
    }
    const w = words[k];
    if (w.k !== 'w' || ctx.timeAt[k] >= 0) continue;
    const t = w.t.replace(/^[وف](?=...)/, '');
    if (CLAUSE_OPENERS.has(t) || PURPOSE_PAIRS.get(t) === words[k + 1]?.t) return k;
    const m = /^(لل|ل|ب|بال)(?=...)/.exec(t);
    const p = m ? (m[1] === 'بال' ? 'ب' : m[1][0]) : words[k - 1]?.t === 'الي' ? 'الي' : null;
    if (!p) continue;
    const stem = (m ? t.slice(m[1].length) : t).replace(/^ال(?=...)/, '');
    if (NOT_MASDAR.has(stem)) continue;
    const masdar = MASDAR.test(stem) || PURPOSE_NOUNS.has(stem);
    if (p === 'ل') {
      if (masdar) return k;
      continue;
    }
    // «بـ/إلى» right after the trigger or its actor is the trigger's own complement («رحبت كتلة
    // الصدر بترشيح عبد المهدي»); past an object it says what of it («اتهمت لندن المخابرات الروسية بتنفيذ الهجوم»)
    const prev = p === 'الي' ? k - 2 : k - 1;
    const pe = ctx.entAt[prev];
    if ((masdar || MASDAR_IF3AL.test(stem)) && !WITH_NOUNS.has(stem) && prev >= j && !(pe && !object(pe))) return k;
  }
  return ce;
}

// a match, a team, a league: a country named there stands for its team («مباراة ودية بين روسيا
// وفرنسا», «منتخب فرنسا»), and a sports fixture is no political event. Not the words political
// news uses as often: «نادي» (نادي باريس للدائنين، نادي الأسير), «لاعب» (لاعب إقليمي), «بطولة»
// (heroism: «بطولات الجيش»)
const SPORTS = new Set(['مباراه', 'مباريات', 'منتخب', 'منتخبات', 'كاس', 'ملعب', 'ملاعب', 'مونديال', 'اولمبياد', 'فيفا', 'يويفا', 'ركله', 'ركلات']);
// («الرئيس المنتخب», «البرلمان المنتخب»: elected)
const ELECTED = /^(ال)?(ر[ئي]?يس|برلمان|مجلس|حكومه|ناي?ب|نائب|نواب|عمده)$/;
function isSports(words: Word[], k: number): boolean {
  const w = words[k];
  if (!w || w.k !== 'w') return false;
  if (/^[وفبل]?(ال|لل)دوري$/.test(w.t)) return true;
  return has(words, k, SPORTS) && !(/منتخب/.test(w.t) && ELECTED.test(words[k - 1]?.t ?? ''));
}
/** An article with three sports words or more: a meeting of states there is a match («فتلتقي فرنسا الثلاثاء في سان بطرسبورغ»). */
function sportsArticle(ctx: Ctx): boolean {
  let n = 0;
  for (let k = 0; k < ctx.words.length; k++) if (!ctx.words[k].bp && isSports(ctx.words, k) && ++n >= 3) return true;
  return false;
}
const STATUS_RANK: Record<EventStatus, number> = { negated: 5, demanded: 4, expected: 3, planned: 2, realized: 1 };

export interface EventStageOptions {
  /** Write Event.summary_en (default true). */
  summaries?: boolean;
  /** The knowledge base the linker used (entity kinds and start dates; default the shipped one). */
  kb?: KnowledgeBase;
}

export function createEventStage(options: EventStageOptions = {}): Stage {
  const summaries = options.summaries ?? true;
  lex();
  const parts = new Participants(options.kb);
  return {
    name: 'events',
    requires: ['tokens', 'sentences', 'times', 'entities', 'published'],
    assigns: ['events'],
    run(doc: Doc) {
      doc.events = extractEvents(doc, summaries, parts);
    },
  };
}

interface Cand {
  ev: Event;
  i: number;
  j: number;
  trig: Trig;
  /** the time was stated in the clause (not the dateline) */
  statedTime: boolean;
  statedLoc: boolean;
  participants: Set<string>;
  /** a definite noun with no participants («الاجتماع»): the last event of its type */
  anaphoric: boolean;
  /** «تم/جرى + trigger»: who did it is told elsewhere in the sentence */
  passive: boolean;
  /** called for by «أهمية/ضرورة/دعا إلى» rather than a request verb; who calls for it */
  demandCue: boolean;
  speaker: string | null;
}

function has(words: Word[], k: number, set: Set<string>): boolean {
  const w = words[k];
  if (!w || w.k !== 'w') return false;
  if (set.has(w.t)) return true;
  return vs(w).some((v) => set.has(v.f));
}

/** A headline, caption or subhead: a short line that does not end as a sentence does. */
function isHeadline(ctx: Ctx, sent: number): boolean {
  const sr = ctx.sentRange[sent];
  let n = 0;
  for (let k = sr.i; k < sr.j; k++) if (ctx.words[k].k !== 'p') n++;
  if (n > 14) return false;
  const last = ctx.words[sr.j - 1];
  const prev = ctx.words[sr.j - 2];
  if (!last) return true;
  if (last.t === '.' && prev?.t !== '.') return false;
  if (last.t === '!' || last.t === '؟' || last.t === '?' || last.t === '"') return false;
  return true;
}

function extractEvents(doc: Doc, summaries: boolean, parts: Participants): Event[] {
  const L = lex();
  const ctx = Ctx.for(doc);
  const words = ctx.words;
  const cands: Cand[] = [];
  const suppressed = new Set<number>();
  const headline = new Map<number, boolean>();
  let lastTrigEnd = -10;
  let lastTrigSent = -1;
  let lastTrigVerb = false;
  let lastTrigType: PloverType | null = null;

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.bp || w.k !== 'w' || ctx.timeAt[i] >= 0 || suppressed.has(i) || ctx.entAt[i]) continue;
    const hit = L.triggers.match(words, i);
    if (!hit) continue;
    const trig = hit.value;
    const sent = w.sent;
    const sr = ctx.sentRange[sent];
    const j = hit.j;
    if (!headline.has(sent)) headline.set(sent, isHeadline(ctx, sent));
    if (headline.get(sent) || !trig.type) { i = j - 1; continue; }
    // a verb listed bare never takes a pronoun suffix here («وزارة» is not «زار» + ه)
    if (trig.verb && hit.v.suf) continue;
    // part of a name the tagger did not mark («حزب الدعوة», «حركة الاحتجاج»)
    if (!trig.verb && NAME_HEADS.has(words[i - 1]?.t ?? '')) continue;
    // a reference to something already there («بموجب اتفاق», «وفقا لبيان مشترك»)
    if (!trig.verb && has(words, i - 1, REFERENCE)) continue;
    if (hit.v.prep === 'ل' && words[i - 1] && has(words, i - 1, REFERENCE)) continue;
    if (trig.flags.has('force')) {
      // a forces word near the trigger: after it (its object) or, for a verb, before it (its subject)
      let ok = false;
      for (let k = j; k < Math.min(sr.j, j + 3) && !ok; k++) {
        if (words[k].k === 'p' || TEMPORAL.has(words[k].t)) break;
        ok = has(words, k, FORCE_WORDS);
      }
      for (let k = i - 1; trig.verb && k >= Math.max(sr.i, i - 7) && !ok; k--) {
        if (words[k].t === '.' || TEMPORAL.has(words[k].t)) break;
        ok = has(words, k, FORCE_WORDS) && !has(words, k, MISSION_BODY);
      }
      if (!ok) continue;
    }
    if (trig.needs) {
      let ok = false;
      for (let k = Math.max(sr.i, i - 6); k < Math.min(sr.j, j + 6) && !ok; k++) if (k < i || k >= j) ok = has(words, k, trig.needs);
      if (!ok) continue;
    }
    if (trig.flags.has('lean')) {
      let ok = false;
      for (let k = j; k < Math.min(sr.j, j + 6) && !ok; k++) ok = words[k].t === 'لصالح';
      if (!ok) continue;
    }
    if (trig.flags.has('against')) {
      const e = ctx.entAt[j];
      if (!e || e.i !== j) continue;
      const nx = words[e.j]?.t;
      if (nx !== 'ضد' && nx !== 'علي') continue;
    }
    if (trig.flags.has('party') && !ctx.hasMentionIn(sr.i, sr.j)) continue;
    // a noun right after another trigger is its object («توسيع نطاق مهمة التدريب»), not an event
    if (!trig.verb && !lastTrigVerb && lastTrigSent === sent && i - lastTrigEnd <= 2 && i >= lastTrigEnd) {
      let plain = true;
      for (let k = lastTrigEnd; k <= i; k++) if (words[k].k === 'p' || (k === i && /^و/.test(words[k].t) && !hit.v.conj === false)) plain = false;
      if (plain) { lastTrigEnd = j; continue; }
    }
    // «دعا إلى توسيع …»: what is called for is the request's content, not an event of its own
    if (trig.type === 'REQUEST' && trig.verb) {
      for (let k = j; k < Math.min(sr.j, j + 16); k++) {
        if (words[k].t === '.') break;
        if (words[k].t === 'الي' || words[k].t === 'ب' || words[k].t === 'بان') {
          for (let m = k + 1; m < Math.min(sr.j, k + 10); m++) {
            if (words[m].k === 'p' && words[m].t !== '"') break;
            suppressed.add(m);
          }
        }
      }
    }
    // «هجمات استهدفت الولايات المتحدة»: a verb right after an event noun tells of that event
    const ofNoun = trig.verb && VICTIM_TYPES.has(trig.type) && !lastTrigVerb && lastTrigType === trig.type && lastTrigSent === sent && lastTrigEnd === i;
    const c = buildEvent(ctx, parts, i, j, trig, hit.v.fut, hit.v.prep === 'ل', hit.v.suf, ofNoun, hit.v.prep === 'ب');
    if (c) cands.push(c);
    lastTrigEnd = j;
    lastTrigSent = sent;
    lastTrigVerb = trig.verb;
    lastTrigType = trig.type;
    i = j - 1;
  }

  // an event told without participants in the sentence of another («استقبل A B … وتم الاتفاق على …»)
  for (let k = 1; k < cands.length; k++) {
    const c = cands[k];
    if (c.ev.actors.length || c.ev.targets.length || c.ev.type === 'ASSAULT') continue;
    // «وتم الاتفاق على …» after «استقبل A B» in the same sentence; a sentence naming no one at all
    // continues the story of the last sentences
    const sr = ctx.sentRange[c.ev.sentence];
    // cands are in text order, so in order of sentence: both searches look at the last sentences only
    let p: Cand | undefined;
    if (c.passive || c.anaphoric) {
      // cands.find((x) => x !== c && x.ev.sentence === c.ev.sentence && x.ev.type !== 'ASSAULT' && x.participants.size && x.i < c.i)
      let a = k;
      while (a > 0 && cands[a - 1].ev.sentence >= c.ev.sentence) a--;
      for (let b = a; b < cands.length && cands[b].ev.sentence <= c.ev.sentence; b++) {
        const x = cands[b];
        if (x !== c && x.ev.sentence === c.ev.sentence && x.ev.type !== 'ASSAULT' && x.participants.size && x.i < c.i) {
          p = x;
          break;
        }
      }
    }
    if (!p && !ctx.hasMentionIn(sr.i, sr.j)) {
      // [...cands.slice(0, k)].reverse().find((x) => c.ev.sentence - x.ev.sentence <= 2 && …)
      for (let b = k - 1; b >= 0 && c.ev.sentence - cands[b].ev.sentence <= 2; b--) {
        const x = cands[b];
        if (x.ev.type !== 'ASSAULT' && x.participants.size) {
          p = x;
          break;
        }
      }
    }
    if (!p) continue;
    c.ev.actors = [...p.ev.actors];
    c.ev.targets = [...p.ev.targets];
    for (const x of p.participants) c.participants.add(x);
    if (!c.statedLoc && p.ev.location) c.ev.location = p.ev.location;
    if (!c.statedTime && p.statedTime && p.ev.sentence === c.ev.sentence) { c.ev.time = p.ev.time; }
  }
  // «أكد على أهمية الاتفاق على …»: a happening someone calls for is their request
  for (const c of cands) {
    if (c.demandCue && c.ev.type !== 'REQUEST' && c.speaker) {
      c.ev.targets = [...c.ev.actors, ...c.ev.targets].filter((x) => x !== c.speaker);
      c.ev.actors = [c.speaker];
      c.ev.type = 'REQUEST';
      c.ev.mode = null;
      c.participants.add(ctx.entityById(c.speaker)?.kb ?? c.speaker);
    }
  }
  // a meeting, agreement or request with no one named is not reported
  // nor is a meeting of states and nothing else in a sports article (a match)
  let sports: boolean | null = null;
  const match = (c: Cand) => c.ev.type === 'CONSULT' && c.participants.size > 0 &&
    [...c.ev.actors, ...c.ev.targets].every((id) => ctx.entityById(id)?.type === 'LOC') && (sports ??= sportsArticle(ctx));
  const kept = cands.filter((c) => (c.participants.size || c.anaphoric || !NEEDS_PARTY.has(c.ev.type)) && !match(c));
  cands.length = 0;
  cands.push(...kept);

  const merged: Cand[] = [];
  // every test below asks for the same type: the merged events of each type, in `merged` order
  // (issue 9: a scan of all of them for each mention was quadratic in a long page's events)
  const mergedOf = new Map<PloverType, Cand[]>();
  // and those whose sentence is the sentence being read, in `merged` order: the mentions come in
  // text order, and absorb() only moves an event to the sentence of the mention it takes in
  const at = new Map<Cand, number>();
  let curSent = -1;
  const inSent = new Map<PloverType, Cand[]>();
  const merge = (into: Cand, c: Cand) => {
    absorb(into, c);
    if (into.ev.sentence !== curSent) return;
    const l = inSent.get(into.ev.type) ?? [];
    if (l.includes(into)) return;
    let n = l.length;
    while (n > 0 && at.get(l[n - 1])! > at.get(into)!) n--;
    l.splice(n, 0, into);
    inSent.set(into.ev.type, l);
  };
  for (const c of cands) {
    const ofType = mergedOf.get(c.ev.type) ?? [];
    const ordered = c.ev.sentence >= curSent;
    if (c.ev.sentence > curSent) {
      curSent = c.ev.sentence;
      inSent.clear();
    }
    // an anaphoric mention («الاجتماع», «اللقاء») is the last event of its type
    if (c.anaphoric) {
      const prev = ofType[ofType.length - 1];
      if (prev && strictTimes(prev, c)) { merge(prev, c); continue; }
    }
    // results of an attack (مقتل) and the same happening told twice in a sentence
    const sameTime = (m: Cand) => (c.ev.type === 'ASSAULT' ? timesAgree(m, c) : strictTimes(m, c));
    const same = (ordered ? inSent.get(c.ev.type) : ofType)?.find((m) => m.ev.sentence === c.ev.sentence && sameTime(m));
    if (same) { merge(same, c); continue; }
    // the same happening told again: same type, same participants, compatible time and status;
    // a mention naming no one joins its type's event of the last sentences
    const again = findLast(ofType, (m) =>
      (sameWho(m, c) || (c.ev.type === 'AID' && m.ev.status === c.ev.status) ||
        ((!m.participants.size || !c.participants.size) && c.ev.type !== 'ASSAULT' && c.ev.sentence - m.ev.sentence <= 5)) &&
      (strictTimes(m, c) || (timesAgree(m, c) && (c.ev.sentence - m.ev.sentence <= 5 || c.ev.type === 'AID'))) && statusAgree(m, c));
    if (again) { merge(again, c); continue; }
    at.set(c, merged.length);
    merged.push(c);
    if (ofType.length) ofType.push(c);
    else mergedOf.set(c.ev.type, [c]);
    if (c.ev.sentence !== curSent) continue;
    const l = inSent.get(c.ev.type);
    if (l) l.push(c);
    else inSent.set(c.ev.type, [c]);
  }
  // where an event names no place, it happened where the story's last event did, else in the
  // article's main country
  const mainLoc = ctx.salient(['LOC']);
  for (let k = 0; k < merged.length; k++) {
    const m = merged[k];
    if (m.ev.location) continue;
    let loc: string | null = null;
    for (let p = k - 1; p >= 0; p--) {
      const q = merged[p];
      if (m.ev.sentence - q.ev.sentence > 2) break;
      if (q.ev.location) { loc = q.ev.location; break; }
    }
    m.ev.location = loc ?? mainLoc;
  }
  const out = merged.map((m) => m.ev);
  if (summaries) for (const e of out) e.summary_en = summarize(ctx, e);
  return out;
}

/** [...xs].reverse().find(pred) without the copies. */
function findLast<T>(xs: T[], pred: (x: T) => unknown): T | undefined {
  for (let b = xs.length - 1; b >= 0; b--) if (pred(xs[b])) return xs[b];
  return undefined;
}

function looseWho(a: Cand, b: Cand): boolean {
  if (a.participants.size === 0 || b.participants.size === 0) return true;
  const [x, y] = a.participants.size <= b.participants.size ? [a, b] : [b, a];
  for (const p of x.participants) if (!y.participants.has(p)) return false;
  return true;
}
function sameWho(a: Cand, b: Cand): boolean {
  if (a.participants.size === 0 || b.participants.size === 0) return false;
  // the same actors (who did it) is the same happening, whoever else the clause names
  const aa = new Set(a.ev.actors);
  if (aa.size && aa.size === b.ev.actors.length && b.ev.actors.every((x) => aa.has(x))) return true;
  if (a.participants.size !== b.participants.size) return false;
  for (const p of a.participants) if (!b.participants.has(p)) return false;
  return true;
}
/** Both told without a time, or with the same one. */
function strictTimes(a: Cand, b: Cand): boolean {
  if (!a.statedTime && !b.statedTime) return true;
  return a.statedTime && b.statedTime && a.ev.time === b.ev.time;
}
function timesAgree(a: Cand, b: Cand): boolean {
  if (!a.statedTime || !b.statedTime) return true;
  return a.ev.time === b.ev.time;
}
function statusAgree(a: Cand, b: Cand): boolean {
  if (a.ev.status === b.ev.status) return true;
  if (a.ev.status === 'negated' || b.ev.status === 'negated') return false;
  const fut = (x: Cand) => x.ev.status === 'planned' || x.ev.status === 'expected';
  if (fut(a) && fut(b)) return true;
  if (a.statedTime && b.statedTime) return a.ev.time === b.ev.time;
  // a plain mention without a time («انسحاب قوات التحالف») of a planned or expected happening
  return (a.ev.status === 'realized' && !a.statedTime) || (b.ev.status === 'realized' && !b.statedTime);
}
function absorb(into: Cand, c: Cand): void {
  const e = into.ev;
  // the mention that names who took part speaks for the event (its trigger, place, time)
  const richer = !into.participants.size && c.participants.size > 0;
  const keepStatus = e.status;
  const keepTime = into.statedTime ? e.time : null;
  const intoStated = into.statedTime;
  if (richer) {
    e.trigger = c.ev.trigger;
    e.sentence = c.ev.sentence;
    e.location = c.ev.location ?? e.location;
    into.statedLoc = c.statedLoc;
    e.time = c.ev.time;
    e.status = c.ev.status;
    into.statedTime = c.statedTime;
  } else {
    if (!into.statedLoc && c.statedLoc && c.participants.size) {
      e.location = c.ev.location;
      into.statedLoc = true;
    }
    if (!into.statedTime && c.statedTime && c.participants.size) {
      e.time = c.ev.time;
      into.statedTime = true;
    }
  }
  // a planned/expected status and a stated time survive a plain mention
  if (keepTime && !c.statedTime) {
    e.time = keepTime;
    into.statedTime = true;
  }
  if (e.status === 'realized' && keepStatus !== 'realized' && keepStatus !== 'negated') e.status = keepStatus;
  if (e.status === 'realized' && !intoStated && c.ev.status !== 'realized' && c.ev.status !== 'negated') e.status = c.ev.status;
  for (const a of c.ev.actors) if (!e.actors.includes(a) && !e.targets.includes(a)) e.actors.push(a);
  for (const t of c.ev.targets) if (!e.targets.includes(t) && !e.actors.includes(t)) e.targets.push(t);
  if (!e.mode && c.ev.mode) e.mode = c.ev.mode;
  for (const p of c.participants) into.participants.add(p);
}

/** Entity ids coordinated from mention m: «واشنطن وبغداد», «العراق وحلف شمال الأطلسي». */
function coordinated(ctx: Ctx, m: EntRef, limit: number): EntRef[] {
  const out = [m];
  let cur = m;
  for (;;) {
    const k = cur.j;
    if (k >= limit) break;
    const w = ctx.words[k];
    const e = ctx.entAt[k];
    // «وبغداد»: the conjunction is glued to the next mention's first word
    if (e && e.i === k && e.pre === 'و') { out.push(e); cur = e; continue; }
    if (w.t === 'و') {
      const e2 = ctx.entAt[k + 1];
      if (e2 && e2.i === k + 1) { out.push(e2); cur = e2; continue; }
    }
    // «ورئيس الوزراء محمد شياع السوداني»: a title between the conjunction and the name
    if (/^و/.test(w.t) && TITLE_WORDS.has(w.t.slice(1))) {
      let m = k + 1;
      while (m < limit && m < k + 4 && TITLE_WORDS.has(ctx.words[m].t)) m++;
      const e3 = ctx.entAt[m];
      if (e3 && e3.i === m && e3.type === 'PER') { out.push(e3); cur = e3; continue; }
    }
    break;
  }
  return out;
}

function ids(ctx: Ctx, refs: EntRef[], actor: boolean): string[] {
  const out: string[] = [];
  for (const r of refs) {
    const id = actor ? ctx.stateFor(r.id) ?? r.id : r.id;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * The affiliation word («الموالية», «المدعومة», «التابع») whose patron mention m is («فصائل موالية
 * لإيران», «المدعومة من قبل روسيا وإيران»), or -1.
 */
function affiliationOf(ctx: Ctx, m: EntRef, isState: (m: EntRef) => boolean, depth = 0): number {
  const words = ctx.words;
  for (let k = m.i - 1, n = 0; k >= 0 && n < 3; k--, n++) {
    const w = words[k];
    if (w.k === 'p') break;
    const named = !!affiliationHead(ctx, k);
    if (AFFILIATION.test(w.t)) return named || isState(m) ? k : -1;
    if (OWNED.test(w.t)) return named || (isState(m) && PROXY_HEADS.has(words[k - 1]?.t ?? '')) ? k : -1;
    if (!AFFILIATION_LINKS.has(w.t)) break;
  }
  // «المدعومة من روسيا وإيران»: a mention coordinated with a patron
  const k = words[m.i - 1]?.t === 'و' ? m.i - 2 : m.pre.startsWith('و') ? m.i - 1 : -1;
  const prev = k >= 0 ? ctx.entAt[k] : undefined;
  return prev && prev.j === k + 1 && depth < 3 ? affiliationOf(ctx, prev, isState, depth + 1) : -1;
}
/** The named body an affiliation word at k describes («"مجلس منبج العسكري" التابع لـ…»), if any. */
function affiliationHead(ctx: Ctx, k: number): EntRef | undefined {
  const h = ctx.words[k - 1]?.t === '"' ? k - 2 : k - 1;
  const e = h >= 0 ? ctx.entAt[h] : undefined;
  return e && e.j === h + 1 ? e : undefined;
}

const ADJ = /^(ال)?[\u0621-\u064a]{2,}(يه|ي)$/;

function buildEvent(ctx: Ctx, parts: Participants, i: number, j: number, trig: Trig, fut: boolean, purposeL: boolean, suf: boolean, ofNoun = false, prepB = false): Cand | null {
  const words = ctx.words;
  const doc = ctx.doc;
  const sent = words[i].sent;
  const sr = ctx.sentRange[sent];
  const stop = (p: Word) => (p.k === 'p' && (p.t === '.' || p.t === ':' || p.t === '؛' || p.t === ';')) || p.t === 'لكن' || p.t === 'ولكن';
  // clause: from the last full stop/colon before to the next one, at most 14 words back, 20 ahead
  let cs = i;
  let n = 0;
  while (cs > sr.i && n < 14) {
    const p = words[cs - 1];
    if (stop(p) || COMP.has(p.t)) break;
    if (p.k !== 'p') n++;
    cs--;
  }
  let ce = j;
  n = 0;
  while (ce < sr.j && n < 20) {
    const p = words[ce];
    if (stop(p)) break;
    if (p.k !== 'p') n++;
    ce++;
  }
  // a sports word next to the trigger (four words) or before a party of the clause («منتخب فرنسا»):
  // a match, a team's move, not a political event («الاتهامات … كأس العالم» farther off stays)
  for (let k = Math.max(cs, i - 4); k < Math.min(ce, j + 4); k++) if (isSports(words, k)) return null;
  for (const m of ctx.mentionsIn(cs, ce)) if (isSports(words, m.i - 1)) return null;
  const isLocAdjunct = (m: EntRef) => {
    if (m.type !== 'LOC') return false;
    const p = words[m.i - 1]?.t;
    return (p && LOC_PREPS.has(p)) || isSpatial(words[m.i - 1]) || (/ب$/.test(m.pre) && !/ه$/.test(p ?? '')) || p === 'العاصمه' || p === 'مدينه' || words[m.i - 2]?.t === 'في' ||
      (p === 'من' && (trig.type === 'RETREAT' || words[m.i - 2]?.t === 'بالقرب'));
  };
  // a news agency, channel or platform is where the report came from, never a participant; nor is
  // the patron of an affiliation phrase («فصائل موالية لإيران»; one describing the event itself
  // is: «هجوم مرتبط بتنظيم داعش»), nor the place another meeting is named by
  const notMisc = (m: EntRef) => {
    const e = ctx.entityById(m.id);
    return e?.type !== 'MISC' && parts.role(e) !== 'media' && !isSource(m) && !isPatron(m) && !(m.i !== j && isVenue(m));
  };
  // «قمة بروكسل», «محادثات أستانة»: a city or capital right after a meeting or an accord is where
  // it met, unless another party is coordinated with it («محادثات طهران وواشنطن») or «مع» follows
  const isVenue = (m: EntRef) => {
    if (m.type !== 'LOC' || !parts.venue(ctx.entityById(m.id)) || words[m.j]?.t === 'مع' || m.pre) return false;
    const t = lex().triggers.match(words, m.i - 1);
    if (!t || t.j !== m.i || !t.value.flags.has('venue')) return false;
    return coordinated(ctx, m, sr.j).length === 1;
  };
  const patronWord = (m: EntRef) => {
    const k = affiliationOf(ctx, m, isState);
    return k === j ? -1 : k;
  };
  const isPatron = (m: EntRef) => patronWord(m) >= 0;
  /** a patron hides the phrase's head, named («ميليشيات عصائب أهل الحق الموالية لإيران») or not */
  const headOf = (m: EntRef): EntRef | undefined => {
    const k = patronWord(m);
    if (k < 0) return m;
    const h = affiliationHead(ctx, k);
    return h && notMisc(h) ? h : undefined;
  };
  /** a patron stands between m and the trigger: the party next to the trigger is its phrase's head */
  const hidden = (m: EntRef) => ctx.mentionsIn(m.j, i).some((p) => p.j <= i && isPatron(p) && headOf(p)?.i !== m.i);
  // «بحسب بيان المكتب الإعلامي لرئيس الوزراء», «وفقا لمصادر في وزارة الدفاع»: at most two words
  // between the cue and the mention, no punctuation
  const isSource = (m: EntRef) => {
    for (let k = m.i - 1; k >= Math.max(0, m.i - 3); k--) {
      if (words[k].k === 'p') return false;
      if (has(words, k, SOURCE_CUES)) return true;
    }
    return false;
  };
  const isState = (m: EntRef) => m.type === 'LOC' && parts.role(ctx.entityById(m.id)) === 'agent-place';
  const isPlace = (m: EntRef) => m.type === 'LOC' && parts.role(ctx.entityById(m.id)) === 'place';
  const after = ctx.mentionsIn(j, ce).filter(notMisc);
  const contentAt = contentStart(ctx, j, ce);
  const before = ctx.mentionsIn(cs, i).filter((m) => notMisc(m) && m.j <= i);

  let actors: EntRef[] = [];
  let targets: EntRef[] = [];
  /** a noun trigger's genitive («انسحاب قوات التحالف», «قصف حلب») */
  let genRef: EntRef | undefined;
  /** the place a meeting is named by («قمة بروكسل») */
  let venue: EntRef | undefined;
  let anaphoric = false;
  // «لقائه», «مهمته»; «نقل مهامهم», «نهاية مهمتها»
  const nextSuf = (has(words, j, FORCE_WORDS) && allVariants(words[j]).some((v) => v.suf && FORCE_WORDS.has(v.f))) ||
    (has(words, i - 1, FORCE_WORDS) && allVariants(words[i - 1]).some((v) => v.suf && FORCE_WORDS.has(v.f)));
  const suffixPossessive = !trig.verb && (suf || nextSuf);
  const purpose = purposeL && has(words, j, FORCE_WORDS);
  // «الذي دعا»: the antecedent; «القصف الإيراني الذي استهدف»: the nisba's state
  let rel = words[i - 1] && RELATIVE.has(words[i - 1].t) ? ctx.entAt[i - 2] : undefined;
  if (!rel && words[i - 1] && RELATIVE.has(words[i - 1].t)) {
    const n = ctx.nisbaEntity(i - 2, false);
    const e = n ? ctx.entityById(n) : undefined;
    if (e) rel = { id: e.id, type: e.type, kb: e.kb, i: -1, j: -1, pre: '' };
  }

  const coordinatedBack = (e: EntRef): EntRef[] => {
    const out = [e];
    if (e.pre.startsWith('و') || words[e.i - 1]?.t === 'و') {
      const k = words[e.i - 1]?.t === 'و' ? e.i - 2 : e.i - 1;
      const e2 = ctx.entAt[k];
      if (e2) out.unshift(e2);
    }
    return out;
  };
  let subjectHidden = false;
  // the subject before the trigger: «X قد أعلن», «الذي دعا»
  const subjectBefore = (): EntRef[] => {
    if (rel) return [rel];
    let k = i - 1;
    let steps = 0;
    while (k >= cs && steps < 3 && (FILLERS.has(words[k].t) || words[k].t === '،' || words[k].t === ',')) { k--; steps++; }
    let e = k >= cs ? ctx.entAt[k] : undefined;
    if (e && isPatron(e)) {
      // «فصائل موالية لإيران شنت»: the subject is the phrase's head, or no one named
      e = headOf(e);
      subjectHidden = !e;
    }
    if (e && notMisc(e) && !PREPS.has(words[e.i - 1]?.t ?? '') && !isLocAdjunct(e) && !/[بل]$/.test(e.pre)) return coordinatedBack(e);
    return [];
  };
  // the mentions of the sentence before the trigger, read from the nearest end only as far as needed
  // (not copied out for each trigger: a long sentence holds many)
  const nearestBefore = (): EntRef[] => {
    const [lo, hi] = ctx.mentionRange(sr.i, i);
    for (let n = hi - 1; n >= lo; n--) {
      const m = ctx.mentions[n];
      if (notMisc(m) && !isLocAdjunct(m) && m.j <= i) return [m];
    }
    return [];
  };
  const sentenceSubject = (): EntRef[] => {
    const [lo, hi] = ctx.mentionRange(sr.i, i);
    for (let n = lo; n < hi; n++) {
      const m = ctx.mentions[n];
      const p = words[m.i - 1]?.t ?? '';
      if (!PREPS.has(p) && !isLocAdjunct(m) && notMisc(m)) return [m];
    }
    return [];
  };
  // an experiencer verb before a noun trigger in its clause («وتعرضت القوات التي تقودها … لهجوم»)
  const experiencerBefore = (): number => {
    for (let k = i - 1; k >= Math.max(cs, i - 10); k--) {
      const w = words[k];
      if ((w.k === 'p' && w.t !== '"') || COMP.has(w.t)) return -1;
      if (!ctx.entAt[k] && has(words, k, EXPERIENCER)) {
        // «تعرض لهجوم», «تلقى اتصالا»; not «تلقت تهديدات بالقتل» (the object is another noun)
        const viaL = purposeL || words[i - 1]?.t === 'ل' || words[i - 1]?.t === 'الي';
        if (has(words, k, EXPERIENCER_L)) return viaL ? k : -1;
        return !viaL && !prepB ? k : -1;
      }
    }
    return -1;
  };
  // its subject: a mention between it and the trigger, forces named by a nisba, or the mention before it
  const experiencerSubject = (k: number): EntRef[] => {
    for (const m of ctx.mentionsIn(k + 1, i)) if (m.j <= i && notMisc(m) && !isLocAdjunct(m) && !afterPrep(m)) return [m];
    for (let m = k + 1; m < Math.min(i, k + 4); m++) {
      const n = ctx.nisbaEntity(m, false);
      const e = n ? ctx.entityById(n) : undefined;
      if (e) return [{ id: e.id, type: e.type, kb: e.kb, i: -1, j: -1, pre: '' }];
    }
    const e = k - 1 >= cs ? ctx.entAt[k - 1] : undefined;
    return e && notMisc(e) && !PREPS.has(words[e.i - 1]?.t ?? '') && !/[بل]$/.test(e.pre) ? [e] : [];
  };
  // «… من وزيرة خارجية السويد آن ليندي», «من قبل X», «على يد X»: a person first
  const agentAfterFrom = (): EntRef | undefined => {
    for (let k = j; k < Math.min(ce, j + 4); k++) {
      const t = words[k].t;
      if (t !== 'من' && !(t === 'علي' && words[k + 1]?.t === 'يد')) continue;
      const ms = ctx.mentionsIn(k + 1, Math.min(ce, k + 9)).filter((m) => notMisc(m) && !isLocAdjunct(m));
      return ms.find((m) => m.type === 'PER') ?? ms[0];
    }
    return undefined;
  };
  const afterPrep = (m: EntRef) => TARGET_PREPS.has(words[m.i - 1]?.t ?? '') || /[بل]$/.test(m.pre) || words[m.i - 1]?.t === 'بين';

  if (trig.verb) {
    // VSO: the entity right after the verb (past titles: «استقبل رئيس الوزراء محمد …»)
    // «انتقد الأمين العام لحزب الله حسن نصر الله»: past a title and its genitive to the person
    let first = after.find((m) => !isLocAdjunct(m));
    if (first && /[ل]$/.test(first.pre)) {
      const per = after.find((m) => m.type === 'PER' && m.i - j <= 8 && !/[بل]$/.test(m.pre));
      if (per && TITLE_WORDS.has(words[j]?.t ?? '')) first = per;
    }
    let subjAfter: EntRef[] = [];
    if (first && !rel && first.i < contentAt) {
      let gap = 0;
      let prepBetween = false;
      for (let k = j; k < first.i; k++) {
        if (words[k].k !== 'p') gap++;
        if (PREPS.has(words[k].t) || words[k].t === 'ان' || words[k].t === 'انه') prepBetween = true;
      }
      if (gap <= (first.type === 'PER' ? 7 : 4) && !prepBetween && !/[بل]$/.test(first.pre)) subjAfter = coordinated(ctx, first, ce);
    }
    const pre = subjectBefore();
    // «ستنسحب القوات الأمريكية»: forces named by a nisba
    if (!subjAfter.length && !pre.length && has(words, j, FORCE_WORDS)) {
      const n = ctx.nisbaEntity(j + 1, false);
      const e = n ? ctx.entityById(n) : undefined;
      if (e) subjAfter = [{ id: e.id, type: e.type, kb: e.kb, i: -1, j: -1, pre: '' }];
    }
    if (ofNoun) {
      // its subject is the noun before it: what follows is what it was done to
      targets = after.filter((m) => !isLocAdjunct(m));
    } else if (subjAfter.length && !(pre.length && trig.type === 'REQUEST')) {
      actors = subjAfter;
      targets = after.filter((m) => !subjAfter.includes(m) && !isLocAdjunct(m));
    } else {
      actors = pre.length || subjectHidden ? pre : sentenceSubject();
      targets = after.filter((m) => !isLocAdjunct(m));
    }
  } else {
    // nouns: a genitive after the trigger («لقاء السوداني مع روته», «انسحاب قوات التحالف»,
    // «إنهاء المهمة العسكرية للتحالف»), a nisba («الضربات الأميركية», «بطائرة أمريكية مسيرة»),
    // a possessive («لقائه»، «مهمتها»: the nearest entity before)
    // the genitive: the first entity within six words, past nouns and adjectives but no preposition
    // («لقاءين منفصلين للرئيس العراقي عبد اللطيف رشيد», «خروج المئات من قوات التحالف»)
    let gen: EntRef | undefined;
    let genHidden = false;
    for (let k = j, n2 = 0; k < contentAt && n2 < 6; k++) {
      const w = words[k];
      const e = ctx.entAt[k];
      if (e && e.i === k) {
        if (notMisc(e) && !/ب$/.test(e.pre) && !isLocAdjunct(e)) gen = e;
        // «هجمات القوات الموالية للقذافي»: the genitive is the phrase's unnamed head
        else genHidden = isPatron(e);
        break;
      }
      if (w.k === 'p' && w.t !== '"') break;
      if (w.k === 'w') n2++;
      if (PREPS.has(w.t) && !(w.t === 'من' && has(words, k + 1, FORCE_WORDS))) break;
      if (RELATIVE.has(w.t)) break;
      if (COMP.has(w.t) || (suf && k === j)) break;
      // «هجمات استهدفت الولايات المتحدة»: past a verb is that verb's object
      if (w.k === 'w' && lex().triggers.match(words, k)?.value.verb) break;
    }
    genRef = gen;
    if (gen && gen.i === j && isVenue(gen)) venue = gen;
    const definite = /^(و|ف)?(ب|ل|ك)?ال|^(و|ف)?لل/.test(words[i].t);
    // a nisba naming who acted: right after the trigger («الضربات الأميركية»), past adjectives, forces
    // words and an instrument («بطائرة أمريكية مسيرة»); not past a person («مقتل القائد الإيراني»:
    // the victim's) nor past a preposition («هجوم على القوات الأمريكية»: the target's)
    let nis: string | null = null;
    /** a nisba past «على/ضد/مع/إلى»: the target's («هجوم على القوات الأمريكية») */
    let nisTarget: string | null = null;
    // (a result's nisba is the victim's: «مقتل جندي أمريكي»)
    const victimNis = trig.flags.has('result');
    const victim = trig.flags.has('result') || VICTIM_TYPES.has(trig.type!);
    for (let m = j, overPerson = false, overPrep = false; m < Math.min(j + 4, ce) && !nis; m++) {
      if (ctx.entAt[m]) break;
      const w = words[m];
      if (w.k === 'p' && w.t !== '"' && w.t !== '-') break;
      const n = ctx.nisbaEntity(m, false);
      if (n) {
        if (overPrep) nisTarget = n;
        else if (!(victim && overPerson)) nis = n;
        break;
      }
      if (TARGET_PREPS.has(w.t) && !overPrep) {
        overPrep = true;
        continue;
      }
      if (PREPS.has(w.t) && !(w.t === 'من' && has(words, m + 1, FORCE_WORDS))) break;
      // «هجمات داخل الأراضي السورية»: the place's
      if (LOC_PREPS.has(w.t) || isSpatial(w)) break;
      if (PERSON_NOUNS.has(w.t) || TITLE_WORDS.has(w.t)) overPerson = true;
    }
    if (trig.flags.has('result')) {
      // «مقتل X»: X is the victim
      targets = gen ? [gen] : after.slice(0, 1);
    } else if (venue) {
      // «قمة بروكسل» names where, not who: a meeting naming no one is dropped (extractEvents)
    } else if (gen) {
      actors = coordinated(ctx, gen, ce);
      targets = after.filter((m) => !actors.includes(m) && !isLocAdjunct(m) && m.i > gen.j && afterPrep(m));
      if (!targets.length && trig.type === 'CONSULT') targets = after.filter((m) => !actors.includes(m) && !isLocAdjunct(m) && m.i > gen.j);
    } else if (suffixPossessive) {
      actors = nearestBefore();
      targets = after.filter((m) => !isLocAdjunct(m));
    } else {
      targets = after.filter((m) => afterPrep(m) && !isLocAdjunct(m));
      // the trigger's own nisba («للقصف الإيراني») says who acted before a mention earlier in the clause
      const pre = before.length && !(nis && !victimNis) && !genHidden && !hidden(before[before.length - 1]) ? [before[before.length - 1]] : [];
      actors = pre.filter((m) => !isLocAdjunct(m));
      if (!actors.length && !targets.length && !definite) targets = after.filter((m) => !isLocAdjunct(m)).slice(0, 2);
    }
    // «تعرضت القوات … لهجوم», «تلقى فؤاد حسين اتصالا هاتفيا من آن ليندي»: the subject of an
    // experiencer verb undergoes the event (a target); who acted is named after «من» or by a nisba
    const xv = experiencerBefore();
    if (xv >= 0) {
      const subj = experiencerSubject(xv);
      const agent = agentAfterFrom() ?? (gen && gen !== venue && !afterPrep(gen) ? gen : undefined);
      targets = subj;
      actors = agent ? coordinated(ctx, agent, ce) : [];
    }
    // «الاجتماع», «اللقاء» with no genitive and no complement: the meeting already told
    if (definite && !gen && !nis && !COMPLEMENT.has(words[j]?.t ?? '') && j - i === 1) anaphoric = true;
    // «مقتل X»: a nisba there is the victim's
    if (nis && !actors.length && !trig.flags.has('result')) {
      const e = ctx.entityById(nis);
      if (e) actors = [{ id: nis, type: e.type, kb: e.kb, i: -1, j: -1, pre: '' }];
    }
    if (nisTarget && !targets.some((m) => m.id === nisTarget) && !actors.some((m) => m.id === nisTarget)) {
      const e = ctx.entityById(nisTarget);
      if (e) targets = [...targets, { id: nisTarget, type: e.type, kb: e.kb, i: -1, j: -1, pre: '' }];
    }
  }
  // what the event says or is for names none of its targets; a request naming no one it asks is
  // addressed to whom its content names («دعا إلى توسيع العمل التدريبي لقوات حلف الناتو»), and an
  // event naming no one else keeps them (its parties are then unknown either way)
  // (past a named object: the actor after a verb is none, «رحبت كتلة الصدر بترشيح عبد المهدي»)
  const contentEnd = contentAt < ce ? contentStart(ctx, j, ce, (m) => !actors.some((a) => a.i === m.i)) : ce;
  if (contentEnd < ce) {
    const own = targets.filter((m) => m.i < contentEnd);
    if (own.length || (trig.type !== 'REQUEST' && actors.length)) targets = own;
  }
  // a town, a governorate, a district, an airport does not act: named as the one who acted it is
  // where it happened («احتجاجات البصرة», «قمة بروكسل»), or for an attack or a siege named by a
  // noun what it was on («قصف حلب», «حصار غزة»)
  let placeHint: string | null = null;
  if (actors.some(isPlace)) {
    const places = actors.filter(isPlace);
    actors = actors.filter((m) => !isPlace(m));
    // (only a place next to the trigger: one farther off is read from a weaker guess, «حرب غزة … دعت»)
    const near = places.filter((m) => m.i >= 0 && (m.i >= j ? m.i - j <= 2 : i - m.j <= 2));
    if (genRef && near.includes(genRef) && VICTIM_TYPES.has(trig.type!)) targets = [genRef, ...targets.filter((m) => m !== genRef)];
    else if (near.length) placeHint = near[0].id;
  }
  // nor is one met, supported, called on or withdrawn from: outside an attack or a coercion
  // («هجوم على عاصمة محافظة السويداء») a town, a governorate or a district named with the event is
  // where it happened («في لقاء مع شيوخ ووجهاء محافظة ذي قار», «بسحب قواته من الضواحي الغربية
  // لمدينة حلب»)
  if (!VICTIM_TYPES.has(trig.type!) && targets.some(isPlace)) {
    placeHint ??= targets.find(isPlace)!.id;
    targets = targets.filter((m) => !isPlace(m));
  }
  let actorIds = ids(ctx, actors, true);
  let targetIds = ids(ctx, targets, false).filter((t) => !actorIds.includes(t));

  // location: «في X» near the trigger in the clause, after it first
  let le = j;
  for (let c2 = 0; le < ce && c2 < 16; le++) if (words[le].k !== 'p') c2++;
  const locs = ctx.mentionsIn(Math.max(cs, i - 8), le).filter((m) => isLocAdjunct(m) && !isPatron(m));
  const locAfter = locs.find((m) => m.i >= j);
  const before2 = locs.filter((m) => m.i < i);
  // «في العراق واليمن»: the place right after في
  const locBefore = [...before2].reverse().find((m) => words[m.i - 1]?.t === 'في' || /^في/.test(m.pre)) ?? before2[before2.length - 1];
  const location = venue?.id ?? (locAfter ?? locBefore)?.id ?? placeHint;

  // status
  let status: EventStatus = 'realized';
  const raise = (st: EventStatus) => {
    if (STATUS_RANK[st] > STATUS_RANK[status]) status = st;
  };
  if (trig.type === 'REQUEST' && !trig.flags.has('lean')) status = 'demanded';
  if (fut) raise('planned');
  if (purpose && !trig.verb) raise('planned');
  const L = lex();
  let demandCue = false;
  let ss = i;
  while (ss > Math.max(sr.i, i - 6) && !stop(words[ss - 1])) ss--;
  const passive = PASSIVE.has(words[i - 1]?.t ?? '') || PASSIVE.has(words[i - 2]?.t ?? '');
  for (let k = ss; k < i; k++) {
    const h = L.status.match(words, k);
    if (!h || h.value.after || h.j > i) continue;
    const st = h.value.status;
    const dist = i - h.j;
    if (st === 'demanded' && dist <= 3 && trig.type !== 'REQUEST') demandCue = true;
    if (st === 'negated') {
      if (dist === 0 || (dist === 1 && AUX.has(words[h.j].t))) raise('negated');
    } else if (words[k].t === 'قد') {
      if (dist <= 1 && trig.verb && /^[يتن]/.test(words[i].t.replace(/^[وف]/, ''))) raise('expected');
    } else if (st === 'demanded') {
      if (dist <= 3) raise('demanded');
    } else raise(st);
  }
  for (let k = j; k < Math.min(ce, j + 8); k++) {
    const h = L.status.match(words, k);
    if (h && h.value.after) raise(h.value.status);
  }

  // time: a stated date in the clause, nearest to the trigger (not across «أن»: «قال أمس إنه
  // يتوقع أن …»); a planned or expected event takes a time to come first
  const dateline = datelineFor(ctx, i);
  let back = i;
  while (back > cs && !COMP.has(words[back - 1].t)) back--;
  let time: string | null = null;
  let bestD = Infinity;
  const st0 = status as EventStatus;
  const future = st0 === 'planned' || st0 === 'expected';
  for (let k = back; k < ce; k++) {
    const ti = ctx.timeAt[k];
    if (ti < 0 || (k > back && ctx.timeAt[k - 1] === ti)) continue;
    const t = doc.times[ti];
    if (t.type !== 'DATE' || !t.value) continue;
    const v = t.value === 'PRESENT_REF' ? dateline : t.value === 'FUTURE_REF' || t.value === 'PAST_REF' ? null : t.value;
    if (!v) continue;
    let d = k < i ? (i - k) * 1.5 : k - j;
    if (future && afterDateline(v, doc) > 0) d -= 100;
    if (d < bestD) {
      bestD = d;
      time = v;
    }
  }
  const statedTime = time != null;
  // an entity that did not exist yet at the stated time is not the one meant («انسحاب قوات التحالف
  // في 2011»: the coalition against Daesh was formed in 2014)
  if (statedTime) {
    const later = (id: string) => parts.laterThan(ctx.entityById(id), time);
    if (actorIds.some(later)) actorIds = actorIds.filter((id) => !later(id));
    if (targetIds.some(later)) targetIds = targetIds.filter((id) => !later(id));
  }
  if (status === 'realized' && statedTime && afterDateline(time, doc) > 0) status = 'planned';
  if (status === 'realized' && trig.verb && /^(ي|ت)/.test(words[i].t.replace(/^[وف]/, '')) && COMP.has(words[i - 1]?.t ?? '')) {
    // «أن يوافق» without a cue: still to happen
    status = 'expected';
  }

  const ev: Event = {
    type: trig.type!,
    mode: trig.mode,
    trigger: origSpan(doc, words[i].s, words[j - 1].e),
    actors: actorIds,
    targets: targetIds,
    location,
    time: time ?? dateline,
    status,
    sentence: sent,
  };
  const participants = new Set<string>();
  for (const id of [...actorIds, ...targetIds]) participants.add(ctx.entityById(id)?.kb ?? id);
  const sp = demandCue ? sentenceSubject()[0] : undefined;
  const speaker = sp && !isPlace(sp) ? sp.id : null;
  return { ev, i, j, trig, statedTime, statedLoc: location != null, participants, anaphoric, passive, demandCue: demandCue && status === 'demanded', speaker };
}

/** The dateline of the segment holding word i (a page may append an older story). */
function datelineFor(ctx: Ctx, i: number): string | null {
  const o = ctx.doc.norm.toOrig[ctx.words[i].s];
  for (const seg of ctx.doc.segments ?? []) {
    if (seg.start <= o && o < seg.end) {
      const fake = { ...ctx.doc, published: seg.published } as typeof ctx.doc;
      return datelineValue(fake);
    }
  }
  return datelineValue(ctx.doc);
}

function nameEn(ctx: Ctx, id: string): string {
  const e = ctx.entityById(id);
  return e?.name_en || e?.name || id;
}
function list(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
}

/** «Mohammed Shia al-Sudani met Lucas Schreurs in Baghdad (2024-10-30)». */
export function summarize(ctx: Ctx, e: Event): string {
  const L = lex();
  const phr = L.summary.get(`${e.type}|${e.mode ?? '-'}`) ?? L.summary.get(`${e.type}|-`) ?? { past: e.type.toLowerCase(), base: e.type.toLowerCase() };
  const A = list(e.actors.map((a) => nameEn(ctx, a))) || 'Unnamed parties';
  const T = list(e.targets.map((t) => nameEn(ctx, t)));
  const vp = (v: string) => (T ? `${v} ${T}` : v.replace(/ (with|to|on|against|from)$/, ''));
  let line: string;
  switch (e.status) {
    case 'planned':
      line = `${A} will ${vp(phr.base)}`;
      break;
    case 'expected':
      line = `${A} ${e.actors.length > 1 ? 'are' : 'is'} expected to ${vp(phr.base)}`;
      break;
    case 'demanded':
      line = e.type === 'REQUEST' ? `${A} ${vp(phr.past)}` : `A call for ${A} to ${vp(phr.base)}`;
      break;
    case 'negated':
      line = `${A} did not ${vp(phr.base)}`;
      break;
    default:
      line = `${A} ${vp(phr.past)}`;
  }
  if (e.location) line += ` in ${nameEn(ctx, e.location)}`;
  if (e.time && /^\d{4}/.test(e.time)) line += ` (${e.time})`;
  return line;
}
