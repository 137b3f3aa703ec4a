import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorCatalogue } from '../errors/catalogue.js';
import { PlatformErrors } from '../errors/platform-errors.js';

const entry = z.object({ code: z.string(), status: z.number().int(), message: z.object({ en: z.string(), 'zh-CN': z.string() }) });

/** The error catalogue, so a client can look up any `code` (and the `type` URI of a problem resolves). */
export const errorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/errors',
    { config: { access: 'public' }, schema: { tags: ['platform'], summary: 'Every error code', response: { 200: z.array(entry) } } },
    async () => [...errorCatalogue()].map(([code, d]) => ({ code, status: d.status, message: d.message })),
  );
  app.get(
    '/errors/:code',
    {
      config: { access: 'public' },
      schema: { tags: ['platform'], summary: 'One error code', params: z.object({ code: z.string() }), response: { 200: entry } },
    },
    async (req) => {
      const d = errorCatalogue().get(req.params.code);
      if (!d) throw PlatformErrors.ROUTE_NOT_FOUND({ method: 'GET', path: req.url });
      return { code: req.params.code, status: d.status, message: d.message };
    },
  );
};
