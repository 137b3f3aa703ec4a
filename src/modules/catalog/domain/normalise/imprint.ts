/**
 * Publication year, publisher and extent, reduced for matching.
 */
import { asciiDigits } from './numbers.js';
import { remembered } from './memo.js';
import { foldCharacters, foldText } from './text.js';

const YEAR = /(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)/;

/** A four-digit coded date ("1999"), or null for "uuuu", "19uu", "9999", blanks. */
export function codedYear(text: string | undefined): number | null {
  if (!text || !/^\d{4}$/.test(text)) return null;
  const y = Number(text);
  return y >= 1000 && y < 2100 ? y : null;
}

/** The first plausible year in a transcribed date ("c2000.", "[2003]", "2020年", "1894, c1887"). */
export function transcribedYear(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = YEAR.exec(asciiDigits(text.normalize('NFKC')));
  return m ? Number(m[1]) : null;
}

/**
 * Words of a publisher's name that do not tell publishers apart: forms of company, "press",
 * "books", "university" (Oxford and Cambridge University Press differ by their first word) and
 * the pinyin and characters of 出版社 / 有限公司.
 */
const PUBLISHER_NOISE = new Set(
  [
    'inc', 'incorporated', 'ltd', 'limited', 'llc', 'co', 'corp', 'corporation', 'company', 'the',
    'and', 'et', 'und', 'publishers', 'publisher', 'publishing', 'publ', 'pub', 'pubs', 'verlag',
    'editions', 'edition', 'editorial', 'editora', 'editrice', 'editore', 'editeur', 'ed', 'eds',
    'gmbh', 'ag', 'sa', 'srl', 'spa', 'bv', 'kg', 'distributed', 'distributor', 'by', 'for', 'of',
    'sn', 'sl', 'pr', 'press', 'presses', 'books', 'book', 'house', 'group', 'u', 'univ',
    'records', 'recordings', 'record', 'music', 'musique', 'musik', 'media', 'entertainment',
    'productions', 'production',
    'university', 'universitat', 'universite', 'universidad', 'universita', 'universiteit',
    'chu', 'ban', 'she', 'you', 'xian', 'gong', 'si', '出', '版', '社', '有', '限', '公', '司',
    '责', '任', '集', '团',
  ].map((w) => foldCharacters(w)),
);

/** Abbreviations cataloguers use in publishers' names, spelled out. */
const PUBLISHER_WORDS: Record<string, string> = {
  dept: 'department', natl: 'national', intl: 'international', assn: 'association',
  assoc: 'association', soc: 'society', inst: 'institute',
};

/**
 * The words of a publisher's name that tell it apart: folded, company forms, "press", "books",
 * "records" and numbers dropped, abbreviations spelled out. "Oxford Univ. Press" and "Oxford University Press, Inc."
 * both give ["oxford"]; "[s.n.]" gives [].
 */
export function publisherWords(name: string | null | undefined): string[] {
  // A copy: the words become the record's own array.
  return name ? publisherWordsOf(name).slice() : [];
}

const publisherWordsOf = remembered((name: string): string[] => {
  const out: string[] = [];
  for (const w of foldText(name).split(' ')) {
    // Dates and numbers that slipped into $b ("Mammoth Records, 1996") are no part of a name.
    if (w === '' || PUBLISHER_NOISE.has(w) || /^\d+$/.test(w)) continue;
    const spelled = PUBLISHER_WORDS[w] ?? w;
    if (!out.includes(spelled)) out.push(spelled);
  }
  return out;
});

/**
 * The number of pages (or leaves) in an extent statement: the largest count followed by
 * "p.", "pages", "leaves", "S.", "页" … ("xii, 345 p." → 345; "1 v. (unpaged)" → null).
 */
export function pageCount(extent: string | null | undefined): number | null {
  return extent ? pagesOf(extent) : null;
}

const pagesOf = remembered((extent: string): number | null => {
  const s = asciiDigits(extent.normalize('NFKC').toLowerCase());
  let best: number | null = null;
  const re = /(\d+)\s*(?:\]|\s)*\s*(?:p\b|pp\b|p\.|pages?\b|leaves\b|leaf\b|l\.|s\.|seiten\b|str\.|с\.|f\.|ff\.|页|頁|葉|丁|페이지|쪽)/gu;
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    if (best === null || n > best) best = n;
  }
  return best;
});

/** The number of physical volumes in an extent statement ("3 v.", "2 vols.", "3册"), or null. */
export function volumeCount(extent: string | null | undefined): number | null {
  return extent ? volumesOf(extent) : null;
}

const volumesOf = remembered((extent: string): number | null => {
  const s = asciiDigits(extent.normalize('NFKC').toLowerCase());
  const m = /(\d+)\s*(?:v\.|vols?\b|volumes?\b|bde?\b|t\.|册|冊|卷)/u.exec(s);
  return m ? Number(m[1]) : null;
});
