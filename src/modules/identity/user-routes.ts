import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from './context.js';
import {
  accountListQuery,
  accountPage,
  accountPatch,
  accountSchema,
  addedAccountSchema,
  grantsBody,
  idParams,
  libraryParams,
  newAccountBody,
  passwordChangeBody,
} from './schemas.js';
import { addAccount, changePassword, getAccount, listAccounts, setGrants, updateAccount } from './service.js';

const tags = ['accounts'];

/**
 * Accounts and their roles. Network administrators manage every account; a library's
 * administrators (permission library-admin) the readers and staff of their library, and no other
 * library's (the service checks each role given or taken away).
 */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/users',
    {
      // Who may give which role depends on the roles in the body: the service decides before writing.
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Add an account with its roles',
        description: 'A network administrator may give any role; a library administrator readers and staff of their own library only.',
        body: newAccountBody,
        response: { 201: addedAccountSchema },
      },
    },
    async (req, reply) => {
      const added = await addAccount(app.db, requestContext(req), req.body);
      return reply.code(201).send(added);
    },
  );

  app.get(
    '/users',
    {
      config: { access: { permission: 'network-admin' } },
      schema: { tags, summary: 'Every account, a page at a time', querystring: accountListQuery, response: { 200: accountPage } },
    },
    async (req) => listAccounts(app.db, req.principal!, req.query, { ip: req.ip, requestId: req.id }),
  );

  app.get(
    '/libraries/:symbol/users',
    {
      config: { access: { permission: 'library-admin', library: (req) => (req.params as { symbol?: string }).symbol } },
      schema: {
        tags,
        summary: 'The accounts with a role in one library (its administrators only)',
        params: libraryParams,
        querystring: accountListQuery,
        response: { 200: accountPage },
      },
    },
    async (req) => listAccounts(app.db, req.principal!, { ...req.query, library: req.params.symbol }, { ip: req.ip, requestId: req.id }),
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'One account: your own, or one with a role you administer', params: idParams, response: { 200: accountSchema } },
    },
    async (req) => getAccount(app.db, req.principal!, req.params.id, { ip: req.ip, requestId: req.id }),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Change an account’s name or language (its owner), or disable or enable it (its administrators)',
        params: idParams,
        body: accountPatch,
        response: { 200: accountSchema },
      },
    },
    async (req) => updateAccount(app.db, requestContext(req), req.params.id, req.body),
  );

  app.put(
    '/users/:id/grants',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Set an account’s roles',
        description: 'Roles within your administration become those given; the account’s other roles stay as they are.',
        params: idParams,
        body: grantsBody,
        response: { 200: accountSchema },
      },
    },
    async (req) => setGrants(app.db, requestContext(req), req.params.id, req.body.grants),
  );

  app.post(
    '/users/me/password',
    {
      config: { access: 'signed-in', beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Change your own password',
        description: 'At least 10 characters, not your e-mail address. Your other sessions end.',
        body: passwordChangeBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await changePassword(app.db, requestContext(req), req.body);
      return reply.code(204).send(null);
    },
  );
};
