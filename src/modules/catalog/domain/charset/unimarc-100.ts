/**
 * The character set a UNIMARC/CNMARC record declares in 100 $a positions 26–29: two two-digit
 * codes, the G0 set (26–27) and the G1 set (28–29) (UNIMARC Bibliographic, field 100; 30–33 name
 * additional G2/G3 sets and do not change the encoding).
 *
 * UNIMARC's codes: 01 ISO 646 IRV, 02 ISO registration #37 (basic Cyrillic), 03 ISO 5426
 * (extended Latin), 04 ISO DIS 5427 (extended Cyrillic), 05 ISO 5428 (Greek), 06 ISO 6438
 * (African), 07 ISO 10586 (Georgian), 08/09 ISO 8957 (Hebrew), 11 ISO 5426-2, 50 ISO 10646
 * (Unicode; UTF-8 in every file we have seen).
 *
 * What Chinese files carry (CNMARC follows UNIMARC here), decided from real records
 * and the systems that write them — there is no public CNMARC file to check against:
 * - `50  ` (`…y0chiy50      ea`): current National Library of China records and dp2 exports in
 *   UTF-8 (dp2 rewrites 26–33 to `50` + blanks when it exports UTF-8, DigitalPlatform/dp2#474).
 *   Files exported in GB 2312 by the same systems often keep `50` — the bytes then tell.
 * - `0120` (`…y0chiy0120    ea`), also `0110` and `0121`: older records and GB 2312 exports;
 *   G0 01 is ISO 646 and the G1 code stands for the national GB set by local practice (dp2#1206:
 *   "whether the mandatory code is 0110 or 0120 is disputed", so dp2 writes neither on a GB
 *   export). We read all of them, and G1 10/20/21/22 generally, as GB 18030, whose decoder also
 *   reads GB 2312 and GBK bytes.
 * - blanks or a missing 100: nothing declared; the bytes decide.
 */
import type { CharsetName } from './types.js';

export interface Unimarc100Charset {
  /** The charset the codes mean, or undefined when they mean nothing we can decode. */
  charset: CharsetName | undefined;
  /** Positions 26–29 as found ('' when 100 $a is shorter). */
  codes: string;
  /** Why, in plain English. */
  reason: string;
}

/** GB 2312 and its successors by Chinese local practice (see above). */
const CHINESE_G1 = new Set(['10', '20', '21', '22']);

/** The charset declared by a UNIMARC 100 $a value (its text, decoded as ASCII). */
export function unimarcDeclaredCharset(field100a: string | undefined): Unimarc100Charset {
  const codes = field100a && field100a.length >= 28 ? field100a.slice(26, 30) : '';
  const g0 = codes.slice(0, 2);
  const g1 = codes.slice(2, 4);
  const say = (charset: CharsetName | undefined, reason: string): Unimarc100Charset => ({ charset, codes, reason: `100 $a/26-29 "${codes}": ${reason}` });
  if (!codes || codes.trim() === '') return { charset: undefined, codes, reason: '100 $a/26-29 absent or blank: no character set declared' };
  if (g0 === '50' || g1 === '50') return say('utf-8', 'ISO 10646 (Unicode, UTF-8)');
  if (CHINESE_G1.has(g1) || CHINESE_G1.has(g0)) return say('gb18030', 'Chinese national set (GB 2312/GBK/GB 18030) by CNMARC practice');
  if (g1 === '03' || g0 === '03' || g1 === '11') return say('iso-5426', 'ISO 646 with ISO 5426 extended Latin');
  // ISO 5427 lays out the Cyrillic letters as KOI-8 does; KOI8-R is the nearest we can decode.
  if (g0 === '02' || g1 === '02' || g1 === '04' || g0 === '04') return say('koi8-r', 'ISO 5427 Cyrillic, read as KOI8-R');
  if (g0 === '01' && (g1 === '  ' || g1 === '')) return say('iso-5426', 'ISO 646 only (any high bytes read as ISO 5426)');
  return say(undefined, 'a character set we have no table for');
}
