import { describe, expect, it } from 'vitest';
import { bytes } from '../../../../../test/fixtures/charset/iso2709.js';
import { decodeMarc8 } from './marc8.js';

const text = (latin1: string) => decodeMarc8(bytes(latin1)).text;
const codes = (latin1: string) => decodeMarc8(bytes(latin1)).problems.map((p) => p.code);

describe('MARC-8 decoding', () => {
  it('passes plain ASCII through untouched', () => {
    expect(decodeMarc8(bytes('The Kinky Friedman Crime Club'))).toEqual({ text: 'The Kinky Friedman Crime Club', problems: [] });
  });

  it('puts ANSEL diacritics after their letter and composes them (é ü ñ)', () => {
    expect(text('Caf\xe2e, M\xe8uller, Espa\xe4na')).toBe('Café, Müller, España');
    expect(text('Caf\xe2e')).toBe('Caf\u00e9'); // NFC, not e + U+0301
    expect(text('\xe2\xe3a')).toBe('a\u0301\u0302'.normalize('NFC')); // both marks, in MARC-8 order
  });

  it('reads ANSEL spacing characters and the special letters', () => {
    expect(text('\xa1od\xa5z, \xb2resund, \xc3 1999')).toBe('ŁodÆz, øresund, © 1999');
  });

  it('keeps a double diacritic once: the left half stands for both (t͡s, n͠g)', () => {
    expect(text('\xebt\xecs')).toBe('t\u0361s');
    expect(text('\xfan\xfbg')).toBe('n\u0360g');
  });

  it('makes a diacritic before a space a spacing diacritic, and reports one left at the end', () => {
    expect(text('a\xe2 b')).toBe('a \u0301b');
    const end = decodeMarc8(bytes('ab\xe2'));
    expect(end.text).toBe('ab \u0301');
    expect(end.problems).toMatchObject([{ code: 'diacritic-without-base', offset: 2, bytes: 'E2' }]);
  });

  it('switches sets with escape sequences: Cyrillic, Greek, Hebrew, sub- and superscripts', () => {
    // Basic Cyrillic is laid out like KOI-7: capitals on the Latin small letters' bytes.
    expect(text('\x1b(NmoskwA\x1b(B 1999')).toBe('МОСКВа 1999');
    expect(text('\x1b(NMOSKWA\x1b(B')).toBe('москва');
    expect(text('\x1b(S"a\x1b(B')).toBe('ά');
    expect(text('\x1b(2`ab\x1b(B')).toBe('אבג');
    expect(text('H\x1bb2\x1bsO, E=mc\x1bp2\x1bs')).toBe('H₂O, E=mc²');
    expect(text('\x1b)!E\xe2e')).toBe('é'); // ANSEL designated explicitly, with its two-byte final
  });

  it('reads three-byte EACC characters (紅樓夢, 红楼梦)', () => {
    expect(text('\x1b$1\x21\x50\x72\x21\x45\x4a\x21\x39\x24\x1b(B')).toBe('紅樓夢');
    expect(text('\x1b$1\x27\x50\x72\x27\x45\x4a\x27\x39\x24\x1b(B')).toBe('红楼梦');
    expect(text('\x1b$1\x21\x50\x72 \x21\x45\x4a\x1b(B.')).toBe('紅 樓.'); // space is one byte in EACC
  });

  it('expands &#xXXXX; character references, also as the base of a diacritic', () => {
    expect(text('&#x8ECA;&#x8F2A; &amp; co')).toBe('車輪 &amp; co');
    expect(text('\xe2&#x03B1;')).toBe('ά');
    expect(text('&#xD800; &#x0;')).toBe('&#xD800; &#x0;'); // not characters: left as written
  });

  it('keeps the non-sort markers and joiners (C1 bytes 88, 89, 8D, 8E)', () => {
    expect(text('\x88The \x89end')).toBe('\u0098The \u009Cend');
  });

  it('reports a bad escape with its bytes, replaces it, and reads on', () => {
    const r = decodeMarc8(bytes('Soci\x1bt\xe2e linn\x1b(Zenne'));
    expect(r.text).toBe('Soci\uFFFDté linn\uFFFDenne');
    expect(r.problems).toMatchObject([
      { code: 'marc8-bad-escape', offset: 4, bytes: '1B 74' },
      { code: 'marc8-bad-escape', offset: 13, bytes: '1B 28 5A' },
    ]);
  });

  it('reports an escape cut short at the end of the data', () => {
    expect(decodeMarc8(bytes('abc\x1b$')).problems).toMatchObject([{ code: 'marc8-incomplete-escape', offset: 3, bytes: '1B 24' }]);
    expect(codes('abc\x1b')).toEqual(['marc8-incomplete-escape']);
    expect(codes('abc\x1b)!')).toEqual(['marc8-incomplete-escape']);
  });

  it('reports EACC codes with no character and EACC characters cut short', () => {
    const r = decodeMarc8(bytes('\x1b$1\x21\x50\x72+{6924f6}\x1b(B'));
    expect(r.text.startsWith('紅\uFFFD')).toBe(true);
    expect(r.problems[0]).toMatchObject({ code: 'eacc-unmapped', offset: 6, bytes: '2B 7B 36' });
    expect(decodeMarc8(bytes('\x1b$1\x21\x50')).problems).toMatchObject([{ code: 'eacc-unmapped', offset: 3, bytes: '21 50' }]);
  });

  it('reads trailing punctuation after EACC as ASCII when the escape back was lost', () => {
    const r = decodeMarc8(bytes('\x1b$1\x21\x50\x72.'));
    expect(r.text).toBe('紅.');
    expect(r.problems).toHaveLength(1);
  });

  it('replaces control characters and unmapped bytes, never the rest of the field', () => {
    const r = decodeMarc8(bytes('a\x00b\xffc\x81d'));
    expect(r.text).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(r.problems.map((p) => p.code)).toEqual(['control-character', 'marc8-unmapped', 'marc8-unmapped']);
  });

  it('starts every call in ASCII and ANSEL, whatever the last call ended in', () => {
    expect(text('\x1b(NABC')).toBe('абц');
    expect(text('abc')).toBe('abc');
  });

  it('lists the first problems and counts the rest', () => {
    const r = decodeMarc8(bytes('\xff'.repeat(40)));
    expect(r.problems).toHaveLength(17);
    expect(r.problems[16]).toMatchObject({ code: 'more-problems', reason: expect.stringContaining('24 more') });
  });
});
