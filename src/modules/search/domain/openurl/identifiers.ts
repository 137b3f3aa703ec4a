/**
 * The identifiers a citation carries, as the union catalogue compares them: ISBN-13 digits,
 * ISSN `1234-5679`, DOI lower-cased, OCLC and LCCN numbers normalised. Citations come from
 * databases that copy numbers as printed ("0-306-40615-2", "ISBN 978…", "ocm12345"), so the
 * reading is lenient about form and strict about check digits: a wrong check digit is reported,
 * never searched (it would find nothing, or the wrong book).
 */

import { isbn10CheckDigit, isbn13CheckDigit, issnCheckDigit } from '../../../catalog/index.js';

export type IdentifierReading = { ok: true; value: string } | { ok: false; reason: 'check-digit' | 'malformed' };

/** An ISBN in any printed form (hyphens, spaces, "ISBN", `urn:ISBN:`) as ISBN-13 digits. */
export function readIsbn(raw: string): IdentifierReading {
  const digits = raw
    .normalize('NFKC')
    .replace(/^(urn:isbn:|info:isbn\/|isbn(-1[03])?[:\s]*)/i, '')
    .replace(/[\s\-‐‑–]/g, '')
    .toUpperCase();
  if (/^\d{9}[\dX]$/.test(digits)) {
    if (isbn10CheckDigit(digits) !== digits[9]) return { ok: false, reason: 'check-digit' };
    const twelve = `978${digits.slice(0, 9)}`;
    return { ok: true, value: twelve + isbn13CheckDigit(twelve) };
  }
  if (/^97[89]\d{10}$/.test(digits)) {
    return isbn13CheckDigit(digits) === digits[12] ? { ok: true, value: digits } : { ok: false, reason: 'check-digit' };
  }
  return { ok: false, reason: 'malformed' };
}

/** An ISSN ("0317-8471", "03178471", `urn:ISSN:`, `info:issn/`) as `0317-8471`. */
export function readIssn(raw: string): IdentifierReading {
  const digits = raw
    .normalize('NFKC')
    .replace(/^(urn:issn:|info:issn\/|e?issn[:\s]*)/i, '')
    .replace(/[\s\-‐‑–]/g, '')
    .toUpperCase();
  if (!/^\d{7}[\dX]$/.test(digits)) return { ok: false, reason: 'malformed' };
  if (issnCheckDigit(digits) !== digits[7]) return { ok: false, reason: 'check-digit' };
  return { ok: true, value: `${digits.slice(0, 4)}-${digits.slice(4)}` };
}

/**
 * A DOI from `info:doi/…`, `doi:…`, or a doi.org address. DOI names are case-insensitive
 * (DOI Handbook §2.4), so the lower-cased form is the one compared.
 */
export function readDoi(raw: string): IdentifierReading {
  let s = raw.normalize('NFKC').trim();
  s = s.replace(/^(info:doi\/|doi:\s*|https?:\/\/(dx\.)?doi\.org\/)/i, '');
  try {
    // A doi.org address may percent-encode the suffix.
    if (/%[0-9a-f]{2}/i.test(s)) s = decodeURIComponent(s);
  } catch {
    // keep it as written
  }
  return /^10\.\d{4,9}\/\S+$/.test(s) ? { ok: true, value: s.toLowerCase() } : { ok: false, reason: 'malformed' };
}

/** An OCLC number (`info:oclcnum/`, "ocm00012345", "(OCoLC)12345") as its digits without leading zeros. */
export function readOclc(raw: string): IdentifierReading {
  const s = raw.normalize('NFKC').trim().replace(/^(info:oclcnum\/|\(ocolc\)|oclc[:\s]*)/i, '').replace(/^(ocm|ocn|on)/i, '');
  if (!/^\d{1,12}$/.test(s)) return { ok: false, reason: 'malformed' };
  return { ok: true, value: s.replace(/^0+(?=\d)/, '') };
}

/**
 * An LCCN normalised as the Library of Congress prescribes for `info:lccn/`
 * (https://www.loc.gov/marc/lccn-namespace.html): blanks and anything from "/" removed, the
 * digits after a hyphen left-filled with zeros to six, then a prefix of up to three letters and
 * 8 or 10 digits.
 */
export function readLccn(raw: string): IdentifierReading {
  let s = raw.normalize('NFKC').replace(/^info:lccn\//i, '').replace(/\s+/g, '');
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(0, slash);
  const hyphen = s.indexOf('-');
  if (hyphen >= 0) {
    const after = s.slice(hyphen + 1);
    if (!/^\d{1,6}$/.test(after)) return { ok: false, reason: 'malformed' };
    s = s.slice(0, hyphen) + after.padStart(6, '0');
  }
  s = s.toLowerCase();
  return /^[a-z]{0,3}\d{8}$|^[a-z]{0,2}\d{10}$/.test(s) ? { ok: true, value: s } : { ok: false, reason: 'malformed' };
}

/** A PubMed id (`info:pmid/`, `pmid:`): digits. Not in the catalogue, but carried to the ILL request. */
export function readPmid(raw: string): IdentifierReading {
  const s = raw.normalize('NFKC').trim().replace(/^(info:pmid\/|pmid:\s*)/i, '');
  return /^\d{1,10}$/.test(s) ? { ok: true, value: s } : { ok: false, reason: 'malformed' };
}

export type IdentifierKind = 'isbn' | 'issn' | 'doi' | 'oclc' | 'lccn' | 'pmid';

/**
 * Which identifier an `rft_id` (Z39.88-2004 Part 1 §5.2.2: a URI) or a 0.1 `id=` (`doi:`,
 * `pmid:`, `oclcnum:`) names, and its value still to be read. Null for a URI we do not use
 * (an `http:` address of the item, `info:sid/`, …).
 */
export function identifierOfUri(uri: string): { kind: IdentifierKind; raw: string } | null {
  const s = uri.trim();
  const m = /^(info:(doi|isbn|issn|oclcnum|lccn|pmid)\/|urn:(isbn|issn):|(doi|pmid|oclcnum|isbn|issn|lccn):)(.*)$/i.exec(s);
  if (m) {
    const scheme = (m[2] ?? m[3] ?? m[4]!).toLowerCase();
    const kind = (scheme === 'oclcnum' ? 'oclc' : scheme) as IdentifierKind;
    return { kind, raw: m[5]! };
  }
  if (/^https?:\/\/(dx\.)?doi\.org\//i.test(s)) return { kind: 'doi', raw: s };
  return null;
}

export const readers: Record<IdentifierKind, (raw: string) => IdentifierReading> = {
  isbn: readIsbn,
  issn: readIssn,
  doi: readDoi,
  oclc: readOclc,
  lccn: readLccn,
  pmid: readPmid,
};
