import { describe, expect, it } from 'vitest';
import type { MarcRecord } from '../domain/marc/index.js';
import { canonicalJsonBytes, canonicalRecord, contentHash } from './canonical.js';

const record = (title: string): MarcRecord => ({
  leader: '00000nam a2200000 a 4500',
  fields: [
    { tag: '001', value: 'b1' },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: title }] },
  ],
});

describe('canonical record', () => {
  it('gives the same JSON and hash whatever the key order or Unicode form of the input', () => {
    const composed = record('Café');
    const decomposed = record('Cafe\u0301');
    const reordered = { fields: [{ value: 'b1', tag: '001' }, { subfields: [{ value: 'Café', code: 'a' }], ind2: '0', ind1: '1', tag: '245' }], leader: composed.leader } as unknown as MarcRecord;
    const json = JSON.stringify(canonicalRecord(composed));
    expect(JSON.stringify(canonicalRecord(decomposed))).toBe(json);
    expect(JSON.stringify(canonicalRecord(reordered))).toBe(json);
    expect(contentHash(JSON.stringify(canonicalRecord(reordered)))).toBe(contentHash(json));
  });

  it('keeps a record that is canonical already as it is, and copies one that is not', () => {
    const r = record('红楼梦');
    expect(canonicalRecord(r)).toBe(r);
    const d = record('Cafe\u0301');
    expect(canonicalRecord(d)).not.toBe(d);
    expect(d.fields[1]).toEqual({ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Cafe\u0301' }] });
  });

  it('writes the same bytes as JSON.stringify, and the same hash, for any text', () => {
    const values = ['plain', 'say "hi"', 'back\\slash', 'tab\tnew\nline\u001b\u001f\u007f', 'Café 紅樓夢 ﾊﾝｶｸ', 'astral 𠀀 ok', '', 'mixed "红" \\ \r'];
    // Enough records to go past the shared 1 MB block more than once.
    for (let n = 0; n < 1500; n++) {
      const v = values[n % values.length]!;
      const r: MarcRecord = {
        leader: '00000nam a2200000 a 4500',
        fields: [
          { tag: '001', value: `b${n} ${v}` },
          { tag: '245', ind1: '1', ind2: '"', subfields: [{ code: 'a', value: v.repeat(1 + (n % 40)) }, { code: '\\', value: v }] },
        ],
      };
      const bytes = canonicalJsonBytes(r)!;
      expect(Buffer.from(bytes).toString('utf8')).toBe(JSON.stringify(r));
      expect(contentHash(bytes)).toBe(contentHash(JSON.stringify(r)));
    }
  });

  it('gives no bytes for a record the database cannot store (NUL, lone surrogate), and goes on after it', () => {
    expect(canonicalJsonBytes(record('a\u0000b'))).toBeUndefined();
    expect(canonicalJsonBytes(record('a\ud800b'))).toBeUndefined();
    expect(canonicalJsonBytes(record('a\udc00'))).toBeUndefined();
    const ok = record('fine \\u0000 as text');
    expect(Buffer.from(canonicalJsonBytes(ok)!).toString('utf8')).toBe(JSON.stringify(ok));
  });
});
