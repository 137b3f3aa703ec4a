/**
 * `ingestRecords`: the one way member records enter or change the union catalogue (issue 3,
 * "Identity and idempotency", "Clusters", "Holdings and items"). Per transaction of up to a
 * thousand records: which records are new, changed, unchanged or deleted (by library, local id
 * and content hash); normalisation and match keys of the new and changed; clustering under one
 * advisory lock; records, versions, cluster keys, holdings and cluster summaries written in bulk.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { error, warning } from '../domain/marc/problems.js';
import { completeness, encodingRank, matchKeys, workKey } from '../domain/match/index.js';
import type { HoldingDraft } from '../domain/holdings/index.js';
import { normalise, type NormalisedRecord } from '../domain/normalise/index.js';
import { NetworkErrors } from '../../network/index.js';
import { BatchClusterer, type ToAssign } from './assign.js';
import {
  addKeys, allocateIds, better, clustersUnderKeys, hasFastCompression, decisionsFor, insertNewClusters, lockClustering, refreshClusters, removeStaleKeys, representativeCache, storedClusters,
  type MemberRank, type NewCluster, type RepresentativeCache,
} from './cluster.store.js';
import { summarise } from './summary.js';
import { holdingsOf, itemProfileOf, type HoldingsFor } from './holdings.js';
import { heldRecords, insertRecords, libraryProfile, markDeleted, replaceHoldings, updateRecords, type HeldRecord, type LibraryProfile, type RecordRow } from './ingest.store.js';
import { chunks, prepare, type Prepared } from './prepare.js';
import { noCounts, addCounts, type IngestCounts, type IngestOptions, type IngestReject, type IngestResult, type IngestWarning } from './types.js';

/** What one committed transaction did, handed to `afterChunk` inside that transaction. */
export interface ChunkOutcome {
  counts: IngestCounts;
  rejects: IngestReject[];
  /** Records stored with problems in their holdings (the copy kept, a value left out or its status 'unavailable'). */
  warned: IngestWarning[];
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
  const total: IngestResult = { ...noCounts(), rejects: [], warned: [] };
  for (const chunk of chunks(prepared, options.chunkSize ?? 1000)) {
    const outcome = await db.transaction(async (tx) => {
      const out = await ingestChunk(lz4, cache, tx, profile, chunk, options.via, options.actor?.userId ?? null);
      await options.afterChunk?.(tx, out);
      return out;
    });
    addCounts(total, outcome.counts);
    total.rejects.push(...outcome.rejects);
    total.warned.push(...outcome.warned);
  }
  return total;
}

interface Change {
  p: Extract<Prepared, { kind: 'record' }>;
  held: HeldRecord | undefined;
  recordId: number;
  n: NormalisedRecord;
  /** `n` as JSON text, made before the clustering lock. */
  nJson: string;
  keys: string[];
  cluster: number;
  encodingRank: number;
  completeness: number;
  holdings: HoldingDraft[];
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k) => b.includes(k));

/**
 * Records normalised between two turns of the event loop: another import's statements (it may
 * hold the clustering lock) are answered meanwhile instead of waiting for a whole batch's
 * normalisation, so the database keeps working while this batch is prepared.
 */
const SLICE = 64;
const turn = (): Promise<void> => new Promise((res) => setImmediate(res));

async function ingestChunk(lz4: boolean, cache: RepresentativeCache, tx: Queryable, profile: LibraryProfile, chunk: Prepared[], via: string, userId: number | null): Promise<ChunkOutcome> {
  const counts = noCounts();
  counts.read = chunk.length;
  const rejects: IngestReject[] = [];
  const warnings: IngestWarning[] = [];
  const reject = (r: IngestReject): void => {
    counts.rejected++;
    rejects.push(r);
  };

  const localIds = chunk.flatMap((p) => (p.kind === 'reject' ? [] : [p.localId]));
  const held = localIds.length > 0 ? await heldRecords(tx, profile.libraryId, localIds) : new Map<string, HeldRecord>();

  // Everything a record needs that is not the database's, before the lock: normalisation, keys,
  // ranks, holdings, the JSON text the statements send.
  const itemProfile = itemProfileOf(profile.itemProfile, profile.itemMapping);
  const changes: Change[] = [];
  const deletions: HeldRecord[] = [];
  let sinceTurn = 0;
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
    if (++sinceTurn >= SLICE) {
      sinceTurn = 0;
      await turn();
    }
    const n = normalise(p.record, p.flavour);
    if (n.title === '') {
      const tag = p.flavour === 'unimarc' ? '200' : '245';
      reject({ index: p.index, position: p.position, localId: p.localId, problems: [error('no-fields', `the record has no title (${tag} $a)`, tag, 'a')] });
      continue;
    }
    const { holdings, problems } = holdingsOf(p.record, itemProfile);
    if (problems.length > 0) {
      counts.warnings++;
      warnings.push({ index: p.index, position: p.position, localId: p.localId, problems: problems.map((x) => warning('holdings', x.reason, x.field)) });
    }
    changes.push({
      p, held: h, recordId: h?.id ?? 0, n, nJson: JSON.stringify(n), keys: matchKeys(n), cluster: 0,
      encodingRank: encodingRank(p.record, p.flavour), completeness: completeness(p.record, p.flavour), holdings,
    });
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

  // Clusters made in this batch get their real numbers, and are written whole at once: all
  // their members are in this batch, so their display record and summary are known here.
  const provisional = [...clusterer.created.keys()];
  const real = await allocateIds(tx, 'clusters_id_seq', provisional.length);
  const realOf = new Map(provisional.map((p, i) => [p, real[i]!]));
  for (const c of changes) if (c.cluster < 0) c.cluster = realOf.get(c.cluster)!;
  const made = new Set(real);
  await insertNewClusters(tx, newClusters(changes.filter((c) => made.has(c.cluster)), profile));

  // Records, their versions and deletions.
  const row = (c: Change): RecordRow => ({
    id: c.recordId, localId: c.p.localId, clusterId: c.cluster, flavour: c.p.flavour, sourceFormat: c.p.sourceFormat,
    contentHash: c.p.hash, recordJson: c.p.json, normalisedJson: c.nJson, matchKeys: c.keys, encodingLevel: c.p.record.leader[17] ?? ' ',
    encodingRank: c.encodingRank, completeness: c.completeness,
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
  const holdings: HoldingsFor[] = changes.flatMap((c) => c.holdings.map((draft) => ({ recordId: c.recordId, clusterId: c.cluster, draft })));
  await replaceHoldings(tx, profile.libraryId, updates.map((c) => c.recordId), holdings);

  // Stored clusters whose members changed are refreshed (the new ones were written whole).
  for (const c of changes) if (!made.has(c.cluster)) affected.add(c.cluster);
  const known = new Map(changes.map((c) => [c.recordId, { record: c.p.record, flavour: c.p.flavour, normalised: c.n }]));
  await refreshClusters(tx, [...affected].sort((a, b) => a - b), known);
  return { counts, rejects, warned: warnings, lastIndex: chunk[chunk.length - 1]!.index };
}

/**
 * What a cluster made in this batch shows: the same choice `refreshClusters` makes (every member
 * is this library's, so its source priority ties), with the summary of the display record.
 */
function newClusters(members: Change[], profile: LibraryProfile): NewCluster[] {
  const byCluster = new Map<number, Change[]>();
  for (const c of members) {
    const list = byCluster.get(c.cluster);
    if (list) list.push(c);
    else byCluster.set(c.cluster, [c]);
  }
  const rank = (c: Change): MemberRank => ({ id: c.recordId, encoding_rank: c.encodingRank, completeness: c.completeness, source_priority: profile.sourcePriority });
  return [...byCluster].map(([id, list]) => {
    const best = list.reduce((a, b) => (better(rank(a), rank(b)) <= 0 ? a : b));
    return {
      id, displayRecordId: best.recordId, summary: summarise(best.p.record, best.p.flavour, best.n), workKey: workKey(best.n),
      recordCount: list.length, holdingCount: 1,
    };
  });
}

export { addCounts };
