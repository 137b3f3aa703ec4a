/**
 * Imports of a member library's record files (issue 3, "Records in"): upload (the file as the raw
 * body or as the one file part of a multipart/form-data body, streamed to disk), the list of a library's imports, one import with its job's progress,
 * and its rejected records. Writing needs `catalogue` in the library's scope.
 */
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { NetworkErrors } from '../../network/index.js';
import { CatalogErrors } from '../errors.js';
import { importStore, readUploadForm, startReceived, startUpload, uploadLimitBytes, type ImportBatch } from '../import/index.js';
import { libraryProfile } from '../ingest/index.js';

const tags = ['catalog'];
const ownLibrary = (req: FastifyRequest) => (req.params as { symbol: string }).symbol;

/** Content types a record file may come as; each is taken as a stream, never parsed here. */
const recordTypes = ['application/marc', 'application/marcxml+xml', 'application/xml', 'text/xml', 'application/json', 'application/octet-stream'];

const symbolParams = z.strictObject({ symbol: z.string().min(1) });
const batchParams = z.strictObject({ symbol: z.string().min(1), batchId: z.coerce.number().int().positive() });
const uploadQuery = z.strictObject({
  format: z.enum(['auto', 'iso2709', 'marcxml', 'marcjson']).default('auto'),
  flavour: z.enum(['auto', 'marc21', 'unimarc']).default('auto'),
  filename: z.string().max(255).optional(),
});
const counts = z.object({ read: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), deleted: z.number(), rejected: z.number(), warnings: z.number() });
const progress = z.object({ done: z.number(), total: z.number().optional(), stage: z.string().optional(), perSecond: z.number().optional(), etaSeconds: z.number().optional() });
const batchView = z.object({
  id: z.number(),
  library: z.string(),
  kind: z.string(),
  source: z.string(),
  format: z.string().nullable(),
  flavour: z.string().nullable(),
  status: z.string(),
  counts,
  jobId: z.number().nullable(),
  job: z.object({ status: z.string(), attempts: z.number(), progress: progress.nullable() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), before: z.coerce.number().int().positive().optional() });
const rejectsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100), after: z.coerce.number().int().min(0).default(0) });
const rejectView = z.object({
  position: z.number(),
  byteOffset: z.number().nullable(),
  localId: z.string().nullable(),
  /** 'error': the record was rejected; 'warning': it was stored, with problems in its holdings. */
  severity: z.enum(['error', 'warning']),
  problems: z.array(z.object({ field: z.string().optional(), subfield: z.string().optional(), reason: z.string(), code: z.string(), severity: z.string() })),
  /** The record's bytes as they came, base64. */
  raw: z.string().nullable(),
});

/** The account behind a request; none for the server's own CLI (the local principal is in no table). */
const userIdOf = (req: FastifyRequest): number | null => (req.principal && req.principal.via !== 'local' ? req.principal.userId : null);

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // In this plugin's scope only: record files are streams, never parsed or buffered whole.
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(recordTypes, { bodyLimit: Number.MAX_SAFE_INTEGER }, (_req, payload, done) => done(null, payload));
  // Forms too (browsers, `curl -F`), here only. One byte over our own limit, so that the size
  // check in receiveUpload (a 413 naming the field) is the one that fires, not busboy's truncation.
  await app.register(multipart, { limits: { fileSize: uploadLimitBytes + 1, files: 2, fields: 10, parts: 12 } });

  const present = async (b: ImportBatch): Promise<z.infer<typeof batchView>> => {
    const job = b.jobId !== null ? await app.jobs.get(b.jobId) : undefined;
    return {
      id: b.id, library: b.library, kind: b.kind, source: b.source, format: b.format, flavour: b.flavour, status: b.status, counts: b.counts,
      jobId: b.jobId, job: job ? { status: job.status, attempts: job.attempts, progress: job.progress } : null,
      startedAt: b.startedAt.toISOString(), finishedAt: b.finishedAt?.toISOString() ?? null,
    };
  };
  const batchOf = async (symbol: string, batchId: number): Promise<ImportBatch> => {
    const b = await importStore.get(app.db, batchId);
    if (!b || b.library !== symbol) throw CatalogErrors.IMPORT_NOT_FOUND({ symbol, batchId });
    return b;
  };
  const libraryIdOf = async (symbol: string): Promise<number> => {
    const p = await libraryProfile(app.db, symbol);
    if (!p) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
    return p.libraryId;
  };

  app.post(
    '/libraries/:symbol/imports',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: {
        tags,
        summary: 'Upload a file of records (ISO 2709, MARCXML, MARC-in-JSON) as the raw body or a form; it is imported by a job',
        description:
          `Content types: ${recordTypes.join(', ')}, or multipart/form-data with one file part \`file\` and optional text fields ` +
          '`format` and `flavour` (they win over the query parameters). The file is streamed to disk (up to 20 GB); the answer names the batch and the job to follow.',
        params: symbolParams,
        querystring: uploadQuery,
        response: { 202: z.object({ batchId: z.number(), jobId: z.number() }) },
      },
    },
    async (req, reply) => {
      if (req.isMultipart()) {
        await libraryIdOf(req.params.symbol); // an unknown library is a 404 before the file is read
        const form = await readUploadForm(app.config.dataDir, req.parts(), req.locale);
        const started = await startReceived(app.db, app.jobs, app.config.dataDir, form.file, {
          library: req.params.symbol, format: form.format ?? req.query.format, flavour: form.flavour ?? req.query.flavour, userId: userIdOf(req),
          source: req.query.filename ?? form.filename ?? 'upload',
        });
        return reply.status(202).send(started);
      }
      if (!req.body) throw CatalogErrors.UPLOAD_EMPTY();
      const started = await startUpload(app.db, app.jobs, app.config.dataDir, req.body as Readable, {
        library: req.params.symbol, format: req.query.format, flavour: req.query.flavour, userId: userIdOf(req),
        source: req.query.filename ?? 'upload',
      });
      return reply.status(202).send(started);
    },
  );

  app.get(
    '/libraries/:symbol/imports',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: { tags, summary: 'The imports of a library, newest first', params: symbolParams, querystring: listQuery, response: { 200: z.object({ items: z.array(batchView) }) } },
    },
    async (req) => {
      const batches = await importStore.list(app.db, await libraryIdOf(req.params.symbol), req.query.limit, req.query.before);
      return { items: await Promise.all(batches.map(present)) };
    },
  );

  app.get(
    '/libraries/:symbol/imports/:batchId',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: { tags, summary: 'One import: counts, status and the progress of its job', params: batchParams, response: { 200: batchView } },
    },
    async (req) => present(await batchOf(req.params.symbol, req.params.batchId)),
  );

  app.get(
    '/libraries/:symbol/imports/:batchId/rejects',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: {
        tags,
        summary: 'The records of an import that were rejected (severity error, with the raw bytes, base64) or stored with warnings (severity warning), by position',
        params: batchParams,
        querystring: rejectsQuery,
        response: { 200: z.object({ items: z.array(rejectView), next: z.number().nullable() }) },
      },
    },
    async (req) => {
      await batchOf(req.params.symbol, req.params.batchId);
      const rows = await importStore.rejects(app.db, req.params.batchId, req.query.limit, req.query.after);
      return {
        items: rows.map((r) => ({ ...r, raw: r.raw?.toString('base64') ?? null })),
        next: rows.length === req.query.limit ? rows[rows.length - 1]!.position : null,
      };
    },
  );
};
