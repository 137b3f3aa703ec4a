import { describe, expect, it } from 'vitest';
import { fillRate, lendBorrowBalance } from './figures.js';

describe('statistics figures', () => {
  it('fill rate: filled over ended, none when nothing ended', () => {
    expect(fillRate(2, 3)).toBe(0.667);
    expect(fillRate(0, 4)).toBe(0);
    expect(fillRate(0, 0)).toBeNull();
  });

  it('a library that lends more than its target asks is above balance; one that only borrows is below', () => {
    expect(lendBorrowBalance(6, 2, 1)).toEqual({ ratio: 3, balance: 4 });
    expect(lendBorrowBalance(0, 3, 1.5)).toEqual({ ratio: 0, balance: -4.5 });
    expect(lendBorrowBalance(2, 0, 1)).toEqual({ ratio: null, balance: 2 });
    expect(lendBorrowBalance(2, 1, null)).toEqual({ ratio: 2, balance: null });
  });
});
