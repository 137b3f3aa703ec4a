/**
 * Edition statements (MARC 21 250 $a, UNIMARC 205 $a) reduced to what tells editions apart:
 * the edition number and the words that qualify it. "2nd ed." = "Second edition" = "2. Aufl."
 * = "第2版" = "第二版" = "Di 2 ban" → "2"; "Rev. ed." → "rev"; "3rd rev. and enl. ed." →
 * "3 enl rev"; printings ("第3次印刷", "2nd printing") are not editions and are dropped.
 */
import { asciiDigits, replaceChineseNumerals, wordNumber } from './numbers.js';
import { foldCharacters, foldText } from './text.js';

/** Words that only say "edition" in the catalogues' languages (and the pinyin "di … ban"). */
const EDITION_WORDS = new Set(
  [
    'ed', 'eds', 'edn', 'edition', 'editions', 'edicion', 'edizione', 'edicao', 'editie', 'uitgave',
    'druk', 'aufl', 'auflage', 'ausg', 'ausgabe', 'izd', 'izdanie', 'wyd', 'wydanie', 'udg',
    'udgave', 'uppl', 'upplaga', 'opl', 'oplag', 'painos', 'kiado', 'ban', 'di', '版', '第',
    'sheng', 'संस्करण', 'आवृत्ति', 'the',
  ].map((w) => foldCharacters(w)),
);

/** Qualifying words with the same meaning in several languages, reduced to one. */
const QUALIFIERS: Record<string, string> = Object.fromEntries(
  Object.entries({
    rev: 'rev', revised: 'rev', revision: 'rev', revisee: 'rev', revue: 'rev', riv: 'rev',
    riveduta: 'rev', revisada: 'rev', uberarb: 'rev', uberarbeitete: 'rev', bearb: 'rev',
    corr: 'rev', corrected: 'rev', corrigee: 'rev',
    enl: 'enl', enlarged: 'enl', augm: 'enl', augmentee: 'enl', erw: 'enl', erweiterte: 'enl',
    aumentada: 'enl', ampliada: 'enl', expanded: 'enl',
    new: 'new', nouv: 'new', nouvelle: 'new', neue: 'new', nueva: 'new', nuova: 'new', '新': 'new',
    updated: 'updated', 'and': '', et: '', und: '', y: '', e: '',
  }).map(([k, v]) => [foldCharacters(k), v]),
);

/** Printings and impressions: a reprint of an edition is that edition. */
const PRINTING = [
  /第?\s*\d+\s*次\s*印(?:刷)?/g,
  /\d+\s*(?:st|nd|rd|th)?\s*(?:printing|impression|print|tirage|druck|ristampa|reimpresion)\b/gi,
  /(?:printing|impression|tirage|druck|ristampa|reimpresion)\s*\d+/gi,
  /印次\s*\d+/g,
];

/**
 * The edition reduced for matching: its number first (if any), then its qualifying words
 * sorted. Null when the statement is empty.
 */
export function normaliseEdition(statement: string | null | undefined): string | null {
  if (!statement) return null;
  let s = asciiDigits(foldCharacters(statement));
  s = replaceChineseNumerals(s);
  // Chinese qualifiers are two characters, which folding would split: name them first.
  s = s.replace(/修订/g, ' rev ').replace(/增订|增补/g, ' enl ');
  for (const p of PRINTING) s = s.replace(p, ' ');
  // "2nd" and "2e" keep their digits and suffix together; "第2版" splits around the digits.
  s = s.replace(/(\d+)/g, ' $1');
  let number: number | null = null;
  const qualifiers = new Set<string>();
  for (const w of foldText(s).split(' ')) {
    if (w === '' || EDITION_WORDS.has(w)) continue;
    const n: number | null = number === null ? wordNumber(w, { roman: false }) : null;
    if (n !== null) {
      number = n;
      continue;
    }
    const q = QUALIFIERS[w];
    if (q === '') continue;
    qualifiers.add(q ?? w);
  }
  const parts = [...(number === null ? [] : [String(number)]), ...[...qualifiers].sort()];
  return parts.length === 0 ? null : parts.join(' ');
}

/**
 * Whether two normalised editions can be the same: equal, or one unstated and the other the
 * first edition (a first edition often says nothing).
 */
export function editionsCompatible(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  return (a === null && b === '1') || (b === null && a === '1');
}
