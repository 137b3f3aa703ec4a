/**
 * Keeps search documents in step with the catalogue (issue 4, "Fresh"): the catalogue notes
 * changed clusters in the transaction that changes them; this takes them out in pages, in the
 * transaction that rewrites their documents, so a crash loses nothing and two nodes never do the
 * same page. `rebuild` redoes every document while the old ones keep answering.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { clustersForIndex, liveClusterCount, liveClusterIdsAfter, takeClusterChanges } from '../../catalog/index.js';
import { buildDocument, type LibraryPlace, type SearchDocument } from '../domain/document/build.js';
import type { RebuildProgress } from '../search-index.js';
import { clearTerms, countTerms, removeDocumentsIndexedBefore, writeDocuments } from './documents.store.js';
import type { NetworkPlacesCache } from './network-places.js';

const PAGE = 500;

export class Indexer {
  constructor(
    private readonly db: Db,
    private readonly places: NetworkPlacesCache,
    /** Told after a transaction of this indexer wrote documents (the search's cached answers are stale). */
    private readonly onWritten: () => void = () => undefined,
  ) {}

  /** Runs one writing transaction, then says so (also when it failed: some of it may be in). */
  private async writing<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } finally {
      this.onWritten();
    }
  }

  /** Where each library is, read before a transaction (the directory is read apart from the index's writes). */
  private async placeOf(): Promise<ReadonlyMap<number, LibraryPlace>> {
    return (await this.places.get()).libraries;
  }

  /** Rewrites the documents of these clusters inside `tx`. Returns how many are now in the index. */
  async refreshIn(tx: Queryable, ids: readonly number[], placeOf: ReadonlyMap<number, LibraryPlace>): Promise<number> {
    if (ids.length === 0) return 0;
    const clusters = await clustersForIndex(tx, ids);
    const thisYear = new Date().getUTCFullYear();
    const docs: SearchDocument[] = [];
    const gone: number[] = [];
    for (const c of clusters) {
      const doc = buildDocument(c, placeOf, thisYear);
      if (doc) docs.push(doc);
      else gone.push(c.clusterId);
    }
    await writeDocuments(tx, docs, gone);
    const terms = new Map<string, number>();
    for (const d of docs) for (const t of d.terms) terms.set(t, (terms.get(t) ?? 0) + 1);
    await countTerms(tx, terms);
    return docs.length;
  }

  async refresh(ids: readonly number[]): Promise<void> {
    const places = await this.placeOf();
    for (let i = 0; i < ids.length; i += PAGE) {
      const page = ids.slice(i, i + PAGE);
      await this.writing((tx) => this.refreshIn(tx, page, places));
    }
  }

  /** Indexes one page of noted changes; returns how many clusters it took (0: nothing waits). */
  async takePage(): Promise<number> {
    const places = await this.placeOf();
    let taken = 0;
    try {
      return await this.db.transaction(async (tx) => {
        const ids = await takeClusterChanges(tx, PAGE);
        taken = ids.length;
        await this.refreshIn(tx, ids, places);
        return ids.length;
      });
    } finally {
      // An idle tick wrote nothing: the cached answers stay good.
      if (taken > 0) this.onWritten();
    }
  }

  /** Indexes every noted change now. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (let n = await this.takePage(); n > 0; n = await this.takePage()) total += n;
    return total;
  }

  async rebuild(onProgress?: (p: RebuildProgress) => void): Promise<{ documents: number }> {
    const startedAt = new Date(Date.now() - 1000);
    const total = await liveClusterCount(this.db);
    this.places.clear();
    const places = await this.placeOf();
    await clearTerms(this.db);
    let done = 0;
    let documents = 0;
    for (let after = 0; ; ) {
      const ids = await liveClusterIdsAfter(this.db, after, PAGE);
      if (ids.length === 0) break;
      documents += await this.writing((tx) => this.refreshIn(tx, ids, places));
      after = ids[ids.length - 1]!;
      done += ids.length;
      onProgress?.({ done, total: Math.max(total, done) });
    }
    await this.writing((tx) => removeDocumentsIndexedBefore(tx, startedAt));
    return { documents };
  }
}

/**
 * The background loop of a server: every second (at once again while pages come full), the noted
 * changes go into the index. Errors are logged and retried on the next tick.
 */
export function startIndexing(indexer: Indexer, log: { error: (obj: object, msg: string) => void }, intervalMs = 1000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = (async () => {
      try {
        while (!stopped && (await indexer.takePage()) === PAGE) {
          /* a full page: more may wait */
        }
      } catch (err) {
        log.error({ err }, 'search indexing failed; retrying');
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    })();
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
