/**
 * The character sets Anylib reads member records in, and what decoding them returns.
 * Everything decoded is Unicode in NFC (issue 3: "Everything is stored as NFC UTF-8").
 */

/**
 * - `utf-8`: MARC 21 leader/09 `a`; UNIMARC 100 $a/26-27 `50` (ISO 10646).
 * - `marc-8`: MARC 21 leader/09 blank — ASCII and ANSEL by default, other sets (Greek, Cyrillic,
 *   Arabic, Hebrew, sub/superscripts, EACC CJK) through escape sequences.
 * - `iso-5426`: UNIMARC 100 $a/26-29 `0103` — ISO 646 with the ISO 5426 extended Latin G1 set.
 * - `gb18030`: Chinese national sets as CNMARC files carry them (GB 2312, GBK and GB 18030 are
 *   decoded alike: each is a subset of the next).
 * - `big5`: Taiwanese CMARC files; never guessed, only when configured.
 * - single-byte Cyrillic and Western code pages found in real files: `windows-1251`, `ibm866`
 *   (CP866), `koi8-r`, `windows-1252`.
 */
export const charsetNames = [
  'utf-8',
  'marc-8',
  'iso-5426',
  'gb18030',
  'big5',
  'windows-1251',
  'ibm866',
  'koi8-r',
  'windows-1252',
] as const;
export type CharsetName = (typeof charsetNames)[number];

export const isCharsetName = (s: string): s is CharsetName => (charsetNames as readonly string[]).includes(s);

/** Every kind of fault the decoders report; the importer translates these codes. */
export const charsetProblemCodes = [
  /** ESC followed by something that designates no MARC-8 set. */
  'marc8-bad-escape',
  /** ESC at the end of the data, or a designation cut short. */
  'marc8-incomplete-escape',
  /** A byte with no character in the set in effect. */
  'marc8-unmapped',
  /** Three bytes with no character in EACC, or fewer than three left. */
  'eacc-unmapped',
  /** A subfield delimiter inside an EACC character, put back to `|` (see repairEaccDelimiters). */
  'eacc-delimiter-repaired',
  /** A non-spacing diacritic with no letter after it to carry it. */
  'diacritic-without-base',
  'iso5426-unmapped',
  'invalid-utf8',
  'invalid-gb18030',
  'invalid-big5',
  /** C0 control characters (other than tab, line feed, carriage return) have no place in a field. */
  'control-character',
  /** The record says one character set, its bytes are another (see detectCharset). */
  'charset-mismatch',
  /** More problems than are worth listing one by one. */
  'more-problems',
] as const;
export type CharsetProblemCode = (typeof charsetProblemCodes)[number];

/** One fault in a field's bytes. Structurally a reader problem `{ reason }` with more detail. */
export interface CharsetProblem {
  code: CharsetProblemCode;
  /** Plain English with the bytes and where they are, e.g. `ESC 0x74 at byte 4 designates no MARC-8 set`. */
  reason: string;
  /** Offset of the first faulty byte within the bytes given to the decoder. */
  offset: number;
  /** The faulty bytes as hex (`1B 74`). */
  bytes: string;
}

export interface DecodeResult {
  /** NFC text; every undecodable byte sequence is U+FFFD. */
  text: string;
  problems: CharsetProblem[];
}
