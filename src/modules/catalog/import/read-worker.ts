/**
 * An import's reading thread: reads the file (ISO 2709, MARCXML or MARC-in-JSON) and does all of
 * Node's work on each record that needs no database — canonical JSON, content hash, local id,
 * normalisation, match keys, ranks, the cluster summary, holdings (`prepare`, `complete`) — so that the
 * import's main thread only runs the batches' statements and their clustering (docs/import.md,
 * session 6). What crosses to the main thread is texts and flat values, never the parsed record:
 * structured cloning of object trees would cost what the thread saves.
 *
 * A batch is made when asked for (`more`), at most two ahead, so a fast reader cannot fill the
 * memory while the database is slow.
 */
import { parentPort } from 'node:worker_threads';
import { readBatches } from './read-batches.js';
import type { ReadReply, ReadRequest } from './reading.js';

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
  for await (const reply of readBatches(req)) await send(reply);
}
