import type { GuardName, IllContext, IllEvent, Reason } from './types.js';

/**
 * Guards: each is a test on the context and the event, and the stable code that names the
 * refusal when it fails. Kept in one table so a desk can show why an action is greyed out.
 */
interface Guard {
  test: (ctx: IllContext, event: IllEvent) => boolean;
  refusal: (ctx: IllContext, event: IllEvent) => Reason;
}

const params = (event: IllEvent) => (event.kind === 'action' ? (event.params ?? {}) : {});
const dueDate = (ctx: IllContext, event: IllEvent) => {
  const p = params(event).dueDate;
  if (typeof p === 'string') return p;
  if (event.kind === 'message' && event.message === 'supplyingAgencyMessage' && event.dueDate) return event.dueDate;
  return ctx.dueDate;
};
const passed = (ctx: IllContext) => ctx.dueDate !== undefined && Date.parse(ctx.dueDate) < Date.parse(ctx.now);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

export const guards: Record<GuardName, Guard> = {
  eligible: { test: (c) => c.eligible === true, refusal: () => ({ code: 'ILL_NOT_ELIGIBLE' }) },
  'has-next-lender': { test: (c) => c.hasNextLender === true, refusal: () => ({ code: 'ILL_ROTA_EXHAUSTED' }) },
  'rota-exhausted': { test: (c) => c.hasNextLender !== true, refusal: () => ({ code: 'ILL_LENDERS_REMAIN' }) },
  'can-escalate': { test: (c) => c.upperTier === true, refusal: () => ({ code: 'ILL_NO_UPPER_TIER' }) },
  'peer-2021': { test: (c) => c.peerVersion === '2021', refusal: (c) => ({ code: 'ILL_PEER_VERSION', params: { version: c.peerVersion } }) },
  'return-not-held': { test: (c) => c.returnHeld !== true, refusal: () => ({ code: 'ILL_RETURN_ON_HOLD' }) },
  'return-held': { test: (c) => c.returnHeld === true, refusal: () => ({ code: 'ILL_RETURN_NOT_HELD' }) },
  'renewals-left': {
    test: (c) => (c.renewalsAllowed ?? Infinity) > (c.renewalsUsed ?? 0),
    refusal: (c) => ({ code: 'ILL_NO_RENEWALS_LEFT', params: { allowed: c.renewalsAllowed ?? 0 } }),
  },
  'due-date-passed': { test: (c) => passed(c), refusal: (c) => ({ code: 'ILL_NOT_OVERDUE', params: { dueDate: c.dueDate ?? '' } }) },
  'due-date-not-passed': { test: (c) => !passed(c), refusal: (c) => ({ code: 'ILL_OVERDUE', params: { dueDate: c.dueDate ?? '' } }) },
  'reason-unfilled-given': { test: (_c, e) => nonEmpty(params(e).reasonUnfilled), refusal: () => ({ code: 'ILL_REASON_REQUIRED' }) },
  'due-date-given': {
    test: (c, e) => {
      const d = dueDate(c, e);
      return d !== undefined && !Number.isNaN(Date.parse(d));
    },
    refusal: () => ({ code: 'ILL_DUE_DATE_REQUIRED' }),
  },
  'conditions-given': {
    test: (_c, e) => {
      const c = params(e).conditions;
      return !!c && ((c.loanConditions?.length ?? 0) > 0 || c.offeredCost !== undefined || c.edition !== undefined || c.serviceType !== undefined || c.retryAfter !== undefined);
    },
    refusal: () => ({ code: 'ILL_CONDITIONS_REQUIRED' }),
  },
  'copy-uploaded': { test: (c) => c.copyUploaded === true, refusal: () => ({ code: 'ILL_COPY_NOT_UPLOADED' }) },
  'forward-target-given': { test: (_c, e) => nonEmpty(params(e).forwardTo), refusal: () => ({ code: 'ILL_FORWARD_TARGET_REQUIRED' }) },
  'only-expected-so-far': { test: (c) => c.supplierAnswer !== 'WillSupply', refusal: () => ({ code: 'ILL_ANSWERED_ALREADY' }) },
  stale: { test: (c) => c.stale === true, refusal: () => ({ code: 'ILL_NOT_STALE' }) },
  'note-given': { test: (_c, e) => nonEmpty(params(e).note), refusal: () => ({ code: 'ILL_NOTE_REQUIRED' }) },
};

/** The first guard that fails, or undefined when all pass. */
export function failingGuard(names: readonly GuardName[] | undefined, ctx: IllContext, event: IllEvent): Reason | undefined {
  for (const name of names ?? []) {
    const g = guards[name];
    if (!g.test(ctx, event)) return g.refusal(ctx, event);
  }
  return undefined;
}

export { dueDate as dueDateOf };
