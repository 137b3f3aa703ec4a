/**
 * Assigning a record to a cluster, as the catalog service does for each record that arrives:
 * look up clusters under each of the record's match keys, decide against each candidate's
 * representative, join the best "same" or start a new cluster. `ClusterIndex` does this in
 * memory for benchmarks, tests and the demo; the service does it with its store.
 */
import type { NormalisedRecord } from '../normalise/types.js';
import { decide, type MatchDecision } from './decide.js';
import type { MatchSummary } from './match-summary.js';
import { matchKeys } from './keys.js';

export interface Candidate<Id> {
  clusterId: Id;
  /** The cluster's representative: what `decide` compares of its display record. */
  representative: MatchSummary;
}

export interface Assignment<Id> {
  /** The cluster to join, or null: start a new one. */
  clusterId: Id | null;
  /** The decision against the chosen cluster (or the best-scoring refusal, for the log). */
  decision: MatchDecision | null;
}

/**
 * The cluster a record belongs to among candidates: the "same" decision with the highest
 * score, or none. Candidates are not merged with each other here: staff merge clusters.
 * `judge` is `decide`, or one that remembers its answers (an import plans a batch twice).
 */
export function chooseCluster<Id>(
  record: MatchSummary, candidates: readonly Candidate<Id>[], judge: (a: MatchSummary, b: MatchSummary) => MatchDecision = decide,
): Assignment<Id> {
  let best: { id: Id; decision: MatchDecision } | null = null;
  let bestRefusal: MatchDecision | null = null;
  for (const c of candidates) {
    const d = judge(record, c.representative);
    if (d.same) {
      if (!best || d.score > best.decision.score) best = { id: c.clusterId, decision: d };
    } else if (!bestRefusal || d.score > bestRefusal.score) bestRefusal = d;
  }
  return best ? { clusterId: best.id, decision: best.decision } : { clusterId: null, decision: bestRefusal };
}

/** An in-memory union catalogue of clusters, filled one record at a time. */
export class ClusterIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly representatives: NormalisedRecord[] = [];
  /** Candidate clusters looked at per key; keeps a very common key ("bib:…|jazz|…") cheap. */
  constructor(private readonly maxCandidatesPerKey = 50) {}

  /** Files a record and returns its cluster number (0, 1, 2 … in order of creation). */
  add(record: NormalisedRecord): number {
    const keys = matchKeys(record);
    const seen = new Set<number>();
    const candidates: Candidate<number>[] = [];
    for (const k of keys) {
      for (const id of (this.byKey.get(k) ?? []).slice(-this.maxCandidatesPerKey)) {
        if (seen.has(id)) continue;
        seen.add(id);
        candidates.push({ clusterId: id, representative: this.representatives[id]! });
      }
    }
    let { clusterId } = chooseCluster(record, candidates);
    if (clusterId === null) {
      clusterId = this.representatives.length;
      this.representatives.push(record);
    }
    // The cluster is filed under the new member's keys too: a later record may share only those.
    for (const k of keys) {
      const ids = this.byKey.get(k);
      if (!ids) this.byKey.set(k, [clusterId]);
      else if (!ids.includes(clusterId)) ids.push(clusterId);
    }
    return clusterId;
  }

  get size(): number {
    return this.representatives.length;
  }
}
