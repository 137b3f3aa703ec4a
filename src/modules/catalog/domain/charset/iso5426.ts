/**
 * ISO 5426 → Unicode (UNIMARC 100 $a/26-29 `0103`: ISO 646 as G0, ISO 5426 as G1). Like ANSEL,
 * its non-spacing diacritics (0xC0–0xDF) precede the letter they go on. The table is YAZ's
 * (`tables/iso5426.generated.ts`). UNIMARC's non-sort markers NSB/NSE are the C1 bytes 0x88/0x89,
 * kept as U+0088/U+0089 as UTF-8 UNIMARC records carry them.
 */
import { ISO5426_CELLS, ISO5426_COMBINING } from './tables/iso5426.generated.js';
import { asciiString, isPlainAscii, ProblemList, REPLACEMENT, toNfc } from './text.js';
import type { DecodeResult } from './types.js';

let cells: string[] | undefined;
let combining: Uint8Array | undefined;

function tables(): [string[], Uint8Array] {
  if (!cells || !combining) {
    cells = Array.from(ISO5426_CELLS, (ch) => (ch === '\uFFFF' ? '' : ch));
    combining = new Uint8Array(96);
    for (const b of ISO5426_COMBINING) combining[b - 0xa0] = 1;
  }
  return [cells, combining];
}

/** Decodes ISO 646 + ISO 5426 bytes [start, end) to NFC text. */
export function decodeIso5426(bytes: Uint8Array, start = 0, end = bytes.length): DecodeResult {
  if (isPlainAscii(bytes, start, end)) return { text: asciiString(bytes, start, end), problems: [] };
  const [chars, isCombining] = tables();
  const problems = new ProblemList();
  let out = '';
  let pending = '';
  let pendingAt = -1;
  const emit = (ch: string) => {
    out += ch + pending;
    pending = '';
  };
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 && b < 0x7f) emit(String.fromCharCode(b));
    else if (b >= 0xa0) {
      const ch = chars[b - 0xa0]!;
      if (!ch) {
        problems.add('iso5426-unmapped', bytes, i, i + 1, 'byte has no character in ISO 5426');
        emit(REPLACEMENT);
      } else if (isCombining[b - 0xa0]) {
        if (!pending) pendingAt = i;
        pending += ch;
      } else emit(ch);
    } else if (b === 0x88 || b === 0x89 || b === 0x09 || b === 0x0a || b === 0x0d) {
      emit(String.fromCharCode(b));
    } else {
      if (b < 0x20 || b === 0x7f) problems.add('control-character', bytes, i, i + 1, 'control character replaced');
      else problems.add('iso5426-unmapped', bytes, i, i + 1, 'C1 control byte with no meaning in UNIMARC replaced');
      emit(REPLACEMENT);
    }
  }
  if (pending) {
    problems.add('diacritic-without-base', bytes, pendingAt, pendingAt + 1, 'non-spacing diacritic at the end with no letter after it; kept as a spacing diacritic');
    out += ' ' + pending;
  }
  return { text: toNfc(out), problems: problems.done() };
}
