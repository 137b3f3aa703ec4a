import type { AnylibModule } from '../../platform/module.js';
import { startFees } from './fees/background.js';
import { feesRoutes } from './fees/routes.js';
import { illBackground } from './notices/background.js';
import { startOutbox } from './peers/outbox.js';
import { iso18626Routes, peerRoutes } from './peers/routes.js';
import { illRoutes } from './routes.js';
import { startTimers } from './timers/background.js';
// Registers interlibrary loan's part in readers' privacy (export and retention) with identity.
import './reader-data.js';

/*
 * The ill module's public API: other modules import only this file. The pure domain (state
 * machines, rota, eligibility, ISO 18626 codec) is in domain/ and exported from there.
 */
export { IllErrors } from './errors.js';
export { placeRequest, actOnRequest, type NewRequestInput } from './request.service.js';
export { actOnSupply } from './supply.service.js';
export { receiveMessage } from './peers/receive.js';
export { startOutbox, deliverDue, type OutboxOptions } from './peers/outbox.js';
export { followFees } from './fees/follower.js';

/** Interlibrary loan: requests, the rota, lending and borrowing; ISO 18626 with other deployments (issue 5). */
export const illModule: AnylibModule = {
  name: 'ill',
  routes: async (app) => {
    await app.register(illRoutes);
    await app.register(peerRoutes);
    await app.register(feesRoutes);
  },
  protocolRoutes: iso18626Routes,
  // Our messages to peers leave through the outbox, worked by every node; notices, copy links and
  // spent copies are looked after beside it, and the timers (silent lenders, overdue loans).
  background: (ctx) => {
    const running = [startOutbox(ctx.db, { log: ctx.log }), illBackground(ctx), startTimers(ctx), startFees(ctx)];
    return { stop: async () => void (await Promise.all(running.map((r) => r.stop()))) };
  },
};
