/**
 * Words of alphabetic scripts (issue 4, "Latin text: case and diacritics folded, English
 * stemming"). Folded words are stemmed with Porter's algorithm (the `stemmer` package) in the
 * document and in the query alike: "computers" and "computer" both become "comput".
 */
import { stemmer } from 'stemmer';

const stems = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

/** Porter stem of a folded word; only plain a–z words longer than two letters are stemmed. */
export function stem(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let s = stems.get(word);
  if (s === undefined) {
    // Catalogue vocabulary is large but repetitive; a bounded cache keeps stemming off the profile.
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    s = stemmer(word);
    stems.set(word, s);
  }
  return s;
}

/** "c++" → "c", "c#" → "c": the letters before the symbols, also indexed so that "c" finds "C++". */
export const withoutSymbols = (word: string): string => word.replace(/[+#]+$/, '');

/**
 * The lexemes a document holds for one folded word, all at the word's position: the stem, and
 * the word itself when it differs, so that a truncated query (`comput*`, `happin*`) on what the
 * reader typed can hit it (a stem is not always a prefix of the word: happiness → happi).
 * "c++" is kept whole and as "c".
 */
export function documentWordForms(word: string): string[] {
  const base = withoutSymbols(word);
  if (base !== word) return base === '' ? [word] : [word, base];
  const s = stem(word);
  return s === word ? [word] : [s, word];
}

/** The lexeme a query looks for when a word is typed without truncation: its stem ("c++" whole). */
export function queryWordForm(word: string): string {
  return withoutSymbols(word) !== word ? word : stem(word);
}
