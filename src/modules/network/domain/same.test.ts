import { describe, expect, it } from 'vitest';
import { canonicalLibrary } from './canonical.js';
import { changedFields, sameValue } from './same.js';

describe('telling an unchanged entry from a changed one', () => {
  it('ignores the order of keys and keys holding undefined, but not the order of lists', () => {
    expect(sameValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toBe(true);
    expect(sameValue({ c: [1, 2] }, { c: [2, 1] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
  });

  it('names the fields that changed', () => {
    expect(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: 'y' } as never)).toEqual(['b', 'c', 'd']);
  });

  it('keeps empty lists and empty endpoints as none, so CSV and JSON say the same', () => {
    const base = { symbol: 'CN-A', name: { zh: '甲', en: 'A' }, type: 'public', province: 'CN-JS' } as const;
    expect(canonicalLibrary({ ...base, contacts: [], closedDays: [], endpoints: {}, lendingPolicy: { lendsReturnables: true, suppliesCopies: true, excludedMaterialTypes: [] } })).toEqual({
      ...base,
      lendingPolicy: { lendsReturnables: true, suppliesCopies: true },
    });
  });
});
