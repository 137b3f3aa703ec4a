/**
 * Pieces both flavours normalise the same way once their fields are found: standard numbers
 * and language codes.
 */
import { oclcNumber, readIssn, readSystemNumber, type SystemNumber } from './identifiers.js';
import { readIsbn, type InvalidIsbn, type Isbn } from './isbn.js';

/** One ISBN field's subfields: valid ($a), cancelled or invalid ($z), qualifier ($q; UNIMARC $b). */
export interface IsbnSubfield {
  valid: string[];
  cancelled: string[];
  qualifier: string | null;
}

export interface Identifiers {
  isbns: Isbn[];
  cancelledIsbns: string[];
  invalidIsbns: InvalidIsbn[];
  issns: string[];
  invalidIssns: { value: string; reason: string }[];
  oclcNumbers: string[];
  systemNumbers: SystemNumber[];
}

/** Reads ISBN, ISSN and 035 subfields; duplicates (ISBN-10 and -13 of one book) appear once. */
export function readIdentifiers(isbnFields: IsbnSubfield[], issnValues: string[], systemValues: string[]): Identifiers {
  const ids: Identifiers = {
    isbns: [], cancelledIsbns: [], invalidIsbns: [], issns: [], invalidIssns: [], oclcNumbers: [], systemNumbers: [],
  };
  for (const field of isbnFields) {
    for (const raw of field.valid) {
      const r = readIsbn(raw, field.qualifier);
      if (!r.ok) ids.invalidIsbns.push(r.invalid);
      else if (!ids.isbns.some((i) => i.isbn13 === r.isbn.isbn13)) ids.isbns.push(r.isbn);
      else {
        // The same book given twice (ISBN-10 and ISBN-13): keep the first qualifier found.
        const known = ids.isbns.find((i) => i.isbn13 === r.isbn.isbn13)!;
        known.qualifier ??= r.isbn.qualifier;
      }
    }
    for (const raw of field.cancelled) {
      const r = readIsbn(raw);
      const value = r.ok ? r.isbn.isbn13 : r.invalid.value;
      if (value !== '' && !ids.cancelledIsbns.includes(value)) ids.cancelledIsbns.push(value);
    }
  }
  for (const raw of issnValues) {
    const r = readIssn(raw);
    if (r.ok) {
      if (!ids.issns.includes(r.issn)) ids.issns.push(r.issn);
    } else ids.invalidIssns.push({ value: r.value, reason: r.reason });
  }
  for (const raw of systemValues) {
    const sn = readSystemNumber(raw);
    if (!sn) continue;
    ids.systemNumbers.push(sn);
    const oclc = oclcNumber(sn);
    if (oclc !== null && !ids.oclcNumbers.includes(oclc)) ids.oclcNumbers.push(oclc);
  }
  return ids;
}

/** Codes that say nothing about the language of the text: undetermined, none, several, unfilled. */
const NO_LANGUAGE = new Set(['und', 'zxx', 'mul', 'mis', '|||', '   ', 'xxx', '###', 'n/a']);

/** An ISO 639-2/B language code in lower case, or null when the code does not name one language. */
export function languageCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const c = code.trim().toLowerCase();
  if (!/^[a-z]{3}$/.test(c) || NO_LANGUAGE.has(c)) return null;
  return c;
}
