/**
 * Document delivery: the lending library uploads the scan of a copy request (before it delivers
 * the copy: the supplier machine's `copy-uploaded` guard), the borrowing side hands it to the
 * reader as a link that expires and allows a number of downloads, and spent files are deleted.
 * Every download is in the audit log.
 */
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Config } from '../../../platform/config.js';
import type { Db, Queryable } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/access.js';
import { hasPermission } from '../../../platform/http/authorize.js';
import { recordAudit } from '../../identity/index.js';
import { IllErrors } from '../errors.js';
import { illStore } from '../ill.store.js';
import { clock } from '../steps.js';
import { deliveryStore, type CopyRow } from './delivery.store.js';
import { DeliveryErrors } from './errors.js';
import { copyPath, receiveScan, removeScan } from './files.js';
import { copyLink, verifyCopyToken } from './link.js';

/** Lending states in which a copy request takes its scan: accepted, not yet delivered. */
const takesScan = new Set(['awaiting-pull-slip', 'awaiting-picking', 'awaiting-shipping']);

/**
 * Receives the scan of lending request `supplyId` from its library's staff. The file is streamed
 * to disk first; then, in one transaction, a scan uploaded before is replaced, the new one
 * recorded, and the lending side marked `copyUploaded` with a step in its history.
 */
export async function uploadScan(
  db: Db, config: Config, principal: Principal, supplyId: number, file: Readable, originalName: string | undefined,
): Promise<{ copyId: number; size: number; sha256: string }> {
  const peek = await illStore.supply(db, supplyId);
  if (!peek) throw IllErrors.ILL_SUPPLY_NOT_FOUND({ id: supplyId });
  if (!hasPermission(principal, 'lending', { library: peek.lendingLibrary })) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: peek.lendingLibrary, permission: 'lending' });
  const expected = (s: typeof peek) => takesScan.has(s.state) && (s.context.service === 'copy' || s.context.service === 'either');
  const refuse = (s: typeof peek) => DeliveryErrors.ILL_COPY_NOT_EXPECTED({ id: supplyId, service: s.context.service, state: s.state });
  // Refused before a byte is read (the route drains the file): a loan, or a request past the point of a scan.
  if (!expected(peek)) throw refuse(peek);
  const scan = await receiveScan(config.dataDir, file, config.copies.maxBytes);
  let replaced: CopyRow | undefined;
  try {
    const copyId = await db.transaction(async (tx) => {
      await illStore.request(tx, peek.requestId, true); // the borrower's row first, as every step locks them
      const s = (await illStore.supply(tx, supplyId, true))!;
      if (!expected(s)) throw refuse(s);
      replaced = await deliveryStore.liveCopy(tx, s.requestId);
      if (replaced) await deliveryStore.markDeleted(tx, replaced.id, 'replaced');
      const id = await deliveryStore.insertCopy(tx, {
        requestId: s.requestId, supplyId, fileName: scan.fileName, originalName: originalName?.slice(0, 255) ?? null, sizeBytes: scan.size, sha256: scan.sha256,
        uploadedBy: principal.via === 'local' ? null : principal.userId, linkNonce: randomBytes(12).toString('base64url'),
        linkDays: config.copies.linkDays, maxDownloads: config.copies.downloads,
      });
      if (!(await illStore.saveSupply(tx, { ...s, context: { ...s.context, copyUploaded: true } }))) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: supplyId });
      await illStore.insertEvent(tx, {
        requestId: s.requestId, supplyId, side: 'lending', fromState: s.state, toState: s.state, event: 'upload-copy', actor: 'staff',
        actorUser: principal.via === 'local' ? null : principal.userId, at: clock(), details: { copy: id, size: scan.size, sha256: scan.sha256, ...(replaced ? { replaces: replaced.id } : {}) },
      });
      return id;
    });
    if (replaced) removeScan(config.dataDir, replaced.fileName);
    return { copyId, size: scan.size, sha256: scan.sha256 };
  } catch (err) {
    removeScan(config.dataDir, scan.fileName);
    throw err;
  }
}

/** Whether the principal is the reader of the copy's request or staff of its borrowing library. */
const mayOpen = (p: Principal | undefined, c: CopyRow) => !!p && (c.readerId === p.userId || hasPermission(p, 'borrowing', { library: c.borrowingLibrary }));

export interface CopyForReader {
  copyId: number;
  downloadUrl: string | null;
  deliveredAt: string | null;
  expiresAt: string | null;
  downloadsLeft: number;
  maxDownloads: number;
  deleted: boolean;
}

/** What the reader's request page shows of the copy: the link while it works. */
export async function copyForReader(db: Db, config: Config, principal: Principal, requestId: number): Promise<CopyForReader> {
  const r = await illStore.request(db, requestId);
  if (!r || !(r.readerId === principal.userId || hasPermission(principal, 'borrowing', { library: r.borrowingLibrary }))) throw IllErrors.ILL_REQUEST_NOT_FOUND({ id: requestId });
  const c = await deliveryStore.latestCopy(db, requestId);
  if (!c?.deliveredAt) throw DeliveryErrors.ILL_COPY_NOT_FOUND({ id: requestId });
  const usable = c.deletedAt === null && c.downloads < c.maxDownloads && Date.parse(c.expiresAt!) > Date.now();
  return {
    copyId: c.id, downloadUrl: usable ? copyLink(config.baseUrl, c.id, c.linkNonce, config.secret) : null, deliveredAt: c.deliveredAt, expiresAt: c.expiresAt,
    downloadsLeft: usable ? c.maxDownloads - c.downloads : 0, maxDownloads: c.maxDownloads, deleted: c.deletedAt !== null,
  };
}

/**
 * Opens a delivered copy for download, by its signed link or for its signed-in reader (or the
 * borrowing library's staff). The download is counted and audited in one transaction; the last
 * allowed download deletes the file (the open handle still reads it to the end).
 */
export async function openDownload(
  db: Db, config: Config, copyId: number, who: { principal: Principal | undefined; token: string | undefined; ip: string; requestId: string },
): Promise<{ stream: Readable; size: number; requestId: number }> {
  const c = await deliveryStore.copy(db, copyId);
  const byLink = !!c && who.token !== undefined && verifyCopyToken(who.token, c.id, c.linkNonce, config.secret);
  if (!c || !c.deliveredAt || !(byLink || mayOpen(who.principal, c))) throw DeliveryErrors.ILL_COPY_NOT_FOUND({ id: copyId });
  const now = new Date().toISOString();
  if (c.deletedAt || Date.parse(c.expiresAt!) <= Date.parse(now) || c.downloads >= c.maxDownloads) {
    await sweepCopies(db, config.dataDir, now);
    throw DeliveryErrors.ILL_COPY_GONE();
  }
  const handle = await open(copyPath(config.dataDir, c.fileName), 'r').catch(() => undefined);
  if (!handle) throw DeliveryErrors.ILL_COPY_GONE();
  let last = false;
  try {
    await db.transaction(async (tx) => {
      const n = await deliveryStore.countDownload(tx, c.id, now);
      if (n === undefined) throw DeliveryErrors.ILL_COPY_GONE();
      last = n >= c.maxDownloads;
      if (last) await deliveryStore.markDeleted(tx, c.id, 'downloads-used');
      await recordAudit(tx, {
        actor: byLink ? undefined : who.principal, actorName: byLink ? 'download link' : undefined, action: 'ill.copy.download', target: `ill-copy:${c.id}`,
        library: c.borrowingLibrary, details: { request: c.requestId, download: n, of: c.maxDownloads, via: byLink ? 'link' : 'account' }, ip: who.ip, requestId: who.requestId,
      });
    });
  } catch (err) {
    await handle.close();
    throw err;
  }
  if (last) removeScan(config.dataDir, c.fileName);
  return { stream: handle.createReadStream(), size: c.sizeBytes, requestId: c.requestId };
}

/** The copy of a request handed to the reader now (the borrowing side's `deliver-copy` effect). */
export async function deliverToReader(tx: Queryable, requestId: number, at: string): Promise<CopyRow | undefined> {
  return deliveryStore.deliver(tx, requestId, at);
}

/** Deletes the files of copies whose link expired, whose downloads are used up, or whose request ended undelivered (the background round runs it). Answers how many. */
export async function sweepCopies(db: Db, dataDir: string, now = new Date().toISOString()): Promise<number> {
  let removed = 0;
  for (;;) {
    const spent = await deliveryStore.spent(db, now, 100);
    for (const s of spent) {
      await deliveryStore.markDeleted(db, s.id, s.why);
      removeScan(dataDir, s.fileName);
    }
    removed += spent.length;
    if (spent.length < 100) return removed;
  }
}
