/** The ledger's follower while the server runs: every 15 s, the filled transactions charged (every node may run it: the cursor keeps one at a time). */
import type { BackgroundContext } from '../../../platform/module.js';
import { followFees } from './follower.js';

const EVERY_MS = 15_000;

export function startFees(ctx: BackgroundContext): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = followFees(ctx.db)
        .then(() => undefined, (err: unknown) => ctx.log.error({ err }, 'interlibrary loan fees round failed; trying again later'))
        .finally(schedule);
    }, EVERY_MS);
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
