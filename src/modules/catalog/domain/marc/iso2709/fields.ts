import { defaultDecode, nfc, type DecodeContext, type FieldDecoder } from '../decode.js';
import { error, hexByte, warning, type Problem } from '../problems.js';
import { isControlTag, type ControlField, type DataField, type MarcField, type Subfield } from '../record.js';
import { byteChar, ESC, isAlnumTag, isPrintable, latin1Slice, preview, SD } from './bytes.js';
import type { FieldSpans } from './directory.js';

/** What reading the fields of one record needs. */
export interface FieldReader {
  buf: Buffer;
  indicatorCount: number;
  decode: FieldDecoder;
  context: DecodeContext;
  problems: Problem[];
}

/** The fields of a record, in directory order; fields that hold nothing are left out (with a warning). */
export function readFields(r: FieldReader, spans: FieldSpans): MarcField[] {
  const fields: MarcField[] = [];
  for (let i = 0; i < spans.tags.length; i++) {
    const tag = spans.tags[i]!;
    const from = spans.from[i]!;
    const to = spans.to[i]!;
    if (from < 0) continue; // reported by the directory
    if (!isAlnumTag(tag)) checkTag(r, tag);
    if (from === to) {
      r.problems.push(warning('empty-field', 'the field is empty and was left out', tag));
      continue;
    }
    const f = isControlLike(r, tag, from, to) ? controlField(r, tag, from, to) : dataField(r, tag, from, to);
    if (f !== undefined) fields.push(f);
  }
  return fields;
}

function checkTag(r: FieldReader, tag: string): void {
  let printable = true;
  for (let i = 0; i < tag.length; i++) if (!isPrintable(tag.charCodeAt(i))) printable = false;
  if (printable) r.problems.push(warning('tag-invalid', `tag '${tag}' is not three letters or digits`, tag));
  else r.problems.push(error('tag-invalid', `tag has unprintable bytes (${Array.from(tag, (c) => hexByte(c.charCodeAt(0))).join(' ')})`, tag));
}

/**
 * 001–009 are control fields, unless their data is laid out as indicators and subfields (as some
 * older formats do with 001); a tag that is not numeric (Aleph's FMT, CAT) is a control field
 * when its data has no subfield delimiter.
 */
function isControlLike(r: FieldReader, tag: string, from: number, to: number): boolean {
  const b = r.buf;
  if (isControlTag(tag)) {
    const ic = r.indicatorCount;
    if (to - from > ic && b[from + ic] === SD) {
      r.problems.push(warning('tag-invalid', `control field ${tag} holds indicators and subfields; read as a data field`, tag));
      return false;
    }
    return true;
  }
  const c0 = tag.charCodeAt(0);
  if (c0 >= 0x30 && c0 <= 0x39 && tag.charCodeAt(1) <= 0x39 && tag.charCodeAt(2) <= 0x39) return false;
  const sd = b.indexOf(SD, from);
  return sd === -1 || sd >= to;
}

function controlField(r: FieldReader, tag: string, from: number, to: number): ControlField {
  const b = r.buf;
  let hi = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    hi |= c === ESC ? 0x80 : c;
  }
  return { tag, value: hi & 0x80 ? decodeBytes(r, tag, undefined, b, from, to) : latin1Slice(b, from, to) };
}

function dataField(r: FieldReader, tag: string, from: number, to: number): DataField | undefined {
  const b = r.buf;
  let p = from;
  let ind1 = ' ';
  let ind2 = ' ';
  let k = 0;
  while (k < r.indicatorCount && p + k < to && b[p + k] !== SD) k++;
  if (k < r.indicatorCount) r.problems.push(warning('indicators-missing', k === 0 ? 'the field has no indicators; read as blanks' : `the field has ${k} indicator(s) of ${r.indicatorCount}; the missing ones read as blanks`, tag));
  if (k > 0) ind1 = indicator(r, tag, b[p]!, 1);
  if (k > 1) ind2 = indicator(r, tag, b[p + 1]!, 2);
  p += k;
  if (p < to && b[p] !== SD) {
    let q = b.indexOf(SD, p);
    if (q === -1 || q > to) q = to;
    if (onlyBlanks(b, p, q)) r.problems.push(warning('data-before-subfield', `'${preview(b, p, q)}' before the first subfield delimiter was taken for blanks and left out`, tag));
    else r.problems.push(error('data-before-subfield', `'${preview(b, p, q)}' stands before the first subfield delimiter`, tag));
    p = q;
  }

  const subfields: Subfield[] = [];
  // A subfield is decoded once the next one is seen: a delimiter followed by a blank or a control
  // byte continues the text before it.
  let code = '';
  let from_ = -1;
  let to_ = -1;
  let joined: Buffer | undefined;
  let needsDecoder = false;
  let escSeen = false; // MARC-8 escapes change the meaning of the bytes after them, to the end of the field
  while (p < to) {
    const codeAt = p + 1;
    let q = codeAt;
    let hi = 0;
    while (q < to) {
      const c = b[q]!;
      if (c < 0x20) {
        if (c === SD) break;
        if (c === ESC) escSeen = true;
      }
      hi |= c;
      q++;
    }
    p = q;
    if (codeAt >= q) {
      r.problems.push(warning('subfield-code-missing', 'a subfield delimiter with no code or data was left out', tag));
      continue;
    }
    const c = b[codeAt]!;
    if (c > 0x20 && c < 0x7f) {
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) r.problems.push(warning('subfield-code-invalid', `subfield code '${byteChar[c]}' is not a lowercase letter or digit`, tag, byteChar[c]));
      if (from_ >= 0) subfields.push({ code, value: subfieldText(r, tag, code, from_, to_, joined, needsDecoder) });
      joined = undefined;
      code = byteChar[c]!;
      from_ = codeAt + 1;
      to_ = q;
      needsDecoder = (hi & 0x80) !== 0 || escSeen;
      continue;
    }
    // A blank or a control byte (ESC) after the delimiter is text with a stray 0x1F in it (seen
    // inside MARC-8 CJK); a byte ≥ 0x80 is a mangled code, and guessing would corrupt the data.
    if (from_ < 0 || c >= 0x7f) {
      r.problems.push(error('subfield-code-invalid', `subfield code is byte ${hexByte(c)}, not a letter or digit (data '${preview(b, codeAt + 1, q)}')`, tag));
      continue;
    }
    r.problems.push(warning('subfield-code-invalid', `a subfield delimiter followed by byte ${hexByte(c)} was taken as part of the text of $${code}`, tag, code));
    joined = Buffer.concat([joined ?? b.subarray(from_, to_), b.subarray(codeAt, q)]);
    needsDecoder ||= (hi & 0x80) !== 0 || escSeen;
  }
  if (from_ >= 0) subfields.push({ code, value: subfieldText(r, tag, code, from_, to_, joined, needsDecoder) });
  if (subfields.length === 0) {
    r.problems.push(warning('no-subfields', 'the data field has no subfields and was left out', tag));
    return undefined;
  }
  return { tag, ind1, ind2, subfields };
}

function subfieldText(r: FieldReader, tag: string, code: string, from: number, to: number, joined: Buffer | undefined, needsDecoder: boolean): string {
  if (joined !== undefined) return needsDecoder ? decodeBytes(r, tag, code, joined) : joined.toString('latin1');
  return needsDecoder ? decodeBytes(r, tag, code, r.buf, from, to) : latin1Slice(r.buf, from, to);
}

/** Blanks and the characters systems print for them (`\`, `#`, `|`): nothing lost by leaving out. */
function onlyBlanks(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x5c && c !== 0x23 && c !== 0x7c) return false;
  }
  return true;
}

/** MARC 21 and UNIMARC indicators: a digit, a lowercase letter, a blank, or the fill character `|`. */
function indicator(r: FieldReader, tag: string, c: number, n: 1 | 2): string {
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x20 || c === 0x7c) return byteChar[c]!;
  if (isPrintable(c)) {
    r.problems.push(warning('indicator-invalid', `indicator ${n} is '${byteChar[c]}'; kept`, tag));
    return byteChar[c]!;
  }
  r.problems.push(warning('indicator-invalid', `indicator ${n} is byte ${hexByte(c)}; read as a blank`, tag));
  return ' ';
}

function decodeBytes(r: FieldReader, tag: string, code: string | undefined, bytes: Buffer, from = 0, to = bytes.length): string {
  r.context.tag = tag;
  r.context.code = code;
  const range = r.decode.range;
  const d = range !== undefined ? range(bytes, from, to, r.context) : r.decode(from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to), r.context);
  for (const p of d.problems) {
    const q: Problem = { ...p, field: tag };
    if (code !== undefined) q.subfield = code;
    r.problems.push(q);
  }
  // Stored text is NFC whatever decoder was wired in (the default one has normalised already).
  return r.decode === defaultDecode ? d.text : nfc(d.text);
}
