/**
 * When the timers remind (pure): a reader whose loan is overdue gets the overdue notice the day
 * after the due date (from the history, notices/follower.ts), then a reminder every `every` days
 * until the loan comes back; a lender that has not answered is reminded on its last working day
 * before it would be passed over. Dates are calendar dates (YYYY-MM-DD).
 */
import { addWorkingDays, type ClosedDays } from '../domain/working-days.js';
import { calendarDate } from '../domain/index.js';

const DAY = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The number of the overdue reminder due by `today` (1 for the first after the overdue notice),
 * or 0 when none is due yet. Due on the 7th with 7 days: the notice on the 8th, reminder 1 on
 * the 15th, reminder 2 on the 22nd. A round that missed a day sends the latest one only.
 */
export function overdueReminderNumber(dueDate: string, today: string, every: number): number {
  const late = daysBetween(dueDate.slice(0, 10), today) - 1; // days since the overdue notice's day
  return late >= every ? Math.floor(late / every) : 0;
}

/**
 * Whether a lender waiting since `since` is on its last working day before it is passed over
 * (`days` working days in full; see isStale): sent on Monday with 3 days, it is reminded on
 * Thursday and passed over on Friday.
 */
export function isLastWorkingDay(input: { since: string; now: string; days: number; closed?: readonly ClosedDays[] }): boolean {
  const sent = calendarDate(input.since);
  const today = calendarDate(input.now);
  return today > addWorkingDays(sent, input.days - 1, input.closed) && today <= addWorkingDays(sent, input.days, input.closed);
}
