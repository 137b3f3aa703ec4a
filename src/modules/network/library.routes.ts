import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasPermission } from '../../platform/http/authorize.js';
import { actorOf } from './audit.js';
import { librarySchema } from './domain/document.js';
import { changeLibrary, createLibrary, deleteLibrary, findLibrary, librarySelfServiceFields, listLibraries } from './library.service.js';
import { presentLibrary, presentLibrarySummary, seesContactDetails } from './presenters.js';
import { libraryPage, libraryPatch, libraryPut, libraryQuery, libraryView, symbolParams } from './schemas.js';

const tags = ['network'];
const ownLibrary = (req: FastifyRequest) => (req.params as { symbol?: string }).symbol;

/** Libraries of the directory: public reads; the network's administrators add and remove; a library's administrators keep its own entry. */
export const libraryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/libraries',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Libraries of the directory, filtered by province, alliance, type, membership role or name', querystring: libraryQuery, response: { 200: libraryPage } },
    },
    async (req) => {
      const { items, total } = await listLibraries(app.db, req.query);
      return { items: items.map(presentLibrarySummary), total, limit: req.query.limit, offset: req.query.offset };
    },
  );

  app.get(
    '/libraries/:symbol',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One library with its alliances; contacts’ e-mail and phone for staff only',
        description: 'The symbol may be given as is (`CALIS:211010`) or URL-encoded (`CALIS%3A211010`).',
        params: symbolParams,
        response: { 200: libraryView },
      },
    },
    async (req) => presentLibrary(await findLibrary(app.db, req.params.symbol), seesContactDetails(req.principal)),
  );

  app.post(
    '/libraries',
    {
      config: { access: { permission: 'network-admin' } },
      schema: { tags, summary: 'Add a library to the directory', body: librarySchema, response: { 201: libraryView } },
    },
    async (req, reply) => {
      const created = await createLibrary(app.db, req.body, { actor: actorOf(req), locale: req.locale });
      return reply.status(201).send(presentLibrary(created, true));
    },
  );

  const mayChange = (req: FastifyRequest) => (req.principal && hasPermission(req.principal, 'network-admin') ? undefined : librarySelfServiceFields);

  app.put(
    '/libraries/:symbol',
    {
      config: { access: { permission: 'library-admin', library: ownLibrary } },
      schema: {
        tags,
        summary: 'Replace a library entry',
        description: 'A library’s own administrators may change its contacts, endpoints, lending policy and closed days; the other fields are the network administrators’.',
        params: symbolParams,
        body: libraryPut,
        response: { 200: libraryView },
      },
    },
    async (req) =>
      presentLibrary(await changeLibrary(app.db, req.params.symbol, { replace: req.body }, { actor: actorOf(req), locale: req.locale, mayChange: mayChange(req) }), true),
  );

  app.patch(
    '/libraries/:symbol',
    {
      config: { access: { permission: 'library-admin', library: ownLibrary } },
      schema: {
        tags,
        summary: 'Change some fields of a library entry (null clears a field)',
        params: symbolParams,
        body: libraryPatch,
        response: { 200: libraryView },
      },
    },
    async (req) =>
      presentLibrary(await changeLibrary(app.db, req.params.symbol, { patch: req.body }, { actor: actorOf(req), locale: req.locale, mayChange: mayChange(req) }), true),
  );

  app.delete(
    '/libraries/:symbol',
    {
      config: { access: { permission: 'network-admin' } },
      schema: { tags, summary: 'Remove a library from the directory', params: symbolParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteLibrary(app.db, req.params.symbol, { actor: actorOf(req), locale: req.locale });
      return reply.status(204).send(null);
    },
  );
};
