/** Byte-level helpers for the ISO 2709 hot path: no regexes, no per-call allocation. */

/** ISO 2709 §4: record terminator, field terminator, subfield delimiter (identifier start). */
export const RT = 0x1d;
export const FT = 0x1e;
export const SD = 0x1f;
export const ESC = 0x1b;

/** Node's Buffer has fast, unchecked slicers that `toString` wraps; we call them directly. */
interface SlicingBuffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Bytes [start, end) as Latin-1 (= ASCII for bytes < 0x80) text. */
export const latin1Slice = (buf: Buffer, start: number, end: number): string =>
  (buf as unknown as SlicingBuffer).latin1Slice(start, end);

/** The value of `n` ASCII digits at `at`, or -1 if any is not a digit (or lies past `end`). */
export function digits(buf: Uint8Array, at: number, n: number, end = buf.length): number {
  if (at + n > end) return -1;
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Bytes [start, end) as UTF-8 text (ill-formed sequences become U+FFFD). */
export const utf8Slice = (buf: Buffer, start: number, end: number): string => (buf as unknown as SlicingBuffer).utf8Slice(start, end);

/** One-character strings for every byte, so a subfield code costs no allocation. */
export const byteChar: readonly string[] = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));

const tagCache = new Map<number, string>();

/** The three bytes at `at` as a tag string, shared between records (tags repeat endlessly). */
export function tagAt(buf: Uint8Array, at: number): string {
  const key = (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
  let tag = tagCache.get(key);
  if (tag === undefined) {
    tag = byteChar[buf[at]!]! + byteChar[buf[at + 1]!]! + byteChar[buf[at + 2]!]!;
    // Garbage could otherwise fill the cache with millions of one-off "tags".
    if (tagCache.size < 10_000) tagCache.set(key, tag);
  }
  return tag;
}

/** Printable ASCII, space included. */
export const isPrintable = (b: number): boolean => b >= 0x20 && b <= 0x7e;

/** A tag of three ASCII letters or digits (MARC 21 §tags; alphabetic tags are local, e.g. Aleph's FMT). */
export function isAlnumTag(tag: string): boolean {
  for (let i = 0; i < 3; i++) {
    const c = tag.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  }
  return tag.length === 3;
}

/** What a cataloguer sees for a stretch of bytes in a reason: printable ASCII, else `\xNN`. */
export function preview(buf: Uint8Array, start: number, end: number, max = 24): string {
  let s = '';
  for (let i = start; i < end && i < start + max; i++) {
    const b = buf[i]!;
    s += isPrintable(b) ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return end - start > max ? `${s}…` : s;
}
