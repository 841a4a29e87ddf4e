// Arabic full-text search: the stemmer and the query parser. The stores index `searchBody(text)`
// with FTS5 (SQLite) or their own engine and query with `parseQuery(q).match`.
export { stemWord, searchBody, wordsOf, isStopword, stemmerFingerprint } from './stem.js';
export { parseQuery, snippet, type ParsedQuery } from './query.js';
