import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findDecisions, mergeClusters, refsOf, revokeClusterDecision, splitCluster, type Decider } from './decisions.js';
import type { ClusterDecision } from './decisions.store.js';
import { clusterParams } from './schemas.js';

const tags = ['catalog'];
const deciderOf = (req: FastifyRequest): Decider => ({ principal: req.principal, ip: req.ip, requestId: req.id, locale: req.locale });

const recordRef = z.strictObject({ library: z.string().min(1).max(100), localId: z.string().min(1).max(200) });
const reason = z.string().trim().min(3).max(2000).describe('why: kept with the decision and in the audit log');

const decisionView = z.object({
  id: z.number(),
  kind: z.enum(['merge', 'split']),
  records: z.array(z.object({ library: z.string(), localId: z.string() })).describe('merge: together; split: the first apart from the others'),
  reason: z.string(),
  decidedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  decidedAt: z.string(),
  revokedAt: z.string().nullable(),
});
const decisionOutcome = z.object({
  decisions: z.array(decisionView),
  moves: z.array(z.object({ library: z.string(), localId: z.string(), from: z.number().nullable(), to: z.number() })),
});

async function present(app: { db: Parameters<typeof refsOf>[0] }, decisions: ClusterDecision[]) {
  const refs = await refsOf(app.db, decisions);
  return decisions.map((d) => ({
    id: d.id,
    kind: d.kind,
    records: d.recordIds.flatMap((id) => refs.get(id) ?? []),
    reason: d.reason,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
    revokedAt: d.revokedAt?.toISOString() ?? null,
  }));
}

/**
 * Staff decisions on clusters: merge, split, list, revoke. Who may decide is checked by the
 * service against the records concerned (a cataloguer of a library holding one of them, the staff
 * of its alliance, or a network administrator).
 */
export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/clusters/merge',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Merge clusters or records into one union record, with a reason; re-imports keep them together',
        body: z.strictObject({ clusterIds: z.array(z.number().int().min(1)).max(100).optional(), records: z.array(recordRef).max(500).optional(), reason }),
        response: { 200: decisionOutcome },
      },
    },
    async (req) => {
      const r = await mergeClusters(app.db, req.body, deciderOf(req));
      return { decisions: await present(app, r.decisions), moves: r.moves };
    },
  );

  app.post(
    '/clusters/:id/split',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Split records off a cluster, with a reason; re-imports keep them apart',
        params: clusterParams,
        body: z.strictObject({ records: z.array(recordRef).min(1).max(500), reason }),
        response: { 200: decisionOutcome },
      },
    },
    async (req) => {
      const r = await splitCluster(app.db, req.params.id, req.body, deciderOf(req));
      return { decisions: await present(app, r.decisions), moves: r.moves };
    },
  );

  app.get(
    '/clusters/decisions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Staff decisions on clusters (in force, or all), for a cluster, a record, or everywhere; newest first',
        querystring: z.strictObject({
          cluster: z.coerce.number().int().min(1).optional(),
          library: z.string().min(1).max(100).optional(),
          localId: z.string().min(1).max(200).optional(),
          includeRevoked: z.stringbool().default(false),
          before: z.coerce.number().int().min(1).optional().describe('decisions older than this id (paging)'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(decisionView) }) },
      },
    },
    async (req) => {
      const q = req.query;
      const record = q.library && q.localId ? { library: q.library, localId: q.localId } : undefined;
      const decisions = await findDecisions(app.db, { cluster: q.cluster, record, includeRevoked: q.includeRevoked, beforeId: q.before, limit: q.limit });
      return { items: await present(app, decisions) };
    },
  );

  app.delete(
    '/clusters/decisions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Revoke a decision: re-imports no longer obey it (records stay where they are until they change)',
        params: clusterParams,
        response: { 200: decisionView },
      },
    },
    async (req) => {
      const d = await revokeClusterDecision(app.db, req.params.id, deciderOf(req));
      return (await present(app, [d]))[0]!;
    },
  );
};
