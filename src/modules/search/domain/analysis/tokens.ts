/**
 * Splitting folded text into the units the index is built from (issue 4): words of alphabetic
 * scripts, runs of Chinese/Japanese characters (written without spaces; split later into words
 * and bigrams), and Korean hangul words (written with spaces between words, but with particles
 * glued on, so also split into bigrams).
 */

export type TokenKind = 'word' | 'cjk' | 'hangul';

export interface Token {
  kind: TokenKind;
  /** Folded text of the token. For 'cjk' and 'hangul': an array of characters (code points). */
  text: string;
  /** For 'cjk': the run holds kana (Japanese), so it is not segmented as Chinese. */
  kana: boolean;
}

/** Han ideographs (BMP, compatibility, extensions B–H) and 〇. */
const HAN = '\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}';
/** Hiragana and katakana with the prolonged sound mark ー, without the middle dot ・ (punctuation). */
const KANA = '\\u3041-\\u3096\\u309d-\\u309f\\u30a1-\\u30fa\\u30fc-\\u30ff';
/** Hangul syllables and jamo. */
const HANGUL = '\\u1100-\\u11ff\\u3130-\\u318f\\uac00-\\ud7af';

/**
 * One pass over the text: a CJK run, a hangul run, or a word of any other script (letters,
 * digits, combining marks). A word keeps trailing "+" or "#" ("c++", "c#", "f#"), which name
 * programming languages and would otherwise all fold to "c".
 */
const TOKEN = new RegExp(
  `([${HAN}${KANA}]+)|([${HANGUL}]+)|([[\\p{L}\\p{N}\\p{M}]--[${HAN}${KANA}${HANGUL}]]+(?:[+#]+(?![[\\p{L}\\p{N}]--[${HAN}${KANA}${HANGUL}]]))?)`,
  'gv',
);
const HAS_KANA = new RegExp(`[${KANA}]`, 'v');
/** Plain ASCII text (most Western records and queries): a simpler expression does the same. */
const ASCII = /^[\u0000-\u007f]*$/;
const ASCII_TOKEN = /[a-z0-9]+(?:[+#]+(?![a-z0-9]))?/g;
const APOSTROPHE_IN_WORD = /(?<=\p{L})['’‘`´](?=\p{L})/gu;
const ANY_APOSTROPHE = /['’‘`´]/;

/** Longest token kept, in characters: PostgreSQL refuses lexemes of 2 KB, and no word is this long. */
export const MAX_TOKEN_CHARS = 100;

/** The tokens of text already folded by `foldCharacters` (apostrophes inside words are dropped first). */
export function tokenize(folded: string): Token[] {
  const s = ANY_APOSTROPHE.test(folded) ? folded.replace(APOSTROPHE_IN_WORD, '') : folded;
  const tokens: Token[] = [];
  if (ASCII.test(s)) {
    // Folded ASCII is lower case already.
    for (const m of s.matchAll(ASCII_TOKEN)) tokens.push({ kind: 'word', text: clip(m[0]), kana: false });
    return tokens;
  }
  for (const m of s.matchAll(TOKEN)) {
    if (m[1] !== undefined) tokens.push({ kind: 'cjk', text: clip(m[1]), kana: HAS_KANA.test(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'hangul', text: clip(m[2]), kana: false });
    else tokens.push({ kind: 'word', text: clip(m[0]), kana: false });
  }
  return tokens;
}

/** Cut to MAX_TOKEN_CHARS code points (a CJK run longer than that is split by the caller's positions anyway). */
function clip(text: string): string {
  if (text.length <= MAX_TOKEN_CHARS) return text;
  return Array.from(text).slice(0, MAX_TOKEN_CHARS).join('');
}
