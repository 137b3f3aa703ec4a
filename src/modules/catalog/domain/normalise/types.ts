import type { Flavour } from '../marc/record.js';
import type { Carrier } from './carrier.js';
import type { Format } from './format.js';
import type { SystemNumber } from './identifiers.js';
import type { InvalidIsbn, Isbn } from './isbn.js';

/**
 * What matching needs to know about one member record, read the same way from MARC 21 and
 * UNIMARC/CNMARC. Text fields are folded (`foldText`): for comparing and keys, not for display.
 */
export interface NormalisedRecord {
  flavour: Flavour;
  format: Format;
  /** An online or other electronic resource: never the same manifestation as print. */
  electronic: boolean;
  /** The carrier the extent (or 338, 007) names: volume, sound, video …; null when unsaid. */
  carrier: Carrier | null;

  /** Valid ISBNs of this manifestation (020 $a; UNIMARC 010 $a), as ISBN-13, with qualifiers. */
  isbns: Isbn[];
  /** Numbers recorded as cancelled or invalid (020 $z; UNIMARC 010 $z): ISBN-13 when they read as one. */
  cancelledIsbns: string[];
  /** ISBN subfields ($a) that are not valid ISBNs, and why. */
  invalidIsbns: InvalidIsbn[];
  /** Valid ISSNs (022 $a; UNIMARC 011 $a) as "1234-5679". */
  issns: string[];
  invalidIssns: { value: string; reason: string }[];
  /** Normalised LCCN (010 $a; UNIMARC 020 with country US), or null. */
  lccn: string | null;
  /** OCLC numbers (035 "(OCoLC)…", 001 "ocm…" or 001 with 003 OCoLC) without prefix or zeros. */
  oclcNumbers: string[];
  /** Every 035 system number, OCLC's included: other systems' numbers are recorded, not matched. */
  systemNumbers: SystemNumber[];

  /** Title proper (245 $a without non-filing characters; UNIMARC 200 $a), folded; '' if none. */
  title: string;
  /** Other title information (245 $b; UNIMARC 200 $e), folded; '' if none. */
  subtitle: string;
  /** The title proper in another script of the same record (880 linked to 245), folded. */
  titleVariants: string[];
  /** Uniform title (130/240 $a; UNIMARC 500 $a), folded: the work's name across translations. */
  uniformTitle: string | null;
  /** Number and name of part (245 $n $p; UNIMARC 200 $h $i), normalised: keeps volumes apart. */
  part: string | null;
  /** Series numbering (490/830 $v; UNIMARC 225/410 $v), normalised. */
  seriesNumbers: string[];

  /** The main entry (1XX; UNIMARC 700/710/711/720), folded, or null. */
  mainAuthor: string | null;
  /** Keys of every name responsible (1XX, 7XX): full folded name and surname. */
  authorKeys: string[];
  /** The same names in their other script (880 linked to 1XX/7XX). */
  vernacularAuthorKeys: string[];
  /** Normalised edition (250 $a; UNIMARC 205 $a), e.g. "2", "rev", "3 enl rev"; null if none. */
  edition: string | null;
  /** Words of the publisher's name (260/264 $b; UNIMARC 210/214 $c), noise words dropped. */
  publisher: string[];
  /** The publisher's name in its other script (880 linked to 260/264). */
  vernacularPublisher: string[];
  /** Year of publication (008/07–10, else 260/264 $c; UNIMARC 100 $a/9–12, else 210 $d). */
  year: number | null;
  /** Pages or leaves (300 $a; UNIMARC 215 $a), or null. */
  pages: number | null;
  /** Physical volumes ("3 v."), or null. */
  volumes: number | null;
  /** The extent statement folded ("4 sound discs"), for materials counted otherwise than in pages. */
  extent: string | null;
  /** Language of the text (008/35–37, else 041 $a; UNIMARC 101 $a), ISO 639-2; null if unknown. */
  language: string | null;
}
