import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from './audit.js';
import { exportNetwork, exportNetworkCsv } from './export.service.js';
import { importNetwork, importNetworkCsv } from './import.service.js';
import { seesContactDetails } from './presenters.js';
import { exportQuery, importQuery, importReport, networkDocumentSchema } from './schemas.js';

const tags = ['network'];

/** Whether a request body was sent as CSV. */
const isCsv = (contentType: string | undefined) => /^(text|application)\/csv\b/i.test(contentType ?? '');

/** Import and export of the whole directory (docs/network-format.md). */
export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  // CSV arrives as text; the layout is read from its header row by the import.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/network/import',
    {
      config: { access: { permission: 'network-admin' } },
      schema: {
        tags,
        summary: 'Import a network document (application/json) or a CSV file (text/csv): all or nothing, every problem reported',
        description:
          'JSON: the format of GET /network/export (libraries, alliances with members and governance, agreements). CSV: one of the layouts libraries, alliances or memberships, told apart by the header row. Entries are added or updated by symbol or code; re-importing a file reports every entry unchanged. A file with problems is refused as a whole (400 IMPORT_INVALID) with every problem in `errors`. `identityProviders` entries are the exception: each is checked on its own, those with problems are reported in `identityProviders.problems` (library, provider, field, why) and left out, the others written; a `clientSecret` is sealed, an absent one keeps the stored secret.',
        querystring: importQuery,
        body: z.unknown(),
        response: { 200: importReport },
      },
    },
    async (req) => {
      const options = { dryRun: req.query.dryRun, locale: req.locale, secret: app.config.secret };
      const actor = actorOf(req);
      return isCsv(req.headers['content-type']) ? importNetworkCsv(app.db, req.body as string, actor, options) : importNetwork(app.db, req.body, actor, options);
    },
  );

  app.get(
    '/network/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The whole directory as a network document (JSON) or one CSV layout',
        description: 'Contacts’ e-mail and phone are included for staff only; `identityProviders` (each library’s sign-in services, never a client secret) for network administrators only.',
        querystring: exportQuery,
        response: {
          200: {
            description: 'The directory',
            content: { 'application/json': { schema: networkDocumentSchema }, 'text/csv': { schema: z.string() } },
          },
        },
      },
    },
    async (req, reply) => {
      const staff = seesContactDetails(req.principal);
      if (req.query.format === 'csv') {
        const csv = await exportNetworkCsv(app.db, req.query.layout, { staff });
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="network-${req.query.layout}.csv"`).send(csv);
      }
      const identityProviders = !!req.principal?.grants.some((g) => g.permissions.includes('network-admin'));
      return reply.type('application/json; charset=utf-8').send(await exportNetwork(app.db, { staff, identityProviders }));
    },
  );
};
