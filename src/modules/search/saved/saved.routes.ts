import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { savedSearchCreate, savedSearchList, savedSearchParams, savedSearchRename, savedSearchView } from './saved.schemas.js';
import { SAVED_SEARCH_LIMIT, deleteSavedSearch, listSavedSearches, renameSavedSearch, saveSearch } from './saved.service.js';
import type { SavedSearch } from './saved.store.js';

const tags = ['search'];
const present = (s: SavedSearch) => ({ id: s.id, name: s.name, query: s.query, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() });

/** A signed-in reader's saved searches (issue 7): only ever the owner's own; another's answers 404. */
export const savedSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search/saved',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Your saved searches, newest first', response: { 200: savedSearchList } },
    },
    async (req) => ({ items: (await listSavedSearches(app.db, req.principal!.userId)).map(present), limit: SAVED_SEARCH_LIMIT }),
  );

  app.post(
    '/search/saved',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Save a search (the same search again is the one already saved: 200 instead of 201)',
        description: `At most ${SAVED_SEARCH_LIMIT} per account: 409 SAVED_SEARCH_LIMIT beyond. A query with nothing to search for: 422.`,
        body: savedSearchCreate,
        response: { 200: savedSearchView, 201: savedSearchView },
      },
    },
    async (req, reply) => {
      const { saved, created } = await saveSearch(app.db, req.principal!.userId, req.body);
      return reply.status(created ? 201 : 200).send(present(saved));
    },
  );

  app.patch(
    '/search/saved/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Rename one of your saved searches', params: savedSearchParams, body: savedSearchRename, response: { 200: savedSearchView } },
    },
    async (req) => present(await renameSavedSearch(app.db, req.principal!.userId, req.params.id, req.body.name)),
  );

  app.delete(
    '/search/saved/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Delete one of your saved searches', params: savedSearchParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteSavedSearch(app.db, req.principal!.userId, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
