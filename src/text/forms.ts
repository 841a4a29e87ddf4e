// The hash of a word form: the tokenizer computes it as it reads a word's letters (FNV-1a over
// the UTF-16 units of the normalised form) and keeps it on the token (`Token.hash`), so that a
// later stage that looks words up in its own tables (time triggers, tense cues) reads one integer
// per token instead of reading and hashing the word's letters again.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 units of a string: what `Token.hash` holds for an Arabic word. */
export function formHash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
