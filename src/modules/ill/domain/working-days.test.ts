import { describe, expect, it } from 'vitest';
import { addWorkingDays, isPastDue, isStale, isWorkingDay, workingDaysBetween } from './working-days.js';

// 2026-12-07 is a Monday.
describe('working days for the interlibrary loan timers', () => {
  it('weekends and the library’s closed days are not working days', () => {
    expect(isWorkingDay('2026-12-07')).toBe(true);
    expect(isWorkingDay('2026-12-12')).toBe(false);
    expect(isWorkingDay('2026-12-13')).toBe(false);
    const closed = [{ from: '2026-12-09', to: '2026-12-10' }];
    expect(isWorkingDay('2026-12-08', closed)).toBe(true);
    expect(isWorkingDay('2026-12-09', closed)).toBe(false);
    expect(isWorkingDay('2026-12-10', closed)).toBe(false);
    expect(isWorkingDay('2026-12-11', closed)).toBe(true);
  });

  it('counts working days after the day it starts, skipping the weekend', () => {
    expect(addWorkingDays('2026-12-07', 3)).toBe('2026-12-10');
    // Friday + 3: Monday, Tuesday, Wednesday.
    expect(addWorkingDays('2026-12-11', 3)).toBe('2026-12-16');
    // Sent on a Saturday: the week's first three days.
    expect(addWorkingDays('2026-12-12', 3)).toBe('2026-12-16');
    expect(addWorkingDays('2026-12-07', 0)).toBe('2026-12-07');
  });

  it('skips a closure, across a month and a year', () => {
    expect(addWorkingDays('2026-12-07', 3, [{ from: '2026-12-08', to: '2026-12-09' }])).toBe('2026-12-14');
    // Wednesday 30 December + 2: Thursday 31st, then (1 January closed, the weekend) Monday 4th.
    expect(addWorkingDays('2026-12-30', 2, [{ from: '2027-01-01', to: '2027-01-03' }])).toBe('2027-01-04');
  });

  it('gives up on a library closed for ever instead of looping', () => {
    expect(addWorkingDays('2026-12-07', 3, [{ from: '2000-01-01', to: '2099-12-31' }]) > '2036-01-01').toBe(true);
  });

  it('working days between two dates: full days only', () => {
    expect(workingDaysBetween('2026-12-07', '2026-12-07')).toBe(0);
    expect(workingDaysBetween('2026-12-07', '2026-12-11')).toBe(3);
    expect(workingDaysBetween('2026-12-11', '2026-12-17')).toBe(3);
    expect(workingDaysBetween('2026-12-11', '2026-12-17', [{ from: '2026-12-15', to: '2026-12-15' }])).toBe(2);
  });

  it('a lender sent a request on Monday with three days is stale on Friday, in China Standard Time', () => {
    const since = '2026-12-07T02:00:00Z'; // Monday 10:00 in Beijing
    expect(isStale({ since, now: '2026-12-10T15:00:00Z', days: 3 })).toBe(false); // Thursday 23:00 in Beijing
    expect(isStale({ since, now: '2026-12-10T16:00:00Z', days: 3 })).toBe(true); // Friday 00:00 in Beijing
    // Closed on Wednesday: the lender has until Friday.
    expect(isStale({ since, now: '2026-12-11T04:00:00Z', days: 3, closed: [{ from: '2026-12-09', to: '2026-12-09' }] })).toBe(false);
    expect(isStale({ since, now: '2026-12-14T01:00:00Z', days: 3, closed: [{ from: '2026-12-09', to: '2026-12-09' }] })).toBe(true);
  });

  it('a loan is overdue from the day after its due date, in the deployment’s calendar', () => {
    expect(isPastDue('2026-12-07', '2026-12-07T15:59:00Z')).toBe(false);
    expect(isPastDue('2026-12-07', '2026-12-07T16:00:00Z')).toBe(true);
    expect(isPastDue('2026-12-07T00:00:00Z', '2026-12-08T01:00:00Z')).toBe(true);
    expect(isPastDue('2026-12-07', '2026-12-08T01:00:00Z', 0)).toBe(true);
    expect(isPastDue('2026-12-08', '2026-12-08T01:00:00Z', 0)).toBe(false);
  });
});
