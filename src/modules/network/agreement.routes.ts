import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from './audit.js';
import { changeAgreement, createAgreement, deleteAgreement, findAgreement, listAgreements } from './agreement.service.js';
import { agreementSchema } from './domain/document.js';
import { agreementPage, agreementPatch, agreementPut, agreementQuery, codeParams } from './schemas.js';

const tags = ['network'];
const networkAdmin = { permission: 'network-admin' as const };

/** Agreements between alliances or libraries: public reads, kept by the network's administrators. */
export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (req: FastifyRequest) => ({ actor: actorOf(req), locale: req.locale });

  app.get(
    '/agreements',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Agreements, optionally those a library or an alliance is a party to', querystring: agreementQuery, response: { 200: agreementPage } },
    },
    async (req) => ({ ...(await listAgreements(app.db, req.query)), limit: req.query.limit, offset: req.query.offset }),
  );

  app.get(
    '/agreements/:code',
    { config: { access: 'public' }, schema: { tags, summary: 'One agreement', params: codeParams, response: { 200: agreementSchema } } },
    async (req) => findAgreement(app.db, req.params.code),
  );

  app.post(
    '/agreements',
    { config: { access: networkAdmin }, schema: { tags, summary: 'Add an agreement', body: agreementSchema, response: { 201: agreementSchema } } },
    async (req, reply) => reply.status(201).send(await createAgreement(app.db, req.body, ctx(req))),
  );

  app.put(
    '/agreements/:code',
    { config: { access: networkAdmin }, schema: { tags, summary: 'Replace an agreement', params: codeParams, body: agreementPut, response: { 200: agreementSchema } } },
    async (req) => changeAgreement(app.db, req.params.code, { replace: req.body }, ctx(req)),
  );

  app.patch(
    '/agreements/:code',
    {
      config: { access: networkAdmin },
      schema: { tags, summary: 'Change some fields of an agreement (null clears a field)', params: codeParams, body: agreementPatch, response: { 200: agreementSchema } },
    },
    async (req) => changeAgreement(app.db, req.params.code, { patch: req.body }, ctx(req)),
  );

  app.delete(
    '/agreements/:code',
    { config: { access: networkAdmin }, schema: { tags, summary: 'Remove an agreement', params: codeParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteAgreement(app.db, req.params.code, ctx(req));
      return reply.status(204).send(null);
    },
  );
};
