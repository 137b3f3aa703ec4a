/**
 * The interlibrary loan timers while a server runs: every minute, silent lenders are passed over
 * and loans past their due date become overdue (timers.service.ts). Every node may run them:
 * each request is taken under its row lock with SKIP LOCKED, and the machines refuse a step
 * that no longer applies, so two nodes never move one request twice. Due-soon notices are queued
 * by the notices' round (notices/background.ts).
 */
import type { BackgroundContext } from '../../../platform/module.js';
import { runTimers } from './timers.service.js';

const EVERY_MS = 60_000;

export function startTimers(ctx: BackgroundContext, opts: { everyMs?: number } = {}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    try {
      const moved = await runTimers(ctx.db, { staleWorkingDays: ctx.config.ill.staleWorkingDays });
      if (moved.stale || moved.overdueBorrowing || moved.overdueLending) ctx.log.info(moved, 'interlibrary loan timers moved requests');
    } catch (err) {
      ctx.log.error({ err }, 'interlibrary loan timers failed; trying again later');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(schedule);
    }, opts.everyMs ?? EVERY_MS);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
