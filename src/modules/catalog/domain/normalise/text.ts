/**
 * Folding text for matching (issue 3, "Normalisation"): two catalogues' transcriptions of the
 * same title page should fold to the same string, whatever their script variant, width, case,
 * accents or punctuation. Folded text is for comparing and keys only, never for display.
 */
import { Converter } from 'opencc-js/t2cn';

/** OpenCC's traditional → mainland simplified table, phrase-aware (紅樓夢 → 红楼梦, 臺灣 → 台湾). */
const traditionalToSimplified = Converter({ from: 't', to: 'cn' });

/** Han ideographs (BMP, compatibility, supplementary planes) and kana: written without spaces. */
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const CJK_CHARS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/gu;

/**
 * Combining marks that are accents on a letter, not part of a script's spelling: the Latin,
 * Greek and Cyrillic diacritics, the MARC-8 double-width ligature halves (U+FE20–FE23), Hebrew
 * points and Arabic vowel signs (optional in both). Devanagari, Thai and other vowel signs are
 * letters of their words and stay.
 */
const ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670]/g;

/** Letters that do not decompose but are read as plain Latin letters when matching. */
const LETTERS: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l',
  ŧ: 't', ĸ: 'k', ſ: 's', ς: 'σ', ʻ: '', ʼ: '', ʹ: '', ʺ: '', '\u02be': '', '\u02bf': '',
};
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/**
 * Non-filing text between NSB/NSE markers: U+0088/U+0089 (UNIMARC, ISO 6630) and U+0098/U+009C
 * (MARC 21 in Unicode). "\u0088The \u0089Hobbit" files under "Hobbit".
 */
const NON_SORT = /\u0088[^\u0089]*\u0089|\u0098[^\u009c]*\u009c/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
/** Accents and the special letters live below U+3000 (and in the ligature halves). */
const MAY_HAVE_ACCENTS = /[\u00c0-\u2fff\ufe20-\ufe2f]/;

/** Whether the text holds Chinese or Japanese characters (which need no spaces between words). */
export const hasCjk = (text: string): boolean => CJK_CHAR.test(text);

/** Traditional Chinese → simplified, for matching only; other text is returned as it is. */
export function toSimplified(text: string): string {
  return hasCjk(text) ? traditionalToSimplified(text) : text;
}

/**
 * Width, script variant, case and accents folded, but punctuation kept: the basis of every
 * folded field. Full-width forms become half-width (NFKC: "Ｈｅｌｌｏ" → "hello").
 */
export function foldCharacters(text: string): string {
  // Most catalogue text is plain ASCII: nothing to decompose, convert or strip but case.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  let s = text.replace(NON_SORT, '').replace(CONTROL, ' ').normalize('NFKC');
  s = toSimplified(s).toLowerCase();
  // CJK text has no accents to strip: it skips the decomposition.
  if (!MAY_HAVE_ACCENTS.test(s)) return s;
  s = s.normalize('NFD').replace(ACCENTS, '').normalize('NFC');
  return s.replace(SPECIAL_LETTERS, (c) => LETTERS[c] ?? c);
}

/**
 * Text folded for matching: `foldCharacters`, then "&" read as "and", apostrophes dropped
 * ("children's" = "childrens"), every other punctuation mark or symbol a word break, and each
 * Chinese or Japanese character a word of its own (so "红楼梦 上" and "红楼梦上" fold alike).
 * Words are separated by one space.
 */
export function foldText(text: string): string {
  // Plain ASCII, most catalogue text: the same steps with byte-range patterns, which V8 runs
  // several times faster than the Unicode property classes below.
  if (PRINTABLE_ASCII.test(text)) {
    return text.toLowerCase().replace(/&/g, ' and ').replace(/['`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  }
  let s = foldCharacters(text);
  s = s.replace(/&/g, ' and ').replace(/['’‘`´]/g, '');
  s = s.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ');
  if (hasCjk(s)) s = s.replace(CJK_CHARS, (c) => ` ${c} `);
  return s.replace(/\s+/g, ' ').trim();
}

/** The words of folded text (`foldText` split on spaces). */
export function words(text: string): string[] {
  const f = foldText(text);
  return f === '' ? [] : f.split(' ');
}

/**
 * The Dice coefficient of two texts' word sets, 0–1: how much of two titles or publishers is
 * the same wording. Two empty texts are not similar (0).
 */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return (2 * common) / (sa.size + sb.size);
}

/** Share of the smaller word set found in the larger, 0–1 ("Penguin" in "Penguin Books" = 1). */
export function wordOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sa = new Set(a);
  const sb = new Set(b);
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return common / Math.min(sa.size, sb.size);
}

const SCRIPTS: [string, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['han', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
  ['armenian', /\p{Script=Armenian}/u],
];

/**
 * The script a text is written in, by its first letter: names or publishers transcribed in two
 * scripts (romanised and in the original) cannot be compared word by word.
 */
export function scriptOf(text: string): string | null {
  const first = /\p{L}/u.exec(text);
  if (!first) return null;
  for (const [name, re] of SCRIPTS) if (re.test(first[0])) return name;
  return 'other';
}
