/**
 * Copyright at the borrowing library: a copy request is checked against the library's rules
 * before any lender sees it. Within the limits it is counted in the ledger and goes on; over a
 * limit it waits in `copyright-clearance` until staff approve it (with the reason, counted as
 * cleared) or refuse it (the request is cancelled, the reader told).
 */
import type { Db } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/access.js';
import { hasPermission } from '../../../platform/http/authorize.js';
import type { Locale } from '../../../platform/i18n.js';
import { recordAudit } from '../../identity/index.js';
import { IllErrors } from '../errors.js';
import { illStore, type RequestRow } from '../ill.store.js';
import { clock, requestIn, stepRequest, type StepContext } from '../steps.js';
import { copyrightStore } from './copyright.store.js';
import { CopyrightErrors } from './errors.js';
import { calendarYear, checkCopyright, titleKey, type ClearanceReason, type CopySource } from './rules.js';

/** Serials in the catalogue: a cluster's year is the journal's first, not the issue's. */
const serialTypes = new Set(['serial', 'newspaper']);

/**
 * What the rules read of a request. The year is the citation's, except for a journal
 * chosen from the catalogue, whose year is when the journal began: unknown then, and counted.
 */
const sourceOf = (r: RequestRow): CopySource => ({
  title: r.citation.title,
  issn: r.citation.issn,
  publicationYear: r.citation.clusterId !== null && serialTypes.has(r.citation.materialType) ? null : r.citation.year,
});

/**
 * Checks a copy request that has just been validated. Answers 'held' when it now waits for
 * clearance; 'go' when sourcing may start (within every rule, counted in the ledger, or no copy).
 */
export async function checkCopyOnPlacement(c: StepContext, requestId: number): Promise<'go' | 'held'> {
  const r = (await requestIn(c, requestId))!;
  if (r.citation.service !== 'copy') return 'go';
  await copyrightStore.lockLibrary(c.tx, r.borrowingLibraryId);
  const source = sourceOf(r);
  const key = titleKey(source);
  const now = c.now();
  const rules = await copyrightStore.rulesFor(c.tx, r.borrowingLibraryId);
  const verdict = checkCopyright(source, rules, await copyrightStore.ledgerCopies(c.tx, r.borrowingLibraryId, calendarYear(now), key), now);
  if (verdict.within) {
    await copyrightStore.count(c.tx, ledgerEntry(r, verdict.titleKey, verdict.countedYear, 'within-limit'));
    return 'go';
  }
  await copyrightStore.insertHold(c.tx, requestId, verdict.findings);
  await stepRequest(c, requestId, { kind: 'action', action: 'hold-for-copyright', actor: 'system' }, { findings: verdict.findings.filter((f) => f.over) });
  return 'held';
}

function ledgerEntry(r: RequestRow, key: string, countedYear: number, basis: 'within-limit' | 'cleared') {
  return {
    requestId: r.id, libraryId: r.borrowingLibraryId, titleKey: key, journal: r.citation.title, issn: r.citation.issn, publicationYear: r.citation.year, countedYear, basis,
  };
}

/** After validation (and clearance): the rota's first lender, or the end of the rota. */
export async function startSourcing(c: StepContext, requestId: number): Promise<void> {
  const system = (action: string) => stepRequest(c, requestId, { kind: 'action', action, actor: 'system' });
  await system('start-sourcing');
  const r = (await illStore.request(c.tx, requestId))!;
  await system(r.rota.ranked.length ? 'send-to-lender' : 'rota-exhausted');
}

export interface ClearanceDecision {
  decision: 'approve' | 'refuse';
  reason: ClearanceReason;
  note?: string;
}

/**
 * Staff of the borrowing library decide on a request waiting for clearance. Approved: counted in
 * the ledger as cleared with the reason, then sent to the rota's first lender. Refused: cancelled,
 * the reader told. Both recorded on the hold, in the request's history and in the audit log.
 */
export async function decideClearance(db: Db, principal: Principal, requestId: number, d: ClearanceDecision, locale: Locale): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await illStore.request(tx, requestId, true);
    if (!r || !(r.readerId === principal.userId || hasPermission(principal, 'borrowing', { library: r.borrowingLibrary }))) throw IllErrors.ILL_REQUEST_NOT_FOUND({ id: requestId });
    if (!hasPermission(principal, 'borrowing', { library: r.borrowingLibrary })) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: r.borrowingLibrary, permission: 'borrowing' });
    if (r.state !== 'copyright-clearance') throw CopyrightErrors.ILL_COPYRIGHT_NOT_WAITING({ id: requestId, state: r.state });
    const c: StepContext = { tx, now: clock, user: principal.userId, locale };
    const params = { reason: d.reason, ...(d.note ? { note: d.note } : {}) };
    const userId = principal.via === 'local' ? null : principal.userId;
    // The hold is decided before the step: a refusal cancels the request, and a cancelled request's waiting hold counts as withdrawn.
    await copyrightStore.decideHold(tx, requestId, { status: d.decision === 'approve' ? 'approved' : 'refused', reason: d.reason, note: d.note ?? null, by: userId });
    if (d.decision === 'approve') {
      await stepRequest(c, requestId, { kind: 'action', action: 'clear-copyright', actor: 'staff' }, params);
      await copyrightStore.lockLibrary(tx, r.borrowingLibraryId);
      const year = calendarYear(c.now());
      await copyrightStore.count(tx, { ...ledgerEntry(r, titleKey(sourceOf(r)), year, 'cleared'), reason: d.reason, ...(d.note ? { note: d.note } : {}), decidedBy: userId });
      await startSourcing(c, requestId);
    } else {
      await stepRequest(c, requestId, { kind: 'action', action: 'refuse-copyright', actor: 'staff' }, params);
    }
    await recordAudit(tx, {
      actor: principal, action: `ill.copyright.${d.decision}`, target: `ill-request:${requestId}`, library: r.borrowingLibrary, details: { reason: d.reason, note: d.note ?? null },
    });
  });
}
