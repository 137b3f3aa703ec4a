/**
 * Imports as members start them: a file stored under the data directory (an upload) or given by
 * path (the CLI on this machine), a batch row, and the `catalog.import` job that reads it.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../../platform/db/index.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import { NetworkErrors } from '../../network/index.js';
import type { Flavour, MarcFormat } from '../domain/marc/index.js';
import { CatalogErrors } from '../errors.js';
import { libraryProfile } from '../ingest/index.js';
import { importKind, type ImportPayload } from './import.job.js';
import { importStore, type BatchKind } from './import.store.js';

/** An upload may be this large (several GB files are normal for a member's whole catalogue). */
export const uploadLimitBytes = 20 * 1024 ** 3;

export interface StartImport {
  library: string;
  format: 'auto' | MarcFormat;
  flavour: 'auto' | Flavour;
  userId?: number | null;
}

const extensionOf = (format: StartImport['format']): string => ({ auto: 'dat', iso2709: 'mrc', marcxml: 'xml', marcjson: 'json' })[format];

/** Where uploads are kept until their import is done. */
export const uploadsDir = (dataDir: string): string => path.join(dataDir, 'uploads');

/**
 * Streams an upload to `<data dir>/uploads/<batch>.<ext>` (never held whole in memory), then
 * queues its import. Answers the batch and the job.
 */
export async function startUpload(db: Db, jobs: JobQueue, dataDir: string, body: Readable, s: StartImport & { source: string }): Promise<{ batchId: number; jobId: number }> {
  const profile = await libraryProfile(db, s.library);
  if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: s.library });
  return startReceived(db, jobs, dataDir, await receiveUpload(dataDir, body), s);
}

/**
 * Streams a file as it comes to a temporary name under `<data dir>/uploads/` with the size limit.
 * Nothing stays behind when the stream fails (an aborted upload) or is empty. Answers the path.
 */
export async function receiveUpload(dataDir: string, body: Readable): Promise<string> {
  mkdirSync(uploadsDir(dataDir), { recursive: true });
  const file = path.join(uploadsDir(dataDir), `.incoming-${randomUUID()}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > uploadLimitBytes) done(CatalogErrors.UPLOAD_TOO_LARGE({ limit: '20 GB' }));
      else done(null, chunk);
    },
  });
  const out = createWriteStream(file);
  try {
    await pipeline(body, limit, out);
    if (size === 0) throw CatalogErrors.UPLOAD_EMPTY();
  } catch (err) {
    // The file is opened asynchronously: remove it only once the stream is closed, or a late open makes it again.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    rmSync(file, { force: true });
    throw err;
  }
  return file;
}

/**
 * Makes the batch of a file received whole (by `receiveUpload`), moves the file to
 * `<batch>.<ext>` and queues its import. The batch exists only once the whole file is on disk,
 * so an aborted upload leaves no batch behind.
 */
export async function startReceived(db: Db, jobs: JobQueue, dataDir: string, received: string, s: StartImport & { source: string }): Promise<{ batchId: number; jobId: number }> {
  try {
    const profile = await libraryProfile(db, s.library);
    if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: s.library });
    const batchId = await importStore.create(db, { libraryId: profile.libraryId, kind: 'upload', source: s.source, format: s.format, flavour: s.flavour, startedBy: s.userId });
    const file = path.join(uploadsDir(dataDir), `${batchId}.${extensionOf(s.format)}`);
    renameSync(received, file);
    const jobId = await queueImport(db, jobs, batchId, file, profile.libraryId, s, true);
    return { batchId, jobId };
  } finally {
    rmSync(received, { force: true });
  }
}

/** A batch for a file already on this machine (the CLI working on the database), and its job. */
export async function startFileImport(db: Db, jobs: JobQueue, file: string, s: StartImport, kind: BatchKind = 'file'): Promise<{ batchId: number; jobId: number }> {
  const profile = await libraryProfile(db, s.library);
  if (!profile) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol: s.library });
  const batchId = await importStore.create(db, { libraryId: profile.libraryId, kind, source: path.basename(file), format: s.format, flavour: s.flavour, startedBy: s.userId });
  const jobId = await queueImport(db, jobs, batchId, path.resolve(file), profile.libraryId, s);
  return { batchId, jobId };
}

async function queueImport(db: Db, jobs: JobQueue, batchId: number, file: string, libraryId: number, s: StartImport, removeWhenDone = false): Promise<number> {
  const payload: ImportPayload = { batchId, path: file, library: s.library, format: s.format, flavour: s.flavour, removeWhenDone };
  const job = await jobs.enqueue({ kind: importKind, payload, libraryId, createdBy: s.userId ?? undefined, maxAttempts: 5 });
  await importStore.setJob(db, batchId, job.id);
  return job.id;
}
