/**
 * Character folding for search (issue 4, "Chinese first"): the reader's query and the catalogue's
 * text are folded the same way, so width, script variant, case and accents never decide a match.
 * Characters are folded by the catalogue's own `foldCharacters` (width, OpenCC traditional →
 * simplified, case, accents; punctuation kept, so "C++" and "C#" survive); only the exact-match
 * key below is search's own.
 */
import { foldCharacters } from '../../../catalog/index.js';

export { foldCharacters, toSimplified } from '../../../catalog/index.js';

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
