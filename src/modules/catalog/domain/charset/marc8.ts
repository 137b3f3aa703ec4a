/**
 * MARC-8 → Unicode (MARC 21 records whose leader/09 is blank), after LC's "MARC 21 Specifications
 * for Record Structure, Character Sets, and Exchange Media", Character Sets part 2 (MARC-8
 * encoding environment) and the LC code tables.
 *
 * - G0 starts as ASCII, G1 as ANSEL, at the start of every call: the reader calls once per
 *   subfield, and real files do not carry a designation across a subfield delimiter (YAZ resets
 *   there too; marc4j chinese_mangled_multibyte.mrc record 1 depends on it).
 * - Bytes 0x21–0x7E are looked up in G0, 0xA1–0xFE in G1 (as byte − 0x80); in EACC three bytes
 *   make one character. Space is a single byte in every set.
 * - Non-spacing diacritics precede their base in MARC-8 and follow it in Unicode: they are held
 *   back until the base arrives. A diacritic before a space is a spacing diacritic (space + mark).
 * - `&#xXXXX;` stands for a Unicode character outside MARC-8 (MARC 21 "lossless conversion",
 *   how OCLC exports such characters in MARC-8 records) and is replaced by that character.
 * - Bad or incomplete escapes and unmapped codes become U+FFFD and are reported; nothing throws.
 */
import { ANSEL_SET, ASCII_SET, COMBINING, DROPPED_HALF, MARC8_C1, readMarc8Escape, SPACING, type Marc8Set } from './marc8-tables.js';
import { asciiString, isPlainAscii, ProblemList, REPLACEMENT, toNfc } from './text.js';
import type { DecodeResult } from './types.js';

const ESC = 0x1b;

/** Decodes MARC-8 bytes [start, end) to NFC text. */
export function decodeMarc8(bytes: Uint8Array, start = 0, end = bytes.length): DecodeResult {
  // Most subfields of Latin-script records are plain ASCII: no escapes, no ANSEL, no `&#x`.
  if (isPlainAscii(bytes, start, end, 0x26)) return { text: asciiString(bytes, start, end), problems: [] };
  return new Marc8Decoder(bytes, start, end).run();
}

class Marc8Decoder {
  private g0: Marc8Set = ASCII_SET();
  private g1: Marc8Set = ANSEL_SET();
  private out = '';
  /** Diacritics read but not yet placed after their base character. */
  private pending = '';
  private pendingAt = -1;
  private readonly problems = new ProblemList();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
  ) {}

  run(): DecodeResult {
    const { bytes, end } = this;
    let i = this.start;
    while (i < end) {
      const b = bytes[i]!;
      if (b === ESC) {
        i = this.escape(i);
      } else if (b === 0x20) {
        this.emit(' ');
        i++;
      } else if (b === 0x26 && this.pending && !this.g0.multibyte && referenceLength(bytes, i, this.end) > 0) {
        // A diacritic before `&#xXXXX;`: the character reference is its base letter.
        const n = referenceLength(bytes, i, this.end);
        this.emit(asciiString(bytes, i, i + n));
        i += n;
      } else if (b >= 0x21 && b <= 0x7e) {
        i = this.graphic(this.g0, i, 0);
      } else if (b >= 0xa1 && b <= 0xfe) {
        i = this.graphic(this.g1, i, 0x80);
      } else if (b < 0x20) {
        // Tab, LF and CR pass; other C0 controls cannot be stored (XML, PostgreSQL's NUL).
        if (b === 0x09 || b === 0x0a || b === 0x0d) this.emit(String.fromCharCode(b));
        else this.bad('control-character', i, i + 1, 'control character replaced');
        i++;
      } else {
        const c1 = MARC8_C1.get(b);
        if (c1 !== undefined) this.emit(c1);
        else this.bad('marc8-unmapped', i, i + 1, 'byte has no character in MARC-8');
        i++;
      }
    }
    if (this.pending) {
      this.problems.add('diacritic-without-base', bytes, this.pendingAt, this.pendingAt + 1, 'non-spacing diacritic at the end with no letter after it; kept as a spacing diacritic');
      this.out += ' ' + this.pending;
      this.pending = '';
    }
    let text = this.out;
    if (text.includes('&#x')) text = expandCharacterReferences(text);
    return { text: toNfc(text), problems: this.problems.done() };
  }

  /** A base (spacing) character: it goes out first, then the diacritics that came before it. */
  private emit(ch: string): void {
    if (this.pending) {
      this.out += ch + this.pending;
      this.pending = '';
    } else {
      this.out += ch;
    }
  }

  private bad(code: 'marc8-unmapped' | 'eacc-unmapped' | 'marc8-bad-escape' | 'marc8-incomplete-escape' | 'control-character', from: number, to: number, what: string): void {
    this.problems.add(code, this.bytes, from, to, what);
    this.emit(REPLACEMENT);
  }

  /** One character of `set` at byte i (G1 bytes come with `shift` 0x80). Returns the next index. */
  private graphic(set: Marc8Set, i: number, shift: number): number {
    const { bytes } = this;
    if (!set.multibyte) {
      const cell = bytes[i]! - shift - 0x21;
      const kind = set.kinds[cell]!;
      if (kind === SPACING) this.emit(set.chars[cell]!);
      else if (kind === COMBINING) {
        if (!this.pending) this.pendingAt = i;
        this.pending += set.chars[cell]!;
      } else if (kind !== DROPPED_HALF) this.bad('marc8-unmapped', i, i + 1, `byte has no character in ${set.name}`);
      return i + 1;
    }
    // EACC: three bytes from the same half (G0 or G1). A designation or a byte from the other half
    // inside the three ends the character early.
    let n = 1;
    while (n < 3 && i + n < this.end) {
      const b = bytes[i + n]!;
      if (b === ESC || (shift === 0 ? b >= 0x80 : b < 0x80)) break;
      n++;
    }
    if (n < 3) {
      if (shift === 0 && i + n === this.end && isTrailingPunctuation(bytes, i, i + n)) {
        // `達奇.` with the ESC ( B before the full stop lost (marc4j chinese_mangled_multibyte.mrc):
        // a last byte or two of punctuation is the ASCII it looks like.
        this.problems.add('eacc-unmapped', bytes, i, i + n, 'EACC text ends in punctuation without an escape back to ASCII; read as ASCII');
        this.emit(asciiString(bytes, i, i + n));
        return i + n;
      }
      this.bad('eacc-unmapped', i, i + n, 'EACC character cut short (fewer than three bytes)');
      return i + n;
    }
    const key = ((bytes[i]! - shift) << 16) | ((bytes[i + 1]! - shift) << 8) | (bytes[i + 2]! - shift);
    const cp = set.codes.get(key);
    if (cp === undefined) this.bad('eacc-unmapped', i, i + 3, 'no character for this EACC code');
    else this.emit(String.fromCodePoint(cp));
    return i + 3;
  }

  /** An escape sequence at byte i; returns the index after it. */
  private escape(i: number): number {
    const esc = readMarc8Escape(this.bytes, i, this.end);
    switch (esc.kind) {
      case 'designate':
        this[esc.target] = esc.set;
        break;
      case 'bad':
        this.bad('marc8-bad-escape', i, i + esc.seen, 'escape sequence designates no MARC-8 character set');
        break;
      case 'unknown-set':
        this.bad('marc8-bad-escape', i, i + esc.length, 'escape sequence designates no MARC-8 character set');
        break;
      case 'incomplete':
        this.bad('marc8-incomplete-escape', i, i + esc.length, 'escape sequence cut short at the end of the data');
        break;
    }
    return i + esc.length;
  }
}

/** ASCII punctuation that ends a statement or a heading (not `!`, EACC's commonest first byte). */
function isTrailingPunctuation(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if ('.,;:?)]/=-'.indexOf(String.fromCharCode(bytes[k]!)) < 0) return false;
  return true;
}

/** Length of the `&#xXXXX;` reference at i (hex digits 1–6), else 0. */
function referenceLength(bytes: Uint8Array, i: number, end: number): number {
  if (bytes[i + 1] !== 0x23 || bytes[i + 2] !== 0x78) return 0;
  let k = i + 3;
  while (k < end && k < i + 9 && isHex(bytes[k]!)) k++;
  return k > i + 3 && k < end && bytes[k] === 0x3b ? k + 1 - i : 0;
}

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** `&#xXXXX;` → the character, when it is a Unicode scalar value other than a C0 control or DEL. */
function expandCharacterReferences(text: string): string {
  return text.replace(/&#x([0-9A-Fa-f]{1,6});/g, (whole, hex: string) => {
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x7f || (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d)) return whole;
    return String.fromCodePoint(cp);
  });
}
