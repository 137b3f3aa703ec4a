import type { FastifyPluginAsync } from 'fastify';

/**
 * The search module's routes for other systems, at the root: SRU (`/sru`), OAI-PMH (`/oai`),
 * OpenURL (`/openurl`). One line per protocol.
 */
export const searchProtocolRoutes: FastifyPluginAsync = async (app) => {
  void app;
};
