import { describe, expect, it } from 'vitest';
import { dayOf } from './offered-terms';

describe('an offered date at the desk', () => {
  it('shows the day as the lender typed it, whether it came as an xs:dateTime or a date', () => {
    expect(dayOf('2026-12-07T23:59:59+08:00')).toBe('2026-12-07');
    expect(dayOf('2026-12-07')).toBe('2026-12-07');
  });
});
