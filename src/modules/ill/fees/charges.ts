/**
 * Fees and subsidies, pure: what one filled transaction costs the borrowing library, what the
 * alliance pays of it, and what is left to pay the lender. The fee comes from an agreement between
 * the two (fees waived, or the agreement's own fees) when one is in force, else from the lender's
 * lending policy — as the rota's cost (domain/rota/cost.ts) said when it chose the lender. The
 * alliance's subsidy (CALIS-style) is the agreement's subsidy rate of the fee, but never more
 * than what is left of the borrowing member's subsidy budget for the year.
 */

export interface Fees {
  currency: string;
  loan?: number;
  copyPerPage?: number;
  copyMinimum?: number;
}

export interface FeeAgreement {
  code: string;
  feesWaived: boolean;
  fees?: Fees;
  /** Share of the fee the alliance pays, 0..1. */
  subsidyRate?: number;
}

export interface ChargeInput {
  service: 'loan' | 'copy';
  /** Pages of a copy as the citation gives them (`12-25`, `7`); unknown: the rota's 10. */
  pages: string | null;
  policyFees?: Fees;
  /** The agreements in force between borrower and lender that day. */
  agreements: readonly FeeAgreement[];
  /** What is left of the borrower's subsidy budget this year; null: no budget set, the rate is not capped. */
  budgetLeft: { amount: number; currency: string } | null;
}

export interface Charge {
  currency: string;
  /** The lender's fee. */
  fee: number;
  /** Paid by the alliance. */
  subsidy: number;
  /** Paid by the borrowing library to the lender: fee − subsidy. */
  borrowerPays: number;
  basis: 'agreement' | 'fees-waived' | 'policy' | 'free';
  agreement: string | null;
  subsidyRate: number;
  /** Why the subsidy is less than the rate says (the budget is spent, or kept in another currency). */
  subsidyCapped: 'budget-spent' | 'budget-currency' | null;
}

const DEFAULT_PAGES = 10;
const round = (x: number) => Math.round(x * 100) / 100;

/** Pages of a copy: `12-25` → 14, `7` → 1, `3-5, 9` → 4; what cannot be read counts as 10. */
export function pageCount(pages: string | null): number {
  if (!pages) return DEFAULT_PAGES;
  let n = 0;
  for (const part of pages.split(/[,;]/)) {
    const m = /^\s*(\d+)\s*(?:[-–—~]\s*(\d+))?\s*$/.exec(part);
    if (!m) return DEFAULT_PAGES;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return DEFAULT_PAGES;
    n += to - from + 1;
  }
  return n > 0 ? n : DEFAULT_PAGES;
}

function feeOf(fees: Fees | undefined, service: 'loan' | 'copy', pages: number): number {
  if (!fees) return 0;
  if (service === 'loan') return fees.loan ?? 0;
  return Math.max(fees.copyMinimum ?? 0, (fees.copyPerPage ?? 0) * pages);
}

/** The charge of one filled transaction. Several agreements: the one cheapest for the borrower, then the first code (as the rota). */
export function chargeFor(input: ChargeInput): Charge {
  const pages = pageCount(input.pages);
  const policyCurrency = input.policyFees?.currency ?? 'CNY';
  type Option = { fee: number; currency: string; rate: number; basis: Charge['basis']; agreement: string | null };
  const options: Option[] = input.agreements.map((a) => {
    const fees = a.feesWaived ? undefined : (a.fees ?? input.policyFees);
    return {
      fee: round(feeOf(fees, input.service, pages)), currency: fees?.currency ?? policyCurrency, rate: Math.min(1, Math.max(0, a.subsidyRate ?? 0)),
      basis: a.feesWaived ? 'fees-waived' : 'agreement', agreement: a.code,
    };
  });
  options.sort((x, y) => x.fee * (1 - x.rate) - y.fee * (1 - y.rate) || (x.agreement! < y.agreement! ? -1 : 1));
  const fee = round(feeOf(input.policyFees, input.service, pages));
  const chosen: Option = options[0] ?? { fee, currency: policyCurrency, rate: 0, basis: fee > 0 ? 'policy' : 'free', agreement: null };
  let subsidy = round(chosen.fee * chosen.rate);
  let capped: Charge['subsidyCapped'] = null;
  if (subsidy > 0 && input.budgetLeft) {
    if (input.budgetLeft.currency !== chosen.currency) {
      subsidy = 0;
      capped = 'budget-currency';
    } else if (input.budgetLeft.amount < subsidy) {
      subsidy = round(Math.max(0, input.budgetLeft.amount));
      capped = 'budget-spent';
    }
  }
  return {
    currency: chosen.currency, fee: chosen.fee, subsidy, borrowerPays: round(chosen.fee - subsidy), basis: chosen.basis, agreement: chosen.agreement,
    subsidyRate: chosen.rate, subsidyCapped: capped,
  };
}

export interface LedgerEntry {
  borrower: string;
  lender: string;
  currency: string;
  fee: number;
  subsidy: number;
  borrowerPays: number;
}

export interface StatementLine {
  currency: string;
  /** What the library owes lenders (its share of the fees it borrowed at). */
  owes: number;
  /** What borrowers owe the library (their share of its fees). */
  owed: number;
  /** What the alliance paid of the library's fees as a borrower. */
  subsidiesReceived: number;
  /** What the alliance owes the library as a lender (the subsidies of its fees). */
  subsidiesOwed: number;
  /** owed + subsidiesOwed − owes: positive, the library is to receive. */
  net: number;
  transactions: number;
}

/** One library's statement from the month's ledger entries, per currency. */
export function statementOf(library: string, entries: readonly LedgerEntry[]): StatementLine[] {
  const byCurrency = new Map<string, StatementLine>();
  for (const e of entries) {
    if (e.borrower !== library && e.lender !== library) continue;
    const line = byCurrency.get(e.currency) ?? { currency: e.currency, owes: 0, owed: 0, subsidiesReceived: 0, subsidiesOwed: 0, net: 0, transactions: 0 };
    if (e.borrower === library) {
      line.owes += e.borrowerPays;
      line.subsidiesReceived += e.subsidy;
    }
    if (e.lender === library) {
      line.owed += e.borrowerPays;
      line.subsidiesOwed += e.subsidy;
    }
    line.transactions++;
    byCurrency.set(e.currency, line);
  }
  return [...byCurrency.values()]
    .map((l) => ({ ...l, owes: round(l.owes), owed: round(l.owed), subsidiesReceived: round(l.subsidiesReceived), subsidiesOwed: round(l.subsidiesOwed), net: round(l.owed + l.subsidiesOwed - l.owes) }))
    .sort((a, b) => (a.currency < b.currency ? -1 : 1));
}
