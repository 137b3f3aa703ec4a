import { describe, expect, it } from 'vitest';
import { bytes, fixture, splitIso2709 } from '../../../../../test/fixtures/charset/iso2709.js';
import { makeDecoder, type FieldContext } from './decoder.js';
import { repairEaccDelimiters } from './eacc-repair.js';

const marc8Leader = '00000nam  2200000 a 4500';
const utf8Leader = '00000nam a2200000 a 4500';

describe('makeDecoder: the readers’ decode option', () => {
  it('decodes by the leader when the reader passes nothing else', () => {
    const decode = makeDecoder();
    expect(decode(bytes('Caf\xe2e'), { leader: marc8Leader, flavour: 'marc21' }).text).toBe('Café');
    expect(decode(new Uint8Array(Buffer.from('Café', 'utf8')), { leader: utf8Leader, flavour: 'marc21' }).text).toBe('Café');
  });

  it('decodes UNIMARC by 100 $a/26-29', () => {
    const decode = makeDecoder();
    const context: FieldContext = { leader: '00000nam0 2200000   450 ', flavour: 'unimarc', field100a: '20240101d2024    em y0chiy0120    ea' };
    expect(decode(new Uint8Array([0xba, 0xec, 0xc2, 0xa5, 0xc3, 0xce]), context).text).toBe('红楼梦');
  });

  it('uses the charset the reader settled on, or the one configured for the library', () => {
    const gbk = new Uint8Array([0xba, 0xec, 0xc2, 0xa5, 0xc3, 0xce]);
    expect(makeDecoder()(gbk, { leader: utf8Leader, flavour: 'marc21', charset: 'gb18030' }).text).toBe('红楼梦');
    const forced = makeDecoder({ charset: 'windows-1251' });
    const r = forced(bytes('\xce\xf1\xed\xee\xe2\xfb'), { leader: marc8Leader, flavour: 'marc21' });
    expect(r).toEqual({ text: 'Основы', problems: [] });
  });

  it('detects once per record from the record’s bytes, and reads every field alike', () => {
    const records = splitIso2709(fixture('1251.dat'));
    const seen: string[] = [];
    const decode = makeDecoder({ onDetect: (d) => seen.push(d.charset) });
    for (const record of records.slice(0, 2)) {
      const context: FieldContext = { leader: record.leader, flavour: 'marc21', record: record.bytes };
      for (const field of record.fields) for (const s of field.subfields ?? []) expect(decode(s.bytes, context).problems).toEqual([]);
      const title = record.fields.find((f) => f.tag === '245')!.subfields![0]!;
      expect(decode(title.bytes, context).text).toMatch(/^[А-Яа-я]/);
    }
    expect(seen).toEqual(['windows-1251', 'windows-1251']);
  });

  it('reads a valid UTF-8 field inside a MARC-8 record as UTF-8, and says so', () => {
    const record = bytes(`${marc8Leader}\x1e\x1faCaf\xe2e\x1e\x1d`);
    const field = new Uint8Array(Buffer.from('Müller', 'utf8'));
    const r = makeDecoder()(field, { leader: marc8Leader, flavour: 'marc21', record });
    expect(r.text).toBe('Müller');
    expect(r.problems).toMatchObject([{ code: 'charset-mismatch', reason: expect.stringContaining('valid UTF-8') }]);
  });

  it('without the record’s bytes, falls back on the field’s own bytes when the declared set fails', () => {
    const cp1251 = bytes('\xce\xf1\xed\xee\xe2\xfb \xe3\xe8\xe4\xf0\xe0\xe2\xeb\xe8\xf7\xe5\xf1\xea\xee\xe3\xee \xf0\xe0\xf1\xf7\xe5\xf2\xe0');
    const r = makeDecoder()(cp1251, { leader: marc8Leader, flavour: 'marc21' });
    expect(r.text).toBe('Основы гидравлического расчета');
    expect(r.problems).toMatchObject([{ code: 'charset-mismatch' }]);
  });

  it('keeps the declared reading, problems and all, when nothing reads better', () => {
    const r = makeDecoder()(bytes('Soci\x1bt\xe2e'), { leader: marc8Leader, flavour: 'marc21' });
    expect(r.text).toBe('Soci\uFFFDté');
    expect(r.problems).toMatchObject([{ code: 'marc8-bad-escape' }]);
  });
});

describe('repairEaccDelimiters', () => {
  it('leaves fields without EACC alone, without copying', () => {
    expect(repairEaccDelimiters(bytes('10\x1faTitle\x1fbSubtitle'))).toBeUndefined();
  });

  it('puts back the | and ! that became a delimiter and 0 (Stanford u2103_raw)', () => {
    const [raw] = splitIso2709(fixture('u2103_raw.mrc'));
    const [fixed] = splitIso2709(fixture('u2103_raw.mrc'), (f) => repairEaccDelimiters(f)?.bytes ?? f);
    const before = raw!.fields.filter((f) => f.tag === '880').map((f) => f.subfields!.length);
    const after = fixed!.fields.filter((f) => f.tag === '880').map((f) => f.subfields!.length);
    expect(after.reduce((a, b) => a + b)).toBe(before.reduce((a, b) => a + b) - 2);
  });

  it('reports what it repaired, with the original bytes', () => {
    const field = bytes('00\x1f6245-01/$1\x1fa\x1b$1!Q5!Nt!87!:\x1f0F> /\x1b(B');
    const repair = repairEaccDelimiters(field)!;
    expect(Buffer.from(repair.bytes).toString('latin1')).toContain('!:|!F>');
    expect(repair.problems.map((p) => [p.code, p.bytes])).toEqual([
      ['eacc-delimiter-repaired', '1F'],
      ['eacc-delimiter-repaired', '30'],
    ]);
    expect(Buffer.from(field).toString('latin1')).toContain('\x1f0F>'); // the input is untouched
  });

  it('keeps a real delimiter between EACC subfields', () => {
    expect(repairEaccDelimiters(bytes('00\x1fa\x1b$1!Q5\x1fb!Nt\x1b(B'))).toBeUndefined();
  });
});
