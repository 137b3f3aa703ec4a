/**
 * The lending desk's offer of conditions (ISO 18626 RetryPossible: reasonRetry and retryInfo) as
 * the librarian types it, checked with the API's own rules (src/modules/ill/schemas.ts `actionBody`
 * and the `conditions-given` guard), and turned into the action's body. Pure.
 */

/** ISO 18626 reasonRetry (2021 list; LoanPossible from 2017). */
export const reasonsRetry = [
  'LoanCondition', 'CostExceedsMaxCost', 'MustMeetLoanCondition', 'AtBindery', 'OnLoan', 'OnOrder', 'NotCurrentAvailableForILL',
  'NotFoundAsCited', 'MultiVolAvail', 'ReqEditionNotPossible', 'ReqFormatNotPossible', 'ReqServTypeNotPossible', 'ReqDelDateNotPossible',
  'ReqDelMethodNotSupp', 'ReqPayMethodNotSupported', 'ReqServLevelNotSupp', 'CourierNotSupp', 'LoanPossible',
] as const;

/** ISO 18626 loanCondition. */
export const loanConditionCodes = ['LibraryUseOnly', 'NoReproduction', 'SignatureRequired', 'SpecCollSupervReq', 'WatchLibraryUseOnly'] as const;

export interface ConditionsDraft {
  reasonRetry: string;
  loanConditions: string[];
  amount: string;
  currency: string;
  edition: string;
  serviceType: '' | 'loan' | 'copy';
  retryAfter: string;
  retryBefore: string;
  note: string;
}

export const emptyConditions = (): ConditionsDraft => ({
  reasonRetry: 'LoanCondition', loanConditions: [], amount: '', currency: 'CNY', edition: '', serviceType: '', retryAfter: '', retryBefore: '', note: '',
});

/** The terms as the API takes them (`conditions` of the action's body). */
export interface Conditions {
  loanConditions?: string[];
  offeredCost?: { amount: number; currency: string };
  edition?: string;
  serviceType?: 'loan' | 'copy';
  retryAfter?: string;
  retryBefore?: string;
}

/** Field → i18n key of its problem. `terms` is the form's own: nothing offered yet. */
export type ConditionsProblems = Partial<Record<'terms' | 'amount' | 'currency' | 'edition' | 'retryBefore' | 'note', string>>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const amountText = /^\d+(\.\d{1,2})?$/;

/** A cost is offered when an amount is typed; the currency then must be ISO 4217's three capitals. */
function costOf(d: ConditionsDraft): { amount: number; currency: string } | undefined {
  const amount = d.amount.trim();
  if (!amount || !amountText.test(amount)) return undefined;
  return { amount: Number(amount), currency: d.currency.trim().toUpperCase() };
}

/** The problems of a draft, as i18n keys by field; empty when the API would take it. */
export function checkConditions(d: ConditionsDraft): ConditionsProblems {
  const p: ConditionsProblems = {};
  const amount = d.amount.trim();
  if (amount && !amountText.test(amount)) p.amount = 'deskConditions.problem.amount';
  if (amount && !/^[A-Z]{3}$/.test(d.currency.trim().toUpperCase())) p.currency = 'deskConditions.problem.currency';
  if (d.edition.trim().length > 200) p.edition = 'deskConditions.problem.editionLong';
  if (d.note.trim().length > 2000) p.note = 'deskConditions.problem.noteLong';
  if (d.retryAfter && d.retryBefore && isoDate.test(d.retryAfter) && isoDate.test(d.retryBefore) && d.retryBefore < d.retryAfter) {
    p.retryBefore = 'deskConditions.problem.beforeAfter';
  }
  // The API's conditions-given: a loan condition, a cost, an edition, a service or a day to ask again from (retryBefore alone is no term).
  const offered = d.loanConditions.length > 0 || amount !== '' || d.edition.trim() !== '' || d.serviceType !== '' || d.retryAfter !== '';
  if (!offered) p.terms = 'deskConditions.problem.nothing';
  return p;
}

/** The `offer-conditions` action's body: reasonRetry, conditions and the note, empty parts left out. */
export function toOfferBody(d: ConditionsDraft): { reasonRetry?: string; conditions: Conditions; note?: string } {
  const cost = costOf(d);
  const conditions: Conditions = {
    ...(d.loanConditions.length ? { loanConditions: [...d.loanConditions] } : {}),
    ...(cost ? { offeredCost: cost } : {}),
    ...(d.edition.trim() ? { edition: d.edition.trim() } : {}),
    ...(d.serviceType ? { serviceType: d.serviceType } : {}),
    ...(d.retryAfter ? { retryAfter: d.retryAfter } : {}),
    ...(d.retryBefore ? { retryBefore: d.retryBefore } : {}),
  };
  return {
    ...(d.reasonRetry ? { reasonRetry: d.reasonRetry } : {}),
    conditions,
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}

/** The server's field paths (`conditions.offeredCost.currency`, `body.` dropped) as this form's fields. */
export function fieldOfServerPath(path: string): keyof ConditionsProblems | undefined {
  const p = path.replace(/^body\./, '');
  if (p.startsWith('conditions.offeredCost.amount')) return 'amount';
  if (p.startsWith('conditions.offeredCost')) return 'currency';
  if (p.startsWith('conditions.edition')) return 'edition';
  if (p.startsWith('conditions.retryBefore')) return 'retryBefore';
  if (p === 'note') return 'note';
  return undefined;
}
