import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { editionsOf } from '../records/editions.js';
import { clusterParams } from '../records/schemas.js';

const editionView = z.object({
  id: z.number().describe('the other edition’s cluster'),
  title: z.string().nullable(),
  author: z.string().nullable(),
  edition: z.string().nullable().describe('the edition statement (MARC 21 250, UNIMARC 205)'),
  year: z.number().nullable(),
  format: z.string().nullable(),
  holdingCount: z.number().describe('how many libraries hold it'),
});

/** Other editions of a work (issue 7, the reader's record page): the clusters sharing its work key. */
export const editionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clusters/:id/editions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: 'Other editions and printings of the same work (clusters with the same work key), newest first, at most 50',
        description: 'A cluster merged into another answers for that one (`id` is the cluster the list is for). 404 for an unknown cluster.',
        params: clusterParams,
        response: { 200: z.object({ id: z.number(), workKey: z.string().nullable(), editions: z.array(editionView) }) },
      },
    },
    async (req) => editionsOf(app.db, req.params.id),
  );
};
