import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Permission } from '../../platform/http/access.js';
import { librariesWith } from '../../platform/http/authorize.js';
import { recordAudit } from '../identity/index.js';
import type { ActionParams } from './domain/index.js';
import { copyrightRoutes } from './copyright/routes.js';
import { deliveryRoutes } from './delivery/routes.js';
import { noticeRoutes } from './notices/routes.js';
import { noteRoutes } from './notes/routes.js';
import { slipRoutes } from './slips/routes.js';
import { statisticsRoutes } from './statistics/routes.js';
import { IllErrors } from './errors.js';
import { illStore } from './ill.store.js';
import { presentRequest, presentRequestSummary, presentSupply } from './presenters.js';
import { actOnRequest, borrowingQueue, findRequest, isBorrowingStaff, placeRequestWithAnswer, readerRequests } from './request.service.js';
import { actionBody, actionParams, idParams, newRequestBody, queueQuery, readerListQuery, requestList, requestView, supplyList, supplyView } from './schemas.js';
import { actOnSupply, findSupply, lendingQueue } from './supply.service.js';

const tags = ['ill'];

/**
 * The desk's library for a queue: the one named in `?library=`, else the only library where the
 * account holds the permission (an account working for several must name one).
 */
const deskLibrary = (permission: Permission) => (req: FastifyRequest): string | undefined => {
  const named = (req.query as { library?: string }).library;
  if (named) return named;
  const mine = librariesWith(req.principal, permission);
  return mine === 'all' ? undefined : mine[0];
};

const paramsOf = (body: { note?: string; dueDate?: string; reasonUnfilled?: string; reasonRetry?: string; conditions?: ActionParams['conditions']; forwardTo?: string }): ActionParams => ({ ...body });

/**
 * Interlibrary loan inside one deployment (issue 5). Routes on one request or lending request are
 * open to any signed-in account and decided by the service once the request is read: its reader,
 * the borrowing library's staff (`borrowing`), the lending library's staff (`lending`).
 */
export const illRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(copyrightRoutes);
  await app.register(deliveryRoutes);
  await app.register(slipRoutes);
  await app.register(statisticsRoutes);
  await app.register(noticeRoutes);
  await app.register(noteRoutes);
  app.post(
    '/ill/requests',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Place an interlibrary loan request (a reader, or staff with `borrowing` for a reader)',
        description:
          'From a union catalogue record (clusterId) or a typed citation. Refusals name every reason in `errors` (400 ILL_NOT_ELIGIBLE); when the reader’s own library has a copy on the shelf the answer is 409 ILL_CONFIRMATION_NEEDED until the request is sent again with `confirm: true`.',
        body: newRequestBody,
        response: { 201: requestView },
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      const placed = await placeRequestWithAnswer(app.db, principal, req.body, req.locale);
      const r = placed.answer ?? (await illStore.requestWithEvents(app.db, placed.id))!;
      const viewer = isBorrowingStaff(principal, r) ? 'staff' : 'reader';
      return reply.status(201).send(presentRequest(r, r.events, viewer, req.locale));
    },
  );

  app.get(
    '/ill/requests',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'My interlibrary loan requests, newest first', querystring: readerListQuery, response: { 200: requestList } } },
    async (req) => {
      const rows = await readerRequests(app.db, req.principal!, req.query.limit, req.query.offset);
      return { items: rows.map((r) => presentRequestSummary(r, req.locale)), limit: req.query.limit, offset: req.query.offset };
    },
  );

  app.get(
    '/ill/requests/:id',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'One request with its timeline (its reader, or the borrowing library’s staff)', params: idParams, response: { 200: requestView } } },
    async (req) => {
      const r = await findRequest(app.db, req.principal!, req.params.id);
      const viewer = isBorrowingStaff(req.principal!, r) ? 'staff' : 'reader';
      // Staff reading a reader's request (name, e-mail, note) is in the audit log (issue 6, "Privacy").
      if (r.readerId !== req.principal!.userId) {
        await recordAudit(app.db, { actor: req.principal, action: 'ill.request.read', target: `ill-request:${r.id}`, library: r.borrowingLibrary, details: { reader: r.readerId }, ip: req.ip, requestId: req.id });
      }
      return presentRequest(r, await illStore.events(app.db, r.id), viewer, req.locale);
    },
  );

  app.post(
    '/ill/requests/:id/actions/:action',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A borrowing desk action (receive, check-out, return-from-reader, ship-back, …) or the reader’s cancel',
        description: 'An action the request’s state does not allow is refused with 409 ILL_ACTION_REFUSED and the machine’s reason; the request is unchanged.',
        params: actionParams,
        body: actionBody,
        response: { 200: requestView },
      },
    },
    async (req) => {
      const r = await actOnRequest(app.db, req.principal!, req.params.id, req.params.action, paramsOf(req.body), req.locale);
      const viewer = isBorrowingStaff(req.principal!, r) ? 'staff' : 'reader';
      return presentRequest(r, r.events, viewer, req.locale);
    },
  );

  app.get(
    '/ill/borrowing',
    {
      config: { access: { permission: 'borrowing', library: deskLibrary('borrowing') } },
      schema: { tags, summary: 'The borrowing desk’s requests, by state', querystring: queueQuery, response: { 200: requestList } },
    },
    async (req) => {
      const library = deskLibrary('borrowing')(req);
      if (!library) throw IllErrors.ILL_LIBRARY_REQUIRED();
      const rows = await borrowingQueue(app.db, library, req.query.state, req.query.limit, req.query.offset);
      await recordAudit(app.db, { actor: req.principal, action: 'ill.request.list', library, details: { shown: rows.map((r) => r.id) }, ip: req.ip, requestId: req.id });
      return { items: rows.map((r) => presentRequestSummary(r, req.locale)), limit: req.query.limit, offset: req.query.offset };
    },
  );

  app.get(
    '/ill/lending',
    {
      config: { access: { permission: 'lending', library: deskLibrary('lending') } },
      schema: { tags, summary: 'The lending desk’s requests from other libraries, by state', querystring: queueQuery, response: { 200: supplyList } },
    },
    async (req) => {
      const library = deskLibrary('lending')(req);
      if (!library) throw IllErrors.ILL_LIBRARY_REQUIRED();
      const rows = await lendingQueue(app.db, library, req.query.state, req.query.limit, req.query.offset);
      return { items: rows.map((s) => presentSupply(s, req.locale)), limit: req.query.limit, offset: req.query.offset };
    },
  );

  app.get(
    '/ill/supplier/:id',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'One lending request with its timeline (the lending library’s staff)', params: idParams, response: { 200: supplyView } } },
    async (req) => {
      const s = await findSupply(app.db, req.principal!, req.params.id);
      return presentSupply(s, req.locale, await illStore.events(app.db, s.requestId, s.id));
    },
  );

  app.post(
    '/ill/supplier/:id/actions/:action',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A lending desk action: will-supply, print-pull-slip, mark-picked, ship, cannot-supply (with reasonUnfilled), check-in, …',
        description: 'Staff with `lending` in the lending library. An action the state does not allow is refused with 409 ILL_ACTION_REFUSED; nothing changes.',
        params: actionParams,
        body: actionBody,
        response: { 200: supplyView },
      },
    },
    async (req) => {
      const s = await actOnSupply(app.db, req.principal!, req.params.id, req.params.action, paramsOf(req.body), req.locale);
      return presentSupply(s, req.locale, s.events);
    },
  );
};
