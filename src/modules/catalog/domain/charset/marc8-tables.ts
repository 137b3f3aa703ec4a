/**
 * The MARC-8 sets in the form the decoder looks them up, built once from the generated data
 * (`tables/*.generated.ts`, from the LC code tables by way of MARC::Charset).
 */
import { EACC_RUNS } from './tables/eacc.generated.js';
import { MARC8_SETS } from './tables/marc8-sets.generated.js';

/** How a character behaves in MARC-8 order (values of `SingleByteSet.kinds`). */
export const UNMAPPED = 0;
export const SPACING = 1;
/** A non-spacing diacritic: comes before its base letter in MARC-8, after it in Unicode. */
export const COMBINING = 2;
/** Right half of a double diacritic (ANSEL EC, FB): the left half already stands for both. */
export const DROPPED_HALF = 3;

export interface SingleByteSet {
  readonly multibyte: false;
  readonly name: string;
  /** Index: byte − 0x21 (G0 form). */
  readonly chars: readonly string[];
  readonly kinds: Uint8Array;
}

export interface EaccSet {
  readonly multibyte: true;
  readonly name: string;
  /** Code point of a three-byte code `b1 << 16 | b2 << 8 | b3`. */
  readonly codes: ReadonlyMap<number, number>;
}

export type Marc8Set = SingleByteSet | EaccSet;

/**
 * MARC-8's C1 characters (LC code table 45: they belong to no graphic set): non-sort begin and
 * end, zero-width joiner and non-joiner.
 */
export const MARC8_C1: ReadonlyMap<number, string> = new Map([
  [0x88, '\u0098'],
  [0x89, '\u009C'],
  [0x8d, '\u200D'],
  [0x8e, '\u200C'],
]);

let singleSets: Map<string, SingleByteSet> | undefined;
let eacc: EaccSet | undefined;

function buildSingleSets(): Map<string, SingleByteSet> {
  const sets = new Map<string, SingleByteSet>();
  for (const data of MARC8_SETS) {
    const chars: string[] = [];
    const kinds = new Uint8Array(94);
    for (let i = 0; i < 94; i++) {
      const ch = data.cells[i]!;
      chars.push(ch === '\uFFFF' ? '' : ch);
      kinds[i] = ch === '\uFFFF' ? UNMAPPED : SPACING;
    }
    for (const b of data.combining) kinds[b - 0x21] = COMBINING;
    for (const b of data.rightHalves) kinds[b - 0x21] = DROPPED_HALF;
    sets.set(data.final, { multibyte: false, name: data.name, chars, kinds });
  }
  return sets;
}

function buildEacc(): EaccSet {
  const codes = new Map<number, number>();
  for (const run of EACC_RUNS) {
    let key = parseInt(run.slice(0, 6), 16);
    for (const ch of run.slice(6)) codes.set(key++, ch.codePointAt(0)!);
  }
  return { multibyte: true, name: 'East Asian Character Code (EACC)', codes };
}

/**
 * The set an escape sequence's final character designates (LC, "MARC-8 encoding environment"):
 * single-byte finals `B E g b p 2 N Q 3 4 S` (`s` is ASCII by the older technique 1), `1` for EACC.
 */
export function marc8Set(final: string, multibyte: boolean): Marc8Set | undefined {
  if (multibyte) {
    if (final !== '1') return undefined;
    eacc ??= buildEacc();
    return eacc;
  }
  singleSets ??= buildSingleSets();
  return singleSets.get(final === 's' ? 'B' : final);
}

export const ASCII_SET = (): Marc8Set => marc8Set('B', false)!;
export const ANSEL_SET = (): Marc8Set => marc8Set('E', false)!;

/** What an escape sequence at some offset does (LC, "MARC-8 encoding environment"). */
export type Marc8Escape =
  | { kind: 'designate'; length: number; target: 'g0' | 'g1'; set: Marc8Set }
  /** ESC followed by no known intermediate: only the ESC is taken, the rest is read again. */
  | { kind: 'bad'; length: 1; seen: number }
  /** The intermediates were right but the final designates no set we have. */
  | { kind: 'unknown-set'; length: number }
  | { kind: 'incomplete'; length: number };

/**
 * Reads the escape sequence at `i` (bytes[i] is ESC) without going past `end`:
 * technique 1 `ESC g|b|p|s` (G0); technique 2 `ESC ( , F` (G0), `ESC ) - F` (G1),
 * `ESC $ F`, `ESC $ ( , F` (G0) and `ESC $ ) - F` (G1) for the multibyte EACC; `!E` is ANSEL's final.
 */
export function readMarc8Escape(bytes: Uint8Array, i: number, end: number): Marc8Escape {
  const at = (k: number): number => (i + k < end ? bytes[i + k]! : -1);
  const c1 = at(1);
  if (c1 < 0) return { kind: 'incomplete', length: end - i };
  if (c1 === 0x67 || c1 === 0x62 || c1 === 0x70 || c1 === 0x73) {
    return { kind: 'designate', length: 2, target: 'g0', set: marc8Set(String.fromCharCode(c1), false)! };
  }
  const multibyte = c1 === 0x24;
  let k = multibyte ? 2 : 1;
  const inter = at(k);
  let target: 'g0' | 'g1';
  if (inter === 0x28 || inter === 0x2c) target = 'g0';
  else if (inter === 0x29 || inter === 0x2d) target = 'g1';
  else if (multibyte && inter >= 0) {
    target = 'g0'; // ESC $ 1: G0 without an intermediate, as LC allows
    k--;
  } else if (inter < 0) return { kind: 'incomplete', length: end - i };
  else return { kind: 'bad', length: 1, seen: 2 };
  k++;
  let final = at(k);
  let length = k + 1;
  if (final === 0x21 && !multibyte) {
    const e = at(k + 1); // Extended Latin (ANSEL) has the two-character final "!E"
    final = e === 0x45 ? 0x45 : e < 0 ? -1 : -2;
    length++;
  }
  if (final === -1) return { kind: 'incomplete', length: end - i };
  const set = final < 0 ? undefined : marc8Set(String.fromCharCode(final), multibyte);
  return set ? { kind: 'designate', length, target, set } : { kind: 'unknown-set', length };
}
