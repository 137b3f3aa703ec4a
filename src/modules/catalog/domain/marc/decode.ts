import { isUtf8 } from 'node:buffer';
import type { Flavour } from './record.js';
import { latin1Slice, utf8Slice } from './iso2709/bytes.js';
import { hexByte, type Problem } from './problems.js';

/**
 * What a decoder knows about the value it decodes. One object per record, updated in place
 * before each call: read it during the call, do not keep it.
 */
export interface DecodeContext {
  /** The record's leader as read (leader/09: `a` = UCS/Unicode in MARC 21, blank = MARC-8). */
  leader: string;
  flavour: Flavour;
  /**
   * UNIMARC only: the bytes of 100 $a read as Latin-1 (positions 26–29 name the character sets,
   * e.g. `50  ` for Unicode, `01`/`03` ISO 646/ISO 6937; CNMARC uses them for GB 2312 and GB 18030).
   */
  unimarc100a?: string;
  /** The field being decoded. */
  tag: string;
  /** The subfield being decoded; absent for a control field. */
  code?: string;
}

/** A decoder's complaint; the reader adds the field and subfield. */
export type DecodeProblem = Omit<Problem, 'field' | 'subfield'>;

export interface Decoded {
  /** The text, NFC-normalised (issue 3: "Everything is stored as NFC UTF-8"). */
  text: string;
  /** Bytes that are not valid in the character set: usually errors, so the record is rejected. */
  problems: readonly DecodeProblem[];
}

/**
 * Turns the bytes of one control field or one subfield (never containing the 0x1E/0x1F
 * delimiters) into text. The ISO 2709 reader calls it only for fields that hold a byte ≥ 0x80 or
 * an ESC (0x1B); a field of plain ASCII is read as ASCII without a call, since ASCII means itself
 * in UTF-8, MARC-8 (before any escape), GB 18030 and the ISO 8859 sets alike. Wire the real
 * character sets in with `readIso2709(input, { decode })`.
 *
 * A decoder may also offer `range(buf, from, to, context)`, the same over buf[from, to), which
 * the reader prefers: it saves making a view per value.
 */
export interface FieldDecoder {
  (bytes: Uint8Array, context: DecodeContext): Decoded;
  range?: (buf: Buffer, from: number, to: number, context: DecodeContext) => Decoded;
}

const noProblems: readonly DecodeProblem[] = Object.freeze([]);

/**
 * True when the record says its data is Unicode (UTF-8 in ISO 2709): MARC 21 leader/09 `a`
 * (UNIMARC leaves that position blank, so `a` there means the same whatever the flavour), or
 * UNIMARC 100 $a/26–27 `50`.
 */
export function declaresUtf8(context: Pick<DecodeContext, 'leader' | 'flavour' | 'unimarc100a'>): boolean {
  if (context.leader.charCodeAt(9) === 0x61) return true; // 'a'
  return context.flavour === 'unimarc' && context.unimarc100a?.slice(26, 28) === '50';
}

/**
 * The decoder used until the character-set module is wired in: UTF-8 when the record declares
 * Unicode (MARC 21 leader/09 `a`, UNIMARC 100 $a/26–27 `50`), otherwise Latin-1 as a placeholder
 * that at least keeps every byte. Invalid UTF-8 is reported as an error, never silently replaced.
 */
export const defaultDecode: FieldDecoder = Object.assign(
  (bytes: Uint8Array, context: DecodeContext): Decoded => (declaresUtf8(context) ? decodeUtf8(bytes) : { text: latin1(bytes), problems: noProblems }),
  {
    range: (buf: Buffer, from: number, to: number, context: DecodeContext): Decoded => {
      if (!declaresUtf8(context)) return { text: latin1Slice(buf, from, to), problems: noProblems };
      // Node turns every ill-formed sequence into U+FFFD: without one, the bytes were valid.
      const text = utf8Slice(buf, from, to);
      return text.includes('\uFFFD') ? decodeUtf8(buf.subarray(from, to)) : { text: nfc(text), problems: noProblems };
    },
  },
);

/** Strict UTF-8: the text when valid (NFC), else an `invalid-utf8` error naming the first bad byte. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return { text: nfc(buf.toString('utf8')), problems: noProblems };
  const at = firstInvalidUtf8(bytes);
  const shown = Array.from(bytes.subarray(at, Math.min(at + 4, bytes.length)), hexByte).join(' ');
  return {
    text: nfc(buf.toString('utf8')),
    problems: [{ severity: 'error', code: 'invalid-utf8', reason: `invalid UTF-8 at byte ${at} of the value (${shown})` }],
  };
}

/** Every byte as the code point of the same number. */
export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/**
 * NFC, skipping the ICU call for text that cannot change. Such text holds only characters that
 * are their own NFC form and never combine with what precedes them: everything below U+0300,
 * CJK ideographs, kana, Hangul syllables and full-width forms — which covers most catalogue
 * text, Chinese included. Anything else (combining marks, jamo, Greek, Cyrillic…) goes to ICU.
 */
export function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x300 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x3029) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff01 && c <= 0xff5e)) continue;
    return s.normalize('NFC');
  }
  return s;
}

/** Index of the first byte that starts an ill-formed UTF-8 sequence (RFC 3629 §4), or length. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    const c1 = b[i + 1];
    if (c1 === undefined || c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) {
      const ck = b[i + k];
      if (ck === undefined || ck < 0x80 || ck > 0xbf) return i;
    }
    i += n + 1;
  }
  return b.length;
}
