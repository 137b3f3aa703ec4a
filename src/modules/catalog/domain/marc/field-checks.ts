import { error, hexByte, warning, type Problem } from './problems.js';

/**
 * Checks of tags, indicators and subfield codes that arrive as text (MARCXML, MARC-in-JSON),
 * with the same rules as the ISO 2709 reader: what can be kept is kept with a warning; what
 * cannot be represented is an error.
 */
export type Report = (p: Problem) => void;

/** A tag as given, or '' when there is none (an error). One or two digits are padded: `42` → `042`. */
export function checkTag(raw: string | undefined, element: string, report: Report): string {
  if (raw === undefined || raw === '') {
    report(error('tag-invalid', `a ${element} without a tag`));
    return '';
  }
  if (raw.length < 3 && isDigits(raw)) {
    const padded = raw.padStart(3, '0');
    report(warning('tag-invalid', `tag '${raw}' read as '${padded}'`, padded));
    return padded;
  }
  if (raw.length !== 3 || !isAlnum(raw)) {
    if (raw.length === 3 && isPrintable(raw)) report(warning('tag-invalid', `tag '${raw}' is not three letters or digits`, raw));
    else report(error('tag-invalid', `tag '${raw}' is not three printable ASCII characters`, raw));
  }
  return raw;
}

/** One indicator character: missing or too long is read as a blank / its first character, with a warning. */
export function checkIndicator(raw: string | undefined, tag: string, n: 1 | 2, report: Report): string {
  if (raw === undefined) {
    report(warning('indicators-missing', `indicator ${n} is missing; read as a blank`, tag));
    return ' ';
  }
  if (raw.length !== 1) {
    const ind = raw.length === 0 ? ' ' : raw[0]!;
    report(warning('indicator-invalid', `indicator ${n} is '${raw}'; read as '${ind}'`, tag));
    return ind;
  }
  const c = raw.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x20 || c === 0x7c)) report(warning('indicator-invalid', `indicator ${n} is '${raw}'; kept`, tag));
  return raw;
}

/** A subfield code: one printable ASCII character (others than a–z, 0–9 with a warning), else undefined (an error). */
export function checkCode(raw: string | undefined, tag: string, report: Report): string | undefined {
  if (raw === undefined || raw === '') {
    report(error('subfield-code-missing', 'a subfield without a code', tag));
    return undefined;
  }
  const c = raw.charCodeAt(0);
  if (raw.length !== 1 || c <= 0x20 || c >= 0x7f) {
    const shown = Array.from(raw, (ch) => (ch.charCodeAt(0) < 0x100 ? hexByte(ch.charCodeAt(0)) : ch)).join(' ');
    report(error('subfield-code-invalid', `subfield code '${raw}' (${shown}) is not one printable ASCII character`, tag));
    return undefined;
  }
  if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a))) report(warning('subfield-code-invalid', `subfield code '${raw}' is not a lowercase letter or digit`, tag, raw));
  return raw;
}

const isDigits = (s: string): boolean => s.length > 0 && Array.from(s).every((ch) => ch >= '0' && ch <= '9');
const isAlnum = (s: string): boolean => Array.from(s).every((ch) => (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
const isPrintable = (s: string): boolean => Array.from(s).every((ch) => ch >= ' ' && ch <= '~');
