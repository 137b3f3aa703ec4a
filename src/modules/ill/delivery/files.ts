/**
 * Scans on disk: a lender's upload is streamed to `<data dir>/ill-copies/` as it comes (never
 * held whole in memory), checked to begin with the PDF signature `%PDF-`, bounded in size and
 * hashed on the way. A failed upload leaves nothing behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeliveryErrors } from './errors.js';

const PDF_MAGIC = Buffer.from('%PDF-');

export const copiesDir = (dataDir: string): string => path.join(dataDir, 'ill-copies');
export const copyPath = (dataDir: string, fileName: string): string => path.join(copiesDir(dataDir), fileName);

export interface ReceivedScan {
  fileName: string;
  size: number;
  sha256: string;
}

/** Streams a scan to its final name in the copies folder; throws (and removes what was written) on a non-PDF, an empty or too large file, or a broken stream. */
export async function receiveScan(dataDir: string, body: Readable, maxBytes: number): Promise<ReceivedScan> {
  mkdirSync(copiesDir(dataDir), { recursive: true });
  const fileName = `${randomUUID()}.pdf`;
  const file = copyPath(dataDir, fileName);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(DeliveryErrors.ILL_COPY_TOO_LARGE({ limit: Math.floor(maxBytes / 1024 / 1024) }));
      // The signature may arrive split over the first chunks.
      if (head.length < PDF_MAGIC.length) {
        head = Buffer.concat([head, chunk.subarray(0, PDF_MAGIC.length - head.length)]);
        if (!PDF_MAGIC.subarray(0, head.length).equals(head)) return done(DeliveryErrors.ILL_COPY_NOT_PDF());
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    await pipeline(body, check, out);
    if (size === 0) throw DeliveryErrors.ILL_COPY_EMPTY();
    if (head.length < PDF_MAGIC.length) throw DeliveryErrors.ILL_COPY_NOT_PDF();
  } catch (err) {
    // The file is opened asynchronously: remove it only once the stream is closed, or a late open makes it again.
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    rmSync(file, { force: true });
    throw err;
  }
  return { fileName, size, sha256: hash.digest('hex') };
}

export function removeScan(dataDir: string, fileName: string): void {
  rmSync(copyPath(dataDir, fileName), { force: true });
}
