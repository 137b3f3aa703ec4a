/**
 * Standard numbers other than the ISBN: ISSN (ISO 3297), LCCN (normalised per the Library of
 * Congress's rules for the info:lccn namespace) and the system numbers of 035, OCLC's above all.
 */

/** ISSN check digit over the first seven digits: weights 8…2, mod 11 (10 is "X"). */
export function issnCheckDigit(seven: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (8 - i) * Number(seven[i]);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

export type IssnReading = { ok: true; issn: string } | { ok: false; value: string; reason: 'check-digit' | 'length' };

/** An ISSN as "1234-5679" when its check digit is right ("0317-8471", "03178471", "ISSN 0317-8471"). */
export function readIssn(raw: string): IssnReading {
  const text = raw.normalize('NFKC');
  const m = /(\d{4})\s*-?\s*(\d{3}[\dXx])/.exec(text);
  if (!m) return { ok: false, value: text.trim(), reason: 'length' };
  const digits = (m[1]! + m[2]!).toUpperCase();
  if (issnCheckDigit(digits) !== digits[7]) return { ok: false, value: digits, reason: 'check-digit' };
  return { ok: true, issn: `${digits.slice(0, 4)}-${digits.slice(4)}` };
}

/**
 * An LCCN normalised as the Library of Congress prescribes (https://www.loc.gov/marc/lccn-namespace.html):
 * blanks removed; a "/" and everything after it removed; a hyphen removed and the digits after
 * it left-filled with zeros to six. "   85-2 " → "85000002", "n78-890351 " → "n78890351",
 * "2001-000002" → "2001000002", "   85153773 //r86" → "85153773". Null when the result is
 * not an LCCN (prefix of up to three letters, then 8 or 10 digits).
 */
export function normaliseLccn(raw: string): string | null {
  let s = raw.normalize('NFKC').replace(/\s+/g, '');
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(0, slash);
  const hyphen = s.indexOf('-');
  if (hyphen >= 0) {
    const after = s.slice(hyphen + 1);
    if (!/^\d{1,6}$/.test(after)) return null;
    s = s.slice(0, hyphen) + after.padStart(6, '0');
  }
  s = s.toLowerCase();
  return /^[a-z]{0,3}\d{8}$|^[a-z]{0,2}\d{10}$/.test(s) ? s : null;
}

/** A system number from 035 $a: "(OCoLC)ocm12345678" → { source: "OCoLC", value: "ocm12345678" }. */
export interface SystemNumber {
  /** The MARC organization code in parentheses, or null when the number has none. */
  source: string | null;
  value: string;
}

export function readSystemNumber(raw: string): SystemNumber | null {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return null;
  const m = /^\(([^)]*)\)\s*(.*)$/.exec(text);
  if (m) return { source: m[1]!.trim(), value: m[2]!.trim() };
  return { source: null, value: text };
}

/**
 * The OCLC number in a system number or control number, without prefix or leading zeros:
 * "(OCoLC)ocm00012345", "(OCoLC)12345", "ocn123456789", "on1234567890" → "12345"…
 * A number with another source, or none and no OCLC prefix, is not OCLC's.
 */
export function oclcNumber(sn: SystemNumber): string | null {
  const source = sn.source?.toLowerCase() ?? null;
  const prefixed = /^(?:ocm|ocn|on)\s*0*(\d+)$/i.exec(sn.value);
  if (source === null) return prefixed ? prefixed[1]! : null;
  if (source !== 'ocolc') return null;
  if (prefixed) return prefixed[1]!;
  const plain = /^0*(\d+)$/.exec(sn.value);
  return plain ? plain[1]! : null;
}
