import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Queryable } from '../../../platform/db/index.js';
import { isControlField, type Flavour, type MarcRecord, type Problem } from '../domain/marc/index.js';
import { NetworkErrors } from '../../network/index.js';
import { clustersAfter, clustersByIds, libraryIdOf, libraryRecordsAfter } from './export.store.js';
import { RecordEncoder, type ExportFormat, type OutgoingRecord } from './formats.js';
import { unionMarc } from './union.js';

export interface ExportOptions {
  format: ExportFormat;
  /** One library's records as it holds them; without it, the union records (one per cluster). */
  library?: string;
  /** Records per database query (default 500). */
  batchSize?: number;
}

export interface ExportReport {
  written: number;
  /** Records ISO 2709 cannot hold (a field over 9,999 bytes …), left out. */
  skipped: { id: string; problems: Problem[] }[];
}

/**
 * A library's records or the union records as a stream of batches, each one query: the caller
 * writes them out as they come and nothing holds the whole catalogue. Throws LIBRARY_NOT_FOUND
 * (before anything is written) for an unknown library.
 */
export async function exportBatches(db: Queryable, opts: Pick<ExportOptions, 'library' | 'batchSize'>): Promise<AsyncGenerator<OutgoingRecord[]>> {
  const size = opts.batchSize ?? 500;
  if (opts.library !== undefined) {
    const libraryId = await libraryIdOf(db, opts.library);
    if (libraryId === undefined) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: opts.library });
    return (async function* () {
      for (let after = 0; ; ) {
        const page = await libraryRecordsAfter(db, libraryId, after, size);
        if (page.length === 0) return;
        after = page[page.length - 1]!.id;
        yield page.map((r) => ({ record: r.record, flavour: r.flavour }));
      }
    })();
  }
  return (async function* () {
    for (let after = 0; ; ) {
      const page = await clustersAfter(db, after, size);
      if (page.length === 0) return;
      after = page[page.length - 1]!.id;
      yield page.map((c) => ({ record: unionMarc(c.id, c.record, c.holders), flavour: c.flavour }));
    }
  })();
}

/** A union record as it goes out (SRU, OAI-PMH, OpenURL): 001 the cluster id, 035 member ids, 852 per holding library. */
export interface UnionRecord {
  clusterId: number;
  record: MarcRecord;
  flavour: Flavour;
  /** Symbols of the libraries holding it. */
  libraries: string[];
}

/** The union records of these clusters, in the order asked; missing or merged clusters are left out. */
export async function unionRecords(db: Queryable, clusterIds: readonly number[]): Promise<UnionRecord[]> {
  const clusters = await clustersByIds(db, clusterIds);
  return clusters.map((c) => ({
    clusterId: c.id,
    record: unionMarc(c.id, c.record, c.holders),
    flavour: c.flavour,
    libraries: [...new Set(c.holders.map((h) => h.library))],
  }));
}

/** Writes the export to `out` (a file, stdout, an HTTP response), waiting when it is full, and ends it. */
export async function exportRecords(db: Queryable, out: Writable, opts: ExportOptions): Promise<ExportReport> {
  return writeExport(await exportBatches(db, opts), out, opts.format);
}

/** Writes batches of records to `out` in a format, waiting when it is full, and ends it. */
export async function writeExport(batches: AsyncIterable<OutgoingRecord[]>, out: Writable, format: ExportFormat): Promise<ExportReport> {
  const encoder = new RecordEncoder(format);
  const send = async (b: Buffer) => {
    if (out.destroyed) throw new Error('the export’s reader went away');
    // Wait for room, or for the end of a reader that went away (a closed request never drains).
    if (b.length > 0 && !out.write(b)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  };
  await send(encoder.start());
  for await (const batch of batches) await send(encoder.add(batch));
  await send(encoder.end());
  out.end();
  return {
    written: encoder.written,
    skipped: encoder.skipped.map((s) => ({ id: controlNumber(s.record), problems: s.problems })),
  };
}

const controlNumber = (r: MarcRecord): string => {
  const f = r.fields.find((x) => x.tag === '001');
  return f && isControlField(f) ? f.value : '';
};
