/**
 * The representatives of candidate clusters kept between batches, by cluster and row version:
 * the clusters a common key brings up come back batch after batch. Kept in the process, per database.
 */
import type { MatchSummary } from '../domain/match/index.js';

/**
 * Representatives read before, by cluster and the version of its row (`xmin`, the transaction
 * that wrote it: every refresh writes it, so a record joining or leaving, the display record
 * changing or being rewritten gives a new one): the clusters a common key brings up come back
 * batch after batch, and a cached one's summary is not sent again. Least recently used first out.
 */
export class RepresentativeCache {
  private readonly entries = new Map<number, { stamp: string; summary: MatchSummary }>();
  constructor(private readonly max = 5_000) {}

  /** The version cached for a cluster, if any (the store sends its summary only when it differs). */
  stampOf(clusterId: number): string | null {
    return this.entries.get(clusterId)?.stamp ?? null;
  }

  get(clusterId: number, stamp: string): MatchSummary | undefined {
    const e = this.entries.get(clusterId);
    if (!e || e.stamp !== stamp) return undefined;
    this.entries.delete(clusterId);
    this.entries.set(clusterId, e);
    return e.summary;
  }

  set(clusterId: number, stamp: string, summary: MatchSummary): void {
    if (this.max <= 0) return;
    this.entries.delete(clusterId);
    this.entries.set(clusterId, { stamp, summary });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

const caches = new WeakMap<object, RepresentativeCache>();
/** The cache of one database (each process keeps its own). */
export const representativeCache = (db: object): RepresentativeCache => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new RepresentativeCache()));
  return c;
};
