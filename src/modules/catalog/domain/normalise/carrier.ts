/**
 * The carrier (RDA's word: volume, audio disc, videodisc, online resource, microfiche …) from
 * the physical description. Leader codes say what the content is; the extent says what a
 * library holds. A score and the CD sold beside it are both coded "c" (notated music) by some
 * catalogues, yet "1 score + parts" and "1 sound disc" are different manifestations.
 */
import type { MarcRecord } from '../marc/record.js';
import { controlValues, dataFields, subfield } from './fields.js';
import { foldText } from './text.js';

export const CARRIERS = ['volume', 'sheet', 'sound', 'video', 'microform', 'online', 'computer disc'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** Extent wording, checked in this order (CD-ROM before CD, videodisc before disc). */
const EXTENT_WORDS: [Carrier, RegExp][] = [
  ['online', /\b(?:online resource|remote|electronic resource|e ?book)\b/],
  ['computer disc', /\b(?:cd ?roms?|dvd ?roms?|computer (?:optical )?discs?|computer disks?|diskettes?|computer files?|computer chip cartridges?)\b/],
  ['video', /\b(?:videodiscs?|video discs?|videocassettes?|video cassettes?|videorecordings?|videotapes?|videoreels?|dvds?|blu ?ray|film reels?|film cassettes?|motion pictures?)\b/],
  ['sound', /\b(?:sound discs?|audio discs?|compact discs?|cds?|sound cassettes?|audiocassettes?|audio cassettes?|sound cartridges?|sound tape reels?|sound recordings?|phonograph records?|lps?|audio files?)\b/],
  ['microform', /\b(?:microfiches?|microfilms?|microcards?|microopaques?|microfilm reels?|aperture cards?)\b/],
  ['sheet', /\b(?:maps?|sheets?|charts?|posters?|broadsides?|globes?|atlas maps?)\b/],
  ['volume', /\b(?:p|pp|pages?|leaves|l|v|vols?|volumes?|scores?|parts|books?|s|seiten|f|ff|str|t|tomes?)\b|[页頁册冊卷葉]/],
];

/** RDA carrier type codes (338 $b) by their first letter, with the online resource apart. */
function fromRdaCode(code: string): Carrier | null {
  if (code === 'cr') return 'online';
  switch (code[0]) {
    case 'n': return code === 'nb' ? 'sheet' : 'volume';
    case 's': return 'sound';
    case 'v': return 'video';
    case 'h': return 'microform';
    case 'c': return 'computer disc';
    default: return null;
  }
}

/** The carrier named by an extent statement's main part (accompanying material after "+" aside). */
export function carrierFromExtent(extent: string | null | undefined): Carrier | null {
  if (!extent) return null;
  const main = foldText(extent.split('+')[0] ?? '');
  for (const [carrier, re] of EXTENT_WORDS) if (re.test(main)) return carrier;
  return null;
}

/** MARC 21: 300 $a, else 338 $b, else the first 007. */
export function marc21Carrier(record: MarcRecord): Carrier | null {
  const fromExtent = carrierFromExtent(dataFields(record, '300').map((f) => subfield(f, 'a') ?? '')[0]);
  if (fromExtent) return fromExtent;
  for (const f of dataFields(record, '338')) {
    const c = fromRdaCode(subfield(f, 'b') ?? '');
    if (c) return c;
  }
  const c007 = controlValues(record, '007')[0];
  switch (c007?.[0]) {
    case 's': return 'sound';
    case 'v': case 'm': return 'video';
    case 'h': return 'microform';
    case 'c': return c007[1] === 'r' ? 'online' : 'computer disc';
    case 't': case 'q': return 'volume';
    default: return null;
  }
}

/** UNIMARC / CNMARC: 215 $a. */
export function unimarcCarrier(record: MarcRecord): Carrier | null {
  return carrierFromExtent(dataFields(record, '215').map((f) => subfield(f, 'a') ?? '')[0]);
}
