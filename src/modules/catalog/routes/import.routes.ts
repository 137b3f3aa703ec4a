import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Imports of a member library's record files: upload, list, status, rejects. */
export const importRoutes: FastifyPluginAsyncZod = async () => {
  // Routes land here (INGEST).
};
