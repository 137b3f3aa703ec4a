import { dueDateOf, failingGuard } from './guards.js';
import type { Actor, Effect, EffectTemplate, IllContext, IllEvent, Machine, Reason, StepResult, Transition, Trigger } from './types.js';
import { only2021, type IsoStatus } from './vocabulary.js';

/**
 * The status this side reports for a state: a supplier that has said WillSupply keeps saying so
 * until it ships, and a completed copy is CopyCompleted rather than LoanCompleted.
 */
export function statusOf<S extends string>(machine: Machine<S>, state: S, ctx: IllContext): IsoStatus | undefined {
  const base = machine.isoStatus[state];
  if (base === 'ExpectToSupply' && ctx.supplierAnswer === 'WillSupply') return 'WillSupply';
  if (base === 'LoanCompleted' && ctx.service === 'copy') return 'CopyCompleted';
  return base;
}

function matches(on: Trigger, event: IllEvent): boolean {
  if ('action' in on && !('message' in on)) return event.kind === 'action' && event.action === on.action;
  if (event.kind !== 'message' || event.message !== on.message) return false;
  switch (on.message) {
    case 'request':
      return event.message === 'request' && event.requestType === on.requestType;
    case 'requestingAgencyMessage':
      return event.message === 'requestingAgencyMessage' && event.action === on.action;
    case 'supplyingAgencyMessage':
      return (
        event.message === 'supplyingAgencyMessage' &&
        on.status.includes(event.status) &&
        (!on.reasonForMessage || on.reasonForMessage.includes(event.reasonForMessage)) &&
        (!on.answerYesNo || on.answerYesNo === event.answerYesNo)
      );
  }
}

const onPath = (t: Transition, ctx: IllContext) => !t.service || ctx.service === 'either' || t.service === ctx.service;
const actorsOf = (t: Transition): readonly Actor[] => ('actors' in t.on ? t.on.actors : ['peer']);
const describe = (event: IllEvent): string => {
  if (event.kind === 'action') return event.action;
  if (event.message === 'request') return `Request/${event.requestType}`;
  if (event.message === 'requestingAgencyMessage') return `RequestingAgencyMessage/${event.action}`;
  return `SupplyingAgencyMessage/${event.reasonForMessage}/${event.status}${event.answerYesNo ? `/${event.answerYesNo}` : ''}`;
};

/** Fills an effect template from the event and the context; undefined when there is nothing to do. */
function resolve<S extends string>(t: EffectTemplate, machine: Machine<S>, state: S, ctx: IllContext, event: IllEvent): Effect | undefined {
  const p = event.kind === 'action' ? (event.params ?? {}) : {};
  const msg = event.kind === 'message' && event.message === 'supplyingAgencyMessage' ? event : undefined;
  switch (t.type) {
    case 'set-due-date': {
      // The date given with the step, else the one the message carries, else the lender's: a
      // reader checked out without a date of their own keeps the lender's due date.
      const dueDate = t.dueDate === 'from-event' ? dueDateOf(ctx, event) : t.dueDate;
      return dueDate ? { type: 'set-due-date', party: t.party, dueDate } : undefined;
    }
    case 'answer-status': {
      const status = statusOf(machine, state, ctx);
      if (!status) return undefined;
      return withParams({ type: 'send-supplying-agency-message', reasonForMessage: t.reasonForMessage, status, ...(t.answerYesNo ? { answerYesNo: t.answerYesNo } : {}) }, p);
    }
    case 'send-supplying-agency-message':
      return withParams({ ...t }, p, t.status === 'Loaned' || t.answerYesNo === 'Y' ? dueDateOf(ctx, event) : undefined);
    case 'send-requesting-agency-message':
      return { ...t, ...(typeof p.note === 'string' ? { note: p.note } : {}), ...(t.action === 'ShippedForward' && typeof p.forwardTo === 'string' ? { forwardTo: p.forwardTo } : {}) };
    case 'record-conditions': {
      // The terms of a RetryPossible: as the lending desk gives them (its action), or as its message brought them.
      const from = msg ?? { reasonRetry: typeof p.reasonRetry === 'string' ? p.reasonRetry : undefined, conditions: p.conditions, note: typeof p.note === 'string' ? p.note : undefined };
      return {
        type: 'record-conditions',
        ...(from.reasonRetry ? { reasonRetry: from.reasonRetry } : {}),
        ...(from.conditions ? { conditions: from.conditions } : {}),
        ...(from.note ? { note: from.note } : {}),
      };
    }
    case 'record-lender-outcome':
      return { ...t, ...(msg?.reasonUnfilled ? { reason: msg.reasonUnfilled } : {}) };
    case 'record-forward':
      return { type: 'record-forward', ...(typeof p.forwardTo === 'string' ? { forwardTo: p.forwardTo } : {}) };
    default:
      return t;
  }
}

function withParams(
  e: Extract<Effect, { type: 'send-supplying-agency-message' }>,
  p: NonNullable<Extract<IllEvent, { kind: 'action' }>['params']>,
  dueDate?: string,
): Effect {
  return {
    ...e,
    ...(typeof p.reasonUnfilled === 'string' && e.status === 'Unfilled' ? { reasonUnfilled: p.reasonUnfilled } : {}),
    ...(typeof p.reasonRetry === 'string' && e.status === 'RetryPossible' ? { reasonRetry: p.reasonRetry } : {}),
    ...(p.conditions && e.status === 'RetryPossible' ? { conditions: p.conditions } : {}),
    ...(typeof p.note === 'string' ? { note: p.note } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
}

/** A message the peer may not receive in the version it speaks (ISO 18626:2021 additions). */
function tooNew(effects: readonly Effect[], ctx: IllContext): Reason | undefined {
  if (ctx.peerVersion === '2021') return undefined;
  for (const e of effects) {
    const word = e.type === 'send-supplying-agency-message' ? e.status : e.type === 'send-requesting-agency-message' ? e.action : undefined;
    if (word && ((only2021.statuses as Set<string>).has(word) || (only2021.actions as Set<string>).has(word))) {
      return { code: 'ILL_PEER_VERSION', params: { version: ctx.peerVersion, message: word } };
    }
  }
  return undefined;
}

/**
 * One step of a machine: the state after `event`, and the effects for the service layer to carry
 * out in order; or a refusal with a stable code, the state unchanged. Pure: the same machine,
 * state, event and context always give the same answer.
 */
export function nextState<S extends string>(machine: Machine<S>, state: S, event: IllEvent, ctx: IllContext): StepResult<S> {
  if (!machine.states.includes(state)) return { ok: false, reason: { code: 'ILL_UNKNOWN_STATE', params: { state } } };
  const candidates = machine.transitions.filter((t) => t.from.includes(state) && matches(t.on, event));
  const forService = candidates.filter((t) => onPath(t, ctx));
  const actor = event.kind === 'action' ? event.actor : 'peer';
  const permitted = forService.filter((t) => !actor || actorsOf(t).includes(actor));

  let refusal: Reason | undefined;
  for (const t of permitted) {
    const failed = failingGuard(t.guards, ctx, event);
    if (failed) {
      refusal ??= failed;
      continue;
    }
    const effects = (t.effects ?? []).map((e) => resolve(e, machine, state, ctx, event)).filter((e): e is Effect => e !== undefined);
    const old = tooNew(effects, ctx);
    if (old) {
      refusal ??= old;
      continue;
    }
    // A CopyOrLoan request takes the path of its first path-specific step.
    if (ctx.service === 'either' && t.service) effects.unshift({ type: 'set-service', service: t.service });
    // A step that also chose the request's path did more than move the state: it cannot be undone.
    return { ok: true, state: t.to === 'same' ? state : t.to, effects, transition: t.id, undoable: t.undoable === true && effects.length === 0 };
  }
  if (refusal) return { ok: false, reason: refusal };
  if (forService.length > 0) return { ok: false, reason: { code: 'ILL_ACTOR_NOT_ALLOWED', params: { action: describe(event), actor: actor ?? '' } } };
  if (candidates.length > 0) return { ok: false, reason: { code: 'ILL_WRONG_SERVICE', params: { action: describe(event), service: ctx.service } } };
  // A status report that repeats where we are already (a StatusRequestResponse, a StatusChange
  // sent twice) is not out of order: it is answered OK and changes nothing.
  if (event.kind === 'message' && event.message === 'supplyingAgencyMessage' && statusOf(machine, state, ctx) === event.status) {
    return { ok: true, state, effects: [], transition: 'no-change', undoable: false };
  }
  return { ok: false, reason: unmatched(machine, state, event) };
}

function unmatched<S extends string>(machine: Machine<S>, state: S, event: IllEvent): Reason {
  if (event.kind === 'message') {
    return { code: 'ILL_MESSAGE_NOT_EXPECTED', params: { message: describe(event), state } };
  }
  if (!machine.transitions.some((t) => matches(t.on, event))) return { code: 'ILL_UNKNOWN_ACTION', params: { action: event.action } };
  if (machine.final.includes(state)) return { code: 'ILL_REQUEST_CLOSED', params: { action: event.action, state } };
  return { code: 'ILL_ACTION_NOT_ALLOWED', params: { action: event.action, state } };
}

/** One action a desk may offer in a state: allowed now, or greyed out with the reason. */
export interface AvailableAction {
  action: string;
  actors: readonly Actor[];
  allowed: boolean;
  reason?: Reason;
  /** Whether it sends an ISO 18626 message to the peer. */
  sendsMessage: boolean;
  undoable: boolean;
}

/**
 * The actions (not messages) a person or timer can take in `state` on this request's path,
 * each once, in the machine's order. Guards that need the action's own input (a due date, a
 * reason, a note) are not held against it here: the desk asks for that input.
 */
export function availableActions<S extends string>(machine: Machine<S>, state: S, ctx: IllContext, actor?: Actor): AvailableAction[] {
  const byName = new Map<string, AvailableAction>();
  for (const t of machine.transitions) {
    if (!('actors' in t.on) || !t.from.includes(state) || !onPath(t, ctx)) continue;
    if (actor && !t.on.actors.includes(actor)) continue;
    const name = t.on.action;
    const failed = failingGuard(
      t.guards?.filter((g) => !inputGuards.has(g)),
      ctx,
      { kind: 'action', action: name },
    );
    const sendsMessage = (t.effects ?? []).some((e) => e.type.startsWith('send-') || e.type === 'answer-status' || e.type === 'escalate-to-upper-tier');
    const entry: AvailableAction = { action: name, actors: t.on.actors, allowed: !failed, ...(failed ? { reason: failed } : {}), sendsMessage, undoable: t.undoable === true };
    const seen = byName.get(name);
    // Two transitions share a name (cancel before and after a lender knows): the allowed one wins.
    if (!seen || (!seen.allowed && entry.allowed)) byName.set(name, entry);
  }
  return [...byName.values()];
}

const inputGuards = new Set(['reason-unfilled-given', 'due-date-given', 'conditions-given', 'forward-target-given', 'note-given']);
