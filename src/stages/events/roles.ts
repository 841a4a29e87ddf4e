// Who may take part in an event, from what the knowledge base says an entity is (docs/claims.md,
// «Participants»):
//  - a news agency, channel, newspaper or platform (kind news-agency, media, platform) is where a
//    report came from («وفقا لرويترز», «أفادت وكالة فرانس برس»), never an actor or a target;
//  - a place acts only as the government it stands for: a country, a capital (its state, see
//    Ctx.stateFor), a former country or a territory, and a region with a government of its own
//    (kurdistan-region, and Erbil for it). A city, governorate, district, region, airport or base named with an event
//    («احتجاجات البصرة», «شهدت مدينة باتون روج مظاهرات») is where it happened, and so is any place
//    but a state that names a meeting or an accord («قمة بروكسل», «محادثات أستانة»);
//  - an entity that began after the event's stated time («قوات التحالف في 2011»: the coalition
//    against Daesh was formed in 2014) is not the one the text means.
import type { Entity } from '../../pipeline/doc.js';
import { loadKb, type KnowledgeBase } from '../../kb/kb.js';

export type Role = 'media' | 'place' | 'agent-place' | 'other';

const MEDIA_KINDS = new Set(['news-agency', 'media', 'platform']);
const STATE_KINDS = new Set(['country', 'former-country', 'territory']);
const AGENT_PLACE_KINDS = new Set([...STATE_KINDS, 'capital']);
/** A region with a government of its own, and its seat («بغداد وأربيل»: Baghdad and the KRG). */
const AGENT_PLACES = new Set(['kurdistan-region', 'erbil']);

interface KbInfo {
  kind: string | null;
  from: string | null;
  capitalOf: boolean;
}
const infoCache = new WeakMap<KnowledgeBase, Map<string, KbInfo>>();
const UNKNOWN: KbInfo = { kind: null, from: null, capitalOf: false };

function info(kb: KnowledgeBase, id: string | null): KbInfo {
  if (!id) return UNKNOWN;
  let m = infoCache.get(kb);
  if (!m) infoCache.set(kb, (m = new Map()));
  let r = m.get(id);
  if (!r) {
    const rec = kb.get(id);
    r = rec ? { kind: rec.kind ?? null, from: rec.from ?? null, capitalOf: !!rec.capital_of } : UNKNOWN;
    m.set(id, r);
  }
  return r;
}

/** Reads entity kinds and start dates from the KB the linker used (the shipped one by default). */
export class Participants {
  constructor(readonly kb: KnowledgeBase = loadKb()) {}
  role(e: Pick<Entity, 'kb' | 'type'> | undefined): Role {
    if (!e) return 'other';
    const r = info(this.kb, e.kb);
    if (r.kind && MEDIA_KINDS.has(r.kind)) return 'media';
    if (e.type !== 'LOC') return 'other';
    // a place the KB does not know is a town or a district, not a state
    return (r.kind && AGENT_PLACE_KINDS.has(r.kind)) || r.capitalOf || (e.kb && AGENT_PLACES.has(e.kb)) ? 'agent-place' : 'place';
  }
  /** A place a meeting or an accord can be named by («قمة بروكسل»): a city, a capital, any place not a state. */
  venue(e: Pick<Entity, 'kb' | 'type'> | undefined): boolean {
    if (!e || e.type !== 'LOC') return false;
    const kind = info(this.kb, e.kb).kind;
    return !(kind && STATE_KINDS.has(kind)) && e.kb !== 'kurdistan-region';
  }
  /** True when the entity began after `time` (a TIMEX date: 2011, 2011-12, 2011-12-18). */
  laterThan(e: Pick<Entity, 'kb' | 'type'> | undefined, time: string | null): boolean {
    if (!e || !time || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(time)) return false;
    const from = info(this.kb, e.kb).from;
    if (!from) return false;
    const n = Math.min(from.length, time.length);
    return time.slice(0, n) < from.slice(0, n);
  }
}
