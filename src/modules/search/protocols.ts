import type { FastifyPluginAsync } from 'fastify';
import { sruRoutes } from './sru/sru.routes.js';
import { oaiRoutes } from './oai/oai.routes.js';
import { openurlRoutes } from './openurl/openurl.routes.js';
import { searchIndexFor } from './service.js';

/**
 * The search module's routes for other systems, at the root: SRU (`/sru`), OAI-PMH (`/oai`),
 * OpenURL (`/openurl`). One line per protocol.
 */
export const searchProtocolRoutes: FastifyPluginAsync = async (app) => {
  void app;
  await app.register(sruRoutes);
  await app.register(oaiRoutes);
  await app.register(openurlRoutes(searchIndexFor));
};
