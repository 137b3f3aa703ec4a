import type { DataField } from '../marc/index.js';

const field = (tag: string, ind1: string, ind2: string, subfields: [string, string][]): DataField => ({
  tag, ind1, ind2, subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** Whether ISBN digits (10 or 13, X allowed last in ISBN-10) have a right check digit. */
export function isbnChecks(digits: string): boolean {
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = [...digits].reduce((s, c, i) => s + (c === 'X' ? 10 : Number(c)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(digits)) {
    const sum = [...digits].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  return false;
}

const ISBN = /^(?:isbn(?:-1[03])?[:\s]*)?((?:97[89][-\s]?)?\d[-\s]?(?:\d[-\s]?){8}[\dXx])(?:\s*\((.+)\))?$/i;
// Without "ISSN" before it, only the hyphenated form is taken for one (eight digits alone could be anything).
const ISSN = /^(?:issn[:\s]*(\d{4}-?\d{3}[\dXx])|(\d{4}-\d{3}[\dXx]))$/i;
const DOI = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)(10\.\d{4,}\/\S+)$/i;
const BARE_DOI = /^10\.\d{4,}\/\S+$/;
const URL = /^(?:https?|ftp):\/\/\S+$/i;

/**
 * The MARC fields for one dc:identifier (LC DC→MARC crosswalk, identifier → 024, refined by what
 * the value is): ISBN → 020 ($a when its check digit is right, $z otherwise), ISSN → 022, a URL →
 * 856 40 $u, a DOI → 024 7# $2 doi (and 856 when it was a link), handle and URN → 024 7#,
 * anything else → 024 8#.
 */
export function identifierFields(value: string): DataField[] {
  const v = value.trim();
  const isbn = ISBN.exec(v);
  const digits = isbn?.[1]!.replace(/[-\s]/g, '').toUpperCase();
  // A bare number is an ISBN only when its check digit says so; one called ISBN is kept as one (invalid: $z).
  if (isbn && digits && (isbnChecks(digits) || /^isbn/i.test(v))) {
    const subfields: [string, string][] = [[isbnChecks(digits) ? 'a' : 'z', digits]];
    if (isbn[2]) subfields.push(['q', isbn[2]]);
    return [field('020', ' ', ' ', subfields)];
  }
  const issn = ISSN.exec(v);
  if (issn) {
    const d = (issn[1] ?? issn[2]!).replace('-', '').toUpperCase();
    return [field('022', ' ', ' ', [['a', `${d.slice(0, 4)}-${d.slice(4)}`]])];
  }
  const doi = DOI.exec(v) ?? (BARE_DOI.test(v) ? [v, v] : null);
  if (doi) {
    const out = [field('024', '7', ' ', [['a', doi[1]!], ['2', 'doi']])];
    if (URL.test(v)) out.push(field('856', '4', '0', [['u', v]]));
    return out;
  }
  if (URL.test(v)) {
    const handle = /^https?:\/\/hdl\.handle\.net\/(.+)$/i.exec(v);
    const out = [field('856', '4', '0', [['u', v]])];
    if (handle) out.unshift(field('024', '7', ' ', [['a', handle[1]!], ['2', 'hdl']]));
    return out;
  }
  if (/^hdl:/i.test(v)) return [field('024', '7', ' ', [['a', v.slice(4)], ['2', 'hdl']])];
  if (/^urn:/i.test(v)) return [field('024', '7', ' ', [['a', v], ['2', 'urn']])];
  return [field('024', '8', ' ', [['a', v]])];
}
