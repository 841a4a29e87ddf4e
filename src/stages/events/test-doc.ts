// Test helper for the claim stages: a Doc built from a sentence with entities and times set by hand,
// so the stages can be tested without the NER, linker and time stages.
import type { Doc, EntityType, TimeExpr, TimexType } from '../../pipeline/doc.js';
import type { Stage } from '../../pipeline/stage.js';
import { createDoc } from '../../text/index.js';

export interface HandEntity {
  /** every surface form to mark as a mention (each occurrence) */
  forms: string[];
  kb: string;
  type: EntityType;
  name_en?: string;
}
export interface HandTime {
  text: string;
  value: string;
  type?: TimexType;
  occurrence?: number;
}

/** Build a Doc from `text`, marking every occurrence of each entity form and the given times. */
export function handDoc(
  text: string,
  opts: { id?: string; entities?: HandEntity[]; times?: HandTime[]; date?: string; window?: [string, string] } = {},
): Doc {
  const doc = createDoc({ text, id: opts.id });
  // longest forms first over all entities, never overlapping an earlier mention
  const pairs: { f: string; k: number }[] = [];
  (opts.entities ?? []).forEach((he, k) => he.forms.forEach((f) => pairs.push({ f, k })));
  pairs.sort((x, y) => y.f.length - x.f.length);
  const taken: [number, number][] = [];
  const found: { start: number; end: number; text: string }[][] = (opts.entities ?? []).map(() => []);
  for (const { f, k } of pairs) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(f, from);
      if (at < 0) break;
      from = at + f.length;
      const end = at + f.length;
      // whole words only (a proclitic before is fine)
      const after = text[end];
      if (after && /[\u0621-\u064a]/.test(after)) continue;
      if (taken.some(([s, e]) => at < e && s < end)) continue;
      taken.push([at, end]);
      found[k].push({ start: at, end, text: f });
    }
  }
  (opts.entities ?? []).forEach((he, k) => {
    const mentions = found[k].sort((a, b) => a.start - b.start);
    doc.entities.push({ id: `e${k + 1}`, kb: he.kb, type: he.type, name: he.forms[0], name_en: he.name_en ?? he.kb, mentions });
  });
  doc.times = (opts.times ?? []).map((t): TimeExpr => {
    let at = -1;
    for (let i = 0; i < (t.occurrence ?? 1); i++) at = text.indexOf(t.text, at + 1);
    if (at < 0) throw new Error(`time not in text: ${t.text}`);
    return { start: at, end: at + t.text.length, text: t.text, type: t.type ?? 'DATE', value: t.value, mod: null };
  });
  const date = opts.date ?? (opts.window ? null : '2025-02-05');
  doc.published = {
    date,
    earliest: opts.window?.[0] ?? date,
    latest: opts.window?.[1] ?? date,
    basis: 'given',
    evidence: [],
  };
  for (const l of ['published', 'times', 'entities'] as const) doc.layers.add(l);
  return doc;
}

/** Common entities of Iraqi security news, for tests. */
export const ENTS: Record<string, HandEntity> = {
  usa: { forms: ['الولايات المتحدة', 'واشنطن', 'أمريكا'], kb: 'usa', type: 'LOC', name_en: 'United States' },
  iraq: { forms: ['العراق'], kb: 'iraq', type: 'LOC', name_en: 'Iraq' },
  syria: { forms: ['سوريا'], kb: 'syria', type: 'LOC', name_en: 'Syria' },
  baghdad: { forms: ['بغداد'], kb: 'baghdad', type: 'LOC', name_en: 'Baghdad' },
  nato: { forms: ['حلف شمال الأطلسي', 'الناتو', 'حلف الناتو', 'الحلف', 'حلف الأطلسي'], kb: 'nato', type: 'ORG', name_en: 'NATO' },
  coalition: { forms: ['التحالف الدولي', 'التحالف'], kb: 'global-coalition-against-daesh', type: 'ORG', name_en: 'Global Coalition against Daesh' },
  sudani: { forms: ['محمد شياع السوداني', 'السوداني'], kb: 'mohammed-shia-al-sudani', type: 'PER', name_en: 'Mohammed Shia al-Sudani' },
  rutte: { forms: ['مارك روته', 'روته'], kb: 'mark-rutte', type: 'PER', name_en: 'Mark Rutte' },
  reuters: { forms: ['رويترز'], kb: 'reuters', type: 'ORG', name_en: 'Reuters' },
  isis: { forms: ['تنظيم داعش', 'داعش'], kb: 'isis', type: 'ORG', name_en: 'Islamic State' },
  iran: { forms: ['إيران', 'طهران'], kb: 'iran', type: 'LOC', name_en: 'Iran' },
  erbil: { forms: ['أربيل'], kb: 'erbil', type: 'LOC', name_en: 'Erbil' },
  soleimani: { forms: ['قاسم سليماني'], kb: 'qasem-soleimani', type: 'PER', name_en: 'Qasem Soleimani' },
  fuad: { forms: ['فؤاد حسين'], kb: 'fuad-hussein', type: 'PER', name_en: 'Fuad Hussein' },
  linde: { forms: ['آن ليندي'], kb: 'ann-linde', type: 'PER', name_en: 'Ann Linde' },
  moscow: { forms: ['موسكو'], kb: 'moscow', type: 'LOC', name_en: 'Moscow' },
  london: { forms: ['لندن'], kb: 'london', type: 'LOC', name_en: 'London' },
};
/** The states and bodies of the seed story, marked in most test sentences. */
export const STORY_ENTS: HandEntity[] = [ENTS.usa, ENTS.iraq, ENTS.syria, ENTS.baghdad, ENTS.nato, ENTS.coalition, ENTS.isis];

/** Run an event stage over a hand-made doc: its events, each with its actors', targets' and
 *  location's KB ids. */
export function handEvents(stage: Stage, text: string, opts: Parameters<typeof handDoc>[1]) {
  const doc = handDoc(text, opts);
  stage.run(doc);
  const kb = (id: string | null) => doc.entities.find((e) => e.id === id)?.kb ?? null;
  return doc.events.map((e) => ({ ...e, actorKb: e.actors.map(kb), targetKb: e.targets.map(kb), locationKb: kb(e.location) }));
}
