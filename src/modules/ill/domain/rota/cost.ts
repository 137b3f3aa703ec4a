import type { Agreement, Candidate, Fees, RotaLibrary } from './types.js';

/**
 * What the borrowing library pays a lender: the fee from the agreement between them if there is
 * one (fees waived, or the agreement's own fees), else from the lender's policy; less the
 * alliance's subsidy (CALIS-style: the alliance pays a share, seed 002 §3.4).
 */
export interface Cost {
  amount: number;
  currency: string;
  /** Share paid by the alliance, 0..1. */
  subsidy: number;
  fee: number;
  agreement?: Agreement;
}

const DEFAULT_PAGES = 10;

const isParty = (lib: RotaLibrary, p: Agreement['parties'][number]) => (p.library !== undefined ? p.library === lib.symbol : p.alliance !== undefined && lib.alliances.includes(p.alliance));

/**
 * The agreements in force today that bind borrower and lender as different parties (an
 * agreement between JALIS and NSTL does not govern two JALIS members).
 */
export function agreementsBetween(borrower: RotaLibrary, lender: RotaLibrary, agreements: readonly Agreement[], today: string): Agreement[] {
  return agreements.filter((a) => {
    if (a.validFrom > today || (a.validTo !== undefined && a.validTo < today)) return false;
    return a.parties.some((p, i) => isParty(borrower, p) && a.parties.some((q, j) => j !== i && isParty(lender, q)));
  });
}

function feeOf(fees: Fees | undefined, service: 'loan' | 'copy', pages: number): number {
  if (!fees) return 0;
  if (service === 'loan') return fees.loan ?? 0;
  return Math.max(fees.copyMinimum ?? 0, (fees.copyPerPage ?? 0) * pages);
}

/** The cost of one lender on one path; several agreements: the cheapest, then the first code. */
export function costOf(borrower: RotaLibrary, lender: Candidate, service: 'loan' | 'copy', pages: number | undefined, agreements: readonly Agreement[], today: string): Cost {
  const n = pages ?? DEFAULT_PAGES;
  const policyFees = lender.policy?.fees;
  const options: Cost[] = agreementsBetween(borrower, lender, agreements, today).map((a) => {
    const fees = a.feesWaived ? undefined : (a.fees ?? policyFees);
    const fee = feeOf(fees, service, n);
    const subsidy = Math.min(1, Math.max(0, a.subsidyRate ?? 0));
    return { amount: round(fee * (1 - subsidy)), currency: fees?.currency ?? policyFees?.currency ?? 'CNY', subsidy, fee, agreement: a };
  });
  options.sort((x, y) => x.amount - y.amount || (x.agreement!.code < y.agreement!.code ? -1 : 1));
  if (options[0]) return options[0];
  const fee = feeOf(policyFees, service, n);
  return { amount: round(fee), currency: policyFees?.currency ?? 'CNY', subsidy: 0, fee };
}

const round = (x: number) => Math.round(x * 100) / 100;
