/**
 * UTF-8 (MARC 21 leader/09 `a`, UNIMARC 100 $a/26-27 `50`). Valid input goes through the
 * engine's decoder; invalid sequences become U+FFFD (WHATWG "maximal subpart" rule, as
 * TextDecoder does) and each is reported with its offset.
 */
import { asciiString, isPlainAscii, ProblemList, replaceControls, toNfc } from './text.js';
import type { DecodeResult } from './types.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes UTF-8 bytes [start, end) to NFC text. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): DecodeResult {
  if (isPlainAscii(bytes, start, end)) return { text: asciiString(bytes, start, end), problems: [] };
  const view = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  const problems = new ProblemList();
  let text: string;
  try {
    text = strict.decode(view);
  } catch {
    text = lenient.decode(view);
    for (const [at, length] of invalidUtf8(view)) problems.add('invalid-utf8', view, at, at + length, 'invalid UTF-8 sequence replaced');
  }
  text = replaceControls(text, problems, view, 0);
  return { text: toNfc(text), problems: problems.done() };
}

/** Length of the UTF-8 sequence starting at i if valid, else 0 (RFC 3629 §4, no overlongs or surrogates). */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  if (b < 0xc2 || b > 0xf4) return 0;
  const c1 = bytes[i + 1] ?? 0;
  if (b <= 0xdf) return c1 >= 0x80 && c1 <= 0xbf ? 2 : 0;
  // The second byte's range narrows for E0 (no overlongs), ED (no surrogates), F0 and F4.
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (c1 < lo || c1 > hi) return 0;
  const c2 = bytes[i + 2] ?? 0;
  if (c2 < 0x80 || c2 > 0xbf) return 0;
  if (b <= 0xef) return 3;
  const c3 = bytes[i + 3] ?? 0;
  return c3 >= 0x80 && c3 <= 0xbf ? 4 : 0;
}

/** Whether all of `bytes` is valid UTF-8, checked by the engine (fast on whole records). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the bytes are valid UTF-8 with at least one multi-byte character (and no ESC, which
 * only MARC-8 uses). Stops at the first fault: cheap enough to ask of every non-ASCII field.
 */
export function isUtf8Text(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  let multibyte = false;
  for (let i = start; i < end; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0x1b) return false;
      i++;
      continue;
    }
    const n = utf8SequenceLength(bytes, i);
    if (n === 0 || i + n > end) return false;
    multibyte = true;
    i += n;
  }
  return multibyte;
}

/** [offset, length] of each run of bytes that is not valid UTF-8. */
function invalidUtf8(bytes: Uint8Array): [number, number][] {
  const bad: [number, number][] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    const from = i++;
    while (i < bytes.length && bytes[i]! >= 0x80 && bytes[i]! <= 0xbf) i++; // stray continuation bytes
    bad.push([from, i - from]);
  }
  return bad;
}
