/**
 * SRU records as rendered for recent answers, kept by cluster, record schema and packing together
 * with the version of the cluster's search document they were rendered at (SearchHit.version).
 * Every answer names its hits' versions, read with the hits in the search's own statement; a kept
 * record is used only while the hit still carries that version. Every change to a cluster's records
 * or holdings sends it to the indexer, which writes its document again, a new version: so a kept
 * record is never older than the search answer it goes out with, on any node, and needs nothing
 * to expire it. Without it each page fetched ten union records (about 450 buffer blocks) and
 * rendered them again.
 */
import type { RecordSchemaName } from './params.js';
import { RecentlyUsed } from '../pg/result-cache.js';

export interface RenderedRecord {
  schemaUri: string;
  escaping: 'xml' | 'string';
  /** recordData's content in UTF-8, as it goes out (response-xml.ts copies it in). */
  data: Uint8Array;
}

/** A few kilobytes a MARCXML record: 5,000 of them are tens of megabytes at most. */
export const RENDERED_RECORDS = 5000;

export class RenderedRecords {
  private readonly kept: RecentlyUsed<string, { version: string; record: RenderedRecord }>;

  constructor(capacity = RENDERED_RECORDS) {
    this.kept = new RecentlyUsed(capacity);
  }

  get(clusterId: number, version: string, schema: RecordSchemaName, escaping: 'xml' | 'string'): RenderedRecord | undefined {
    const kept = this.kept.get(`${clusterId} ${schema} ${escaping}`);
    return kept !== undefined && kept.version === version ? kept.record : undefined;
  }

  set(clusterId: number, version: string, schema: RecordSchemaName, escaping: 'xml' | 'string', record: RenderedRecord): void {
    this.kept.set(`${clusterId} ${schema} ${escaping}`, { version, record });
  }
}
