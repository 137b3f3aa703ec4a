/**
 * The interlibrary loan timers while a server runs: every minute, silent lenders are passed over
 * and loans past their due date become overdue (timers.service.ts). Every node may run them:
 * each request is taken under its row lock with SKIP LOCKED, and the machines refuse a step
 * that no longer applies, so two nodes never move one request twice. Due-soon notices are queued
 * by the notices' round (notices/background.ts).
 */
import type { BackgroundContext } from '../../../platform/module.js';
import { repeatEvery, type Repeating } from '../../../platform/repeat.js';
import { runTimers } from './timers.service.js';

const EVERY_MS = 60_000;

export function startTimers(ctx: BackgroundContext, opts: { everyMs?: number } = {}): Repeating {
  return repeatEvery(
    opts.everyMs ?? EVERY_MS,
    async () => {
      const moved = await runTimers(ctx.db, { staleWorkingDays: ctx.config.ill.staleWorkingDays, overdueReminderDays: ctx.config.ill.overdueReminderDays });
      if (moved.stale || moved.overdueBorrowing || moved.overdueLending || moved.overdueReminders || moved.lenderReminders) ctx.log.info(moved, 'interlibrary loan timers moved requests');
    },
    (err) => ctx.log.error({ err }, 'interlibrary loan timers failed; trying again later'),
  );
}
