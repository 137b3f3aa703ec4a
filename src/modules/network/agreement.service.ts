import { isSqlState, SqlState, type Db, type Queryable } from '../../platform/db/index.js';
import { recordNetworkAudit } from './audit.js';
import { agreementStore, type AgreementFilter } from './agreement.store.js';
import { canonicalAgreement } from './domain/canonical.js';
import { agreementProblems } from './domain/checks.js';
import type { AgreementDoc } from './domain/document.js';
import { renderProblems } from './domain/problems.js';
import { changedFields } from './domain/same.js';
import { NetworkErrors } from './errors.js';
import { merged, referencesFor, refuse, type ChangeContext } from './service-support.js';

export type AgreementChange = { replace: Omit<AgreementDoc, 'code'> & { code?: string } } | { patch: Record<string, unknown> };

export async function findAgreement(db: Queryable, code: string): Promise<AgreementDoc> {
  const found = await agreementStore.byCode(db, code);
  if (!found) throw NetworkErrors.AGREEMENT_NOT_FOUND({ code });
  return found.doc;
}

export function listAgreements(db: Db, filter: AgreementFilter) {
  return agreementStore.list(db, filter);
}

async function check(tx: Queryable, doc: AgreementDoc, ctx: ChangeContext): Promise<void> {
  const refs = await referencesFor(tx, doc.parties.flatMap((p) => (p.library ? [p.library] : [])));
  const problems = agreementProblems(doc, [], refs);
  if (problems.length) refuse(problems, ctx.locale);
}

export async function createAgreement(db: Db, input: AgreementDoc, ctx: ChangeContext): Promise<AgreementDoc> {
  const doc = canonicalAgreement(input);
  return db.transaction(async (tx) => {
    await check(tx, doc, ctx);
    try {
      await agreementStore.insert(tx, doc);
    } catch (err) {
      if (isSqlState(err, SqlState.uniqueViolation)) {
        throw NetworkErrors.AGREEMENT_EXISTS({ code: doc.code }, renderProblems([{ path: ['code'], code: 'exists', params: { value: doc.code } }], ctx.locale), err);
      }
      throw err;
    }
    await recordNetworkAudit(tx, ctx.actor, { action: 'agreement.create', target: `agreement:${doc.code}` });
    return doc;
  });
}

export async function changeAgreement(db: Db, code: string, change: AgreementChange, ctx: ChangeContext): Promise<AgreementDoc> {
  return db.transaction(async (tx) => {
    const current = await agreementStore.byCode(tx, code);
    if (!current) throw NetworkErrors.AGREEMENT_NOT_FOUND({ code });
    const next = canonicalAgreement('replace' in change ? ({ ...change.replace, code: change.replace.code ?? code } as AgreementDoc) : merged(current.doc, change.patch));
    if (next.code !== code) {
      const params = { field: 'code', from: code, to: next.code };
      throw NetworkErrors.KEY_CHANGE(params, renderProblems([{ path: ['code'], code: 'key-change', params }], ctx.locale));
    }
    await check(tx, next, ctx);
    const changed = changedFields(current.doc, next);
    if (!changed.length) return current.doc;
    await agreementStore.update(tx, current.id, next);
    await recordNetworkAudit(tx, ctx.actor, { action: 'agreement.update', target: `agreement:${code}`, details: { changed } });
    return next;
  });
}

export async function deleteAgreement(db: Db, code: string, ctx: ChangeContext): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await agreementStore.byCode(tx, code);
    if (!current) throw NetworkErrors.AGREEMENT_NOT_FOUND({ code });
    await recordNetworkAudit(tx, ctx.actor, { action: 'agreement.delete', target: `agreement:${code}`, details: { entry: current.doc } });
    await agreementStore.delete(tx, current.id);
  });
}

/**
 * The agreements in force on `on` (default today) that bind two libraries to each other: one
 * party covers the first library and another party the second, where a party covers a library
 * that it is, or that belongs to it or to an alliance below it. For interlibrary loan: fees,
 * subsidy and turnaround between a borrower and a lender.
 */
export async function agreementsBetween(db: Queryable, a: string, b: string, on: string = new Date().toISOString().slice(0, 10)): Promise<AgreementDoc[]> {
  const coverage = await agreementStore.coverage(db, [a, b]);
  const partiesFor = (id: number, symbol: string) => new Set(coverage.filter((c) => c.agreementId === id && c.symbol === symbol).map((c) => c.party));
  const ids = [...new Set(coverage.map((c) => c.agreementId))].filter((id) => {
    const pa = partiesFor(id, a);
    const pb = partiesFor(id, b);
    return [...pa].some((x) => [...pb].some((y) => x !== y));
  });
  const found = await agreementStore.byIds(db, ids);
  return found.filter((g) => g.validFrom <= on && (g.validTo === undefined || on <= g.validTo));
}
