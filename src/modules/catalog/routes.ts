import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { editionsRoutes } from './routes/editions.routes.js';
import { harvestRoutes } from './routes/harvest.routes.js';
import { holdingsRoutes } from './routes/holdings.routes.js';
import { importRoutes } from './routes/import.routes.js';
import { recordsRoutes } from './routes/records.routes.js';

/** The union catalogue under /api/v1: imports, records, clusters, holdings. One line per route file. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(importRoutes);
  await app.register(harvestRoutes);
  await app.register(holdingsRoutes);
  await app.register(recordsRoutes);
  await app.register(editionsRoutes);
};
