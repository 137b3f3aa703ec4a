/**
 * Volume and part designations (MARC 21 245 $n $p, 490/830 $v; UNIMARC 200 $h $i, 225 $v):
 * what keeps the volumes of a set apart. "v. 2" = "Vol. II" = "Band 2" = "第二册" = "t. 2" → "2";
 * "Part 1, Introduction" → "1 introduction".
 */
import { asciiDigits, replaceChineseNumerals, wordNumber } from './numbers.js';
import { foldCharacters } from './text.js';

/** Words that only say "volume", "part", "number" … in the catalogues' languages. */
const DESIGNATORS = new Set(
  [
    'v', 'vol', 'vols', 'volume', 'volumes', 'volumen', 'volume', 'tome', 'tomo', 't', 'tom', 'bd',
    'band', 'bande', 'baende', 'bde', 'teil', 'tl', 'th', 'part', 'parts', 'pt', 'pts', 'partie',
    'parte', 'no', 'nos', 'nr', 'num', 'number', 'numero', 'n', 'book', 'bk', 'livre', 'libro',
    'heft', 'fasc', 'fascicule', 'fascicle', 'disc', 'discs', 'disk', 'disks', 'ser', 'series', 'serie', 'reihe', 'sect', 'section',
    'jahrg', 'jg', 'anno', 'ano', 'ann', 'kn', 'kniga', 'chast', 'vyp', 'ji', 'ce', 'juan',
    '第', '卷', '册', '部', '辑', '集', '编', '篇', '分', '号', '期', '巻', '冊',
  ].map((w) => foldCharacters(w)),
);

const CJK = '\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
/** A number or range ("1-3"), one Chinese or Japanese character, or a run of other letters. */
const TOKEN = new RegExp(`\\d+(?:\\s*[-–—]\\s*\\d+)?|[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{M}])+`, 'gu');

/**
 * A designation reduced for matching: numbers as digits, designator words dropped, the rest
 * folded. Null when nothing is left.
 */
export function normaliseDesignation(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = replaceChineseNumerals(asciiDigits(foldCharacters(text)));
  const out: string[] = [];
  for (const token of s.match(TOKEN) ?? []) {
    if (DESIGNATORS.has(token)) continue;
    if (/^\d/.test(token)) {
      out.push(token.replace(/\s+/g, '').replace(/[–—]/g, '-').replace(/(^|-)0+(?=\d)/g, '$1'));
      continue;
    }
    const n = wordNumber(token);
    out.push(n === null ? token : String(n));
  }
  return out.length === 0 ? null : out.join(' ');
}
