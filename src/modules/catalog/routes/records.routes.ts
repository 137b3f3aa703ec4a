import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clustersAfter } from '../export/export.store.js';
import { contentTypes, encodeOne } from '../export/formats.js';
import { unionMarc } from '../export/union.js';
import { etagOf, presentField, presentRecord, presentRecordSummary } from '../records/presenters.js';
import { clusterParams, clusterRecordsQuery, clusterRecordsView, clusterView, diffQuery, diffView, libraryParams, libraryRecordsQuery, mergedView, recordPage, recordParams, recordQuery, recordView, versionList, versionParams, versionView } from '../records/schemas.js';
import { findRecord, recordHistory, recordVersion, resolveCluster, unionRecord, versionDiff } from '../records/service.js';
import { listLibraryRecords } from '../records/listing.js';
import { RecordErrors } from '../records/errors.js';
import { editingRoutes } from '../records/editing.routes.js';
import { decisionRoutes } from '../records/decisions.routes.js';
import { exportRoutes } from '../export/export.routes.js';

const tags = ['catalog'];

/**
 * Cooperative cataloguing under /api/v1: member records field by field with their versions and
 * diffs, union records (clusters) with holdings, a library's records as they change; editing,
 * staff decisions on clusters and export are registered from here too.
 */
export const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/records/:symbol/:localId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A member library’s record as held, field by field (or raw with ?format=marcxml|iso2709|marcjson)',
        description: 'The ETag is the record’s version: send it back as If-Match when you change the record.',
        params: recordParams,
        querystring: recordQuery,
        response: { 200: recordView },
      },
    },
    async (req, reply) => {
      const r = await findRecord(app.db, req.params.symbol, req.params.localId);
      void reply.header('etag', etagOf(r));
      const format = req.query.format;
      if (format) return reply.type(contentTypes[format]).send(encodeOne(format, { record: r.record, flavour: r.flavour }) as never); // raw bytes: not serialised
      return presentRecord(r);
    },
  );

  app.get(
    '/records/:symbol/:localId/versions',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The versions of a record: who changed it, when and how', params: recordParams, response: { 200: versionList } },
    },
    async (req) => {
      const { record, versions } = await recordHistory(app.db, req.params.symbol, req.params.localId);
      return {
        library: record.library,
        localId: record.localId,
        current: record.version,
        deleted: record.deletedAt !== null,
        versions: versions.map((v) => ({ version: v.version, changedAt: v.changedAt.toISOString(), changedBy: v.changedBy, via: v.via })),
      };
    },
  );

  app.get(
    '/records/:symbol/:localId/versions/:version',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One version of a record, field by field', params: versionParams, response: { 200: versionView } },
    },
    async (req) => {
      const { symbol, localId, version } = req.params;
      const v = await recordVersion(app.db, symbol, localId, version);
      return {
        library: symbol,
        localId,
        version: v.version,
        changedAt: v.changedAt.toISOString(),
        changedBy: v.changedBy,
        via: v.via,
        leader: v.record.leader,
        fields: v.record.fields.map(presentField),
      };
    },
  );

  app.get(
    '/records/:symbol/:localId/versions/:version/diff',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'What changed in a version: fields and subfields added, removed or changed', params: versionParams, querystring: diffQuery, response: { 200: diffView } },
    },
    async (req) => {
      const { symbol, localId, version } = req.params;
      const { from, to, diff } = await versionDiff(app.db, symbol, localId, version, req.query.from);
      return {
        library: symbol,
        localId,
        from,
        to,
        leader: diff.leader,
        fields: diff.fields.map((c) => (c.change === 'changed' ? c : { ...c, field: presentField(c.field) })),
      };
    },
  );

  app.get(
    '/records/:symbol',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A library’s records in the order they changed (for keeping a copy in step: ?since=)',
        params: libraryParams,
        querystring: libraryRecordsQuery,
        response: { 200: recordPage },
      },
    },
    async (req) => {
      const { items, next } = await listLibraryRecords(app.db, req.params.symbol, req.query, req.locale);
      return { items: items.map(presentRecordSummary), next };
    },
  );

  app.get(
    '/clusters/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A union record: display record, member records and the holdings of their libraries with availability',
        description:
          'A cluster that staff merged into another answers 301 with the id it became (and Location). ' +
          'With ?format=marcxml|iso2709|marcjson: the union record as exported (001 = cluster id, an 852 per holding library).',
        params: clusterParams,
        querystring: recordQuery,
        response: { 200: clusterView, 301: mergedView },
      },
    },
    async (req, reply) => {
      const cluster = await resolveCluster(app.db, req.params.id);
      const format = req.query.format;
      if (cluster.id !== req.params.id) {
        const location = `/api/v1/clusters/${cluster.id}${format ? `?format=${format}` : ''}`;
        return reply.status(301).header('location', location).send({ id: req.params.id, mergedInto: cluster.id });
      }
      if (format) {
        const [c] = await clustersAfter(app.db, cluster.id - 1, 1);
        if (c?.id !== cluster.id) throw RecordErrors.CLUSTER_NOT_FOUND({ id: cluster.id }); // no live display record
        return reply.type(contentTypes[format]).send(encodeOne(format, { record: unionMarc(c.id, c.record, c.holders), flavour: c.flavour }) as never);
      }
      const u = await unionRecord(app.db, cluster);
      return {
        id: cluster.id,
        summary: cluster.summary,
        workKey: cluster.workKey,
        recordCount: cluster.recordCount,
        holdingCount: cluster.holdingCount,
        updatedAt: cluster.updatedAt.toISOString(),
        displayRecord: u.display ? { library: u.display.library, localId: u.display.localId, flavour: u.display.flavour, leader: u.display.record.leader, fields: u.display.record.fields.map(presentField) } : null,
        records: u.records.map(presentRecordSummary),
        holdings: u.holdings,
        availability: u.availability,
      };
    },
  );

  app.get(
    '/clusters/:id/records',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The member records of a union record, field by field', params: clusterParams, querystring: clusterRecordsQuery, response: { 200: clusterRecordsView, 301: mergedView } },
    },
    async (req, reply) => {
      const cluster = await resolveCluster(app.db, req.params.id);
      if (cluster.id !== req.params.id) return reply.status(301).header('location', `/api/v1/clusters/${cluster.id}/records`).send({ id: req.params.id, mergedInto: cluster.id });
      const u = await unionRecord(app.db, cluster);
      return { id: cluster.id, records: u.records.map(presentRecord) };
    },
  );

  await app.register(editingRoutes);
  await app.register(decisionRoutes);
  await app.register(exportRoutes);
};
