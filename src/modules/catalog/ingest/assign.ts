/**
 * Which cluster each record of a batch joins (issue 3, "Clusters"; docs/clustering.md): candidates
 * found under the record's match keys — clusters already stored and clusters made earlier in the
 * same batch — decided with `chooseCluster`, and staff decisions applied (catalog.md): a `merge`
 * puts its records in the cluster of the lowest cluster id among them; a `split` keeps its first
 * record out of any cluster that holds one of the others (and the others out of its cluster).
 * Pure: the store supplies the candidates, this returns the assignment.
 */
import { chooseCluster, decide, type Candidate, type MatchDecision, type MatchSummary } from '../domain/match/index.js';

/** A staff decision in force. */
export interface Decision {
  kind: 'merge' | 'split';
  recordIds: number[];
}

export interface ToAssign {
  recordId: number;
  /** What `decide` compares of the record (the normalised record, or the part of it `matchPartOf` keeps). */
  normalised: MatchSummary;
  keys: string[];
  /** The cluster the record is in now (an update), or null (a new record). */
  oldClusterId: number | null;
  /** True when no other live record is in the old cluster: the record may stay there alone. */
  aloneInOldCluster: boolean;
}

export interface StoredCluster {
  /** What `decide` compares of its display record (null: the cluster has none). */
  representative: MatchSummary | null;
  displayRecordId: number | null;
}

/** Clusters looked at per key: keeps a very common key cheap (as ClusterIndex does). */
const MAX_PER_KEY = 50;

/**
 * The keys a record's candidates are looked for under: its keys that are not crowded (filed under
 * many clusters: representatives.store.ts, CROWDED), or all of them when every one is. A record of the
 * same manifestation shares a standard number or a `bib:` key with its cluster, so a crowded key
 * only adds candidates that its other keys did not bring — the most recent few of hundreds.
 */
export function keysLookedAt(keys: readonly string[], crowded: ReadonlySet<string>): readonly string[] {
  if (crowded.size === 0) return keys;
  const open = keys.filter((k) => !crowded.has(k));
  return open.length > 0 ? open : keys;
}

export class BatchClusterer {
  private nextNew = -1;
  /** Clusters made in this batch, by their provisional (negative) number. */
  readonly created = new Map<number, MatchSummary>();

  /**
   * @param byKey clusters filed under each key (from cluster_keys); the batch adds to it
   * @param stored representatives of the stored clusters found under the keys
   * @param clusterOf the current cluster of records named by decisions (updated as records are assigned)
   * @param crowded keys filed under many stored clusters (`keysLookedAt`)
   */
  constructor(
    private readonly byKey: Map<string, number[]>,
    private readonly stored: Map<number, StoredCluster>,
    private readonly decisions: Decision[],
    private readonly clusterOf: Map<number, number>,
    private readonly judge: (a: MatchSummary, b: MatchSummary) => MatchDecision = decide,
    private readonly crowded: ReadonlySet<string> = new Set(),
  ) {}

  /** The cluster of one record: a stored cluster id, or a negative number for a cluster made in this batch. */
  assign(item: ToAssign): number {
    const { forced, forbidden } = this.constraints(item.recordId);
    let chosen: number | null = forced;
    if (chosen === null) {
      const seen = new Set<number>();
      const candidates: Candidate<number>[] = [];
      for (const k of keysLookedAt(item.keys, this.crowded)) {
        const ids = this.byKey.get(k);
        if (!ids) continue;
        for (const id of ids.length > MAX_PER_KEY ? ids.slice(-MAX_PER_KEY) : ids) {
          if (seen.has(id) || forbidden.has(id)) continue;
          seen.add(id);
          const representative = this.representativeOf(id, item.recordId);
          if (representative) candidates.push({ clusterId: id, representative });
        }
      }
      chosen = chooseCluster(item.normalised, candidates, this.judge).clusterId;
      if (chosen === null && item.oldClusterId !== null && item.aloneInOldCluster && !forbidden.has(item.oldClusterId)) chosen = item.oldClusterId;
    }
    if (chosen === null) {
      chosen = this.nextNew--;
      this.created.set(chosen, item.normalised);
    }
    this.clusterOf.set(item.recordId, chosen);
    for (const k of item.keys) {
      const ids = this.byKey.get(k);
      if (!ids) this.byKey.set(k, [chosen]);
      else if (!ids.includes(chosen)) ids.push(chosen);
    }
    return chosen;
  }

  /**
   * For a record whose match is not in question (its keys did not change, or staff asked for a
   * re-check): it stays in its cluster unless a decision forces it into another or forbids this one.
   */
  keepUnlessForbidden(item: ToAssign): number {
    const { forced, forbidden } = this.constraints(item.recordId);
    if (forced === null && item.oldClusterId !== null && !forbidden.has(item.oldClusterId)) {
      this.clusterOf.set(item.recordId, item.oldClusterId);
      return item.oldClusterId;
    }
    return this.assign(item);
  }

  /** A cluster's representative, unless it is the record itself (an update is not its own candidate). */
  private representativeOf(id: number, recordId: number): MatchSummary | null {
    if (id < 0) return this.created.get(id) ?? null;
    const s = this.stored.get(id);
    if (!s || s.displayRecordId === recordId) return null;
    return s.representative;
  }

  private constraints(recordId: number): { forced: number | null; forbidden: Set<number> } {
    let forced: number | null = null;
    const forbidden = new Set<number>();
    for (const d of this.decisions) {
      if (!d.recordIds.includes(recordId)) continue;
      if (d.kind === 'merge') {
        for (const other of d.recordIds) {
          const c = this.clusterOf.get(other);
          // Stored clusters only: "the cluster of the lowest existing cluster id among them".
          if (c !== undefined && c > 0 && (forced === null || c < forced)) forced = c;
        }
      } else {
        const [first, ...rest] = d.recordIds;
        const opposed = recordId === first ? rest : [first!];
        for (const other of opposed) {
          const c = this.clusterOf.get(other);
          if (c !== undefined) forbidden.add(c);
        }
      }
    }
    if (forced !== null && forbidden.has(forced)) forced = null; // contradicting decisions: the split wins (precision first)
    return { forced, forbidden };
  }
}

/**
 * `decide` remembering its answers by the two documents compared: a batch's second plan (under
 * the clustering lock) compares mostly the same records with the same representatives (the
 * cache gives the same documents while a cluster is unchanged), and `decide` is pure.
 */
export function rememberingDecide(): (a: MatchSummary, b: MatchSummary) => MatchDecision {
  const answers = new WeakMap<MatchSummary, WeakMap<MatchSummary, MatchDecision>>();
  return (a, b) => {
    let byB = answers.get(a);
    if (!byB) answers.set(a, (byB = new WeakMap()));
    let d = byB.get(b);
    if (!d) byB.set(b, (d = decide(a, b)));
    return d;
  };
}
