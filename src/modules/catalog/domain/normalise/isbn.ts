/**
 * ISBNs as members record them in MARC 21 020 and UNIMARC 010: "0679450041 (acid-free paper)",
 * "978-7-5721-0101-4 : CNY39.80", "7-5086-0000-X（精装）". The number is validated (ISO 2108
 * check digits), ISBN-10 is turned into ISBN-13, and the qualifier ("pbk.", "精装") is kept
 * apart: it tells the binding, and must not make two equal numbers look different.
 */

/** A valid ISBN, as ISBN-13 digits, with what the record said about it. */
export interface Isbn {
  isbn13: string;
  /** "pbk.", "acid-free paper", "精装" …, or null. */
  qualifier: string | null;
}

export type InvalidIsbnReason = 'check-digit' | 'length' | 'not-an-isbn' | 'no-number';

/** A number in an ISBN field that is not a valid ISBN, and why. */
export interface InvalidIsbn {
  value: string;
  reason: InvalidIsbnReason;
}

export type IsbnReading = { ok: true; isbn: Isbn } | { ok: false; invalid: InvalidIsbn };

/** ISBN-10 check digit over the first nine digits: weights 10…2, mod 11 (10 is "X"). */
export function isbn10CheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(nine[i]);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** ISBN-13 (EAN-13) check digit over the first twelve digits: weights 1, 3, mod 10. */
export function isbn13CheckDigit(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(twelve[i]);
  return String((10 - (sum % 10)) % 10);
}

/** A valid ISBN-10 as ISBN-13 ("0679450041" → "9780679450047"). */
export function isbn10To13(isbn10: string): string {
  const twelve = `978${isbn10.slice(0, 9)}`;
  return twelve + isbn13CheckDigit(twelve);
}

/** Prices that old practice put in $a after the number (": CNY39.80", "$15.00", "28元"). */
const PRICE = /(?:cny|rmb|usd|eur|gbp|jpy|hk\$|nt\$|us\$|\$|£|€|¥|￥|dm|fr|ft|kr|rs)\s*\d[\d.,]*|\d[\d.,]*\s*(?:元|圆|円)/giu;

/**
 * Reads one ISBN subfield: the first run of digits, hyphens and spaces that is 10 or 13 digits
 * long, and whatever follows it as the qualifier.
 */
export function readIsbn(raw: string, qualifierSubfield?: string | null): IsbnReading {
  const text = raw.normalize('NFKC').trim();
  const m = /(\d[\d\- ]*[\dXx])/.exec(text.replace(/^isbn[\s:]*/i, ''));
  if (!m) return { ok: false, invalid: { value: text, reason: 'no-number' } };
  let digits = m[1]!.replace(/[\s-]/g, '').toUpperCase();
  let rest = text.replace(/^isbn[\s:]*/i, '').slice(m.index + m[1]!.length);
  // "0306406152 9780306406157" or a number followed by a price: keep the first number only.
  if (digits.length > 13) {
    const first = /^(\d{13}|\d{9}[\dX])/.exec(digits);
    if (first && /[\s]/.test(m[1]!)) {
      rest = '';
      digits = first[1]!;
    }
  }
  const qualifier = cleanQualifier([rest, qualifierSubfield ?? ''].join(' '));
  const value = digits;
  if (digits.length === 10) {
    if (!/^\d{9}[\dX]$/.test(digits)) return { ok: false, invalid: { value, reason: 'not-an-isbn' } };
    if (isbn10CheckDigit(digits) !== digits[9]) return { ok: false, invalid: { value, reason: 'check-digit' } };
    return { ok: true, isbn: { isbn13: isbn10To13(digits), qualifier } };
  }
  if (digits.length === 13) {
    if (!/^97[89]\d{10}$/.test(digits)) return { ok: false, invalid: { value, reason: 'not-an-isbn' } };
    if (isbn13CheckDigit(digits) !== digits[12]) return { ok: false, invalid: { value, reason: 'check-digit' } };
    return { ok: true, isbn: { isbn13: digits, qualifier } };
  }
  return { ok: false, invalid: { value, reason: 'length' } };
}

function cleanQualifier(text: string): string | null {
  const q = text
    .replace(PRICE, ' ')
    .replace(/[()[\]（）【】]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:;,./=+-]+|[\s:;,/=+-]+$/g, '')
    .trim();
  return q === '' ? null : q;
}
