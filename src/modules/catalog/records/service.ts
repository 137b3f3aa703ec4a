import type { Queryable } from '../../../platform/db/index.js';
import { diffRecords, type RecordDiff } from '../domain/diff/index.js';
import type { MarcRecord } from '../domain/marc/index.js';
import { availabilityOfClusters, type ClusterAvailability } from '../holdings/availability.service.js';
import { RecordErrors } from './errors.js';
import { holdingsOfClusters, type ClusterHolding } from './holdings-view.js';
import { clusterById, recordByLocalId, recordsById, recordsOfClusters, versionsOf, type ClusterRow, type HeldRecord, type RecordVersion } from './store.js';

/** A live member record; 404 when there is none, 410 when it was deleted. */
export async function findRecord(db: Queryable, symbol: string, localId: string, opts: { deleted?: boolean } = {}): Promise<HeldRecord> {
  const r = await recordByLocalId(db, symbol, localId);
  if (!r) throw RecordErrors.RECORD_NOT_FOUND({ symbol, localId });
  if (r.deletedAt && !opts.deleted) throw RecordErrors.RECORD_DELETED({ symbol, localId, version: r.version });
  return r;
}

/** The history of a record, newest first (deleted records keep theirs). */
export async function recordHistory(db: Queryable, symbol: string, localId: string): Promise<{ record: HeldRecord; versions: RecordVersion[] }> {
  const record = await findRecord(db, symbol, localId, { deleted: true });
  return { record, versions: await versionsOf(db, record.id) };
}

/** One version of a record. */
export async function recordVersion(db: Queryable, symbol: string, localId: string, version: number): Promise<RecordVersion> {
  const record = await findRecord(db, symbol, localId, { deleted: true });
  const [v] = await versionsOf(db, record.id, version);
  if (!v) throw RecordErrors.VERSION_NOT_FOUND({ symbol, localId, version });
  return v;
}

/** What changed from version `from` (default: the one before) to version `to`. */
export async function versionDiff(db: Queryable, symbol: string, localId: string, to: number, from = to - 1): Promise<{ from: number; to: number; diff: RecordDiff }> {
  const after = await recordVersion(db, symbol, localId, to);
  const before: MarcRecord = from >= 1 ? (await recordVersion(db, symbol, localId, from)).record : { leader: after.record.leader, fields: [] };
  return { from, to, diff: diffRecords(before, after.record) };
}

/** Where a cluster merged by staff now lives: the end of its merged_into chain. */
export async function resolveCluster(db: Queryable, id: number): Promise<ClusterRow> {
  const seen = new Set<number>();
  let c = await clusterById(db, id);
  while (c?.mergedInto && !seen.has(c.id)) {
    seen.add(c.id);
    c = await clusterById(db, c.mergedInto);
  }
  if (!c) throw RecordErrors.CLUSTER_NOT_FOUND({ id });
  return c;
}

export interface UnionRecord {
  cluster: ClusterRow;
  display: HeldRecord | undefined;
  records: HeldRecord[];
  holdings: ClusterHolding[];
  availability: ClusterAvailability;
}

/** A union record: its display record, its member records, the holdings of their libraries and their availability. */
export async function unionRecord(db: Queryable, cluster: ClusterRow): Promise<UnionRecord> {
  const records = await recordsOfClusters(db, [cluster.id]);
  const display = records.find((r) => r.id === cluster.displayRecordId) ?? (cluster.displayRecordId ? (await recordsById(db, [cluster.displayRecordId]))[0] : undefined) ?? records[0];
  const holdings = (await holdingsOfClusters(db, [cluster.id])).get(cluster.id) ?? [];
  const availability = (await availabilityOfClusters(db, [cluster.id])).get(cluster.id)!;
  return { cluster, display, records, holdings, availability };
}
