import { describe, expect, it } from 'vitest';
import type { MarcRecord } from '../domain/marc/index.js';
import { canonicalRecord, contentHash } from './canonical.js';

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
});
