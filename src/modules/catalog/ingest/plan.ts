/**
 * The cluster plan of a batch (docs/import.md, "Clustering"): what it is made from — staff
 * decisions naming its changed records, the clusters under its match keys and the versions of
 * those clusters — and the assignment `BatchClusterer` makes from it. A batch makes its plan
 * twice: once before the clustering lock, to write its records, holdings and items while another
 * import holds the lock, and again under the lock, where it only has to be compared: the same
 * inputs give the same assignment, so the assignment is redone (and the writes corrected) only
 * when another import changed something the batch looked at in between.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { decide, type MatchDecision, type MatchSummary } from '../domain/match/index.js';

type Judge = (a: MatchSummary, b: MatchSummary) => MatchDecision;
import { BatchClusterer, keysLookedAt, type Decision, type ToAssign } from './assign.js';
import { decisionsFor } from './cluster.store.js';
import { clusteringGeneration } from './clustering-lock.store.js';
import type { RepresentativeCache } from './representative-cache.js';
import { clustersUnderKeys, storedClusters, type StoredClusterRow } from './representatives.store.js';

/** A new or changed record to place, as the plan sees it. */
export interface PlanEntry {
  recordId: number;
  /** What `decide` compares of the record (the normalised record, or the part of it `matchPartOf` keeps). */
  normalised: MatchSummary;
  keys: string[];
  /** Its current cluster (null: a new record, or a deleted one sent again). */
  heldCluster: number | null;
  /** The match keys it is filed under now (an update). */
  heldKeys: readonly string[];
}

export interface PlanInputs {
  /** The clustering generation read before everything else (`clusteringGeneration`). */
  generation: number;
  /** The keys looked up, in order. */
  keys: string[];
  decisions: Decision[];
  clusterOf: Map<number, number>;
  byKey: Map<string, number[]>;
  /** Keys filed under many clusters: looked under only by records with no other key (`keysLookedAt`). */
  crowded: Set<string>;
  stored: Map<number, StoredClusterRow>;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k) => b.includes(k));

/** The entries matched again (new, keys changed, or named by a decision): the others stay in their cluster. */
const openEntries = (entries: readonly PlanEntry[], decisions: Decision[]): PlanEntry[] => {
  const decided = new Set(decisions.flatMap((d) => d.recordIds));
  return entries.filter((e) => !(e.heldCluster !== null && sameKeys(e.heldKeys, e.keys) && !decided.has(e.recordId)));
};

/** The stored clusters an assignment looks at: under the keys each open entry looks under, and the entries' own. */
function clustersLookedAt(open: readonly PlanEntry[], byKey: Map<string, number[]>, crowded: Set<string>): number[] {
  const ids = new Set<number>();
  for (const e of open) {
    for (const k of keysLookedAt(e.keys, crowded)) for (const id of byKey.get(k) ?? []) ids.add(id);
    if (e.heldCluster !== null) ids.add(e.heldCluster);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Reads what the assignment of `entries` depends on (in the transaction's current snapshot). */
export async function readPlanInputs(tx: Queryable, entries: readonly PlanEntry[], cache: RepresentativeCache): Promise<PlanInputs> {
  const generation = await clusteringGeneration(tx);
  const { decisions, clusterOf } = await decisionsFor(tx, entries.filter((e) => e.heldCluster !== null).map((e) => e.recordId));
  const open = openEntries(entries, decisions);
  const keys = [...new Set(open.flatMap((e) => e.keys))];
  const { byKey, crowded } = await clustersUnderKeys(tx, keys);
  const stored = await storedClusters(tx, clustersLookedAt(open, byKey, crowded), cache);
  return { generation, keys, decisions, clusterOf, byKey, crowded, stored };
}

/**
 * The plan's inputs under the lock when the clustering log says what changed since `before` was
 * read (`changed`: every key filed or unfiled and every cluster row written by the lock's holders
 * in between): the same as `readPlanInputs` would give, reading only the keys and clusters named
 * there (and clusters newly found under them). Staff decisions are read again whole (they are
 * made without the lock); where they changed, everything is read again.
 */
export async function rereadPlanInputs(
  tx: Queryable, entries: readonly PlanEntry[], before: PlanInputs, changed: { keys: Set<string>; clusters: Set<number> }, generation: number,
  cache: RepresentativeCache,
): Promise<PlanInputs> {
  const { decisions, clusterOf } = await decisionsFor(tx, entries.filter((e) => e.heldCluster !== null).map((e) => e.recordId));
  if (!sameDecisions(before, { decisions, clusterOf })) return readPlanInputs(tx, entries, cache);
  const hit = before.keys.filter((k) => changed.keys.has(k));
  const byKey = new Map(before.byKey);
  const crowded = new Set(before.crowded);
  if (hit.length > 0) {
    const found = await clustersUnderKeys(tx, hit);
    for (const k of hit) {
      const ids = found.byKey.get(k);
      if (ids) byKey.set(k, ids);
      else byKey.delete(k);
      if (found.crowded.has(k)) crowded.add(k);
      else crowded.delete(k);
    }
  }
  // The clusters a full reading would look at: under the keys the open entries look under, and their own.
  const storedIds = clustersLookedAt(openEntries(entries, decisions), byKey, crowded);
  const stored = new Map<number, StoredClusterRow>();
  const toRead: number[] = [];
  for (const id of storedIds) {
    const s = before.stored.get(id);
    if (s && !changed.clusters.has(id)) stored.set(id, s);
    else toRead.push(id);
  }
  for (const [id, s] of await storedClusters(tx, toRead, cache)) stored.set(id, s);
  return { generation, keys: before.keys, decisions, clusterOf, byKey, crowded, stored };
}

const sameList = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * True when two readings would give the same assignment: the same decisions and clusters of the
 * records they name, the same clusters under every key, and each cluster looked at in the same
 * version (its row's `xmin`: its members, display record and counts unchanged).
 */
export function sameInputs(a: PlanInputs, b: PlanInputs): boolean {
  if (!sameDecisions(a, b)) return false;
  if (a.keys.length !== b.keys.length || a.keys.some((k, i) => k !== b.keys[i] || !sameList(a.byKey.get(k), b.byKey.get(k)))) return false;
  if (a.crowded.size !== b.crowded.size || [...a.crowded].some((k) => !b.crowded.has(k))) return false;
  if (a.stored.size !== b.stored.size) return false;
  for (const [id, s] of a.stored) if (b.stored.get(id)?.stamp !== s.stamp) return false;
  return true;
}

/** True when two readings found the same staff decisions and the same clusters of the records they name. */
export function sameDecisions(a: Pick<PlanInputs, 'decisions' | 'clusterOf'>, b: Pick<PlanInputs, 'decisions' | 'clusterOf'>): boolean {
  if (a.decisions.length !== b.decisions.length || a.clusterOf.size !== b.clusterOf.size) return false;
  if (a.decisions.some((d, i) => d.kind !== b.decisions[i]!.kind || !sameList(d.recordIds, b.decisions[i]!.recordIds))) return false;
  for (const [id, c] of a.clusterOf) if (b.clusterOf.get(id) !== c) return false;
  return true;
}

/**
 * Each entry's cluster, in order: a stored cluster id, or a negative number for a cluster made by
 * the batch. A changed record whose keys did not change stays where it is (unless a decision
 * moves it); the others are matched against the candidates under their keys.
 */
export function assignClusters(entries: readonly PlanEntry[], inputs: PlanInputs, judge: Judge = decide): number[] {
  // The clusterer adds to these as it goes: a second assignment from the same inputs starts afresh.
  const byKey = new Map([...inputs.byKey].map(([k, ids]) => [k, [...ids]]));
  const clusterOf = new Map(inputs.clusterOf);
  const decided = new Set(inputs.decisions.flatMap((d) => d.recordIds));
  const toAssign: { i: number; item: ToAssign; keep: boolean }[] = [];
  const out: number[] = new Array<number>(entries.length);
  entries.forEach((e, i) => {
    const old = e.heldCluster;
    const keysKept = old !== null && sameKeys(e.heldKeys, e.keys);
    if (keysKept && !decided.has(e.recordId)) {
      out[i] = old;
      return;
    }
    if (old !== null) clusterOf.set(e.recordId, old);
    const aloneInOldCluster = old !== null && (inputs.stored.get(old)?.recordCount ?? 0) <= 1;
    toAssign.push({ i, keep: keysKept, item: { recordId: e.recordId, normalised: e.normalised, keys: e.keys, oldClusterId: old, aloneInOldCluster } });
  });
  const clusterer = new BatchClusterer(byKey, inputs.stored, inputs.decisions, clusterOf, judge, inputs.crowded);
  for (const a of toAssign) out[a.i] = a.keep ? clusterer.keepUnlessForbidden(a.item) : clusterer.assign(a.item);
  return out;
}
