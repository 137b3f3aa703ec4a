/**
 * A round of background work repeated while a server runs: the next round starts `everyMs` after
 * the last one ended (never two at once), a failed round is logged and the next one tries again,
 * and `stop()` waits for a round under way. The timer does not keep the process alive.
 */
export interface Repeating {
  stop(): Promise<void>;
}

export function repeatEvery(everyMs: number, round: () => Promise<unknown>, onError: (err: unknown) => void): Repeating {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(() => undefined, onError).finally(schedule);
    }, everyMs);
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
