/** Document delivery over REST: the lender's upload of a scan, the reader's link, the download. */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { copyForReader, openDownload, uploadScan } from './delivery.service.js';
import { DeliveryErrors } from './errors.js';

const tags = ['ill'];
const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  // Here only: one file, streamed. One byte over our limit, so that our own check (413 naming the limit) fires, not busboy's truncation.
  await app.register(multipart, { limits: { fileSize: app.config.copies.maxBytes + 1, files: 1, fields: 0, parts: 1 } });

  app.post(
    '/ill/supplier/:id/copy',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Upload the scan (PDF) of a copy request, before delivering it (staff with `lending` in the lending library)',
        description:
          'multipart/form-data with one file part `file`. Streamed to disk, checked to be a PDF (it begins with %PDF-) and no larger than ANYLIB_COPY_MAX_MB. A second upload replaces the first. Then `deliver-copy` sends CopyCompleted.',
        params: idParams,
        response: { 201: z.object({ copyId: z.number(), size: z.number(), sha256: z.string() }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw DeliveryErrors.ILL_COPY_NOT_MULTIPART();
      const part = await req.file().catch(() => undefined);
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw DeliveryErrors.ILL_COPY_FILE_MISSING();
      }
      const made = await uploadScan(app.db, app.config, req.principal!, req.params.id, part.file, part.filename).catch((err: unknown) => {
        // Refused before the file was read (not this library's, not a copy): drain it, or the body would wait unread.
        if (!part.file.destroyed) part.file.resume();
        throw err;
      });
      return reply.status(201).send(made);
    },
  );

  app.get(
    '/ill/requests/:id/copy',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The delivered copy of a request: its download link while it works, when it expires, downloads left (the reader, or the borrowing library’s staff)',
        params: idParams,
        response: {
          200: z.object({
            copyId: z.number(),
            downloadUrl: z.string().nullable().describe('signed; null once expired, used up or deleted'),
            deliveredAt: z.string().nullable(),
            expiresAt: z.string().nullable(),
            downloadsLeft: z.number(),
            maxDownloads: z.number(),
            deleted: z.boolean(),
          }),
        },
      },
    },
    async (req) => copyForReader(app.db, app.config, req.principal!, req.params.id),
  );

  app.get(
    '/ill/copies/:id/download',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Download a delivered copy (PDF) by its signed link, or as its signed-in reader',
        description: 'Counts against the copy’s downloads and is recorded in the audit log. 410 ILL_COPY_GONE once the link expired or its downloads are used up: the file is deleted.',
        params: idParams,
        querystring: z.strictObject({ token: z.string().max(100).optional() }),
      },
    },
    async (req, reply) => {
      const d = await openDownload(app.db, app.config, req.params.id, { principal: req.principal, token: req.query.token, ip: req.ip, requestId: req.id });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-length', String(d.size))
        .header('content-disposition', `attachment; filename="ILL-${d.requestId}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(d.stream);
    },
  );
};
