// Knowledge-base records (data/kb/*.jsonl, one JSON object a line). See docs/kb.md.
import type { EntityType } from '../pipeline/doc.js';

/** An office a person held: who was NATO Secretary General or Iraqi Prime Minister when. */
export interface KbRole {
  /** Arabic titles, canonical first ("الأمين العام", "أمين عام"; "رئيس الوزراء", "رئيس الحكومة"). */
  title_ar: string[];
  title_en: string;
  /** The KB id of the body or country the office belongs to ("nato", "iraq"), or null. */
  org: string | null;
  /** ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); null = open. */
  from: string | null;
  to: string | null;
}

export interface KbRecord {
  /** English slug, the same in every article: "nato", "mohammed-shia-al-sudani". */
  id: string;
  type: EntityType;
  /** Arabic names: canonical first, then spelling variants. The gazetteer matches all of them. */
  names_ar: string[];
  name_en: string;
  wikidata?: string | null;
  /** What kind of thing: country, capital, city, governorate, region, org, person, event… */
  kind?: string;
  /** Short names that refer to this record only once it (or a record in `context`) is named in
   * the article: «الحلف» for NATO, «التحالف» for the anti-ISIS coalition. */
  aliases_ctx?: string[];
  /** Records whose presence in an article licenses `aliases_ctx` (besides the record itself). */
  context?: string[];
  /** Names that are also common words or other places («مالي», «كابل»): linked when the tagger
   * marks them as a name, never matched by the gazetteer alone. */
  ambiguous_ar?: string[];
  /** Country-scoped generic names («وزارة الخارجية», «رئاسة الوزراء») that mean this record when
   * its `country` is the country the article is about. */
  generic_ar?: string[];
  /** The country a body, person or place belongs to (a KB id). */
  country?: string | null;
  /** The enclosing place (Erbil → kurdistan-region → iraq) or the parent body. */
  parent?: string | null;
  /** For capitals: the country the name stands for when used as an actor («واشنطن» = usa). */
  capital_of?: string | null;
  /** For governments: the country it governs («حكومة السوداني» → government-of-iraq). */
  government_of?: string | null;
  /** [latitude, longitude] for places. */
  coordinates?: [number, number] | null;
  roles?: KbRole[];
  /** The period the name refers to this record (an event: «حرب غزة» from 2023-10-07). */
  from?: string | null;
  to?: string | null;
  note?: string;
}

/** Where a record came from, for error messages and provenance. */
export interface KbSource {
  file: string;
  line: number;
}
