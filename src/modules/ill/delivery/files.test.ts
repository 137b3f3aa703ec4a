import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copiesDir, receiveScan } from './files.js';

describe('receiving a scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'anylib-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

  it('takes a PDF whose signature arrives split over chunks, and hashes it', async () => {
    const got = await receiveScan(dir, chunks('%P', 'D', 'F-1.7\n', 'body\n%%EOF\n'), 1000);
    const content = '%PDF-1.7\nbody\n%%EOF\n';
    expect(got).toMatchObject({ size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
    expect(readFileSync(path.join(copiesDir(dir), got.fileName), 'utf8')).toBe(content);
  });

  it('refuses what is not a PDF, what is empty, too short or too large, and leaves nothing behind', async () => {
    await expect(receiveScan(dir, chunks('%PS-Adobe'), 1000)).rejects.toMatchObject({ code: 'ILL_COPY_NOT_PDF' });
    await expect(receiveScan(dir, chunks('%P'), 1000)).rejects.toMatchObject({ code: 'ILL_COPY_NOT_PDF' });
    await expect(receiveScan(dir, chunks(), 1000)).rejects.toMatchObject({ code: 'ILL_COPY_EMPTY' });
    await expect(receiveScan(dir, chunks('%PDF-', 'x'.repeat(600), 'y'.repeat(600)), 1000)).rejects.toMatchObject({ code: 'ILL_COPY_TOO_LARGE' });
    expect(readdirSync(copiesDir(dir))).toEqual([]);
  });
});
