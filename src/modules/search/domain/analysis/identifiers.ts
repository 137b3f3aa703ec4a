/**
 * Identifiers as exact tokens (issue 4: "ISBN/ISSN in any form, call number, system number"):
 * the same normalisation for the document and the query, so any form typed finds the record.
 */
import { isbn10CheckDigit, isbn13CheckDigit } from '../../../catalog/index.js';
import { foldCharacters } from './fold.js';

/** Longest identifier kept (code units): PostgreSQL refuses lexemes of 2 KB and more. */
const MAX_IDENTIFIER = 400;

/** Control characters and lone surrogates out (PostgreSQL text cannot hold them), length capped. */
function clean(form: string): string {
  return form.replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').slice(0, MAX_IDENTIFIER);
}

/** The catalogue's ISO 2108 check digits, lower-cased as the cleaned numbers here are. */
const isbn10Check = (nine: string): string => isbn10CheckDigit(nine).toLowerCase();
const isbn13Check = isbn13CheckDigit;

/** Digits and "x" of an ISBN as typed or recorded: "ISBN 7-02-000220-X (精装)" → "702000220x". */
export function cleanIsbn(raw: string): string {
  const s = raw.normalize('NFKC').toLowerCase().replace(/^\s*isbn[\s:：]*/, '');
  // Hyphens only first: "0306406152 9780306406157" is two numbers; "7 02 000220 X" one.
  const hyphenated = /\d[\d-]*[\dx]?/.exec(s)?.[0].replace(/-/g, '') ?? '';
  if (hyphenated.length === 10 || hyphenated.length === 13) return hyphenated;
  const spaced = /\d[\d\s-]*[\dx]?/.exec(s)?.[0].replace(/[\s-]/g, '') ?? '';
  return spaced.length === 10 || spaced.length === 13 ? spaced : hyphenated;
}

/** Whether a cleaned ISBN is a valid ISBN-10 or ISBN-13 (check digit right). */
function validIsbn(d: string): boolean {
  if (/^\d{9}[\dx]$/.test(d)) return isbn10Check(d) === d[9];
  if (/^97[89]\d{10}$/.test(d)) return isbn13Check(d) === d[12];
  return false;
}

/**
 * Every form of an ISBN the index holds: ISBN-13 and, for 978 numbers, ISBN-10 (so that a
 * truncated ISBN-10 also finds it). A number with a wrong check digit is kept as recorded.
 */
export function isbnForms(raw: string): string[] {
  const d = cleanIsbn(raw);
  if (d === '') return [];
  if (!validIsbn(d)) return [d];
  if (d.length === 10) {
    const twelve = `978${d.slice(0, 9)}`;
    return [twelve + isbn13Check(twelve), d];
  }
  if (d.startsWith('978')) return [d, d.slice(3, 12) + isbn10Check(d.slice(3, 12))];
  return [d];
}

/** The one form a query looks for: ISBN-13 when valid, else the digits as typed. */
export function isbnQueryForm(raw: string): string {
  return isbnForms(raw)[0] ?? '';
}

/** Whether text typed alone looks like an ISBN (10 or 13 digits, hyphens or spaces allowed, valid check digit). */
export function looksLikeIsbn(text: string): boolean {
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/^isbn[\s:：]*/, '');
  if (!/^[\d\s-]+x?$/.test(t)) return false;
  return validIsbn(t.replace(/[\s-]/g, ''));
}

/** An ISSN as 8 characters ("0028-0836", "ISSN 0028 0836" → "00280836"). */
export function issnForm(raw: string): string {
  const s = raw.normalize('NFKC').toLowerCase().replace(/^\s*issn[\s:：]*/, '');
  const m = /\d{4}[\s-]?\d{3}[\dx]/.exec(s);
  return clean(m ? m[0].replace(/[\s-]/g, '') : s.replace(/[\s-]/g, ''));
}

/** Whether text typed alone is an ISSN with a right check digit (ISO 3297: weights 8…2, mod 11). */
export function looksLikeIssn(text: string): boolean {
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/^issn[\s:：]*/, '');
  if (!/^\d{4}-?\d{3}[\dx]$/.test(t)) return false;
  const d = t.replace('-', '');
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (8 - i) * Number(d[i]);
  const c = (11 - (sum % 11)) % 11;
  return (c === 10 ? 'x' : String(c)) === d[7];
}

/** A DOI, lowercased (DOIs are case-insensitive, DOI Handbook §2.4) without "doi:" or resolver prefix. */
export function doiForm(raw: string): string {
  return clean(raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^(?:doi:\s*|info:doi\/|https?:\/\/(?:dx\.)?doi\.org\/)/, '')
    .replace(/\s+/g, ''));
}

export const looksLikeDoi = (text: string): boolean => /^(?:doi:\s*)?10\.\d{4,9}\/\S+$/i.test(text.trim());

/** A call number folded, spaces removed ("TP 311.13 / K2" → "tp311.13/k2"): prefix searches work on it. */
export function callNumberForm(raw: string): string {
  return clean(foldCharacters(raw).replace(/\s+/g, ''));
}

/**
 * A system number's forms: as recorded ("(OCoLC)ocm00012345" → "(ocolc)ocm00012345"), without the
 * source in parentheses ("ocm00012345"), and an OCLC number bare ("12345", as OCLC itself prints it).
 */
export function systemNumberForms(raw: string): string[] {
  const full = clean(foldCharacters(raw).replace(/\s+/g, ''));
  if (full === '') return [];
  const forms = [full];
  const m = /^\(([^)]*)\)(.+)$/.exec(full);
  const source = m ? m[1]! : null;
  const value = m ? m[2]! : full;
  if (value !== full) forms.push(value);
  const prefixed = /^(?:ocm|ocn|on)0*(\d+)$/.exec(value);
  const oclc = prefixed ? prefixed[1]! : source === 'ocolc' ? /^0*(\d+)$/.exec(value)?.[1] : undefined;
  if (oclc !== undefined && !forms.includes(oclc)) forms.push(oclc);
  return forms;
}
