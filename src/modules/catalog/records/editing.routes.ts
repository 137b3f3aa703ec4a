import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { deleteRecord, saveRecord, type Editor } from './editing.js';
import { etagOf, presentRecord } from './presenters.js';
import { recordParams, recordPut, recordView } from './schemas.js';

const tags = ['catalog'];
const ownLibrary = (req: FastifyRequest) => (req.params as { symbol?: string }).symbol;
const editorOf = (req: FastifyRequest): Editor => ({ principal: req.principal, ip: req.ip, requestId: req.id, locale: req.locale });
const ifMatchHeader = z.object({ 'if-match': z.string().max(100).optional() });

/** Online cataloguing: a library's cataloguers create, replace and delete their own library's records. */
export const editingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/records/:symbol/:localId',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: {
        tags,
        summary: 'Create or replace a record of your library (the whole record, field by field)',
        description:
          'Validated in its format (leader, tags, indicators, subfield codes, required and non-repeatable fields): 400 names every problem. ' +
          'Replacing an existing record needs If-Match with the version (ETag) you edited: 428 without it, 412 when someone changed it since. ' +
          '001 is set to the local id. 201 for a new record, 200 otherwise.',
        params: recordParams,
        headers: ifMatchHeader,
        body: recordPut,
        response: { 200: recordView, 201: recordView },
      },
    },
    async (req, reply) => {
      const { symbol, localId } = req.params;
      const saved = await saveRecord(app.db, symbol, localId, req.body, req.headers['if-match'], editorOf(req));
      void reply.header('etag', etagOf(saved.record));
      if (saved.created) void reply.header('location', `/api/v1/records/${encodeURIComponent(symbol)}/${encodeURIComponent(localId)}`);
      return reply.status(saved.created ? 201 : 200).send(presentRecord(saved.record));
    },
  );

  app.delete(
    '/records/:symbol/:localId',
    {
      config: { access: { permission: 'catalogue', library: ownLibrary } },
      schema: {
        tags,
        summary: 'Delete a record of your library (it stays, deleted, with its history; its holdings go)',
        description: 'With If-Match, only when the record is still at that version (412 otherwise).',
        params: recordParams,
        headers: ifMatchHeader,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteRecord(app.db, req.params.symbol, req.params.localId, req.headers['if-match'], editorOf(req));
      return reply.status(204).send(null);
    },
  );
};
