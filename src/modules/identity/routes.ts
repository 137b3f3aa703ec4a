import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit-routes.js';
import { authRoutes } from './auth-routes.js';
import { tokenRoutes } from './token-routes.js';
import { userRoutes } from './user-routes.js';
import { oidcRoutes } from './oidc/routes.js';
import { providerRoutes } from './federation/routes.js';
import { samlRoutes } from './saml/routes.js';
import { casRoutes } from './cas/routes.js';
import { whereFromRoutes } from './federation/where-from-routes.js';
import { scheduleIdentityJobs } from './jobs.js';
import { privacyRoutes } from './privacy/routes.js';

/** Every route of the identity module (mounted under /api/v1). */
export const identityRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(tokenRoutes);
  await app.register(auditRoutes);
  await app.register(providerRoutes);
  await app.register(oidcRoutes);
  await app.register(privacyRoutes);
  await app.register(samlRoutes);
  await app.register(casRoutes);
  await app.register(whereFromRoutes);
  // A serving node makes sure the next clean-up is queued; tests, which never listen, do not.
  app.addHook('onListen', async () => {
    await scheduleIdentityJobs(app.jobs, new Date(), undefined, app.config.readerDataRetentionDays).catch((err: unknown) => app.log.warn({ err }, 'could not schedule identity clean-up'));
  });
};
