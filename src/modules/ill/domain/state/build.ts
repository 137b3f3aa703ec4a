import type { Actor, EffectTemplate, GuardName, ServicePath, Transition, Trigger } from './types.js';
import type { IsoAction, IsoStatus, ReasonForMessage, RequestType } from './vocabulary.js';

/**
 * Small constructors that keep the machine tables readable: one line per transition, the
 * trigger first. They only build plain objects; the machines stay data.
 */
interface Options {
  service?: ServicePath;
  guards?: readonly GuardName[];
  effects?: readonly EffectTemplate[];
  undoable?: boolean;
}

function make<S extends string>(id: string, from: readonly S[], to: S | 'same', on: Trigger, o: Options): Transition<S> {
  return { id, from, to, on, ...o };
}

/** A desk, reader or timer action. */
export function action<S extends string>(id: string, from: readonly S[], to: S | 'same', actors: readonly Actor[], o: Options & { action?: string } = {}): Transition<S> {
  const { action: name = id, ...rest } = o;
  return make(id, from, to, { action: name, actors }, rest);
}

/** A SupplyingAgencyMessage with one of these statuses (optionally only for these reasons / this answer). */
export function supplying<S extends string>(
  id: string,
  from: readonly S[],
  to: S | 'same',
  status: readonly IsoStatus[],
  o: Options & { reasonForMessage?: readonly ReasonForMessage[]; answerYesNo?: 'Y' | 'N' } = {},
): Transition<S> {
  const { reasonForMessage, answerYesNo, ...rest } = o;
  const on: Trigger = { message: 'supplyingAgencyMessage', status, ...(reasonForMessage ? { reasonForMessage } : {}), ...(answerYesNo ? { answerYesNo } : {}) };
  return make(id, from, to, on, rest);
}

/** A RequestingAgencyMessage with this action. */
export function requesting<S extends string>(id: string, from: readonly S[], to: S | 'same', isoAction: IsoAction, o: Options = {}): Transition<S> {
  return make(id, from, to, { message: 'requestingAgencyMessage', action: isoAction }, o);
}

/** A Request message (New creates the supplier's transaction; Retry and Reminder come later). */
export function request<S extends string>(id: string, from: readonly S[], to: S | 'same', requestType: RequestType, o: Options = {}): Transition<S> {
  return make(id, from, to, { message: 'request', requestType }, o);
}

/** The SupplyingAgencyMessage a supplier transition sends. */
export const sam = (reasonForMessage: ReasonForMessage, status: IsoStatus, answerYesNo?: 'Y' | 'N'): EffectTemplate => ({
  type: 'send-supplying-agency-message',
  reasonForMessage,
  status,
  ...(answerYesNo ? { answerYesNo } : {}),
});

/** The RequestingAgencyMessage a requester transition sends. */
export const ram = (isoAction: IsoAction): EffectTemplate => ({ type: 'send-requesting-agency-message', action: isoAction });
