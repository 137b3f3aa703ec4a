/**
 * Helpers every decoder shares: the ASCII fast path, NFC, and the problem list with a cap.
 */
import type { CharsetProblem, CharsetProblemCode } from './types.js';

export const REPLACEMENT = '\uFFFD';

/** A field holds at most this many detailed problems; the rest are counted in one `more-problems`. */
const MAX_PROBLEMS = 16;

/** Two hex digits per byte, separated by spaces: `1B 24 31`. */
export function hexBytes(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < bytes.length; i++) {
    s += (s ? ' ' : '') + bytes[i]!.toString(16).toUpperCase().padStart(2, '0');
  }
  return s;
}

/** Collects problems for one field, listing the first few and counting the rest. */
export class ProblemList {
  readonly items: CharsetProblem[] = [];
  private extra = 0;

  add(code: CharsetProblemCode, bytes: Uint8Array, start: number, end: number, what: string): void {
    if (this.items.length >= MAX_PROBLEMS) {
      this.extra++;
      return;
    }
    const hex = hexBytes(bytes, start, end);
    this.items.push({ code, offset: start, bytes: hex, reason: `${what} (bytes ${hex} at offset ${start})` });
  }

  /** The problems, with a last entry counting those not listed. */
  done(): CharsetProblem[] {
    if (this.extra > 0) {
      this.items.push({ code: 'more-problems', offset: -1, bytes: '', reason: `${this.extra} more problems of the kinds above in this field` });
      this.extra = 0;
    }
    return this.items;
  }
}

/**
 * True when every byte in [start, end) is printable ASCII or tab/LF/CR — the text is then the
 * bytes themselves in every charset we read (ISO 646 is the G0 set of all of them) and already NFC.
 * `alsoStop` names one more byte value that disqualifies (`&` for MARC-8's character references).
 */
export function isPlainAscii(bytes: Uint8Array, start: number, end: number, alsoStop = -1): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x7f || b === alsoStop || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  }
  return true;
}

/** The bytes as a string, one character per byte (callers have checked they are ASCII). */
export function asciiString(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  // String.fromCharCode over a typed-array view is the quickest route for field-sized data;
  // large values go in chunks to stay clear of the engine's argument-count limit.
  if (n <= 8192) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  let s = '';
  for (let i = start; i < end; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 8192)) as unknown as number[]);
  }
  return s;
}

/** NFC, skipped when no character could take part in composition (all below U+0300). */
export function toNfc(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x300) return text.normalize('NFC');
  }
  return text;
}

/**
 * Replaces C0 controls other than tab, LF and CR (and DEL) in decoded text by U+FFFD, reporting
 * each: they cannot be stored in XML, and NUL cannot be stored in PostgreSQL text at all. The
 * offsets reported are those of the same byte values found in order in the input.
 */
export function replaceControls(text: string, problems: ProblemList, bytes: Uint8Array, start: number): string {
  let out = '';
  let last = 0;
  let from = start;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) {
      const at = bytes.indexOf(c, from);
      if (at >= 0) from = at + 1;
      problems.add('control-character', bytes, at < 0 ? start : at, at < 0 ? start : at + 1, `control character U+${c.toString(16).toUpperCase().padStart(4, '0')} replaced`);
      out += text.slice(last, i) + REPLACEMENT;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
