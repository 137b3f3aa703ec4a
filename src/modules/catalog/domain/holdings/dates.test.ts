import { describe, expect, it } from 'vitest';
import { readDueDate } from './dates.js';

describe('due dates as exports write them', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026-12-01 23:59:00', '2026-12-01'],
    ['2026-12-01T23:59:00Z', '2026-12-01'],
    ['20261201', '2026-12-01'],
    ['2026/1/5', '2026-01-05'],
    ['12-01-26', '2026-12-01'],
    ['12-01-1996', '1996-12-01'],
    ['02-29-24', '2024-02-29'],
  ])('%s → %s', (text, iso) => expect(readDueDate(text)).toBe(iso));

  it.each(['31/02/2026', '2026-02-30', '20261301', 'soon', '', '02-29-25'])('%s is no date', (text) => expect(readDueDate(text)).toBeUndefined());
});
