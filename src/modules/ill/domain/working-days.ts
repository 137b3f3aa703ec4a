/**
 * Working days for the interlibrary loan timers: how long a lender has had a request, counted in
 * days it was open (not Saturday or Sunday, not one of its closed days from the directory), and
 * whether a loan's due date has passed. Dates are calendar dates (YYYY-MM-DD) in the deployment's
 * time zone; `calendarDate` turns an instant into one.
 */
import { calendarDate } from './rota/rota.js';

export interface ClosedDays {
  from: string;
  to: string;
}

const DAY = 86_400_000;
const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** Whether the library is open on that date: a weekday outside every closure (closures are inclusive). */
export function isWorkingDay(date: string, closed: readonly ClosedDays[] = []): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !closed.some((c) => c.from <= date && date <= c.to);
}

/**
 * The `n`th working day after `date` (the day itself does not count: a request that arrives on
 * Friday afternoon has had no working day yet). Bounded: a library closed for years gives up after
 * ten years and answers the last day looked at, so the timer never loops.
 */
export function addWorkingDays(date: string, n: number, closed: readonly ClosedDays[] = []): string {
  let day = date;
  let left = n;
  for (let i = 0; left > 0 && i < 3660; i++) {
    day = dayAfter(day);
    if (isWorkingDay(day, closed)) left--;
  }
  return day;
}

/** Working days that have passed in full after `since`'s date, up to the day before `today`. */
export function workingDaysBetween(since: string, today: string, closed: readonly ClosedDays[] = []): number {
  let n = 0;
  for (let day = dayAfter(since), i = 0; day < today && i < 3660; day = dayAfter(day), i++) if (isWorkingDay(day, closed)) n++;
  return n;
}

/**
 * A lender is stale once it has had `days` working days in full without answering: sent on
 * Monday with 3 days, it has Tuesday, Wednesday and Thursday, and is passed over on Friday.
 */
export function isStale(input: { since: string; now: string; days: number; closed?: readonly ClosedDays[]; utcOffsetMinutes?: number }): boolean {
  const sent = calendarDate(input.since, input.utcOffsetMinutes);
  const today = calendarDate(input.now, input.utcOffsetMinutes);
  return today > addWorkingDays(sent, input.days, input.closed);
}

/** A due date is a day: the loan is overdue from the day after it (the reader may bring it back on the day itself). */
export function isPastDue(dueDate: string, now: string, utcOffsetMinutes?: number): boolean {
  return calendarDate(now, utcOffsetMinutes) > dueDate.slice(0, 10);
}
