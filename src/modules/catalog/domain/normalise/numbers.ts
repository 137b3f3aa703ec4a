/**
 * Numbers as cataloguers write them in edition and volume statements: digits of any script,
 * Chinese numerals (第二版, 第十二册), Roman numerals (Part II, Tome IV) and ordinal words
 * ("Second", "deuxième", "zweite", "प्रथम").
 */
import { foldCharacters } from './text.js';

/** Code points of the digit zero in the decimal scripts seen in member catalogues. */
const ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66,
  0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10,
];

/** Digits of other scripts (Devanagari २०२३, Arabic-Indic, Thai, full-width …) as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    for (const z of ZEROS) if (cp >= z && cp <= z + 9) return String(cp - z);
    return d;
  });
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CHINESE_NUMERAL = /[零〇一二两兩三四五六七八九十百千]+/g;

/**
 * A Chinese numeral's value: positional with units (二十三 = 23, 十二 = 12, 一百零五 = 105) or
 * digit by digit without them (一九八四 = 1984).
 */
export function chineseNumeralValue(numeral: string): number | null {
  if (numeral === '') return null;
  const chars = [...numeral];
  if (!chars.some((c) => c in CHINESE_UNITS)) {
    let v = 0;
    for (const c of chars) {
      const d = CHINESE_DIGITS[c];
      if (d === undefined) return null;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let digit: number | null = null;
  for (const c of chars) {
    if (c in CHINESE_UNITS) {
      total += (digit ?? 1) * CHINESE_UNITS[c]!;
      digit = null;
    } else {
      const d = CHINESE_DIGITS[c];
      if (d === undefined) return null;
      digit = d;
    }
  }
  return total + (digit ?? 0);
}

/** Every Chinese numeral in a statement replaced by its value (第二版 → 第2版). */
export function replaceChineseNumerals(text: string): string {
  return text.replace(CHINESE_NUMERAL, (n) => {
    const v = chineseNumeralValue(n);
    return v === null ? n : String(v);
  });
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** A Roman numeral's value (lower or upper case), or null when the word is not one. */
export function romanValue(word: string): number | null {
  const w = word.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(w)) return null;
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    const v = ROMAN[w[i]!]!;
    const next = i + 1 < w.length ? ROMAN[w[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  // Only canonical spellings: "IIII" or "IC" are not numerals a cataloguer writes.
  return toRoman(total) === w ? total : null;
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** Ordinal and cardinal words of the catalogues' languages, as they fold. */
const ORDINAL_WORDS: Record<string, number> = fold({
  first: 1, one: 1, premier: 1, premiere: 1, erste: 1, erster: 1, primera: 1, primero: 1, prima: 1,
  primo: 1, primeira: 1, eerste: 1, pervoe: 1, 'प्रथम': 1, 'पहिलो': 1,
  second: 2, two: 2, deuxieme: 2, seconde: 2, zweite: 2, zweiter: 2, segunda: 2, segundo: 2,
  seconda: 2, secondo: 2, tweede: 2, vtoroe: 2, 'दोस्रो': 2, 'द्वितीय': 2,
  third: 3, three: 3, troisieme: 3, dritte: 3, tercera: 3, tercero: 3, terza: 3, terzo: 3,
  terceira: 3, derde: 3, 'तेस्रो': 3, 'तृतीय': 3,
  fourth: 4, four: 4, quatrieme: 4, vierte: 4, cuarta: 4, quarta: 4, quarto: 4, 'चौथो': 4,
  fifth: 5, five: 5, cinquieme: 5, funfte: 5, quinta: 5, quinto: 5, 'पाँचौं': 5,
  sixth: 6, six: 6, sixieme: 6, sechste: 6, sexta: 6, sesta: 6,
  seventh: 7, seven: 7, septieme: 7, siebte: 7, septima: 7, settima: 7,
  eighth: 8, eight: 8, huitieme: 8, achte: 8, octava: 8, ottava: 8,
  ninth: 9, nine: 9, neuvieme: 9, neunte: 9, novena: 9, nona: 9,
  tenth: 10, ten: 10, dixieme: 10, zehnte: 10, decima: 10,
});

function fold(table: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [foldCharacters(k), v]));
}

/**
 * The number a folded word stands for: "2", "2nd", "2e", "2me", "2.", "2a", "ii", "second",
 * "deuxieme". Null when the word is no number.
 */
export function wordNumber(word: string, { roman = true } = {}): number | null {
  const m = /^(\d+)(?:st|nd|rd|th|e|eme|ieme|me|re|er|ere|a|o|º|ª|\.)?$/.exec(word);
  if (m) return Number(m[1]);
  const w = ORDINAL_WORDS[word];
  if (w !== undefined) return w;
  // Single letters other than i, v and x are initials ("C version"), not numerals.
  if (!roman || (word.length === 1 && !'ivx'.includes(word))) return null;
  return romanValue(word);
}
