import { describe, expect, it } from 'vitest';
import { chunked, collect, fixture } from '../../../../../../test/fixtures/marc/fixtures.js';
import type { DecodeContext, FieldDecoder } from '../decode.js';
import type { Problem } from '../problems.js';
import type { ReadResult, RecordRead, RecordRejected } from '../read-result.js';
import { isDataField, type DataField, type MarcRecord } from '../record.js';
import { readIso2709, readIso2709Sync } from './reader.js';
import { toIso2709 } from './writer.js';

const read = (name: string): ReadResult[] => [...readIso2709Sync(fixture(name))];
const ok = (r: ReadResult | undefined): RecordRead => {
  if (!r?.ok) throw new Error(`expected a record, got ${JSON.stringify(r && 'problems' in r ? r.problems : r)}`);
  return r;
};
const rejected = (r: ReadResult | undefined): RecordRejected => {
  if (r === undefined || r.ok) throw new Error('expected a rejection');
  return r;
};
const field = (rec: MarcRecord, tag: string): DataField => rec.fields.find((f): f is DataField => f.tag === tag && isDataField(f))!;
const sub = (rec: MarcRecord, tag: string, code: string): string | undefined => field(rec, tag)?.subfields.find((s) => s.code === code)?.value;
const errors = (ps: Problem[]) => ps.filter((p) => p.severity === 'error').map((p) => [p.field, p.code]);
const warnings = (ps: Problem[]) => ps.filter((p) => p.severity === 'warning').map((p) => [p.field, p.code]);

describe('reading ISO 2709', () => {
  it('reads a UTF-8 MARC 21 record field by field', () => {
    const [r] = read('pymarc-utf8_with_leader_flag.dat');
    const { record, flavour, warnings: w, position, offset } = ok(r);
    expect([flavour, position, offset, w]).toEqual(['marc21', 1, 0, []]);
    expect(record.leader).toHaveLength(24);
    expect(record.leader[9]).toBe('a');
    expect(record.fields[0]).toEqual({ tag: '001', value: expect.any(String) });
    expect(field(record, '245')).toMatchObject({ ind1: expect.stringMatching(/^[0-9 ]$/), ind2: expect.stringMatching(/^[0-9 ]$/) });
  });

  it('gives the same results whatever the chunk size, from a stream', async () => {
    const bytes = fixture('pymarc-bad_records.mrc');
    const whole = [...readIso2709Sync(bytes)];
    for (const size of [1, 3, 100]) {
      const streamed = await collect(readIso2709(chunked(bytes, size)));
      expect(streamed.map((r) => [r.ok, r.position, r.offset, r.raw.toString('latin1')])).toEqual(whole.map((r) => [r.ok, r.position, r.offset, r.raw.toString('latin1')]));
    }
  });

  it("repairs pymarc's bad records where the data is intact, and rejects the one without fields", () => {
    const results = read('pymarc-bad_records.mrc');
    expect(results).toHaveLength(8);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true, false, true]);
    for (const r of results.filter((x) => x.ok)) expect(sub(ok(r).record, '245', 'a')).toBe('The pragmatic programmer : ');
    expect(warnings(ok(results[1]).warnings)).toEqual([['leader', 'base-address']]); // base address 99937
    expect(warnings(ok(results[2]).warnings)).toEqual([['leader', 'base-address']]); // base address 00000
    expect(warnings(ok(results[3]).warnings)).toEqual([['directory', 'directory-length']]); // 13-byte directory
    expect(warnings(ok(results[4]).warnings)).toEqual([['directory', 'directory-length'], ['245', 'directory-entry']]); // 245ù089…
    expect(warnings(ok(results[5]).warnings)).toEqual([['leader', 'base-address']]); // base address f0037
    expect(errors(rejected(results[6]).problems)).toEqual([[undefined, 'no-fields']]);
  });

  it('rejects a subfield code that is not a character, naming field and byte', () => {
    const r = rejected(read('pymarc-bad_subfield_code.dat')[0]);
    expect(errors(r.problems)).toEqual([['245', 'subfield-code-invalid']]);
    expect(r.problems.find((p) => p.severity === 'error')!.reason).toContain('0xC3');
    expect(r.localId).toBe('fol05731351');
  });

  it('keeps a record with a bad tag and missing indicators, and skips the blanks after it', () => {
    const results = read('pymarc-bad_indicator.dat');
    expect(results).toHaveLength(1);
    const { record, warnings: w } = ok(results[0]);
    expect(warnings(w)).toEqual([['0 2', 'tag-invalid'], ['0 2', 'indicators-missing']]);
    expect(field(record, '0 2')).toMatchObject({ ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '9780253325525 (alk. paper)' }] });
    expect(sub(record, '245', 'a')).toBe('Aristocrats of color :');
  });

  it('reads alphabetic tags (Aleph CAT fields) as data fields', () => {
    const { record, warnings: w } = ok(read('pymarc-alphatag.dat')[0]);
    expect(w).toEqual([]);
    expect(record.fields.filter((f) => f.tag === 'CAT')).toHaveLength(4);
    expect(sub(record, 'CAT', 'a')).toBe('CONV');
  });

  it('reads the fields of an unordered directory in directory order', () => {
    const { record, warnings: w } = ok(read('marc4j-unordered-directory-entries.mrc')[0]);
    expect(w).toEqual([]);
    expect(record.fields.length).toBeGreaterThan(10);
    expect(sub(record, '245', 'a')).toBeDefined();
  });

  it('reads a leader with blanks where numbers belong, with warnings', () => {
    const { record, warnings: w } = ok(read('marc4j-bad_leaders_10_11.mrc')[0]);
    expect(w.map((p) => p.code)).toEqual(['leader-invalid', 'leader-invalid', 'leader-invalid', 'leader-invalid', 'leader-invalid']);
    expect(w.map((p) => p.reason.slice(0, 9))).toEqual(['leader/10', 'leader/11', 'leader/20', 'leader/21', 'leader/22']);
    expect(sub(record, '245', 'a')).toBeDefined();
  });

  it('rejects invalid UTF-8 in a record that declares UTF-8, naming field, subfield and byte', () => {
    const r = rejected(read('ruby-marc-utf8_with_bad_bytes.marc')[0]);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([
      { severity: 'error', code: 'invalid-utf8', field: '245', subfield: expect.any(String), reason: expect.stringContaining('0xC3 0x28') },
    ]);
    expect(r.localId).toBe('000039829');
  });

  it('rejects mangled multibyte subfield codes, and a code mangled into U+FFFD', () => {
    const results = read('marc4j-not_unimarc_errors_3.mrc');
    expect(results.map((r) => r.ok)).toEqual([false, false, false]);
    expect(results.map((r) => errors(rejected(r).problems)[0])).toEqual([['776', 'subfield-code-invalid'], ['880', 'subfield-code-invalid'], ['880', 'subfield-code-invalid']]);
    expect(errors(rejected(read('pymarc-utf8_invalid.mrc')[0]).problems)).toEqual([['260', 'subfield-code-invalid']]);
  });

  it('takes a stray delimiter before an escape inside MARC-8 CJK text as part of the text', () => {
    const { record, warnings: w } = ok(read('yaz-marc12.marc')[0]);
    expect(warnings(w)).toEqual([['880', 'subfield-code-invalid'], ['880', 'subfield-code-invalid']]);
    const summary = record.fields.find((f) => isDataField(f) && f.subfields[0]?.value === '520-06/$1') as DataField;
    expect(summary.subfields.map((s) => s.code)).toEqual(['6', 'a']);
  });

  it('reads both records of a file whose lengths are one byte too long', () => {
    const results = read('ruby-marc-cp866_multirecord.marc');
    expect(results).toHaveLength(2);
    expect(results.every((r) => !r.ok && r.problems.some((p) => p.code === 'record-length'))).toBe(true);
  });

  it('reads UNIMARC, detects it, and passes 100 $a to the decoder', () => {
    const seen: DecodeContext[] = [];
    const spy: FieldDecoder = (bytes, context) => {
      seen.push({ ...context });
      return { text: Buffer.from(bytes).toString('latin1'), problems: [] };
    };
    const results = [...readIso2709Sync(fixture('unimarc-italian-sbn-5.mrc'), { decode: spy })];
    expect(results).toHaveLength(5);
    expect(results.map((r) => r.ok && r.flavour)).toEqual(['unimarc', 'unimarc', 'unimarc', 'unimarc', 'unimarc']);
    expect(results.every((r) => r.ok && r.warnings.every((p) => p.code === 'garbage-skipped'))).toBe(true);
    expect(sub(ok(results[0]).record, '200', 'a')).toBeDefined();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c.flavour === 'unimarc' && c.unimarc100a?.length === 36 && c.tag.length === 3)).toBe(true);
  });

  it('uses the declared flavour when told, and reports a guess', () => {
    const [r] = [...readIso2709Sync(fixture('unimarc-italian-sbn-5.mrc'), { flavour: 'marc21' })];
    expect(ok(r).flavour).toBe('marc21');
    const tiny = toIso2709({ leader: '00000nam  2200000   450 ', fields: [{ tag: '001', value: 'x1' }] }, [], { flavour: 'unimarc' })!; // a lone 001, no sign either way
    const [g] = [...readIso2709Sync(tiny)];
    expect(ok(g).warnings.map((p) => p.code)).toEqual(['flavour-undetermined']);
  });

  it('calls the decoder only for fields with bytes above ASCII, and NFC-normalises by default', () => {
    const rec: MarcRecord = { leader: '00000nam a2200000   4500', fields: [{ tag: '001', value: 'id' }, { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Cafe\u0301' }, { code: 'b', value: 'plain' }] }] };
    const bytes = toIso2709(rec)!;
    expect(bytes.includes(Buffer.from('Cafe\u0301'))).toBe(true); // written as given
    const calls: string[] = [];
    const spy: FieldDecoder = (b, c) => {
      calls.push(`${c.tag}$${c.code}`);
      return { text: Buffer.from(b).toString('utf8'), problems: [] };
    };
    for (const _ of readIso2709Sync(bytes, { decode: spy }));
    expect(calls).toEqual(['245$a']);
    // a decoder that does not normalise still gives NFC text
    expect(sub(ok([...readIso2709Sync(bytes, { decode: spy })][0]).record, '245', 'a')).toBe('Café');
    expect(sub(ok([...readIso2709Sync(bytes)][0]).record, '245', 'a')).toBe('Café');
  });

  it('never throws on a record cut anywhere', () => {
    const bytes = fixture('marc4j-chabon.mrc');
    for (let cut = 0; cut < bytes.length; cut += 37) {
      const results = [...readIso2709Sync(bytes.subarray(0, cut))];
      expect(results.length).toBeLessThanOrEqual(2);
    }
  });
});
