// Versioned schema of the SQLite store. Each migration runs once, in order, in its own
// transaction; `PRAGMA user_version` records the last one applied. Append new ones; never edit one
// that has shipped.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'articles, links, entities, stories, claims, search',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  title TEXT, url TEXT, source TEXT, origin TEXT,
  pub_from TEXT, pub_to TEXT,
  ingested_at TEXT NOT NULL,
  simhash TEXT NOT NULL,
  b0 INTEGER NOT NULL, b1 INTEGER NOT NULL, b2 INTEGER NOT NULL, b3 INTEGER NOT NULL,
  text TEXT NOT NULL,
  analysis TEXT NOT NULL
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_b0 ON articles(b0);
CREATE INDEX articles_b1 ON articles(b1);
CREATE INDEX articles_b2 ON articles(b2);
CREATE INDEX articles_b3 ON articles(b3);

-- an id whose content is already stored under another id
CREATE TABLE aliases (
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);

-- near-duplicates (from = the later copy) and embeds (from = the page that embeds 'to')
CREATE TABLE links (
  from_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  to_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('near-duplicate', 'contains')),
  score REAL NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE INDEX links_to ON links(to_id);

-- hashes of long normalised sentences, for near-duplicates and embeds
CREATE TABLE sentence_hashes (
  hash INTEGER NOT NULL,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX sentence_hashes_hash ON sentence_hashes(hash);
CREATE INDEX sentence_hashes_article ON sentence_hashes(article_id);

CREATE TABLE entities (
  key TEXT PRIMARY KEY,
  kb TEXT, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT
);
CREATE INDEX entities_kb ON entities(kb);
CREATE TABLE mentions (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX mentions_key ON mentions(key, article_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL, grp TEXT NOT NULL, status TEXT NOT NULL, mode TEXT,
  when_from TEXT, when_to TEXT, when_stated INTEGER NOT NULL,
  location TEXT,
  participants TEXT NOT NULL
);
CREATE INDEX stories_type ON stories(type, grp, when_from);
CREATE INDEX stories_location ON stories(location, type);
CREATE TABLE story_keys (
  key TEXT NOT NULL,
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_story ON story_keys(story_id);

CREATE TABLE events (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  story_id INTEGER NOT NULL REFERENCES stories(id),
  type TEXT NOT NULL, mode TEXT, status TEXT NOT NULL,
  trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
  actors TEXT NOT NULL, targets TEXT NOT NULL, location TEXT,
  time TEXT, when_from TEXT, when_to TEXT, basis TEXT,
  sentence INTEGER NOT NULL, sentence_text TEXT NOT NULL, summary_en TEXT,
  evidence TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE quantities (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
  value REAL, min REAL, max REAL, approx INTEGER NOT NULL,
  unit TEXT, subject TEXT, location TEXT, time TEXT, when_from TEXT, when_to TEXT,
  sentence_text TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX quantities_key ON quantities(unit, subject, location);

CREATE TABLE times (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
  type TEXT NOT NULL, value TEXT, mod TEXT, when_from TEXT, when_to TEXT,
  sentence_text TEXT NOT NULL, entities TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX times_when ON times(when_from);
CREATE TABLE time_keys (
  key TEXT NOT NULL,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL
);
CREATE INDEX time_keys_key ON time_keys(key);
CREATE INDEX time_keys_article ON time_keys(article_id);

CREATE TABLE quotes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
  speaker TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT, via TEXT,
  PRIMARY KEY (article_id, idx)
);

-- full-text search: stemmed bodies (src/search) in a contentless FTS5 table; search_docs says what
-- each row is
CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('article', 'quote', 'event')),
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER
);
CREATE INDEX search_docs_article ON search_docs(article_id);
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
`,
  },
  {
    version: 2,
    name: 'interval indexes for the timeline (R*Tree over days), ordered scans, entity facts',
    sql: `
-- periods as Julian day numbers in R*Trees (kept by triggers), so that "what overlaps this
-- window" reads only the overlapping rows; the exact test is repeated on the row itself
CREATE VIRTUAL TABLE times_span USING rtree(id, lo, hi);
CREATE VIRTUAL TABLE stories_span USING rtree(id, lo, hi);
INSERT INTO times_span SELECT rowid, julianday(when_from), julianday(when_to) FROM times WHERE when_from IS NOT NULL AND type = 'DATE';
INSERT INTO stories_span SELECT id, julianday(when_from), julianday(when_to) FROM stories WHERE when_from IS NOT NULL;
CREATE TRIGGER times_span_ai AFTER INSERT ON times WHEN new.when_from IS NOT NULL AND new.type = 'DATE'
BEGIN INSERT INTO times_span VALUES (new.rowid, julianday(new.when_from), julianday(new.when_to)); END;
CREATE TRIGGER times_span_ad AFTER DELETE ON times BEGIN DELETE FROM times_span WHERE id = old.rowid; END;
CREATE TRIGGER stories_span_ai AFTER INSERT ON stories WHEN new.when_from IS NOT NULL
BEGIN INSERT INTO stories_span VALUES (new.id, julianday(new.when_from), julianday(new.when_to)); END;
CREATE TRIGGER stories_span_au AFTER UPDATE OF when_from, when_to ON stories
BEGIN
  DELETE FROM stories_span WHERE id = old.id;
  INSERT INTO stories_span SELECT new.id, julianday(new.when_from), julianday(new.when_to) WHERE new.when_from IS NOT NULL;
END;
CREATE TRIGGER stories_span_ad AFTER DELETE ON stories BEGIN DELETE FROM stories_span WHERE id = old.id; END;

-- the timeline's order without a sort: dated stories by day then id, dated statements by day
CREATE INDEX stories_when ON stories(when_from, id) WHERE when_from IS NOT NULL;
CREATE INDEX times_when_date ON times(when_from, article_id, idx) WHERE type = 'DATE' AND when_from IS NOT NULL;
CREATE INDEX time_keys_entity ON time_keys(key, article_id, idx);
`,
  },
  {
    version: 3,
    name: 'story candidates read from indexes whose cost does not grow with the store',
    sql: `
-- an event looks for stories of its type and status group, at an overlapping time, that share a
-- participant (story_keys) or a place (stories_place); with the story's type and period copied
-- into story_keys, both reads are ranges of one index instead of a walk over every story of the type
ALTER TABLE story_keys ADD COLUMN type TEXT;
ALTER TABLE story_keys ADD COLUMN grp TEXT;
ALTER TABLE story_keys ADD COLUMN when_from TEXT;
ALTER TABLE story_keys ADD COLUMN when_to TEXT;
UPDATE story_keys SET (type, grp, when_from, when_to) = (SELECT type, grp, when_from, when_to FROM stories s WHERE s.id = story_keys.story_id);
CREATE INDEX story_keys_match ON story_keys(key, type, grp, when_to, when_from);
CREATE INDEX stories_place ON stories(location, type, grp, when_to, when_from) WHERE location IS NOT NULL;
`,
  },
];
