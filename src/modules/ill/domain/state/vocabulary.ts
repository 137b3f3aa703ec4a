import { ACTIONS, ISO18626_VERSIONS, REASONS_FOR_MESSAGE, REQUEST_TYPES, STATUSES, type Action, type Iso18626Version, type ReasonForMessage as Reason, type RequestType as Type, type Status } from '../iso18626/codes.js';

/**
 * The ISO 18626 vocabulary the state machines speak, taken from the codec's code lists
 * (../iso18626/codes.ts, after the official XSDs in ../shared/standards/iso18626): one source
 * for the values, and which version introduced each.
 */

export const isoVersions = ISO18626_VERSIONS;
export type IsoVersion = Iso18626Version;

/** type_status of the 2021 schema (a superset of 2017's). */
export const isoStatuses = STATUSES['2021'];
export type IsoStatus = Status;

/** type_action of the 2021 schema (a superset of 2017's). */
export const isoActions = ACTIONS['2021'];
export type IsoAction = Action;

export const reasonsForMessage = REASONS_FOR_MESSAGE;
export type ReasonForMessage = Reason;

/** type_requestType: a Retry answers a RetryPossible with the changed terms (2021: retryInfo). */
export const requestTypes = REQUEST_TYPES;
export type RequestType = Type;

/** What exists only from the 2021 revision on: sending it to a v1.2 peer would not validate. */
export const only2021 = {
  statuses: new Set<IsoStatus>(STATUSES['2021'].filter((s) => !(STATUSES['1.2'] as readonly string[]).includes(s))),
  actions: new Set<IsoAction>(ACTIONS['2021'].filter((a) => !(ACTIONS['1.2'] as readonly string[]).includes(a))),
} as const;
