/**
 * Repairs a corruption found in real MARC-8 CJK records before their subfields are split.
 *
 * Some systems (SIRSI among them) use `|` as their subfield delimiter and, exporting MARC-8,
 * turned the byte 0x7C inside EACC characters into the ISO 2709 delimiter 0x1F — and the `!`
 * after it into `0`. Stanford's u2103_raw.mrc is such a record: `!:␟0F>` for `!:|!F>` (宮殿).
 * Split as they stand, the field gains a bogus `$0` and both characters are lost. marc4j's
 * permissive reader repairs the same pattern; this is our own take on it, driven by the EACC table:
 * a delimiter in the middle of a three-byte character is put back to `|` only when that makes a
 * real EACC character, and a following `0` to `!` only when that does too.
 */
import { marc8Set, type EaccSet } from './marc8-tables.js';
import { ProblemList } from './text.js';
import type { CharsetProblem } from './types.js';

const ESC = 0x1b;
const DELIMITER = 0x1f;
const BAR = 0x7c;

export interface EaccRepair {
  /** The field's bytes with the delimiters put back; a copy, the input is left alone. */
  bytes: Uint8Array;
  problems: CharsetProblem[];
}

/** Bytes taken by the escape sequence at `i` (1 when it is no sequence at all). */
function escapeLength(bytes: Uint8Array, i: number): number {
  const c1 = bytes[i + 1];
  if (c1 === 0x67 || c1 === 0x62 || c1 === 0x70 || c1 === 0x73) return 2;
  if (c1 === 0x24) {
    const c2 = bytes[i + 2];
    return c2 === 0x28 || c2 === 0x2c || c2 === 0x29 || c2 === 0x2d ? 4 : 3;
  }
  if (c1 === 0x28 || c1 === 0x2c || c1 === 0x29 || c1 === 0x2d) return bytes[i + 2] === 0x21 ? 4 : 3;
  return 1;
}

/**
 * For a MARC-8 data field (indicators and subfields, as in the record): returns the repaired
 * bytes, or `undefined` when there is nothing to repair — the usual case, found without copying.
 */
export function repairEaccDelimiters(field: Uint8Array): EaccRepair | undefined {
  // Only fields that switch to EACC can carry the corruption.
  const firstEsc = field.indexOf(ESC);
  if (firstEsc < 0 || field.indexOf(DELIMITER, firstEsc) < 0) return undefined;
  const eacc = marc8Set('1', true) as EaccSet;
  const problems = new ProblemList();
  let out: Uint8Array | undefined;
  let inEacc = false;
  let pos = 0; // bytes of the current EACC character read so far (0, 1 or 2)
  let i = 0;
  const byte = (k: number) => (out ?? field)[k] ?? -1;
  const mapped = (k: number, replace: number, withByte: number): boolean => {
    const b = [byte(k), byte(k + 1), byte(k + 2)];
    b[replace] = withByte;
    return eacc.codes.has((b[0]! << 16) | (b[1]! << 8) | b[2]!);
  };
  while (i < field.length) {
    const b = byte(i);
    if (b === ESC) {
      const length = escapeLength(field, i);
      if (length > 1) {
        const c1 = field[i + 1];
        if (c1 === 0x24) {
          // ESC $ 1 or ESC $ , 1 designate EACC as G0 (ESC $ ) 1 is G1 and changes nothing here).
          const inter = field[i + 2];
          if (inter !== 0x29 && inter !== 0x2d) inEacc = field[i + length - 1] === 0x31;
        } else if (c1 !== 0x29 && c1 !== 0x2d) {
          inEacc = false; // a single-byte G0 set
        }
      }
      pos = 0;
      i += length;
      continue;
    }
    if (!inEacc) {
      i++;
      continue;
    }
    if (b === DELIMITER) {
      if (pos > 0 && mapped(i - pos, pos, BAR)) {
        out ??= field.slice();
        out[i] = BAR;
        problems.add('eacc-delimiter-repaired', field, i, i + 1, 'subfield delimiter inside an EACC character put back to "|"');
        // The character after it: its lost `!` was written as `0`.
        const next = i + (3 - pos);
        if (pos === 2 && byte(next) === 0x30 && !mapped(next, 0, 0x30) && mapped(next, 0, 0x21)) {
          out[next] = 0x21;
          problems.add('eacc-delimiter-repaired', field, next, next + 1, '"0" after a repaired delimiter put back to "!"');
        }
        pos = (pos + 1) % 3;
        i++;
      } else {
        pos = 0;
        i += 2; // a real delimiter and its subfield code
      }
      continue;
    }
    if (b >= 0x21 && b < 0x80) pos = (pos + 1) % 3;
    i++;
  }
  return out ? { bytes: out, problems: problems.done() } : undefined;
}
