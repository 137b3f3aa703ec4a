/**
 * The interlibrary loan work a server does while it runs, every few seconds: follow the
 * requests' history (notices, copy links, copies handed over), queue due-soon notices, send the
 * outbox, delete spent copies. Every node may run it: the follower's cursor and the outbox's
 * leases keep two nodes from doing the same work twice.
 */
import type { BackgroundContext } from '../../../platform/module.js';
import { repeatEvery } from '../../../platform/repeat.js';
import { sweepCopies } from '../delivery/delivery.service.js';
import { followEvents, queueDueSoon } from './follower.js';
import { mailTransport, sendDueNotices } from './sender.js';

const EVERY_MS = 15_000;

export function illBackground(ctx: BackgroundContext): { stop(): Promise<void> } {
  const transport = mailTransport(ctx.config);
  if (!transport) ctx.log.info({}, 'SMTP_URL is not set: interlibrary loan e-mail notices will be recorded but not sent');
  const repeating = repeatEvery(
    EVERY_MS,
    async () => {
      await followEvents(ctx.db);
      await queueDueSoon(ctx.db, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
      await sendDueNotices(ctx.db, ctx.config, transport, ctx.log);
      const removed = await sweepCopies(ctx.db, ctx.config.dataDir);
      if (removed) ctx.log.info({ removed }, 'delivered copies deleted (expired or downloads used up)');
    },
    (err) => ctx.log.error({ err }, 'interlibrary loan background round failed; trying again later'),
  );
  return {
    async stop() {
      await repeating.stop();
      transport?.close();
    },
  };
}
