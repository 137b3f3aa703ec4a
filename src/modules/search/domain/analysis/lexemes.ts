/**
 * The lexeme scheme of the search document (docs/search.md, "Text analysis and the query
 * language"). Plain lexemes are words of any field (weight A title, B author, C subject,
 * D the rest); a tag before "|" marks a lexeme that only one kind of search looks for. The
 * tokenizer never yields "|", so a plain lexeme can never look like a tagged one.
 */
export const TAG = {
  /*
   * Title, author and subject words are also written with their field's tag: a field search then
   * looks up only that field's words in the GIN index (`ti|york`), where a weight (`york:A`) is
   * checked row by row on every document with the word anywhere (every "New York" publisher).
   */
  title: 'ti|',
  author: 'au|',
  subject: 'su|',
  publisher: 'pub|',
  series: 'ser|',
  /** Pinyin of titles' and authors' words: full ("hongloumeng") and initials ("hlm", also of a whole run). */
  pinyin: 'py|',
  /**
   * Pinyin of each character, at the character's position: "hong lou meng" typed as words.
   * Apart from `py|` so that an English word that is also a syllable ("long", "she") typed
   * alone does not find every title with 龙 or 社.
   */
  syllable: 'pys|',
  isbn: 'isbn|',
  issn: 'issn|',
  doi: 'doi|',
  callNumber: 'cn|',
  systemNumber: 'sn|',
} as const;

export type Weight = 'A' | 'B' | 'C' | 'D';

const NEEDS_ESCAPE = /['\\]/;

/**
 * A lexeme quoted for the text form of tsvector and tsquery (PostgreSQL §8.11.1): inside single
 * quotes a quote is doubled and a backslash escaped, so ' \ : & | ! ( ) and spaces are plain.
 */
export function quoteLexeme(lexeme: string): string {
  if (!NEEDS_ESCAPE.test(lexeme)) return `'${lexeme}'`;
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
