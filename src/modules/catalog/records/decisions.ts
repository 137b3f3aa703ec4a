import type { Db } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/access.js';
import { hasPermission } from '../../../platform/http/authorize.js';
import type { Locale } from '../../../platform/i18n.js';
import { recordAudit } from '../../identity/index.js';
import { getLibrary } from '../../network/index.js';
import { reclusterRecords } from '../ingest/index.js';
import { RecordErrors } from './errors.js';
import { decisionById, deleteDecision, insertDecision, listDecisions, liveRecordIdsOf, revokeDecision, type ClusterDecision } from './decisions.store.js';
import { resolveCluster } from './service.js';
import { recordByLocalId, recordsById, type HeldRecord } from './store.js';

/** Who decides, from the request. */
export interface Decider {
  principal: Principal | undefined;
  ip?: string;
  requestId?: string;
  locale: Locale;
}

export interface RecordRef {
  library: string;
  localId: string;
}

/** A move a decision caused: a member record from one cluster to another. */
export interface Move extends RecordRef {
  from: number | null;
  to: number;
}

const invalid = (en: string, zh: string) => RecordErrors.DECISION_INVALID({ reason: en, reasonZh: zh });

/**
 * Who may merge and split (decided for issue 3, documented in docs/cataloguing.md): a cataloguer
 * (`catalogue`) of a library holding one of the records concerned, the staff of an alliance such
 * a library belongs to holding `catalogue` or `alliance-admin` there, or a network administrator.
 * A cataloguer thus cannot move other libraries' records about in clusters their library has no
 * part in.
 */
export async function mayDecide(db: Db, principal: Principal | undefined, libraries: Iterable<string>): Promise<boolean> {
  if (!principal) return false;
  for (const library of new Set(libraries)) {
    if (hasPermission(principal, 'catalogue', { library })) return true;
    const entry = await getLibrary(db, library);
    for (const m of entry?.memberships ?? []) {
      if (hasPermission(principal, 'catalogue', { alliance: m.alliance }) || hasPermission(principal, 'alliance-admin', { alliance: m.alliance })) return true;
    }
  }
  return false;
}

async function resolveRefs(db: Db, refs: readonly RecordRef[]): Promise<HeldRecord[]> {
  const out: HeldRecord[] = [];
  for (const [i, ref] of refs.entries()) {
    const r = await recordByLocalId(db, ref.library, ref.localId);
    if (!r || r.deletedAt) {
      throw RecordErrors.RECORD_NOT_FOUND({ symbol: ref.library, localId: ref.localId }, [
        { field: `records[${i}]`, message: `${ref.library} ${ref.localId}`, code: 'record-not-found' },
      ]);
    }
    out.push(r);
  }
  return out;
}

const userIdOf = (p: Principal | undefined): number | null => (p && p.via !== 'local' ? p.userId : null);

/**
 * Stores the decisions, then re-clusters `moving`: for a split only the records split off, so
 * that they leave and the rest of the cluster stays where it is.
 */
async function applyDecisions(
  db: Db,
  d: Decider,
  decisions: { kind: 'merge' | 'split'; recordIds: number[] }[],
  moving: number[],
  reason: string,
  action: string,
  libraries: string[],
): Promise<{ ids: number[]; moves: Move[] }> {
  const ids: number[] = [];
  for (const x of decisions) ids.push(await insertDecision(db, { ...x, reason, userId: userIdOf(d.principal) }));
  let moved;
  try {
    moved = await reclusterRecords(db, moving, { userId: userIdOf(d.principal) });
  } catch (err) {
    // Nothing half-done: a decision whose clustering failed is not kept.
    for (const id of ids) await deleteDecision(db, id);
    throw err;
  }
  const byId = new Map((await recordsById(db, moved.map((m) => m.recordId))).map((r) => [r.id, r]));
  const moves = moved.map((m) => ({ library: byId.get(m.recordId)!.library, localId: byId.get(m.recordId)!.localId, from: m.from, to: m.to }));
  for (const library of new Set(libraries)) {
    await recordAudit(db, { actor: d.principal, action, target: `cluster-decision:${ids.join(',')}`, library, details: { reason, decisions: decisions.length, moves: moves.length }, ip: d.ip, requestId: d.requestId });
  }
  return { ids, moves };
}

/**
 * Staff merge: the records (given, or all members of the given clusters) are one manifestation
 * and stay in one cluster through every re-import, whatever matching says.
 */
export async function mergeClusters(db: Db, input: { clusterIds?: number[]; records?: RecordRef[]; reason: string }, d: Decider): Promise<{ decisions: ClusterDecision[]; moves: Move[] }> {
  const members: HeldRecord[] = await resolveRefs(db, input.records ?? []);
  if (input.clusterIds?.length) {
    const clusters = await Promise.all(input.clusterIds.map((id) => resolveCluster(db, id)));
    members.push(...(await recordsById(db, await liveRecordIdsOf(db, clusters.map((c) => c.id)))));
  }
  const recordIds = [...new Set(members.map((r) => r.id))].sort((a, b) => a - b);
  if (recordIds.length < 2) throw invalid('a merge needs at least two records (or clusters with records).', '合并至少需要两条记录（或含记录的聚类）。');
  const libraries = members.map((r) => r.library);
  if (!(await mayDecide(db, d.principal, libraries))) throw RecordErrors.NOT_YOUR_RECORDS();
  const { ids, moves } = await applyDecisions(db, d, [{ kind: 'merge', recordIds }], recordIds, input.reason, 'cluster.merge', libraries);
  return { decisions: await Promise.all(ids.map(async (id) => (await decisionById(db, id))!)), moves };
}

/**
 * Staff split: each record named stands apart from the rest of the cluster, now and after every
 * re-import (one `split` decision per record: [that record, …the others]).
 */
export async function splitCluster(db: Db, clusterId: number, input: { records: RecordRef[]; reason: string }, d: Decider): Promise<{ decisions: ClusterDecision[]; moves: Move[] }> {
  const cluster = await resolveCluster(db, clusterId);
  const off = await resolveRefs(db, input.records);
  const all = await liveRecordIdsOf(db, [cluster.id]);
  const outside = off.findIndex((r) => r.clusterId !== cluster.id);
  if (outside >= 0) throw invalid(`${off[outside]!.library} ${off[outside]!.localId} is not in cluster ${cluster.id}.`, `${off[outside]!.library} ${off[outside]!.localId} 不在聚类 ${cluster.id} 中。`);
  const offIds = new Set(off.map((r) => r.id));
  const rest = all.filter((id) => !offIds.has(id));
  if (off.length === 0 || rest.length === 0) throw invalid('a split leaves at least one record in the cluster and takes at least one out.', '拆分须至少移出一条记录并至少保留一条记录。');
  const remaining = await recordsById(db, rest);
  const libraries = [...off, ...remaining].map((r) => r.library);
  if (!(await mayDecide(db, d.principal, libraries))) throw RecordErrors.NOT_YOUR_RECORDS();
  const { ids, moves } = await applyDecisions(db, d, [...offIds].map((id) => ({ kind: 'split' as const, recordIds: [id, ...rest] })), [...offIds], input.reason, 'cluster.split', libraries);
  return { decisions: await Promise.all(ids.map(async (id) => (await decisionById(db, id))!)), moves };
}

/** Decisions in force (or all), for a cluster's records or everywhere, newest first. */
export async function findDecisions(db: Db, q: { cluster?: number; record?: RecordRef; includeRevoked: boolean; beforeId?: number; limit: number }): Promise<ClusterDecision[]> {
  let recordIds: number[] | undefined;
  if (q.cluster !== undefined) recordIds = await liveRecordIdsOf(db, [(await resolveCluster(db, q.cluster)).id]);
  if (q.record) recordIds = [...(recordIds ?? []), ...(await resolveRefs(db, [q.record])).map((r) => r.id)];
  return listDecisions(db, { recordIds, includeRevoked: q.includeRevoked, beforeId: q.beforeId, limit: q.limit });
}

/**
 * Revokes a decision: re-imports no longer obey it, and its records are matched again at once
 * (`reclusterRecords` in `reconsider` mode): a revoked merge splits what clustering would not have
 * joined, a revoked split lets the record rejoin the cluster it matches. Other decisions in force
 * still hold.
 */
export async function revokeClusterDecision(db: Db, id: number, d: Decider): Promise<ClusterDecision> {
  const decision = await decisionById(db, id);
  if (!decision) throw RecordErrors.DECISION_NOT_FOUND({ id });
  const records = await recordsById(db, decision.recordIds);
  const libraries = records.map((r) => r.library);
  if (!(await mayDecide(db, d.principal, libraries))) throw RecordErrors.NOT_YOUR_RECORDS();
  if (await revokeDecision(db, id)) {
    await reclusterRecords(db, decision.recordIds, undefined, 'reconsider');
    for (const library of new Set(libraries)) {
      await recordAudit(db, { actor: d.principal, action: 'cluster.decision.revoke', target: `cluster-decision:${id}`, library, details: { kind: decision.kind, reason: decision.reason }, ip: d.ip, requestId: d.requestId });
    }
  }
  return (await decisionById(db, id))!;
}

/** The records a decision names, as (library, local id), in its order. */
export async function refsOf(db: Db, decisions: ClusterDecision[]): Promise<Map<number, RecordRef>> {
  const records = await recordsById(db, [...new Set(decisions.flatMap((x) => x.recordIds))]);
  return new Map(records.map((r) => [r.id, { library: r.library, localId: r.localId }]));
}
