import { isPairAt, putNonAscii, type ByteSink } from '../byte-sink.js';
import { warning, type Problem } from '../problems.js';

/**
 * Characters below U+0080 that XML text or attribute values cannot carry as they are: markup
 * (`& < > "`), and the C0 controls, which XML 1.0 (§2.2 Char) forbids apart from tab, line feed
 * and carriage return. 0 = as is, 1 = escape, 2 = forbidden.
 */
const TEXT = new Uint8Array(128);
const ATTR = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) TEXT[c] = ATTR[c] = 2;
for (const c of [0x09, 0x0a]) TEXT[c] = 0;
for (const c of [0x09, 0x0a, 0x0d]) ATTR[c] = 1; // attribute values turn these into blanks unless escaped
TEXT[0x0d] = 1; // a bare CR would be read back as LF
for (const c of [0x26, 0x3c, 0x3e]) TEXT[c] = ATTR[c] = 1;
ATTR[0x22] = 1;

const ENTITY: readonly string[] = Array.from({ length: 128 }, (_, c) => ({ 0x26: '&amp;', 0x3c: '&lt;', 0x3e: '&gt;', 0x22: '&quot;', 0x09: '&#9;', 0x0a: '&#10;', 0x0d: '&#13;' })[c] ?? '');

/** Writes `s` as XML character data; `problems`, `field`, `subfield` say where a forbidden character is reported. */
export const putXmlText = (sink: ByteSink, s: string, problems: Problem[], field?: string, subfield?: string): void => put(sink, s, TEXT, problems, field, subfield);

/** Writes `s` as the value of a double-quoted attribute. */
export const putXmlAttr = (sink: ByteSink, s: string, problems: Problem[], field?: string, subfield?: string): void => put(sink, s, ATTR, problems, field, subfield);

/**
 * Escapes markup, encodes UTF-8, and replaces what XML 1.0 cannot carry at all (C0 controls,
 * lone surrogates, U+FFFE/U+FFFF) by U+FFFD, reporting each as a warning.
 */
function put(sink: ByteSink, s: string, table: Uint8Array, problems: Problem[], field?: string, subfield?: string): void {
  sink.ensure(s.length * 6);
  const buf = sink.u8;
  let p = sink.pos;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const kind = table[c]!;
      if (kind === 0) buf[p++] = c;
      else if (kind === 1) {
        const e = ENTITY[c]!;
        for (let k = 0; k < e.length; k++) buf[p++] = e.charCodeAt(k);
      }
      else p = forbidden(buf, p, c, problems, field, subfield);
    } else if (c >= 0xfffe || ((c & 0xfc00) === 0xdc00) || (c >= 0xd800 && c <= 0xdbff && !isPairAt(s, i, c))) {
      p = forbidden(buf, p, c, problems, field, subfield);
    } else {
      p = putNonAscii(buf, p, s, i, c);
      if (isPairAt(s, i, c)) i++;
    }
  }
  sink.pos = p;
}

function forbidden(buf: Uint8Array, p: number, c: number, problems: Problem[], field?: string, subfield?: string): number {
  const name = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  problems.push(warning('xml-forbidden-character', `${name} cannot be written in XML 1.0; written as U+FFFD`, field, subfield));
  buf[p] = 0xef;
  buf[p + 1] = 0xbf;
  buf[p + 2] = 0xbd;
  return p + 3;
}
