// Dictionary matching of knowledge-base names over the normalised text, word by word. A name may
// carry leading clitics in the text (و ف ب ك ل, لل for ل+ال); the match then starts after them
// (except لل, which stays, as the spelling does). Words of a name may be separated by spaces,
// quotes or a hyphen, never by other punctuation or a line break.
import { nameKey, strippedForms } from '../../kb/names.js';
import type { NameEntry } from '../../kb/kb.js';

export interface Word {
  /** offsets into doc.norm.text */
  s: number;
  e: number;
  w: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const GAP = /^[ \t"'\-]*$/;

export function tokenizeNorm(normText: string): Word[] {
  const out: Word[] = [];
  for (const m of normText.matchAll(WORD)) out.push({ s: m.index!, e: m.index! + m[0].length, w: m[0] });
  return out;
}

/** May words i and i+1 belong to one name? */
export function joinable(normText: string, words: Word[], i: number): boolean {
  return i + 1 < words.length && GAP.test(normText.slice(words[i].e, words[i + 1].s));
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: NameEntry[] | null;
}
export class NameTrie {
  private readonly root: TrieNode = { next: new Map(), entries: null };
  add(key: string, entries: NameEntry[]): void {
    let node = this.root;
    for (const w of key.split(' ')) {
      let n = node.next.get(w);
      if (!n) node.next.set(w, (n = { next: new Map(), entries: null }));
      node = n;
    }
    node.entries = [...(node.entries ?? []), ...entries];
  }
  static fromNames(names: Map<string, NameEntry[]>, keep: (e: NameEntry) => boolean): NameTrie {
    const t = new NameTrie();
    for (const [key, entries] of names) {
      const k = entries.filter(keep);
      if (k.length && key) t.add(key, k);
    }
    return t;
  }
  /**
   * Every match starting at word i (with any clitic reading of that word), longest first.
   * `end` is exclusive (a word index).
   */
  matchAt(normText: string, words: Word[], i: number, forms: string[] = words.map((w) => w.w)): GazMatch[] {
    return this.matchSeq(forms, i, (k) => joinable(normText, words, k));
  }
  /** Matches over a plain word list; `canJoin(k)` says whether words k and k+1 may be one name. */
  matchSeq(words: string[], i: number, canJoin: (k: number) => boolean = () => true): GazMatch[] {
    const out: GazMatch[] = [];
    for (const { word, skip } of strippedForms(words[i])) {
      let node = this.root.next.get(word);
      let j = i;
      while (node) {
        if (node.entries) out.push({ start: i, end: j + 1, skip, entries: node.entries });
        if (j + 1 >= words.length || !canJoin(j)) break;
        j++;
        node = node.next.get(words[j]);
      }
    }
    out.sort((a, b) => b.end - a.end || a.skip - b.skip);
    return out;
  }
}

export interface GazMatch {
  start: number;
  end: number;
  skip: number;
  entries: NameEntry[];
}

/** All matches over the text (overlapping ones included). */
export function matchAll(trie: NameTrie, normText: string, words: Word[]): GazMatch[] {
  const out: GazMatch[] = [];
  const forms = words.map((w) => w.w); // once, not per word
  for (let i = 0; i < words.length; i++) out.push(...trie.matchAt(normText, words, i, forms));
  return out;
}

export { nameKey };
