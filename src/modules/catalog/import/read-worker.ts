/**
 * An import's reading thread: reads the file (ISO 2709, MARCXML or MARC-in-JSON) and does all of
 * Node's work on each record that needs no database — canonical JSON, content hash, local id,
 * normalisation, match keys, ranks, the cluster summary, holdings (`prepareFully`) — so that the
 * import's main thread only runs the batches' statements and their clustering (docs/import.md,
 * session 6). What crosses to the main thread is texts and flat values, never the parsed record:
 * structured cloning of object trees would cost what the thread saves.
 *
 * A batch is made when asked for (`more`), at most two ahead, so a fast reader cannot fill the
 * memory while the database is slow.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { readMarc, type MarcFormat } from '../domain/marc/index.js';
import { prepareFully } from '../ingest/prepare.js';
import { importDecoder } from './decoder.js';
import type { ReadBatch, ReadReply, ReadRequest, ReaderReject } from './reading.js';

const port = parentPort!;

/**
 * The thread is kept between imports (reading.ts): loading and warming its code (the readers,
 * normalisation, the Chinese folding tables) took longer than reading a library's few thousand
 * records. It reads one file at a time: `start`, then a batch per `more`.
 */
let credit = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { op: 'start'; req: ReadRequest } | { op: 'more' }) => {
  if (m.op === 'start') {
    credit = 0;
    read(m.req).catch((err: unknown) => {
      // Reported to the import as its error (not a hang): the import fails and its job is retried.
      port.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined } satisfies ReadReply);
    });
    return;
  }
  credit++;
  const w = wake;
  wake = null;
  w?.();
});

const send = async (reply: ReadReply): Promise<void> => {
  while (credit === 0) await new Promise<void>((res) => (wake = res));
  credit--;
  port.postMessage(reply);
};

async function read(req: ReadRequest): Promise<void> {
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
        await send({ ...batch, kind: 'batch', bytes, format });
        batch = emptyBatch();
      }
    }
    if (batch.prepared.length + batch.readerRejects.length > 0) await send({ ...batch, kind: 'batch', bytes, format });
    await send({ kind: 'end', bytes, format });
  } finally {
    stream.destroy();
  }
}

function emptyBatch(): Omit<ReadBatch, 'kind' | 'bytes' | 'format'> {
  return { prepared: [], positions: [], offsets: [], raws: [], readerRejects: [] as ReaderReject[], read: 0, last: { position: 0, offset: 0 } };
}

