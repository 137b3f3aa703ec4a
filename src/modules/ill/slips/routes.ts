/** Pull slips over REST: a batch of the lending desk's requests as printable HTML or PDF. */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { librariesWith } from '../../../platform/http/authorize.js';
import { getLibrary } from '../../network/index.js';
import { IllErrors } from '../errors.js';
import { pullSlipsHtml } from './html.js';
import { pullSlipsPdf } from './pdf.js';
import { MAX_SLIPS, pullSlips } from './pull-slips.js';
import { scanRoutes } from './scan-routes.js';

const deskLibrary = (req: FastifyRequest): string | undefined => {
  const named = (req.query as { library?: string }).library;
  if (named) return named;
  const mine = librariesWith(req.principal, 'lending');
  return mine === 'all' ? undefined : mine[0];
};

const query = z.strictObject({
  library: z.string().trim().min(1).max(100).optional().describe('the desk’s library, when the account works for several'),
  ids: z
    .string()
    .regex(/^\d{1,18}(,\d{1,18})*$/, 'lending request ids, separated by commas')
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_SLIPS, `at most ${MAX_SLIPS} slips at once`)
    .optional()
    .describe('the lending requests to print; without: every request waiting for its pull slip'),
  format: z.enum(['html', 'pdf']).default('html'),
});

export const slipRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(scanRoutes);
  app.get(
    '/ill/lending/pull-slips',
    {
      config: { access: { permission: 'lending', library: deskLibrary } },
      schema: {
        tags: ['ill'],
        summary: 'Pull slips for a batch of lending requests, as printable HTML or PDF (staff with `lending`)',
        description:
          'Each slip: our lending request id (with a Code 128 barcode of LEND-<id>), call numbers, title, author, the part of a copy, the requesting library, the reader’s pickup location, the needed-by date. Printing changes nothing: `print-pull-slip` is the desk’s action. Ids of another library’s requests answer 404.',
        querystring: query,
      },
    },
    async (req, reply) => {
      const symbol = deskLibrary(req);
      if (!symbol) throw IllErrors.ILL_LIBRARY_REQUIRED();
      const library = await getLibrary(app.db, symbol);
      if (!library) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: symbol, permission: 'lending' });
      const slips = await pullSlips(app.db, library, req.query.ids, req.locale);
      const missing = req.query.ids?.filter((id) => !slips.some((s) => s.lendingRequestId === id));
      if (missing?.length) throw IllErrors.ILL_SUPPLY_NOT_FOUND({ id: missing.join(', ') });
      reply.header('cache-control', 'private, no-store');
      if (req.query.format === 'html') return reply.type('text/html; charset=utf-8').send(pullSlipsHtml(slips, req.locale));
      const { doc, cjk } = pullSlipsPdf(slips, req.locale);
      if (!cjk) req.log.warn('pull slips drawn without a CJK font: Chinese text is missing; install fonts-wqy-microhei (or fonts-noto-cjk)');
      return reply.type('application/pdf').header('content-disposition', `inline; filename="pull-slips-${symbol}.pdf"`).send(doc);
    },
  );
};
