/**
 * Arbitrary bytes never make a decoder throw or hang, and what comes out is always storable:
 * well-formed NFC text without C0 controls (bar tab, LF, CR), with every problem pointing
 * inside the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeField } from './decode-field.js';
import { makeDecoder } from './decoder.js';
import { detectCharset } from './detect.js';
import { repairEaccDelimiters } from './eacc-repair.js';
import { charsetNames, type DecodeResult } from './types.js';

/** Bytes any file may hold, and bytes weighted towards MARC-8's escapes and EACC's range. */
const anyBytes = fc.uint8Array({ maxLength: 300 });
const marc8ish = fc
  .array(
    fc.oneof(
      fc.constantFrom(0x1b, 0x24, 0x28, 0x29, 0x2c, 0x2d, 0x21, 0x45, 0x31, 0x42, 0x4e, 0x53, 0x67, 0x62, 0x70, 0x73, 0x1f, 0x26, 0x23, 0x78, 0x3b),
      fc.integer({ min: 0x21, max: 0x7e }),
      fc.integer({ min: 0xa0, max: 0xff }),
    ),
    { maxLength: 300 },
  )
  .map((a) => Uint8Array.from(a));

function storable(result: DecodeResult, input: Uint8Array): void {
  expect(typeof result.text).toBe('string');
  expect(/\p{Surrogate}/u.test(result.text)).toBe(false); // no lone surrogate: well-formed UTF-16
  expect(result.text).toBe(result.text.normalize('NFC'));
  expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(result.text)).toBe(false);
  for (const p of result.problems) {
    expect(p.code === 'more-problems' || p.code === 'charset-mismatch' || (p.offset >= 0 && p.offset <= input.length)).toBe(true);
    expect(p.reason.length).toBeGreaterThan(0);
  }
}

describe('decoders on arbitrary bytes', () => {
  for (const charset of charsetNames) {
    it(`${charset}: never throws, always storable text`, () => {
      fc.assert(
        fc.property(charset === 'marc-8' ? fc.oneof(anyBytes, marc8ish) : anyBytes, (input) => {
          storable(decodeField(input, charset), input);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('ASCII in, the same ASCII out, with no problem', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (s) => {
        for (const charset of charsetNames) {
          const text = s.includes('&#x') && charset === 'marc-8' ? undefined : s;
          if (text !== undefined) expect(decodeField(Uint8Array.from(Buffer.from(s, 'latin1')), charset)).toEqual({ text, problems: [] });
        }
      }),
    );
  });

  it('detection and the reader’s decode never throw either', () => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, marc8ish), fc.constantFrom('marc21', 'unimarc') as fc.Arbitrary<'marc21' | 'unimarc'>, fc.string({ maxLength: 40 }), (input, flavour, field100a) => {
        const leader = '00000nam a2200000 a 4500';
        const d = detectCharset({ leader, flavour, field100a, sample: input });
        expect(charsetNames).toContain(d.charset);
        storable(makeDecoder()(input, { leader, flavour, field100a, record: input }), input);
        storable(makeDecoder()(input, { leader: '00000nam  2200000 a 4500', flavour, field100a }), input);
      }),
      { numRuns: 300 },
    );
  });

  it('the EACC repair keeps the length and touches only delimiters and zeros', () => {
    fc.assert(
      fc.property(marc8ish, (input) => {
        const repaired = repairEaccDelimiters(input);
        if (!repaired) return;
        expect(repaired.bytes.length).toBe(input.length);
        input.forEach((b, i) => {
          if (repaired.bytes[i] !== b) expect([0x1f, 0x30]).toContain(b);
        });
      }),
      { numRuns: 500 },
    );
  });
});
