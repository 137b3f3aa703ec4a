import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportBatches, writeExport } from './export.service.js';
import { contentTypes, exportFormats, fileExtensions } from './formats.js';

/**
 * `GET /api/v1/export`: the union records (one per cluster) or one library's records as ISO 2709,
 * MARCXML or MARC-in-JSON, streamed batch by batch (the catalogue never held in memory). For
 * signed-in accounts: a whole catalogue is a heavy read, not a public one.
 */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['catalog'],
        summary: 'Union records (one per cluster: its display record, 001 = cluster id, an 852 per holding library) or one library’s records, as a file',
        querystring: z.strictObject({
          format: z.enum(exportFormats).default('marcxml'),
          library: z.string().min(1).max(100).optional().describe('a library’s own records as it holds them; without it, the union records'),
        }),
        response: { 200: z.any().describe('the records in the chosen format') },
      },
    },
    async (req, reply) => {
      const { format, library } = req.query;
      const batches = await exportBatches(app.db, { library }); // an unknown library is a 404 before anything is sent
      const body = new PassThrough();
      writeExport(batches, body, format).then(
        (report) => {
          if (report.skipped.length > 0) req.log.warn({ skipped: report.skipped.length }, 'export: records ISO 2709 cannot hold were left out');
        },
        (err: unknown) => {
          if (body.destroyed) return req.log.info('export: the client went away before the end');
          req.log.error({ err }, 'export failed while streaming');
          body.destroy(err as Error);
        },
      );
      const name = `${library ?? 'union'}.${fileExtensions[format]}`.replace(/[^\w.-]/g, '_');
      return reply.type(contentTypes[format]).header('content-disposition', `attachment; filename="${name}"`).send(body);
    },
  );
};
