/**
 * An import's file read in batches of prepared records (`prepareFully`: everything Node does to a
 * record that needs no database), with the reader's rejects and where each record is in the file.
 * Run in the import's reading thread (read-worker.ts) or in-process (reading.ts decides).
 */
import { createReadStream } from 'node:fs';
import { readMarc, type MarcFormat } from '../domain/marc/index.js';
import { prepareFully } from '../ingest/prepare.js';
import { importDecoder } from './decoder.js';
import type { ReadBatch, ReadRequest, ReaderReject } from './reading.js';

export async function* readBatches(req: ReadRequest): AsyncGenerator<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }> {
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
  try {
    for await (const r of readMarc(counted, {
      format: req.format, flavour: req.flavour, localIdTag: req.localIdField.slice(0, 3), decode: importDecoder(req.charset),
      onFormat: (f) => (format = f),
    })) {
      if (r.position <= req.resumeAfter) continue;
      batch.read++;
      batch.last = { position: r.position, offset: r.offset };
      if (r.ok) {
        const p = prepareFully({ record: r.record, flavour: r.flavour, sourceFormat: format, position: r.position }, batch.prepared.length, req.localIdField, req.itemProfile);
        batch.prepared.push(p);
        batch.positions.push(r.position);
        batch.offsets.push(r.offset);
        // A copy of its own: a view would clone the reader's whole buffer with it.
        batch.raws.push(p.kind === 'reject' ? new Uint8Array(r.raw) : null);
      } else {
        batch.readerRejects.push({ position: r.position, offset: r.offset, localId: r.localId ?? null, problems: r.problems, raw: new Uint8Array(r.raw) });
      }
      if (batch.prepared.length + batch.readerRejects.length >= req.chunk) {
        yield { ...batch, kind: 'batch', bytes, format };
        batch = emptyBatch();
      }
    }
    if (batch.prepared.length + batch.readerRejects.length > 0) yield { ...batch, kind: 'batch', bytes, format };
    yield { kind: 'end', bytes, format };
  } finally {
    stream.destroy();
  }
}

function emptyBatch(): Omit<ReadBatch, 'kind' | 'bytes' | 'format'> {
  return { prepared: [], positions: [], offsets: [], raws: [], readerRejects: [] as ReaderReject[], read: 0, last: { position: 0, offset: 0 } };
}

