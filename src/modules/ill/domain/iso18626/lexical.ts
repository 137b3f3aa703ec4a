/**
 * Lexical forms of the XSD built-in types the ISO 18626 schemas use (XML Schema Part 2 §3.2–3.3):
 * xs:dateTime, xs:decimal, xs:integer, xs:boolean. Each reader returns the normalised value or
 * undefined when the text is not of the type.
 */
import type { IsoDateTime } from './types.js';

const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * xs:dateTime (§3.2.7). Tolerates an offset without colon (`+0000`, as Java's SimpleDateFormat
 * writes and several peers send) and returns it with the colon, the only form the XSD accepts.
 */
export function readDateTime(text: string): IsoDateTime | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone = ''] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (year === 0 || (y!.length > 4 && y!.startsWith('0'))) return undefined; // no year 0000 in XSD 1.0, no leading zeros beyond 4 digits
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined; // 24:00:00 is legal XSD but rare; refusing it is safer
  let tz = zone;
  if (zone.length > 1) {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3)), om = Number(digits.slice(3, 5));
    if (om > 59 || oh > 14 || (oh === 14 && om !== 0)) return undefined;
    tz = `${digits[0]}${digits.slice(1, 3)}:${digits.slice(3, 5)}`;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${tz}`;
}

/** A JavaScript Date as xs:dateTime in UTC with milliseconds, e.g. for `timestamp`. */
export const isoDateTime = (date: Date): IsoDateTime => date.toISOString();

/** The instant of an xs:dateTime; one without an offset is read as UTC. NaN if the year is out of Date's range. */
export function dateTimeMillis(value: IsoDateTime): number {
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  return Date.parse(hasZone ? value : `${value}Z`);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** xs:decimal (§3.2.3): kept as text so money keeps every digit. */
export const readDecimal = (text: string): string | undefined => (DECIMAL.test(text.trim()) ? text.trim() : undefined);

const INTEGER = /^[+-]?\d+$/;
/** xs:integer (§3.3.13), limited to safe JavaScript integers; `min` for the 2021 sortOrder (≥ 0). */
export function readInteger(text: string, min?: number): number | undefined {
  const t = text.trim();
  if (!INTEGER.test(t)) return undefined;
  const n = Number(t);
  if (!Number.isSafeInteger(n) || (min !== undefined && n < min)) return undefined;
  return n;
}

/** xs:boolean (§3.2.2): true, false, 1, 0. */
export function readBoolean(text: string): boolean | undefined {
  switch (text.trim()) {
    case 'true': case '1': return true;
    case 'false': case '0': return false;
    default: return undefined;
  }
}

const SCHEME_PART = /^([^/?#:]*):/;
const IP_LITERAL_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#[\]]*@)?\[[0-9A-Fa-f:.vV]+\](?::\d*)?(?:[/?#][^[\]]*)?$/;

/**
 * xs:anyURI (§3.2.17) as libxml2 checks it: characters a URI cannot hold (spaces, non-ASCII,
 * `<>"{}|\^`) are allowed (they would be %-escaped); what makes it fail is a stray `%`, a second
 * `#`, an empty or malformed scheme before the first `:`, or brackets outside an IP-literal host.
 */
export function isAnyUri(text: string): boolean {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return false;
  if (text.indexOf('#') !== text.lastIndexOf('#')) return false; // a fragment cannot hold another '#'
  const scheme = SCHEME_PART.exec(text);
  if (scheme && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme[1]!)) return false;
  if (/[[\]]/.test(text)) return IP_LITERAL_AUTHORITY.test(text);
  return true;
}
