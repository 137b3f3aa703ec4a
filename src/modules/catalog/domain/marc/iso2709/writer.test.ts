import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture, yazMarcdump } from '../../../../../../test/fixtures/marc/fixtures.js';
import type { Problem } from '../problems.js';
import type { MarcRecord } from '../record.js';
import { readIso2709Sync } from './reader.js';
import { Iso2709Writer, toIso2709 } from './writer.js';

const aRecord = (over: Partial<MarcRecord> = {}): MarcRecord => ({
  leader: '01234cam  2200301 a 4500',
  fields: [
    { tag: '001', value: 'ocm0001' },
    { tag: '008', value: '020805s2002    nyu    j      000 1 eng  ' },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: '車票去哪兒了 /' }, { code: 'c', value: 'Liu Xugong & Émile.' }] },
    { tag: '880', ind1: '1', ind2: ' ', subfields: [{ code: '6', value: '245-01/$1' }, { code: 'a', value: '𠀋 astral plane' }] },
  ],
  ...over,
});

describe('writing ISO 2709', () => {
  it('computes the record length, base address and directory, in UTF-8 with leader/09 a', () => {
    const bytes = toIso2709(aRecord())!;
    const leader = bytes.subarray(0, 24).toString('latin1');
    expect(Number(leader.slice(0, 5))).toBe(bytes.length);
    expect(leader[9]).toBe('a');
    expect(leader.slice(10, 12)).toBe('22');
    expect(leader.slice(20)).toBe('4500');
    const base = Number(leader.slice(12, 17));
    expect(base).toBe(24 + 4 * 12 + 1);
    expect(bytes[base - 1]).toBe(0x1e);
    expect(bytes[bytes.length - 1]).toBe(0x1d);
    // each directory entry points at its field's bytes, terminator included
    const dir = bytes.subarray(24, base - 1).toString('latin1');
    const tags = [];
    for (let i = 0; i < dir.length; i += 12) {
      const [tag, len, start] = [dir.slice(i, i + 3), Number(dir.slice(i + 3, i + 7)), Number(dir.slice(i + 7, i + 12))];
      tags.push(tag);
      expect(bytes[base + start + len - 1]).toBe(0x1e);
    }
    expect(tags).toEqual(['001', '008', '245', '880']);
  });

  it('reads back what it wrote, field for field', () => {
    const [r] = [...readIso2709Sync(toIso2709(aRecord())!)];
    expect(r!.ok && r!.record.fields).toEqual(aRecord().fields);
    expect(r!.ok && r!.warnings).toEqual([]);
  });

  it('is read without complaint by yaz-marcdump, which counts every record', () => {
    const records = [aRecord(), aRecord({ fields: [{ tag: '001', value: '2' }, { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'x<y>"z"' }] }] })];
    const bytes = Buffer.concat(records.map((r) => toIso2709(r)!));
    const run = yazMarcdump(['-n', '-r', '-i', 'marc'], bytes);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', 'records read: 2\n']); // no warnings at all
    // and YAZ's own MARCXML of it holds our text
    const xml = yazMarcdump(['-i', 'marc', '-o', 'marcxml'], bytes).stdout;
    expect(xml).toContain('車票去哪兒了 /');
    expect(xml).toContain('𠀋 astral plane');
  });

  it('writes back well-formed UTF-8 records byte for byte, unless their text was not NFC', () => {
    /** The data after the directory, as text: fields and delimiters. */
    const data = (b: Buffer) => b.subarray(Number(b.subarray(12, 17).toString('latin1'))).toString('utf8');
    let identical = 0;
    let normalised = 0;
    for (const name of ['marc4j-chabon.mrc', 'pymarc-utf8_with_leader_flag.dat']) {
      for (const r of readIso2709Sync(fixture(name))) {
        if (!r.ok || r.warnings.length > 0 || r.record.leader[9] !== 'a') continue;
        const out = toIso2709(r.record)!;
        if (out.equals(r.raw)) {
          identical++;
          continue;
        }
        // The only difference allowed: the input's text in another normal form than NFC.
        expect(data(r.raw)).not.toBe(data(out));
        expect(data(r.raw).normalize('NFC')).toBe(data(out));
        normalised++;
      }
    }
    expect([identical, normalised]).toEqual([2, 1]);
  });

  it('refuses what ISO 2709 cannot hold, and says why', () => {
    const problems: Problem[] = [];
    const long = aRecord({ fields: [{ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'x'.repeat(10_000) }] }] });
    expect(toIso2709(long, problems)).toBeUndefined();
    expect(problems.map((p) => [p.field, p.code])).toEqual([['500', 'field-too-long']]);

    const bad: Problem[] = [];
    expect(toIso2709(aRecord({ fields: [{ tag: '24', ind1: ' ', ind2: ' ', subfields: [{ code: 'ab', value: 'x' }] }] }), bad)).toBeUndefined();
    expect(bad.map((p) => p.code)).toEqual(['subfield-code-invalid']);
  });

  it('writes a delimiter inside text as a blank, with a warning, so the record stays whole', () => {
    const problems: Problem[] = [];
    const bytes = toIso2709(aRecord({ fields: [{ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'a\x1fb' }] }] }), problems)!;
    expect(problems.map((p) => [p.field, p.subfield, p.code])).toEqual([['500', 'a', 'delimiter-in-data']]);
    const [r] = [...readIso2709Sync(bytes)];
    expect(r!.ok && r!.record.fields).toEqual([{ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'a b' }] }]);
  });

  it('declares UTF-8 in 100 $a for UNIMARC', () => {
    const rec: MarcRecord = { leader: '00000nam0 2200000   450 ', fields: [{ tag: '100', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '20140514d2014    u  y0itay0103    ba' }] }] };
    const bytes = toIso2709(rec, [], { flavour: 'unimarc' })!;
    expect(bytes.subarray(0, 24).toString('latin1').slice(20)).toBe('450 ');
    expect(bytes.toString('latin1')).toContain('\x1fa20140514d2014    u  y0itay50      ba\x1e'); // 26–29: 0103 → 50__
  });

  it('streams many records to a Writable in large chunks', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) });
    const w = new Iso2709Writer(out, { chunkSize: 4096 });
    for (let i = 0; i < 500; i++) await w.write(aRecord({ fields: [{ tag: '001', value: String(i) }] }));
    await w.end();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThan(50);
    const back = [...readIso2709Sync(Buffer.concat(chunks))];
    expect(back.map((r) => r.ok && r.record.fields[0])).toEqual(Array.from({ length: 500 }, (_, i) => ({ tag: '001', value: String(i) })));
  });
});
