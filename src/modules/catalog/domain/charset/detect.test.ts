import { describe, expect, it } from 'vitest';
import { bytes, fixture, splitIso2709 } from '../../../../../test/fixtures/charset/iso2709.js';
import { detectCharset } from './detect.js';
import { unimarcDeclaredCharset } from './unimarc-100.js';

const marc21 = (file: string) => splitIso2709(fixture(file)).map((r) => detectCharset({ leader: r.leader, flavour: 'marc21', sample: r.bytes }));
/** A MARC 21 leader with the given leader/09. */
const leader = (l09: string) => `00000nam ${l09}2200000 a 4500`;

describe('detectCharset — MARC 21', () => {
  it('takes the leader at its word when the bytes say nothing (plain ASCII, or no bytes)', () => {
    expect(detectCharset({ leader: leader(' '), flavour: 'marc21', sample: bytes('Plain title') })).toMatchObject({ charset: 'marc-8', basis: 'declared' });
    expect(detectCharset({ leader: leader('a'), flavour: 'marc21' })).toMatchObject({ charset: 'utf-8', basis: 'declared' });
    expect(detectCharset({ leader: leader('4'), flavour: 'marc21', sample: bytes('x') })).toMatchObject({ charset: 'marc-8', basis: 'default', declared: undefined });
  });

  it('confirms MARC-8 records and UTF-8 records that are what they say', () => {
    expect(marc21('marc12.marc')).toMatchObject([{ charset: 'marc-8', basis: 'declared' }]);
    expect(marc21('u2103_raw.mrc')).toMatchObject([{ charset: 'marc-8', basis: 'declared' }]);
    expect(marc21('u2103.mrc')).toMatchObject([{ charset: 'utf-8', basis: 'declared' }]);
  });

  it('reads a blank-leader record that is valid UTF-8 as UTF-8', () => {
    const [d] = marc21('utf8_without_leader_flag.dat');
    expect(d).toMatchObject({ charset: 'utf-8', declared: 'marc-8', basis: 'detected' });
    expect(d!.reason).toMatch(/valid UTF-8/);
  });

  it('reads a leader/09 "a" record that is MARC-8 as MARC-8', () => {
    expect(marc21('marc8_accented_chars.marc')).toMatchObject([{ charset: 'marc-8', declared: 'utf-8', basis: 'detected' }]);
  });

  it('reads a 7-bit MARC-8 EACC record under leader/09 "a" as MARC-8: only MARC-8 has escapes', () => {
    const eacc = bytes('00000nam a2200000 a 4500\x1e\x1f6245-01/$1\x1fa\x1b$1\x21\x50\x72\x21\x45\x4a\x21\x39\x24\x1b(B\x1e\x1d');
    expect(detectCharset({ leader: leader('a'), flavour: 'marc21', sample: eacc })).toMatchObject({ charset: 'marc-8', basis: 'detected' });
  });

  it('reads CP1251 under a MARC-8 leader as CP1251 (pymarc 1251.dat)', () => {
    const detections = marc21('1251.dat');
    expect(detections.length).toBeGreaterThan(3);
    for (const d of detections) expect(d).toMatchObject({ charset: 'windows-1251', declared: 'marc-8', basis: 'detected' });
  });

  it('reads a leader/09 "a" record in GBK as GB 18030', () => {
    const gbk = new Uint8Array(Buffer.concat([Buffer.from('00000nam a2200000 a 4500\x1e\x1fa', 'latin1'), Buffer.from([0xba, 0xec, 0xc2, 0xa5, 0xc3, 0xce, 0x20, 0xb2, 0xdc, 0xd1, 0xa9, 0xc7, 0xdb, 0xd6, 0xf8]), Buffer.from('\x1e\x1d', 'latin1')]));
    expect(detectCharset({ leader: leader('a'), flavour: 'marc21', sample: gbk })).toMatchObject({ charset: 'gb18030', declared: 'utf-8', basis: 'detected' });
  });

  it('keeps records with escapes in MARC-8 even when their EACC is damaged (pymarc bad_eacc_encoding, bad_marc8_escape)', () => {
    expect(marc21('bad_eacc_encoding.dat')).toMatchObject([{ charset: 'marc-8' }]);
    expect(marc21('bad_marc8_escape.dat')).toMatchObject([{ charset: 'marc-8' }]);
  });

  it('does not recode a MARC-8 record for one stray Latin-1 byte', () => {
    const d = detectCharset({ leader: leader(' '), flavour: 'marc21', sample: bytes('\x1faEasy livin\xe1-- I do\x1e') });
    expect(d).toMatchObject({ charset: 'marc-8', basis: 'declared' });
  });

  it('keeps UTF-8 records with a damaged character as UTF-8 (marc4j not_unimarc_errors_3)', () => {
    for (const d of marc21('not_unimarc_errors_3.mrc')) expect(d).toMatchObject({ charset: 'utf-8', basis: 'declared' });
  });

  it('tells each record of a mixed file apart (marc4j chinese_mangled_multibyte)', () => {
    expect(marc21('chinese_mangled_multibyte.mrc').map((d) => d.charset)).toEqual(['marc-8', 'marc-8', 'marc-8', 'utf-8']);
  });
});

describe('detectCharset — UNIMARC and CNMARC', () => {
  it('reads the Russian UNIMARC record in CP866 as CP866', () => {
    const file = fixture('cp866_unimarc.marc');
    expect(detectCharset({ leader: '01167000000000229000450 ', flavour: 'unimarc', sample: file })).toMatchObject({ charset: 'ibm866', basis: 'detected' });
  });

  it('maps 100 $a/26-29 to a charset, Chinese practice included', () => {
    const a = (codes: string) => `20240101d2024    em y0chiy${codes}ea`;
    expect(unimarcDeclaredCharset(a('50      ')).charset).toBe('utf-8');
    expect(unimarcDeclaredCharset(a('0120    ')).charset).toBe('gb18030');
    expect(unimarcDeclaredCharset(a('0110    ')).charset).toBe('gb18030');
    expect(unimarcDeclaredCharset(a('0121    ')).charset).toBe('gb18030');
    expect(unimarcDeclaredCharset(a('0103    ')).charset).toBe('iso-5426');
    expect(unimarcDeclaredCharset(a('01      ')).charset).toBe('iso-5426');
    expect(unimarcDeclaredCharset(a('0102    ')).charset).toBe('koi8-r');
    expect(unimarcDeclaredCharset(a('        ')).charset).toBeUndefined();
    expect(unimarcDeclaredCharset(undefined).charset).toBeUndefined();
    expect(unimarcDeclaredCharset('too short').charset).toBeUndefined();
  });
});
