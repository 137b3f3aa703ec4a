import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pendingClusterChanges } from '../../catalog/index.js';
import { documentCount } from '../pg/documents.store.js';
import { SEARCH_REBUILD } from '../rebuild.job.js';
import { savedSearchRoutes } from '../saved/index.js';
import { searchRequestOf } from '../request.js';
import { libraryIdOf, searchIndexFor } from '../service.js';
import { presentResult } from './search.presenter.js';
import { indexStatusView, rebuildStartedView, searchQuery, searchResultView } from './search.schemas.js';

const tags = ['search'];

/** The reader's library: the one chosen in the form, else the first the signed-in account belongs to. */
async function viewerLibrary(req: FastifyRequest, chosen: string | undefined, bySymbol: (s: string) => Promise<number | null>): Promise<number | null> {
  if (chosen) return bySymbol(chosen);
  const symbol = req.principal?.grants.find((g) => g.library)?.library;
  return symbol ? bySymbol(symbol) : null;
}

/** One-stop search (issue 4) and the index's upkeep. */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const libraryId = (symbol: string) => libraryIdOf(app.db, symbol);
  await app.register(savedSearchRoutes);

  app.get(
    '/search',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search the union catalogue: words, phrases, fields, AND/OR/NOT, truncation; facets; holdings summary per hit',
        description: 'Chinese simplified and traditional alike, pinyin (full or initials), ISBN/ISSN in any form. `debug=1` explains each score.',
        querystring: searchQuery,
        response: { 200: searchResultView },
      },
    },
    async (req) => {
      const { myLibrary, ...form } = req.query;
      const request = searchRequestOf(form, await viewerLibrary(req, myLibrary, libraryId));
      const result = await searchIndexFor(app.db).search(request);
      return presentResult(request, result, req.locale);
    },
  );

  app.get(
    '/search/index',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'How many documents the index holds and how many catalogue changes are on their way', response: { 200: indexStatusView } },
    },
    async () => ({ documents: await documentCount(app.db), pendingChanges: await pendingClusterChanges(app.db) }),
  );

  app.post(
    '/search/index/rebuild',
    {
      config: { access: { permission: 'network-admin' } },
      schema: { tags, summary: 'Rebuild every search document (a job with progress); search keeps answering', response: { 202: rebuildStartedView } },
    },
    async (req, reply) => {
      const job = await app.jobs.enqueue({ kind: SEARCH_REBUILD, payload: {}, ...(req.principal ? { createdBy: req.principal.userId } : {}) });
      return reply.code(202).send({ jobId: job.id });
    },
  );
};
