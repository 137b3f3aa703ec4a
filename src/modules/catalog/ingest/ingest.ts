/**
 * `ingestRecords`: the one way member records enter or change the union catalogue (issue 3,
 * "Identity and idempotency", "Clusters", "Holdings and items"). Per transaction of up to a
 * thousand records: which records are new, changed, unchanged or deleted (by library, local id
 * and content hash); normalisation and match keys of the new and changed; a cluster plan made
 * before the clustering lock, with which records, versions, holdings and items are written in
 * bulk; under the lock only the plan's confirmation (or correction), the new clusters, cluster
 * keys and the refreshed clusters (docs/import.md).
 */
import { setImmediate as turn } from 'node:timers/promises';
import type { Db, Queryable } from '../../../platform/db/index.js';
import { warning } from '../domain/marc/problems.js';
import type { MatchSummary } from '../domain/match/index.js';
import type { NormalisedRecord } from '../domain/normalise/index.js';
import { NetworkErrors } from '../../network/index.js';
import { addKeys, allocateIds, better, decisionsFor, insertNewClusters, refreshClusters, removeStaleKeys, type MemberRank, type NewCluster } from './cluster.store.js';
import { clusteringSince, hasFastCompression, lockClustering, noteClustering, writeSettings } from './clustering-lock.store.js';
import { keyUpkeep } from './key-upkeep.js';
import { representativeCache, type RepresentativeCache } from './representative-cache.js';
import { rememberingDecide } from './assign.js';
import { assignClusters, readPlanInputs, rereadPlanInputs, sameDecisions, sameInputs, type PlanEntry, type PlanInputs } from './plan.js';
import { itemProfileOf, type HoldingsFor } from './holdings.js';
import { heldRecords, insertRecords, libraryProfile, markDeleted, moveRecords, replaceHoldings, updateRecords, type HeldRecord, type LibraryProfile, type RecordRow } from './ingest.store.js';
import { LockHold } from './lock-held.js';
import { chunks, complete, prepare, type Completed, type Prepared } from './prepare.js';
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
  /**
   * Runs inside each chunk's transaction once its records, holdings and items are written, before
   * the clustering lock (the importer's checkpoint: it waits for no other import's clustering).
   */
  afterChunk?: (tx: Queryable, outcome: ChunkOutcome) => Promise<void>;
  /**
   * Runs in each chunk's transaction once its records are written with the plan made before the
   * lock, before the lock is taken: tests use it to let another import commit in between.
   */
  beforeLock?: () => Promise<void>;
}

/**
 * Stores a library's records: new ones created, changed ones as a new version, unchanged ones
 * left alone, deletions applied; each in its cluster. Returns the counts and the rejected inputs.
 * Throws CATALOG LIBRARY_NOT_FOUND for an unknown library.
 */
export async function ingestRecords(db: Db, options: IngestOptions & IngestHooks): Promise<IngestResult> {
  const profile = await libraryProfile(db, options.library);
  if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: options.library });
  return ingestWith(db, profile, options.records.map((r, i) => prepare(r, i, profile.localIdField)), options);
}

/**
 * `ingestRecords` for inputs prepared already, completed or not (`prepare.ts`): an import's
 * reading thread hands its records over this way, with all of Node's work on them done. Their
 * `index` is their place in `prepared`.
 */
export async function ingestPrepared(db: Db, options: Omit<IngestOptions, 'records'> & IngestHooks & { prepared: Prepared[] }): Promise<IngestResult> {
  const profile = await libraryProfile(db, options.library);
  if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: options.library });
  return ingestWith(db, profile, options.prepared, options);
}

async function ingestWith(db: Db, profile: LibraryProfile, prepared: Prepared[], options: Omit<IngestOptions, 'records'> & IngestHooks): Promise<IngestResult> {
  const lz4 = await hasFastCompression(db);
  const cache = representativeCache(db);
  const upkeep = keyUpkeep(db);
  const total: IngestResult = { ...noCounts(), rejects: [], warned: [] };
  for (const chunk of chunks(prepared, options.chunkSize ?? 1000)) {
    const hold = new LockHold();
    let done: { outcome: ChunkOutcome; keysFiled: number };
    try {
      done = await db.transaction((tx) => ingestChunk(lz4, cache, tx, profile, chunk, options.via, options.actor?.userId ?? null, options, hold));
    } finally {
      hold.end();
    }
    const { outcome } = done;
    await upkeep.filedKeys(db, done.keysFiled);
    addCounts(total, outcome.counts);
    total.rejects.push(...outcome.rejects);
    total.warned.push(...outcome.warned);
  }
  return total;
}

interface Change {
  p: Extract<Prepared, { kind: 'record' }>;
  /** What the record brings besides its JSON (made before the transaction or before the lock). */
  d: Completed;
  held: HeldRecord | undefined;
  recordId: number;
  /** What `decide` compares of the record. */
  n: MatchSummary;
  keys: string[];
  cluster: number;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k) => b.includes(k));

/**
 * Records normalised between two turns of the event loop: another import's statements (it may
 * hold the clustering lock) are answered meanwhile instead of waiting for a whole batch's
 * normalisation, so the database keeps working while this batch is prepared.
 */
const SLICE = 64;

async function ingestChunk(
  lz4: boolean, cache: RepresentativeCache, tx: Queryable, profile: LibraryProfile, chunk: Prepared[], via: string, userId: number | null, hooks: IngestHooks,
  hold: LockHold,
): Promise<{ outcome: ChunkOutcome; keysFiled: number }> {
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
  for (const given of chunk) {
    let p = given;
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
    if (!p.done) {
      if (++sinceTurn >= SLICE) {
        sinceTurn = 0;
        await turn();
      }
      p = complete(p, itemProfile, true);
      if (p.kind === 'reject') {
        reject({ index: p.index, position: p.position, localId: p.localId, problems: p.problems });
        continue;
      }
    }
    if (p.kind !== 'record' || !p.done) continue;
    const d = p.done;
    if (d.holdingProblems.length > 0) {
      counts.warnings++;
      warnings.push({ index: p.index, position: p.position, localId: p.localId, problems: d.holdingProblems.map((x) => warning('holdings', x.reason, x.field)) });
    }
    changes.push({ p, d, held: h, recordId: h?.id ?? 0, n: d.match ?? (JSON.parse(typeof d.nJson === 'string' ? d.nJson : Buffer.from(d.nJson).toString('utf8')) as NormalisedRecord), keys: d.keys, cluster: 0 });
  }

  const fresh = changes.filter((c) => !c.held);
  const newIds = await allocateIds(tx, 'records_id_seq', fresh.length);
  fresh.forEach((c, i) => (c.recordId = newIds[i]!));
  await writeSettings(tx, { lz4, bulk: /^(import|harvest):/.test(via) });

  // Clustering is planned before the lock, on what other imports have committed so far, and the
  // records, holdings and items are written with that plan while another import may hold the
  // lock. Under the lock the plan's inputs are read again: unchanged (the usual case), the plan
  // stands; changed, the assignment is redone and the records that move are corrected. Two
  // imports of the SAME library at once may both take a local id for new: the second fails on the
  // unique key (or as a deadlock) and its job is retried (then sees the record).
  const entries: PlanEntry[] = changes.map((c) => ({
    recordId: c.recordId, normalised: c.n, keys: c.keys, heldCluster: c.held && !c.held.deleted ? c.held.clusterId : null, heldKeys: c.held?.matchKeys ?? [],
  }));
  const before = await readPlanInputs(tx, entries, cache);
  const judge = rememberingDecide();
  const planned = assignClusters(entries, before, judge);
  // Clusters the plan makes get their numbers now; they are written under the lock, once the
  // plan is confirmed (migration 0027 checks the references to them at commit).
  const provisional = [...new Set(planned.filter((id) => id < 0))];
  const real = await allocateIds(tx, 'clusters_id_seq', provisional.length);
  const realOf = new Map(provisional.map((p, i) => [p, real[i]!]));
  changes.forEach((c, i) => (c.cluster = planned[i]! < 0 ? realOf.get(planned[i]!)! : planned[i]!));

  // Records, their versions and deletions; holdings and items, replaced per record as its latest version says.
  const row = (c: Change): RecordRow => ({
    id: c.recordId, localId: c.p.localId, clusterId: c.cluster, flavour: c.p.flavour, sourceFormat: c.p.sourceFormat,
    contentHash: c.p.hash, recordJson: c.p.json, normalisedJson: c.d.nJson, matchKeys: c.keys, encodingLevel: c.d.encodingLevel,
    encodingRank: c.d.encodingRank, completeness: c.d.completeness,
  });
  const updates = changes.filter((c) => c.held);
  await insertRecords(tx, profile.libraryId, fresh.map(row), via, userId);
  await updateRecords(tx, updates.map(row), via, userId);
  await markDeleted(tx, deletions.map((d) => d.id), via, userId);
  counts.created += fresh.length;
  counts.updated += updates.length;
  counts.deleted += deletions.length;
  const holdings: HoldingsFor[] = changes.map((c) => ({ recordId: c.recordId, clusterId: c.cluster, holdings: c.d.holdings, barcodes: c.d.barcodes }));
  await replaceHoldings(tx, profile.libraryId, updates.map((c) => c.recordId), holdings);
  // What the batch did is known now: the caller's own statements (an import's checkpoint) go
  // before the lock, which is then held only for the clustering.
  const outcome: ChunkOutcome = { counts, rejects, warned: warnings, lastIndex: chunk[chunk.length - 1]!.index };
  await hooks.afterChunk?.(tx, outcome);
  await hooks.beforeLock?.();

  // Under the lock from here to the commit.
  const generation = await lockClustering(tx);
  hold.take();
  const { made, inputs } = await confirmPlan(tx, changes, entries, before, generation, new Set(real), cache, judge);
  // Clusters made in this batch are written whole at once: all their members are in this batch,
  // so their display record and summary are known here.
  await insertNewClusters(tx, newClusters(changes.filter((c) => made.has(c.cluster)), profile));

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
  // Only the pairs not filed yet: a record that joined a stored cluster mostly brings keys the
  // cluster is listed under already (seen in the confirmed plan's inputs, under the lock), and
  // records of one cluster in the batch share theirs. A key this batch may just have removed is
  // written again whatever the inputs said (ON CONFLICT keeps the rest harmless).
  const staleKeys = new Set(stale.map((p) => p.key));
  const pairs = new Set<string>();
  const toAdd: { key: string; cluster: number }[] = [];
  for (const c of changes) {
    for (const key of c.keys) {
      const pair = `${c.cluster}\u0000${key}`;
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      if (!staleKeys.has(key) && inputs.byKey.get(key)?.includes(c.cluster)) continue;
      toAdd.push({ key, cluster: c.cluster });
    }
  }
  await addKeys(tx, toAdd);

  // Stored clusters whose members changed are refreshed (the new ones were written whole).
  for (const c of changes) if (!made.has(c.cluster)) affected.add(c.cluster);
  const known = new Map(changes.map((c) => [c.recordId, { summaryJson: c.d.summaryJson, workKey: c.d.workKey, matchJson: c.d.matchJson }]));
  await refreshClusters(tx, [...affected].sort((a, b) => a - b), known);
  // What the next holders of the lock need to know to read again only what this batch changed;
  // the transaction commits with it (one round trip less under the lock).
  await noteClustering(tx, generation, [...stale.map((p) => p.key), ...toAdd.map((p) => p.key)], [...made, ...affected]);
  return { outcome, keysFiled: toAdd.length };
}

/**
 * Under the lock: the plan's inputs read again. Where another import changed them since the plan
 * was made, the batch is assigned again and the records whose cluster changed are moved (their
 * holdings with them). Returns the clusters the batch makes: a new cluster keeps the number the
 * plan gave its first member's new cluster where it can; a number no longer used is dropped.
 * Also returns the inputs read under the lock (what is filed under the batch's keys).
 */
async function confirmPlan(
  tx: Queryable, changes: Change[], entries: PlanEntry[], before: PlanInputs, generation: number, planned: Set<number>, cache: RepresentativeCache,
  judge: ReturnType<typeof rememberingDecide>,
): Promise<{ made: Set<number>; inputs: PlanInputs }> {
  // No holder of the lock committed since the plan's inputs were read (the generation it moves
  // on is where it was): clusters and keys are as the plan saw them. Staff decisions are made
  // without the lock, so those are read again (only changed records can be named by one).
  if (generation === before.generation) {
    const held = entries.filter((e) => e.heldCluster !== null).map((e) => e.recordId);
    if (held.length === 0 || sameDecisions(before, await decisionsFor(tx, held))) return { made: planned, inputs: before };
  }
  // Other holders committed since: what they changed is in the clustering log, and only that is
  // read again (everything, where one of them left no entry).
  const changed = await clusteringSince(tx, before.generation, generation);
  const now = changed ? await rereadPlanInputs(tx, entries, before, changed, generation + 1, cache) : await readPlanInputs(tx, entries, cache);
  if (sameInputs(before, now)) return { made: planned, inputs: now };
  const again = assignClusters(entries, now, judge);
  const realOf = new Map<number, number>();
  const claimed = new Set<number>();
  again.forEach((id, i) => {
    const prior = changes[i]!.cluster;
    if (id < 0 && !realOf.has(id) && planned.has(prior) && !claimed.has(prior)) {
      realOf.set(id, prior);
      claimed.add(prior);
    }
  });
  const unnumbered = [...new Set(again.filter((id) => id < 0 && !realOf.has(id)))];
  const fresh = await allocateIds(tx, 'clusters_id_seq', unnumbered.length);
  unnumbered.forEach((p, i) => realOf.set(p, fresh[i]!));
  const moved: Change[] = [];
  changes.forEach((c, i) => {
    const to = again[i]! < 0 ? realOf.get(again[i]!)! : again[i]!;
    if (to === c.cluster) return;
    c.cluster = to;
    moved.push(c);
  });
  await moveRecords(tx, moved.map((c) => ({ id: c.recordId, cluster: c.cluster })));
  return { made: new Set(realOf.values()), inputs: now };
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
  const rank = (c: Change): MemberRank => ({ id: c.recordId, encoding_rank: c.d.encodingRank, completeness: c.d.completeness, source_priority: profile.sourcePriority });
  return [...byCluster].map(([id, list]) => {
    const best = list.reduce((a, b) => (better(rank(a), rank(b)) <= 0 ? a : b));
    return {
      id, displayRecordId: best.recordId, summaryJson: best.d.summaryJson, workKey: best.d.workKey, matchJson: best.d.matchJson,
      recordCount: list.length, holdingCount: 1,
    };
  });
}

export { addCounts };
