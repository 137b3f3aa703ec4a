/**
 * Character folding for search (issue 4, "Chinese first"): the reader's query and the catalogue's
 * text are folded the same way, so width, script variant, case and accents never decide a match.
 * The same rules as the catalogue's matching (catalog `normalise/text.ts`), kept here because the
 * search module must not reach into the catalogue's domain, and because search keeps a few
 * symbols the catalogue drops ("C++", "C#").
 */
import { Converter } from 'opencc-js/t2cn';

/**
 * OpenCC's traditional → mainland simplified table, phrase-aware (紅樓夢 → 红楼梦, 臺灣 → 台湾),
 * built once: the whole string is converted in one call, never character by character.
 */
const traditionalToSimplified = Converter({ from: 't', to: 'cn' });

/** Han ideographs (BMP, compatibility, supplementary planes), 〇, and kana. */
const CJK_CHAR = /[\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

/**
 * Combining marks that are accents on a letter (Latin, Greek, Cyrillic diacritics, the MARC-8
 * ligature halves U+FE20–FE23, Hebrew points, Arabic vowel signs). Devanagari or Thai vowel
 * signs are letters of their words and stay. Hangul and kana are recomposed by NFC below.
 */
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670]/g;

/** Letters that do not decompose but are read as plain Latin letters. */
const LETTERS: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l',
  ŧ: 't', ĸ: 'k', ſ: 's', ς: 'σ', ʻ: '', ʼ: '', ʹ: '', ʺ: '', '\u02be': '', '\u02bf': '',
};
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Non-filing text between NSB/NSE (ISO 6630 U+0088/U+0089, MARC 21 U+0098/U+009C). */
const NON_SORT = /\u0088[^\u0089]*\u0089|\u0098[^\u009c]*\u009c/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const MAY_HAVE_ACCENTS = /[\u00c0-\u2fff\ufe20-\ufe2f]/;

/** Whether the text holds Han characters or kana. */
export const hasCjk = (text: string): boolean => CJK_CHAR.test(text);

/** Traditional → simplified (OpenCC t→cn); text without Han characters is returned as it is. */
export function toSimplified(text: string): string {
  return hasCjk(text) ? traditionalToSimplified(text) : text;
}

/**
 * Width (NFKC: "ＡＢＣ" → "abc", "Ｃ＋＋" → "c++"), script variant, case and accents folded;
 * punctuation kept. The basis of both the index and the queries.
 */
export function foldCharacters(text: string): string {
  // Most catalogue text and most queries are plain ASCII: only case to fold.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  let s = text.replace(NON_SORT, '').replace(CONTROL, ' ').normalize('NFKC');
  s = toSimplified(s).toLowerCase();
  // Accents and special letters live below U+3000 (and in the ligature halves): CJK text skips the work.
  if (!MAY_HAVE_ACCENTS.test(s)) return s;
  s = s.normalize('NFD').replace(ACCENTS, '').normalize('NFC');
  return s.replace(SPECIAL_LETTERS, (c) => LETTERS[c] ?? c);
}

const CJK_CHAR_SOURCE = '\\u3007\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}';
/** A space with a CJK or hangul character on both sides: written without spaces, so dropped. */
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK_CHAR_SOURCE}]) (?=[${CJK_CHAR_SOURCE}])`, 'gu');

/**
 * Text folded for exact comparisons and sort keys: `foldCharacters`, apostrophes dropped
 * ("children's" = "childrens"), every other punctuation mark or symbol a space, runs of spaces
 * one space, none at the ends, and none between two Chinese or Japanese characters
 * ("紅樓夢 上" = "红楼梦上"). Not for display.
 */
export function foldText(text: string): string {
  let s = foldCharacters(text).replace(/['’‘`´]/g, '');
  s = s.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
  return s.includes(' ') && /[^\u0000-\u007f]/.test(s) ? s.replace(SPACE_BETWEEN_CJK, '') : s;
}
