import { describe, expect, it } from 'vitest';
import { readAvailabilityChanges } from './availability-push.js';

describe('reading a circulation push', () => {
  it('keeps good rows and names the field and reason of each bad one', () => {
    const r = readAvailabilityChanges([
      { barcode: ' 1001 ', status: 'on-loan', dueDate: '2026-12-01' },
      { barcode: '1002', status: 'checked out' },
      { barcode: '1003', status: 'available', dueDate: '2026-12-01' },
      { barcode: '1004', status: 'on-loan', dueDate: '2026-02-30' },
      { status: 'available' },
      'x',
      { barcode: '1005', status: 'lost', note: 'hi' },
      { barcode: '1006', status: 'on-loan' },
    ]);
    expect(r.changes).toEqual([
      { barcode: '1001', status: 'on-loan', dueDate: '2026-12-01' },
      { barcode: '1006', status: 'on-loan', dueDate: null },
    ]);
    expect(r.invalid.map((i) => [i.field, i.barcode])).toEqual([
      ['changes[1].status', '1002'],
      ['changes[2].dueDate', '1003'],
      ['changes[3].dueDate', '1004'],
      ['changes[4].barcode', undefined],
      ['changes[5]', undefined],
      ['changes[6].note', '1005'],
    ]);
  });

  it('lets the last row for a barcode win', () => {
    const r = readAvailabilityChanges([
      { barcode: 'A', status: 'on-loan', dueDate: '2026-12-01' },
      { barcode: 'B', status: 'missing' },
      { barcode: 'A', status: 'available', dueDate: null },
    ]);
    expect(r.changes).toEqual([
      { barcode: 'B', status: 'missing', dueDate: null },
      { barcode: 'A', status: 'available', dueDate: null },
    ]);
    expect(r.superseded).toBe(1);
  });
});
