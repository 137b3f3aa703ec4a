import { describe, expect, it } from 'vitest';
import { bytes, fixture, splitIso2709 } from '../../../../../test/fixtures/charset/iso2709.js';
import { decodeField } from './decode-field.js';

describe('UTF-8', () => {
  it('returns NFC whatever the record held', () => {
    expect(decodeField(new Uint8Array(Buffer.from('Cafe\u0301 Mu\u0308ller', 'utf8')), 'utf-8')).toEqual({ text: 'Café Müller', problems: [] });
  });

  it('replaces and reports each invalid sequence with its offset', () => {
    const r = decodeField(bytes('ok \xe9t\xe9 \xe4\xb8'), 'utf-8');
    expect(r.text).toBe('ok \uFFFDt\uFFFD \uFFFD');
    expect(r.problems).toMatchObject([
      { code: 'invalid-utf8', offset: 3, bytes: 'E9' },
      { code: 'invalid-utf8', offset: 5, bytes: 'E9' },
      { code: 'invalid-utf8', offset: 7, bytes: 'E4 B8' },
    ]);
  });

  it('replaces control characters, which XML and PostgreSQL cannot hold', () => {
    const r = decodeField(new Uint8Array(Buffer.from('a\u0000b\u000cc\té', 'utf8')), 'utf-8');
    expect(r.text).toBe('a\uFFFDb\uFFFDc\té');
    expect(r.problems.map((p) => [p.code, p.offset])).toEqual([
      ['control-character', 1],
      ['control-character', 3],
    ]);
  });

  it('decodes a slice without copying it out first', () => {
    const field = new Uint8Array(Buffer.from('\u001fa紅樓夢\u001fbx', 'utf8'));
    expect(decodeField(field, 'utf-8', 2, 11).text).toBe('紅樓夢');
  });
});

describe('ISO 5426 (UNIMARC)', () => {
  it('puts its diacritics after their letter, like ANSEL (é ü ñ)', () => {
    expect(decodeField(bytes('Caf\xc2e, M\xc9uller, M\xc8uller, Espa\xc4na'), 'iso-5426').text).toBe('Café, Müller, Müller, España');
  });

  it('keeps the UNIMARC non-sort markers as U+0088/U+0089, as UTF-8 UNIMARC records have them', () => {
    expect(decodeField(bytes('\x88Il \x89nome della rosa'), 'iso-5426').text).toBe('\u0088Il \u0089nome della rosa');
  });

  it('reports bytes ISO 5426 leaves empty', () => {
    expect(decodeField(bytes('a\xdcb'), 'iso-5426')).toMatchObject({ text: 'a\uFFFDb', problems: [{ code: 'iso5426-unmapped', offset: 1 }] });
  });
});

describe('Chinese and Cyrillic code pages', () => {
  it('GB 2312, GBK and GB 18030 bytes through one decoder', () => {
    expect(decodeField(new Uint8Array([0xba, 0xec, 0xc2, 0xa5, 0xc3, 0xce]), 'gb18030').text).toBe('红楼梦');
    expect(decodeField(new Uint8Array([0xbc, 0x74, 0x98, 0xc7, 0x89, 0xf4]), 'gb18030').text).toBe('紅樓夢');
    expect(decodeField(new Uint8Array([0x95, 0x32, 0x82, 0x36]), 'gb18030').text).toBe('𠀀');
  });

  it('reports malformed GB 18030', () => {
    const r = decodeField(new Uint8Array([0xba, 0xec, 0xff, 0x41, 0xc2]), 'gb18030');
    expect(r.text).toBe('红\uFFFDA\uFFFD');
    expect(r.problems.map((p) => [p.code, p.offset])).toEqual([
      ['invalid-gb18030', 2],
      ['invalid-gb18030', 4],
    ]);
  });

  it('CP866: the Russian UNIMARC record of ruby-marc', () => {
    const file = fixture('cp866_unimarc.marc');
    const text = decodeField(file, 'ibm866', 218, file.length - 1).text;
    expect(text).toContain('Никитенко');
    expect(text).toContain('Автоматизация проектирования');
  });

  it('CP1251: pymarc 1251.dat', () => {
    const [record] = splitIso2709(fixture('1251.dat'));
    const title = record!.fields.find((f) => f.tag === '245')!.subfields![0]!;
    expect(decodeField(title.bytes, 'windows-1251').text).toBe('Основы гидравлического расчета инженерных сетей');
  });

  it('Big5, when a library says so', () => {
    expect(decodeField(new Uint8Array([0xac, 0xf5, 0xbc, 0xd3, 0xb9, 0xda]), 'big5').text).toBe('紅樓夢');
  });
});
