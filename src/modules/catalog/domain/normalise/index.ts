/**
 * Normalisation of member records for matching (issue 3, "Normalisation"): pure functions from
 * a MarcRecord to a NormalisedRecord. See docs/clustering.md.
 */
import type { Flavour, MarcRecord } from '../marc/record.js';
import { normaliseMarc21 } from './marc21.js';
import type { NormalisedRecord } from './types.js';
import { normaliseUnimarc } from './unimarc.js';

/**
 * A member record as matching sees it: standard numbers validated, text folded (width, script
 * variant, case, accents, punctuation), edition, volume and format reduced to comparable values.
 * UNIMARC/CNMARC records are read by their own tags.
 */
export function normalise(record: MarcRecord, flavour: Flavour): NormalisedRecord {
  return flavour === 'unimarc' ? normaliseUnimarc(record) : normaliseMarc21(record);
}

export type { NormalisedRecord } from './types.js';
export { FORMATS, formatFamily, type Format } from './format.js';
export type { Isbn, InvalidIsbn, InvalidIsbnReason } from './isbn.js';
export { readIsbn, isbn10To13 } from './isbn.js';
export { readIssn, normaliseLccn, type SystemNumber } from './identifiers.js';
export { normaliseEdition, editionsCompatible } from './edition.js';
export { normaliseDesignation } from './designation.js';
export { foldText, toSimplified, wordSimilarity, wordOverlap } from './text.js';
