/**
 * Code pages the engine already knows (WHATWG Encoding Standard, ICU in Node): the Chinese
 * national sets and the single-byte Cyrillic and Western pages found in member files. We do not
 * carry tables for these. GB 2312 and GBK bytes are valid GB 18030 and decode the same, so one
 * `gb18030` decoder serves CNMARC whatever 100 $a says among the three.
 */
import { asciiString, isPlainAscii, ProblemList, replaceControls, toNfc } from './text.js';
import type { CharsetName, CharsetProblemCode, DecodeResult } from './types.js';

export type LegacyCharset = Exclude<CharsetName, 'utf-8' | 'marc-8' | 'iso-5426'>;

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<LegacyCharset, { strict: Decoder; lenient: Decoder }>();

function decodersFor(charset: LegacyCharset) {
  let d = decoders.get(charset);
  if (!d) {
    d = { strict: new TextDecoder(charset, { fatal: true }), lenient: new TextDecoder(charset) };
    decoders.set(charset, d);
  }
  return d;
}

const invalidCode: Partial<Record<LegacyCharset, CharsetProblemCode>> = { gb18030: 'invalid-gb18030', big5: 'invalid-big5' };

/** Decodes bytes [start, end) in one of the engine's code pages to NFC text. */
export function decodeLegacy(charset: LegacyCharset, bytes: Uint8Array, start = 0, end = bytes.length): DecodeResult {
  if (isPlainAscii(bytes, start, end)) return { text: asciiString(bytes, start, end), problems: [] };
  const view = bytes.subarray(start, end);
  const { strict, lenient } = decodersFor(charset);
  const problems = new ProblemList();
  let text: string;
  try {
    text = strict.decode(view);
  } catch {
    // Only the multi-byte sets fail; their byte structure tells where.
    text = lenient.decode(view);
    const code = invalidCode[charset] ?? 'invalid-gb18030';
    const bad = badMultibyteOffsets(charset, view);
    for (const at of bad) problems.add(code, view, at, Math.min(view.length, at + 2), `invalid ${charset} byte sequence replaced`);
    // Well-formed but unassigned four-byte codes: the decoder replaced them, the structure is fine.
    if (bad.length === 0) problems.add(code, view, 0, Math.min(view.length, 4), `unassigned ${charset} code replaced`);
  }
  text = replaceControls(text, problems, view, 0);
  return { text: toNfc(text), problems: problems.done() };
}

/** Offsets of byte sequences that are not well-formed GB 18030 or Big5. */
export function badMultibyteOffsets(charset: LegacyCharset, bytes: Uint8Array): number[] {
  const bad: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = charset === 'big5' ? big5Length(bytes, i) : gb18030Length(bytes, i);
    if (n === 0) bad.push(i++);
    else i += n;
  }
  return bad;
}

/** Length of the GB 18030 sequence at i (1, 2 or 4), 0 when malformed (GB 18030-2005 §6). */
export function gb18030Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  if (b === 0x80 || b === 0xff) return 0;
  const b2 = bytes[i + 1];
  if (b2 === undefined) return 0;
  if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) return 2;
  if (b2 >= 0x30 && b2 <= 0x39) {
    const b3 = bytes[i + 2];
    const b4 = bytes[i + 3];
    if (b3 !== undefined && b4 !== undefined && b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) return 4;
  }
  return 0;
}

function big5Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  if (b < 0x81 || b === 0xff) return 0;
  const b2 = bytes[i + 1];
  return b2 !== undefined && ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0xa1 && b2 <= 0xfe)) ? 2 : 0;
}
