/** The e-mail notices of a request, for the borrowing desk: what was sent to whom, and what was not. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../platform/http/authorize.js';
import { IllErrors } from '../errors.js';
import { illStore } from '../ill.store.js';
import { noticesStore } from './notices.store.js';
import { noticeEvents } from './templates.js';

const noticeView = z.object({
  event: z.enum(noticeEvents),
  recipient: z.string(),
  locale: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'unsent']),
  attempts: z.number(),
  lastError: z.string().nullable().describe('why the last attempt failed, or why it was not sent'),
  subject: z.string().nullable(),
  sentAt: z.string().nullable(),
});

export const noticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ill/requests/:id/notices',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['ill'],
        summary: 'The e-mail notices of a request: sent, waiting, failed or not sent, with the reason (the borrowing library’s staff)',
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ items: z.array(noticeView) }) },
      },
    },
    async (req) => {
      const r = await illStore.request(app.db, req.params.id);
      if (!r || !hasPermission(req.principal!, 'borrowing', { library: r.borrowingLibrary })) throw IllErrors.ILL_REQUEST_NOT_FOUND({ id: req.params.id });
      return { items: await noticesStore.ofRequest(app.db, r.id) };
    },
  );
};
