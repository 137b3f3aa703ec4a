/**
 * The format of what a record describes, from the coded data: MARC 21 leader/06–07, 008, 006,
 * 007 and a few data fields (245 $h, 338, 502, 856); UNIMARC leader/6–7 and its coded-data
 * fields 105, 110, 135.
 */
import type { MarcRecord } from '../marc/record.js';
import { controlValue, controlValues, dataFields, firstSubfield, subfield, subfieldValues } from './fields.js';

export const FORMATS = [
  'book', 'e-book', 'serial', 'newspaper', 'thesis', 'conference', 'map', 'score', 'audio', 'video', 'other',
] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Formats that can describe the same thing when two libraries code it differently: one codes a
 * thesis or the proceedings of a conference as such (008/24, 008/29), another as a plain book.
 * Print and electronic, serials and monographs, books and scores are never one family.
 */
export function formatFamily(f: Format): string {
  switch (f) {
    case 'book':
    case 'thesis':
    case 'conference':
      return 'printed text';
    case 'serial':
    case 'newspaper':
      return 'serial';
    default:
      return f;
  }
}

export interface FormatReading {
  format: Format;
  /** An online or other electronic resource (an e-book, an e-journal, a digital score …). */
  electronic: boolean;
}

/** Form of item codes (008/23, 008/29 for maps and visual, 006/06) that mean electronic. */
const ELECTRONIC_FORM = new Set(['o', 'q', 's']);

/** MARC 21: format from the leader, 008, 006, 007 and the data fields that say "electronic". */
export function marc21Format(record: MarcRecord): FormatReading {
  const type = record.leader[6] ?? ' ';
  const level = record.leader[7] ?? ' ';
  const f008 = controlValue(record, '008') ?? '';
  const electronic = marc21Electronic(record, type, f008);
  if (type === 'a' || type === 't') {
    if (level === 's' || level === 'b' || level === 'i') {
      return { format: f008[21] === 'n' ? 'newspaper' : 'serial', electronic };
    }
    if (electronic) return { format: 'e-book', electronic };
    const nature = f008.slice(24, 28);
    if (nature.includes('m') || dataFields(record, '502').length > 0) return { format: 'thesis', electronic };
    if (f008[29] === '1' || dataFields(record, '111').length > 0) return { format: 'conference', electronic };
    return { format: 'book', electronic };
  }
  if (type === 'c' || type === 'd') return { format: 'score', electronic };
  if (type === 'e' || type === 'f') return { format: 'map', electronic };
  if (type === 'i' || type === 'j') return { format: 'audio', electronic };
  if (type === 'g') {
    // Projected media also covers slides and filmstrips (008/33 s, f, t): those are not video.
    const kind = f008[33];
    const c007 = controlValues(record, '007').map((v) => v[0]);
    const still = kind === 's' || kind === 'f' || kind === 't';
    const video = !still || c007.includes('v') || c007.includes('m');
    return { format: video ? 'video' : 'other', electronic };
  }
  return { format: 'other', electronic: electronic || type === 'm' };
}

function marc21Electronic(record: MarcRecord, type: string, f008: string): boolean {
  // Form of item sits at 008/23 for books, music, serials, mixed; at 008/29 for maps and visual.
  const formAt = type === 'e' || type === 'f' || type === 'g' || type === 'k' || type === 'o' || type === 'r' ? 29 : 23;
  const form = f008[formAt];
  if (form !== undefined && ELECTRONIC_FORM.has(form)) return true;
  // 008/23 blank means regular print for books: an explicit "not electronic".
  const codedForm = form !== undefined && form !== '|';
  for (const v of controlValues(record, '006')) {
    if (v[0] === 'm') return true;
    const f006 = 'efgkor'.includes(v[0] ?? '') ? v[12] : v[6];
    if (f006 !== undefined && ELECTRONIC_FORM.has(f006)) return true;
  }
  for (const v of controlValues(record, '007')) {
    // "cr" is an online resource; "co" (a CD-ROM) with a print-coded 008 is accompanying material.
    if (v[0] === 'c' && (v[1] === 'r' || !codedForm)) return true;
  }
  for (const f of dataFields(record, '245')) {
    if (subfieldValues(f, 'h').some((h) => /electronic|online|computer file|电子|電子/i.test(h))) return true;
  }
  for (const f of dataFields(record, '338')) {
    if (subfield(f, 'b') === 'cr' || /online resource/i.test(subfield(f, 'a') ?? '')) return true;
  }
  // 856 second indicator 0 is the resource itself; $3 marks a part (a table of contents).
  return dataFields(record, '856').some((f) => f.ind2 === '0' && subfield(f, '3') === undefined);
}

/** UNIMARC / CNMARC: format from leader/6–7 and the coded-data fields 105, 110, 135. */
export function unimarcFormat(record: MarcRecord): FormatReading {
  const type = record.leader[6] ?? ' ';
  const level = record.leader[7] ?? ' ';
  const electronic =
    type === 'l' ||
    dataFields(record, '135', '230').length > 0 ||
    dataFields(record, '856').some((f) => f.ind2 === '0' && subfield(f, '3') === undefined) ||
    dataFields(record, '200').some((f) => subfieldValues(f, 'b').some((b) => /electroni|online|电子|電子/i.test(b)));
  if (type === 'a' || type === 'b' || type === 'l') {
    if (level === 's' || level === 'i') {
      const kind = firstSubfield(record, '110', 'a')?.[0];
      return { format: kind === 'c' ? 'newspaper' : 'serial', electronic };
    }
    if (electronic) return { format: type === 'l' && level !== 'm' ? 'other' : 'e-book', electronic };
    const coded = firstSubfield(record, '105', 'a') ?? '';
    const contents = coded.slice(4, 8);
    if (contents.includes('m') || contents.includes('v') || dataFields(record, '328').length > 0) {
      return { format: 'thesis', electronic };
    }
    if (coded[8] === '1') return { format: 'conference', electronic };
    return { format: 'book', electronic };
  }
  if (type === 'c' || type === 'd') return { format: 'score', electronic };
  if (type === 'e' || type === 'f') return { format: 'map', electronic };
  if (type === 'i' || type === 'j') return { format: 'audio', electronic };
  if (type === 'g') return { format: 'video', electronic };
  return { format: 'other', electronic };
}
