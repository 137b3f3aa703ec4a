/**
 * The interlibrary loan work a server does while it runs, every few seconds: follow the
 * requests' history (notices, copy links, copies handed over), queue due-soon notices, send the
 * outbox, delete spent copies. Every node may run it: the follower's cursor and the outbox's
 * leases keep two nodes from doing the same work twice.
 */
import type { BackgroundContext } from '../../../platform/module.js';
import { sweepCopies } from '../delivery/delivery.service.js';
import { followEvents, queueDueSoon } from './follower.js';
import { mailTransport, sendDueNotices } from './sender.js';

const EVERY_MS = 15_000;

export function illBackground(ctx: BackgroundContext): { stop(): Promise<void> } {
  const transport = mailTransport(ctx.config);
  if (!transport) ctx.log.info({}, 'SMTP_URL is not set: interlibrary loan e-mail notices will be recorded but not sent');
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    try {
      await followEvents(ctx.db);
      await queueDueSoon(ctx.db, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
      await sendDueNotices(ctx.db, ctx.config, transport, ctx.log);
      const removed = await sweepCopies(ctx.db, ctx.config.dataDir);
      if (removed) ctx.log.info({ removed }, 'delivered copies deleted (expired or downloads used up)');
    } catch (err) {
      ctx.log.error({ err }, 'interlibrary loan background round failed; trying again later');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(schedule);
    }, EVERY_MS);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport?.close();
    },
  };
}
