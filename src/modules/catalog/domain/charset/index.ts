/**
 * The character-set layer of the catalogue: bytes of MARC fields in → NFC Unicode out, for MARC 21
 * (UTF-8, MARC-8 with EACC) and UNIMARC/CNMARC (UTF-8, ISO 5426, GB 2312/GBK/GB 18030), plus the
 * Cyrillic and Western code pages real files turn up in. Pure functions, no I/O; decoders never
 * throw — bad bytes become U+FFFD and are reported.
 *
 * For the readers: `makeDecoder()` is the `decode` option; `detectCharset` decides a record's
 * charset from its declaration and bytes; `repairEaccDelimiters` mends MARC-8 CJK fields before
 * their subfields are split.
 */
export { charsetNames, charsetProblemCodes, isCharsetName } from './types.js';
export type { CharsetName, CharsetProblem, CharsetProblemCode, DecodeResult } from './types.js';
export { decodeField } from './decode-field.js';
export { decodeMarc8 } from './marc8.js';
export { decodeIso5426 } from './iso5426.js';
export { decodeUtf8 } from './utf8.js';
export { decodeLegacy } from './legacy.js';
export { detectCharset } from './detect.js';
export type { CharsetDetection, CharsetEvidence } from './detect.js';
export { unimarcDeclaredCharset } from './unimarc-100.js';
export type { Unimarc100Charset } from './unimarc-100.js';
export { makeDecoder } from './decoder.js';
export type { DecoderOptions, FieldContext, FieldDecoder } from './decoder.js';
export { repairEaccDelimiters } from './eacc-repair.js';
export type { EaccRepair } from './eacc-repair.js';
