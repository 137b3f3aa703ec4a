import { describe, expect, it } from 'vitest';
import type { MarcRecord } from '../marc/record.js';
import { diffRecords, isUnchanged } from './index.js';

const base: MarcRecord = {
  leader: '00000nam a2200000 a 4500',
  fields: [
    { tag: '001', value: 'b1' },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Old title' }, { code: 'c', value: 'Someone' }] },
    { tag: '650', ind1: ' ', ind2: '0', subfields: [{ code: 'a', value: 'Fiction' }] },
    { tag: '650', ind1: ' ', ind2: '0', subfields: [{ code: 'a', value: 'History' }] },
  ],
};

describe('the difference between two versions of a record', () => {
  it('is empty for the same record', () => {
    expect(isUnchanged(diffRecords(base, structuredClone(base)))).toBe(true);
  });

  it('names changed indicators and subfields, added and removed fields and the leader', () => {
    const after: MarcRecord = {
      leader: '00000cam a2200000 a 4500',
      fields: [
        { tag: '001', value: 'b1' },
        { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'New title' }, { code: 'b', value: 'a subtitle' }] },
        { tag: '650', ind1: ' ', ind2: '0', subfields: [{ code: 'a', value: 'History' }] },
        { tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'A note' }] },
      ],
    };
    const d = diffRecords(base, after);
    expect(d.leader).toEqual({ from: base.leader, to: after.leader });
    expect(d.fields).toEqual([
      {
        change: 'changed',
        tag: '245',
        occurrence: 1,
        ind1: { from: '1', to: '0' },
        subfields: [
          { change: 'changed', code: 'a', occurrence: 1, from: 'Old title', to: 'New title' },
          { change: 'removed', code: 'c', occurrence: 1, from: 'Someone' },
          { change: 'added', code: 'b', occurrence: 1, to: 'a subtitle' },
        ],
      },
      { change: 'added', tag: '500', occurrence: 1, field: after.fields[3] },
      // The 650 History stayed (it moved up): only Fiction went.
      { change: 'removed', tag: '650', occurrence: 1, field: base.fields[2] },
    ]);
  });

  it('shows a control field’s old and new value', () => {
    const after = structuredClone(base);
    after.fields[0] = { tag: '001', value: 'b2' };
    expect(diffRecords(base, after).fields).toEqual([{ change: 'changed', tag: '001', occurrence: 1, from: 'b1', to: 'b2' }]);
  });
});
