/**
 * `ingestRecords`: the one way member records enter or change the union catalogue (issue 3,
 * "Identity and idempotency", "Clusters", "Holdings and items"). Per transaction of up to a
 * thousand records: which records are new, changed, unchanged or deleted (by library, local id
 * and content hash); normalisation and match keys of the new and changed; clustering under one
 * advisory lock; records, versions, cluster keys, holdings and cluster summaries written in bulk.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { error } from '../domain/marc/problems.js';
import { completeness, encodingRank, matchKeys } from '../domain/match/index.js';
import { normalise, type NormalisedRecord } from '../domain/normalise/index.js';
import { NetworkErrors } from '../../network/index.js';
import { BatchClusterer, type ToAssign } from './assign.js';
import {
  addKeys, allocateIds, clustersUnderKeys, hasFastCompression, decisionsFor, insertClusters, lockClustering, refreshClusters, removeStaleKeys, representativeCache, storedClusters, type RepresentativeCache,
} from './cluster.store.js';
import { holdingsOf, itemProfileOf, type HoldingsFor } from './holdings.js';
import { heldRecords, insertRecords, libraryProfile, markDeleted, replaceHoldings, updateRecords, type HeldRecord, type LibraryProfile, type RecordRow } from './ingest.store.js';
import { chunks, prepare, type Prepared } from './prepare.js';
import { noCounts, addCounts, type IngestCounts, type IngestOptions, type IngestReject, type IngestResult } from './types.js';

/** What one committed transaction did, handed to `afterChunk` inside that transaction. */
export interface ChunkOutcome {
  counts: IngestCounts;
  rejects: IngestReject[];
  /** Index (in `records`) of the last input of the chunk: everything up to it is committed with it. */
  lastIndex: number;
}

export interface IngestHooks {
  /** Runs inside each chunk's transaction after its records are written (the importer's checkpoint). */
  afterChunk?: (tx: Queryable, outcome: ChunkOutcome) => Promise<void>;
}

/**
 * Stores a library's records: new ones created, changed ones as a new version, unchanged ones
 * left alone, deletions applied; each in its cluster. Returns the counts and the rejected inputs.
 * Throws CATALOG LIBRARY_NOT_FOUND for an unknown library.
 */
export async function ingestRecords(db: Db, options: IngestOptions & IngestHooks): Promise<IngestResult> {
  const profile = await libraryProfile(db, options.library);
  if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: options.library });
  const lz4 = await hasFastCompression(db);
  const cache = representativeCache(db);
  const prepared = options.records.map((r, i) => prepare(r, i, profile.localIdField));
  const total: IngestResult = { ...noCounts(), rejects: [] };
  for (const chunk of chunks(prepared, options.chunkSize ?? 1000)) {
    const outcome = await db.transaction(async (tx) => {
      const out = await ingestChunk(lz4, cache, tx, profile, chunk, options.via, options.actor?.userId ?? null);
      await options.afterChunk?.(tx, out);
      return out;
    });
    addCounts(total, outcome.counts);
    total.rejects.push(...outcome.rejects);
  }
  return total;
}

interface Change {
  p: Extract<Prepared, { kind: 'record' }>;
  held: HeldRecord | undefined;
  recordId: number;
  n: NormalisedRecord;
  keys: string[];
  cluster: number;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k) => b.includes(k));

async function ingestChunk(lz4: boolean, cache: RepresentativeCache, tx: Queryable, profile: LibraryProfile, chunk: Prepared[], via: string, userId: number | null): Promise<ChunkOutcome> {
  const counts = noCounts();
  counts.read = chunk.length;
  const rejects: IngestReject[] = [];
  const reject = (r: IngestReject): void => {
    counts.rejected++;
    rejects.push(r);
  };

  const localIds = chunk.flatMap((p) => (p.kind === 'reject' ? [] : [p.localId]));
  const held = localIds.length > 0 ? await heldRecords(tx, profile.libraryId, localIds) : new Map<string, HeldRecord>();

  const changes: Change[] = [];
  const deletions: HeldRecord[] = [];
  for (const p of chunk) {
    if (p.kind === 'reject') {
      reject({ index: p.index, position: p.position, localId: p.localId, problems: p.problems });
      continue;
    }
    const h = held.get(p.localId);
    if (p.kind === 'delete') {
      if (h && !h.deleted) deletions.push(h);
      else counts.unchanged++;
      continue;
    }
    if (h && !h.deleted && h.hash === p.hash) {
      counts.unchanged++;
      continue;
    }
    const n = normalise(p.record, p.flavour);
    if (n.title === '') {
      const tag = p.flavour === 'unimarc' ? '200' : '245';
      reject({ index: p.index, position: p.position, localId: p.localId, problems: [error('no-fields', `the record has no title (${tag} $a)`, tag, 'a')] });
      continue;
    }
    changes.push({ p, held: h, recordId: h?.id ?? 0, n, keys: matchKeys(n), cluster: 0 });
  }

  const fresh = changes.filter((c) => !c.held);
  const newIds = await allocateIds(tx, 'records_id_seq', fresh.length);
  fresh.forEach((c, i) => (c.recordId = newIds[i]!));

  // Clustering, under the lock from here to the commit: normalisation (the CPU of a batch) ran
  // before it, so another library's batch uses the database meanwhile. Two imports of the SAME
  // library at once may both take a local id for new: the second fails on the unique key and
  // its job is retried (then sees the record).
  await lockClustering(tx, { lz4, bulk: /^(import|harvest):/.test(via) });
  // Which changes need a cluster chosen, the candidates under their keys, decisions.
  const updatedIds = changes.filter((c) => c.held).map((c) => c.recordId);
  const { decisions, clusterOf } = await decisionsFor(tx, updatedIds);
  const decided = new Set(decisions.flatMap((d) => d.recordIds));
  const toAssign: { c: Change; item: ToAssign; keep: boolean }[] = [];
  for (const c of changes) {
    const h = c.held;
    const old = h && !h.deleted ? h.clusterId : null;
    const keysKept = old !== null && sameKeys(h!.matchKeys, c.keys);
    if (keysKept && !decided.has(c.recordId)) {
      c.cluster = old;
      continue;
    }
    if (old !== null) clusterOf.set(c.recordId, old);
    toAssign.push({ c, keep: keysKept, item: { recordId: c.recordId, normalised: c.n, keys: c.keys, oldClusterId: old, aloneInOldCluster: false } });
  }
  const byKey = await clustersUnderKeys(tx, [...new Set(toAssign.flatMap((a) => a.item.keys))]);
  const storedIds = new Set<number>([...byKey.values()].flat());
  for (const a of toAssign) if (a.item.oldClusterId !== null) storedIds.add(a.item.oldClusterId);
  const stored = await storedClusters(tx, [...storedIds], cache);
  for (const a of toAssign) {
    if (a.item.oldClusterId !== null) a.item.aloneInOldCluster = (stored.get(a.item.oldClusterId)?.recordCount ?? 0) <= 1;
  }
  const clusterer = new BatchClusterer(byKey, stored, decisions, clusterOf);
  for (const a of toAssign) a.c.cluster = a.keep ? clusterer.keepUnlessForbidden(a.item) : clusterer.assign(a.item);

  // Clusters made in this batch get their real numbers.
  const provisional = [...clusterer.created.keys()];
  const real = await allocateIds(tx, 'clusters_id_seq', provisional.length);
  const realOf = new Map(provisional.map((p, i) => [p, real[i]!]));
  for (const c of changes) if (c.cluster < 0) c.cluster = realOf.get(c.cluster)!;
  await insertClusters(tx, real);

  // Records, their versions and deletions.
  const row = (c: Change): RecordRow => ({
    id: c.recordId, localId: c.p.localId, clusterId: c.cluster, flavour: c.p.flavour, sourceFormat: c.p.sourceFormat,
    contentHash: c.p.hash, recordJson: c.p.json, normalised: c.n, matchKeys: c.keys, encodingLevel: c.p.record.leader[17] ?? ' ',
    encodingRank: encodingRank(c.p.record, c.p.flavour), completeness: completeness(c.p.record, c.p.flavour),
  });
  const updates = changes.filter((c) => c.held);
  await insertRecords(tx, profile.libraryId, fresh.map(row), via, userId);
  await updateRecords(tx, updates.map(row), via, userId);
  await markDeleted(tx, deletions.map((d) => d.id), via, userId);
  counts.created += fresh.length;
  counts.updated += updates.length;
  counts.deleted += deletions.length;

  // Cluster keys: old keys of changed and deleted records go unless another member has them.
  const stale: { key: string; cluster: number }[] = [];
  const affected = new Set<number>();
  for (const c of updates) {
    const h = c.held!;
    if (h.clusterId !== null && !h.deleted) {
      affected.add(h.clusterId);
      if (h.clusterId !== c.cluster || !sameKeys(h.matchKeys, c.keys)) for (const key of h.matchKeys) stale.push({ key, cluster: h.clusterId });
    }
  }
  for (const d of deletions) {
    if (d.clusterId === null) continue;
    affected.add(d.clusterId);
    for (const key of d.matchKeys) stale.push({ key, cluster: d.clusterId });
  }
  await removeStaleKeys(tx, stale);
  await addKeys(tx, changes.flatMap((c) => c.keys.map((key) => ({ key, cluster: c.cluster }))));

  // Holdings, replaced per record as its latest version says.
  const itemProfile = itemProfileOf(profile.itemProfile, profile.itemMapping);
  const holdings: HoldingsFor[] = changes.flatMap((c) => holdingsOf(c.p.record, itemProfile).map((draft) => ({ recordId: c.recordId, clusterId: c.cluster, draft })));
  await replaceHoldings(tx, profile.libraryId, updates.map((c) => c.recordId), holdings);

  for (const c of changes) affected.add(c.cluster);
  const known = new Map(changes.map((c) => [c.recordId, { record: c.p.record, flavour: c.p.flavour, normalised: c.n }]));
  await refreshClusters(tx, [...affected].sort((a, b) => a - b), known);
  return { counts, rejects, lastIndex: chunk[chunk.length - 1]!.index };
}

export { addCounts };
