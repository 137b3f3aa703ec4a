/**
 * One entry point for every charset: the reader's hot path (≥ 5,000 records/s on import), so it
 * takes offsets instead of copies, and each decoder returns plain ASCII without building anything.
 */
import { decodeIso5426 } from './iso5426.js';
import { decodeLegacy } from './legacy.js';
import { decodeMarc8 } from './marc8.js';
import type { CharsetName, DecodeResult } from './types.js';
import { decodeUtf8 } from './utf8.js';

/**
 * Decodes the bytes [start, end) of one field or subfield in `charset` to NFC text. MARC-8 starts
 * each call in its default sets (ASCII, ANSEL). Never throws: undecodable bytes become U+FFFD and
 * each is reported in `problems`.
 */
export function decodeField(bytes: Uint8Array, charset: CharsetName, start = 0, end = bytes.length): DecodeResult {
  switch (charset) {
    case 'utf-8':
      return decodeUtf8(bytes, start, end);
    case 'marc-8':
      return decodeMarc8(bytes, start, end);
    case 'iso-5426':
      return decodeIso5426(bytes, start, end);
    default:
      return decodeLegacy(charset, bytes, start, end);
  }
}
