/**
 * An import's file read in batches of prepared records (`prepare` and `complete`: everything Node does
 * to a record that needs no database), with the reader's rejects and where each record is in the file.
 * Run in the import's reading thread (read-worker.ts) or in-process (reading.ts decides).
 */
import { createReadStream } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import { readMarc, type MarcFormat } from '../domain/marc/index.js';
import type { IngestCounts } from '../ingest/index.js';
import { clusteringLockHeld } from '../ingest/lock-held.js';
import { complete, prepare } from '../ingest/prepare.js';
import { importDecoder } from './decoder.js';
import type { ReadBatch, ReadRequest, ReaderReject } from './reading.js';

/**
 * `inProcess`: the batches are used on this thread, not sent from a reading thread. Then each
 * record's normalised object goes with its JSON text (the plan needs the object, which would
 * otherwise be parsed again from the text; a thread sends the text alone: an object tree costs
 * more to clone than the text to parse), and a re-sent file's unchanged records are not
 * normalised once `uptake` says so (see `Uptake`).
 */
export async function* readBatches(req: ReadRequest, inProcess = false, uptake?: Uptake): AsyncGenerator<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }> {
  let bytes = 0;
  let format: MarcFormat = req.format === 'auto' ? 'iso2709' : req.format;
  const stream = createReadStream(req.path, { highWaterMark: 1 << 20 });
  const counted: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of stream) {
        bytes += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    },
  };
  let batch = emptyBatch();
  // Completed as read (normalised while the batches before are being committed) until a
  // committed batch shows that most records are unchanged.
  let defer = false;
  let sinceTurn = 0;
  const asBytes = inProcess && req.jsonBytes === true;
  try {
    for await (const r of readMarc(counted, {
      format: req.format, flavour: req.flavour, localIdTag: req.localIdField.slice(0, 3), decode: importDecoder(req.charset),
      onFormat: (f) => (format = f),
    })) {
      if (r.position <= req.resumeAfter) continue;
      batch.read++;
      batch.last = { position: r.position, offset: r.offset };
      if (r.ok) {
        let p = prepare({ record: r.record, flavour: r.flavour, sourceFormat: format, position: r.position }, batch.prepared.length, req.localIdField, asBytes);
        if (p.kind === 'record') {
          if (!defer) p = complete(p, req.itemProfile, inProcess);
        }
        batch.prepared.push(p);
        batch.positions.push(r.position);
        batch.offsets.push(r.offset);
        // A copy of its own: a view would clone the reader's whole buffer with it. A record left
        // to the ingest to complete may still be rejected there (no title): its bytes are kept too.
        batch.raws.push(p.kind === 'reject' || (defer && p.kind === 'record') ? new Uint8Array(r.raw) : null);
      } else {
        batch.readerRejects.push({ position: r.position, offset: r.offset, localId: r.localId ?? null, problems: r.problems, raw: new Uint8Array(r.raw) });
      }
      // In-process, the statements of the batches being committed are answered between records
      // (a stream chunk holds some 400: read at once, they kept the event loop for ≈ 70 ms while
      // the database waited for the next statement); between every two while a batch of this
      // process holds the clustering lock, which another import's batch may be waiting for.
      if (inProcess && ++sinceTurn >= (clusteringLockHeld() ? LOCKED_SLICE : SLICE)) {
        sinceTurn = 0;
        await turn();
      }
      if (batch.prepared.length + batch.readerRejects.length >= req.chunk) {
        yield { ...batch, kind: 'batch', bytes, format };
        batch = emptyBatch();
        if (uptake) defer = uptake.mostlyUnchanged;
      }
    }
    if (batch.prepared.length + batch.readerRejects.length > 0) yield { ...batch, kind: 'batch', bytes, format };
    yield { kind: 'end', bytes, format };
  } finally {
    stream.destroy();
  }
}

/** Records read between two turns of the event loop (≈ 3 ms of work), and while the clustering lock is held here. */
const SLICE = 16;
const LOCKED_SLICE = 2;

function emptyBatch(): Omit<ReadBatch, 'kind' | 'bytes' | 'format'> {
  return { prepared: [], positions: [], offsets: [], raws: [], readerRejects: [] as ReaderReject[], read: 0, last: { position: 0, offset: 0 } };
}


/**
 * What the import's last committed batch says of the file: a re-sent catalogue is mostly
 * unchanged (same content hash, found by the identity lookup the ingest makes anyway), and its
 * records are then left to the ingest to complete (`complete`, for the new and changed ones only)
 * instead of all being normalised as read. On a 30 k-record file sent again this was about half
 * of Node's work (docs/import.md, session 7). Told by the importer after each commit (it was
 * counted before by an accessor on every prepared record, which made each one a slow
 * dictionary-mode object).
 */
export class Uptake {
  mostlyUnchanged = false;

  committed(counts: Pick<IngestCounts, 'created' | 'updated' | 'unchanged'>): void {
    const records = counts.created + counts.updated + counts.unchanged;
    if (records > 0) this.mostlyUnchanged = counts.unchanged * 2 > records;
  }
}
