/**
 * The main thread's side of an import's reading thread (read-worker.ts): starts it on a file,
 * hands out its batches in order, and turns anything that goes wrong there (an exception, the
 * thread dying) into an error of the import, never a wait for ever. `close` ends the thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ItemProfile } from '../domain/holdings/index.js';
import type { Flavour, MarcFormat, Problem } from '../domain/marc/index.js';
import type { Prepared } from '../ingest/prepare.js';
import type { IngestCounts } from '../ingest/index.js';
import { readBatches, Uptake } from './read-batches.js';

export interface ReadRequest {
  path: string;
  format: 'auto' | MarcFormat;
  flavour: 'auto' | Flavour;
  localIdField: string;
  charset: string | null;
  itemProfile: ItemProfile;
  /** Records up to this position were committed by an earlier run: skipped. */
  resumeAfter: number;
  /** Records (and rejects of the reader) per batch. */
  chunk: number;
  /**
   * Each record's canonical JSON as UTF-8 bytes rather than text where read in-process (the
   * PostgreSQL server's driver sends them as they are; PGlite's would not, and a thread would
   * copy their shared block): `prepare`'s `asBytes`.
   */
  jsonBytes?: boolean;
}

/** A record the reader could not take, as the batch keeps it. */
export interface ReaderReject {
  position: number;
  offset: number;
  localId: string | null;
  problems: Problem[];
  raw: Uint8Array;
}

/** The records read since the last batch, prepared; `raws` only for records `prepared` rejected. */
export interface ReadBatch {
  kind: 'batch';
  prepared: Prepared[];
  positions: number[];
  offsets: number[];
  raws: (Uint8Array | null)[];
  readerRejects: ReaderReject[];
  /** Records read in this batch (rejects of the reader included) and the last of them. */
  read: number;
  last: { position: number; offset: number };
  /** Bytes of the file read so far, and its format (detected when asked for `auto`). */
  bytes: number;
  format: MarcFormat;
}

export type ReadReply = ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat } | { kind: 'failed'; message: string; stack?: string };

/** What an import reads its file through: batches in order, then `end`. */
export interface RecordReading {
  next(): Promise<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }>;
  /** What a batch's commit did (in-process, a file found mostly unchanged is left to the ingest to complete: `Uptake`). */
  committed(counts: Pick<IngestCounts, 'created' | 'updated' | 'unchanged'>): void;
  close(): Promise<void>;
}

/**
 * The file read in a thread of its own where the machine has cores to spare, else in-process
 * (`ANYLIB_IMPORT_READER=thread|in-process` decides otherwise). Measured on two cores shared with
 * the database (docs/import.md, session 6): the thread halves the main thread's CPU but adds
 * about half again to Node's total (hand-over, a second heap), which the two cores pay for.
 * Measured again in session 12, when Node's main thread had become the limit: the thread cut the
 * main thread's CPU at 1 M from ≈ 250 to 99 s, but Node's and the database's CPU in all rose by
 * ≈ 100 s (a floor of ≈ 277 s on two cores, above the in-process 260–268 s), and two imports'
 * threads took the peak RSS to 567–630 MB against the 500 MB asked: still in-process here.
 */
export function startReading(req: ReadRequest): RecordReading {
  const choice = process.env.ANYLIB_IMPORT_READER;
  const thread = choice === 'thread' || (choice !== 'in-process' && availableParallelism() > 2);
  return thread ? new ImportReading(req) : new InProcessReading(req);
}

/**
 * The same batches made on the calling thread: the next batch is read while the one before is
 * committed, and `IN_PROCESS_AHEAD` − 1 more (while the one before that finishes its commit).
 */
export class InProcessReading implements RecordReading {
  private readonly batches: AsyncGenerator<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }>;
  private readonly pending: Promise<IteratorResult<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }>>[] = [];
  private readonly uptake = new Uptake();
  constructor(req: ReadRequest) {
    this.batches = readBatches(req, true, this.uptake);
  }

  committed(counts: Pick<IngestCounts, 'created' | 'updated' | 'unchanged'>): void {
    this.uptake.committed(counts);
  }

  async next(): Promise<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }> {
    while (this.pending.length < IN_PROCESS_AHEAD) {
      const p = this.batches.next();
      // Read ahead: an error is the caller's once it asks for that batch.
      p.catch(() => undefined);
      this.pending.push(p);
    }
    const r = await this.pending.shift()!;
    return r.done ? { kind: 'end', bytes: 0, format: 'iso2709' } : r.value;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.pending.splice(0));
    await this.batches.return(undefined);
  }
}

/**
 * Batches asked of the in-process reader ahead of the one being committed (each a few MB): 1, or
 * `ANYLIB_IMPORT_AHEAD` (up to 4). Measured in session 9 on the shared machine, 2 left the event
 * loop no less idle than 1 once the reader gives the loop back between records, and took
 * ≈ 25 MB more RSS (docs/import.md).
 */
const IN_PROCESS_AHEAD = Math.min(4, Math.max(1, Number(process.env.ANYLIB_IMPORT_AHEAD) || 1));

/** Batches a reading thread sends ahead of the one being committed. */
const AHEAD = 2;
/** A thread left idle this long is ended (its memory given back); the next import starts another. */
const IDLE_MS = 30_000;

/**
 * Reading threads kept between imports, one per import running at once: a new thread costs its
 * code's loading and warming (≈ 0.3–0.5 s of CPU, more than reading a small library's file). An
 * idle thread does not keep the process alive (unref) and ends after IDLE_MS.
 */
interface Kept {
  worker: Worker;
  timer: NodeJS.Timeout;
  drop: () => void;
}
const idle: Kept[] = [];

function takeWorker(): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    kept.worker.off('exit', kept.drop).off('error', kept.drop);
    kept.worker.ref();
    return kept.worker;
  }
  return new Worker(readerFile(), { resourceLimits: READER_HEAP });
}

/**
 * The thread's heap: what it keeps is its code and tables and a few batches (a few tens of MB);
 * the rest is each record's garbage. Unbounded, two imports' threads took the 100 k bench's peak
 * RSS to 621 MB; with the old generation capped, 560 MB. A smaller young generation (16 MB) gave
 * 535 MB but cost more CPU in scavenges (docs/import.md, session 6).
 */
const READER_HEAP = { maxOldGenerationSizeMb: 160 };

function giveBack(worker: Worker): void {
  worker.unref();
  // A kept thread that dies (or errs) is simply dropped.
  const drop = (): void => {
    const i = idle.indexOf(entry);
    if (i >= 0) idle.splice(i, 1);
  };
  const entry: Kept = { worker, timer: setTimeout(() => void end(entry), IDLE_MS).unref(), drop };
  worker.on('exit', drop).on('error', drop);
  idle.push(entry);
}

async function end(entry: Kept): Promise<void> {
  const i = idle.indexOf(entry);
  if (i >= 0) idle.splice(i, 1);
  await entry.worker.terminate();
}

/** Ends the idle reading threads now (tests; a server shutting down need not: they do not hold it). */
export async function endIdleReaders(): Promise<void> {
  await Promise.all([...idle].map(end));
}

export class ImportReading implements RecordReading {
  private readonly worker: Worker;
  private readonly replies: ReadReply[] = [];
  private waiting: { resolve: (r: ReadReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  /** The thread sent its last word ('end' or 'failed'). */
  private finished = false;
  private ended = false;
  private closed = false;

  private readonly onMessage = (r: ReadReply): void => {
    if (r.kind === 'end') this.ended = true;
    if (r.kind === 'end' || r.kind === 'failed') this.finished = true;
    const w = this.waiting;
    this.waiting = null;
    if (w) w.resolve(r);
    else this.replies.push(r);
  };
  private readonly onError = (err: Error): void => this.fail(new Error(`reading ${this.req.path} failed in the import's reading thread: ${err.message}`));
  private readonly onExit = (code: number): void => {
    if (!this.finished && !this.closed) this.fail(new Error(`the import's reading thread stopped before the end of ${this.req.path} (exit code ${code})`));
  };

  constructor(private readonly req: ReadRequest) {
    this.worker = takeWorker();
    // Removed by name when done: removeAllListeners would take the Worker's own too (those ref its port), and messages would stop.
    this.worker.on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
    this.worker.postMessage({ op: 'start', req });
    for (let i = 0; i < AHEAD; i++) this.worker.postMessage({ op: 'more' });
  }

  /** The next batch, or `end` after the file's last record. Throws what went wrong in the thread. */
  async next(): Promise<ReadBatch | { kind: 'end'; bytes: number; format: MarcFormat }> {
    const r = this.replies.shift() ?? (await this.wait());
    if (r.kind === 'failed') throw new Error(`reading ${this.req.path} failed in the import's reading thread: ${r.message}`);
    if (r.kind === 'batch') this.worker.postMessage({ op: 'more' });
    return r;
  }

  /** The thread completes every record as read. */
  committed(): void {}

  /**
   * Done with the thread: kept for the next import when it read the whole file, else ended (it
   * may be in the middle of a file, or broken). Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
    if (this.ended && !this.failure) giveBack(this.worker);
    else await this.worker.terminate();
  }

  private wait(): Promise<ReadReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }
}

/** The compiled thread in dist/, or the TypeScript source when running under tsx or Vitest. */
function readerFile(): URL {
  const js = new URL('./read-worker.js', import.meta.url);
  return existsSync(fileURLToPath(js)) ? js : new URL('./read-worker-dev.mjs', import.meta.url);
}
