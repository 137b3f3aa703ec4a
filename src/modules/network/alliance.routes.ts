import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from './audit.js';
import { addMember, changeAlliance, changeMember, createAlliance, deleteAlliance, findAlliance, listAlliances, removeMember, replaceGovernance } from './alliance.service.js';
import { allianceSchema, memberSchema } from './domain/document.js';
import { presentAlliance, presentAllianceSummary } from './presenters.js';
import { allianceView, alliancePage, alliancePatch, alliancePut, allianceQuery, codeParams, governancePut, memberParams, memberPatch } from './schemas.js';

const tags = ['network'];
const ownAlliance = (req: FastifyRequest) => (req.params as { code?: string }).code;
const allianceAdmin = { permission: 'alliance-admin' as const, alliance: ownAlliance };

/** Alliances, their members and governance: public reads; an alliance's administrators keep it; the network's add and remove alliances. */
export const allianceRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (req: FastifyRequest) => ({ actor: actorOf(req), locale: req.locale });

  app.get(
    '/alliances',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Alliances, filtered by kind, tier, parent or province', querystring: allianceQuery, response: { 200: alliancePage } },
    },
    async (req) => {
      const { items, total } = await listAlliances(app.db, req.query);
      return { items: items.map(presentAllianceSummary), total, limit: req.query.limit, offset: req.query.offset };
    },
  );

  app.get(
    '/alliances/:code',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One alliance with its members and their roles, governance and child alliances', params: codeParams, response: { 200: allianceView } },
    },
    async (req) => presentAlliance(await findAlliance(app.db, req.params.code)),
  );

  app.post(
    '/alliances',
    {
      config: { access: { permission: 'network-admin' } },
      schema: { tags, summary: 'Add an alliance (with members and governance, if given)', body: allianceSchema, response: { 201: allianceView } },
    },
    async (req, reply) => reply.status(201).send(presentAlliance(await createAlliance(app.db, req.body, ctx(req)))),
  );

  app.put(
    '/alliances/:code',
    {
      config: { access: allianceAdmin },
      schema: {
        tags,
        summary: 'Replace an alliance’s entry; members and governance, when given, replace those lists',
        params: codeParams,
        body: alliancePut,
        response: { 200: allianceView },
      },
    },
    async (req) => presentAlliance(await changeAlliance(app.db, req.params.code, { replace: req.body }, ctx(req))),
  );

  app.patch(
    '/alliances/:code',
    {
      config: { access: allianceAdmin },
      schema: { tags, summary: 'Change some fields of an alliance (null clears a field)', params: codeParams, body: alliancePatch, response: { 200: allianceView } },
    },
    async (req) => presentAlliance(await changeAlliance(app.db, req.params.code, { patch: req.body }, ctx(req))),
  );

  app.delete(
    '/alliances/:code',
    {
      config: { access: { permission: 'network-admin' } },
      schema: { tags, summary: 'Remove an alliance (refused while it has child alliances or agreements)', params: codeParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteAlliance(app.db, req.params.code, ctx(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/alliances/:code/members',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'An alliance’s members and their roles', params: codeParams, response: { 200: allianceView.shape.members } },
    },
    async (req) => (await findAlliance(app.db, req.params.code)).members,
  );

  app.post(
    '/alliances/:code/members',
    {
      config: { access: allianceAdmin },
      schema: { tags, summary: 'Add a member library', params: codeParams, body: memberSchema, response: { 201: allianceView.shape.members } },
    },
    async (req, reply) => reply.status(201).send((await addMember(app.db, req.params.code, req.body, ctx(req))).members),
  );

  app.patch(
    '/alliances/:code/members/:symbol',
    {
      config: { access: allianceAdmin },
      schema: { tags, summary: 'Change a member’s role or join date', params: memberParams, body: memberPatch, response: { 200: allianceView.shape.members } },
    },
    async (req) => (await changeMember(app.db, req.params.code, req.params.symbol, req.body, ctx(req))).members,
  );

  app.delete(
    '/alliances/:code/members/:symbol',
    {
      config: { access: allianceAdmin },
      schema: { tags, summary: 'Remove a member library', params: memberParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await removeMember(app.db, req.params.code, req.params.symbol, ctx(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/alliances/:code/governance',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'An alliance’s governance bodies and their seats', params: codeParams, response: { 200: governancePut } },
    },
    async (req) => (await findAlliance(app.db, req.params.code)).governance,
  );

  app.put(
    '/alliances/:code/governance',
    {
      config: { access: allianceAdmin },
      schema: { tags, summary: 'Replace an alliance’s governance bodies and seats', params: codeParams, body: governancePut, response: { 200: governancePut } },
    },
    async (req) => (await replaceGovernance(app.db, req.params.code, req.body, ctx(req))).governance,
  );
};
