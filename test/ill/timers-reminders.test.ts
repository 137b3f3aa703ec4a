/** When the interlibrary loan timers remind (pure): repeated overdue reminders, and a lender's last working day. */
import { describe, expect, it } from 'vitest';
import { isLastWorkingDay, overdueReminderNumber } from '../../src/modules/ill/timers/reminders.js';

describe('interlibrary loan reminders', () => {
  it('reminds a reader every N days after the overdue notice, the latest reminder only when a round missed days', () => {
    // Due on the 7th: overdue notice on the 8th, reminders on the 15th and the 22nd.
    expect(overdueReminderNumber('2026-12-07', '2026-12-08', 7)).toBe(0);
    expect(overdueReminderNumber('2026-12-07', '2026-12-14', 7)).toBe(0);
    expect(overdueReminderNumber('2026-12-07', '2026-12-15', 7)).toBe(1);
    expect(overdueReminderNumber('2026-12-07', '2026-12-21', 7)).toBe(1);
    expect(overdueReminderNumber('2026-12-07', '2026-12-22', 7)).toBe(2);
    expect(overdueReminderNumber('2026-12-07', '2027-01-02', 3)).toBe(8);
  });

  it('reminds a lender on its last working day: sent on Monday with 3 days, on Thursday', () => {
    // 2026-12-07 is a Monday; 10:00 in China Standard Time is 02:00 UTC.
    const at = (date: string) => `${date}T02:00:00.000Z`;
    const day = (date: string, closed: { from: string; to: string }[] = []) => isLastWorkingDay({ since: at('2026-12-07'), now: at(date), days: 3, closed });
    expect(['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((d) => day(d))).toEqual([false, false, true, false]);
    // Sent on Friday: Monday to Wednesday are its days; reminded on Wednesday.
    expect(isLastWorkingDay({ since: at('2026-12-11'), now: at('2026-12-16'), days: 3 })).toBe(true);
    expect(isLastWorkingDay({ since: at('2026-12-11'), now: at('2026-12-15'), days: 3 })).toBe(false);
    // Closed on Wednesday: Friday is its last day.
    expect(day('2026-12-10', [{ from: '2026-12-09', to: '2026-12-09' }])).toBe(false);
    expect(day('2026-12-11', [{ from: '2026-12-09', to: '2026-12-09' }])).toBe(true);
    // One day: reminded on the day itself after the request arrived.
    expect(isLastWorkingDay({ since: at('2026-12-07'), now: at('2026-12-08'), days: 1 })).toBe(true);
  });
});
