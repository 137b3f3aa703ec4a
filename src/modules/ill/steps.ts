/**
 * Runs the domain's state machines against the stored requests and supplies, inside one
 * transaction: a step is taken (or refused, nothing changed), written to the history with its
 * actor, saved under its version, and its effects carried out — messages to the other side are
 * written as ISO 18626 XML, logged, read back and applied there, which may answer in turn.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Queryable } from '../../platform/db/index.js';
import type { Locale } from '../../platform/i18n.js';
import type { DeferredRequestSaves } from './deferred-saves.js';
import type { HeldSave } from './held-save.js';
import { uncachedDirectory, type Directory } from './directory.js';
import {
  confirmationFor, illMessage, messageKey, nextState, parseMessage, requesterMachine, supplierMachine, writeMessage,
  type ActionParams, type Effect, type IllActor, type IllContext, type IllEvent, type IllReason, type iso18626, type RequesterState, type SupplierState,
} from './domain/index.js';
import { IllErrors } from './errors.js';
import { illStore, type MessageLog, type NewEvent, type RequestRow, type Saved, type StoredContext, type SupplyRow } from './ill.store.js';
import { eventName, eventOf, LOCAL_VERSION, requestMessage, requestingMessage, supplyingMessage } from './iso-messages.js';
import { refusalOutcome } from './peers/outcome.js';
import { afterRequestStep, canEscalate, escalate, quietAfterRequestStep, sendToRemoteLender } from './peers/send.js';
import { recorded, requestIn, savedRow, supplyIn, wantsHistory, type Known } from './known-rows.js';

export { answeredRequest, answeredSupply, knownRows, recorded, requestIn, supplyIn, untracked, type Answer, type Known } from './known-rows.js';

/** What every step of one API call shares: the transaction, the clock, who acts and in what language refusals are told. */
export interface StepContext {
  tx: Queryable;
  now: () => string;
  user: number | null;
  locale: Locale;
  /**
   * The rows this transaction has locked, as they are now: each is read once per action, and
   * every save of a step here updates it. Only for an action that locks the borrower's request
   * before anything else (the desks, placing a request); without it every read asks the database.
   */
  known?: Known;
  /** The directory as the request was sourced with (placing a request): the lender's policy from its cache. */
  directory?: Directory;
  /** Placing a request: its own steps are saved together (deferred-saves.ts); `tx` is this too. */
  deferred?: DeferredRequestSaves;
  /** A desk action: its step is saved with the step its message makes on the other side (held-save.ts); `tx` is this too. */
  held?: HeldSave;
  /**
   * Placing a request: the step about to be taken is the action's last (nothing follows it), so
   * its last statement may go with the COMMIT. Read, and cleared, by the step it is set for.
   */
  lastStep?: boolean;
}

/**
 * A message passed in-process, logged with the step it makes on the receiving side (one
 * statement): `written` once logged, `duplicate` when its key was logged before (nothing applied).
 */
interface PendingLog extends MessageLog {
  written?: boolean;
  duplicate?: boolean;
}

/**
 * Saves a step with its history entry: with the message that caused it logged in the same
 * statement when there is one, else (or when the answer needs the history before the step, which
 * that statement does not read) as two. Undefined when the version did not match; 'duplicate'
 * when the message was logged before (nothing written).
 */
async function saveStep(
  c: StepContext, log: PendingLog | undefined, history: boolean,
  withMessage: (log: MessageLog) => Promise<Saved | 'duplicate' | undefined>, alone: (history: boolean) => Promise<Saved | undefined>,
): Promise<Saved | 'duplicate' | undefined> {
  if (log && !history) {
    const w = await withMessage(log);
    if (w === 'duplicate') log.duplicate = true;
    else log.written = true;
    return w;
  }
  if (log) {
    const logged = await illStore.logMessageWithConfirmation(c.tx, log.message, log.confirmation);
    if (!logged) {
      log.duplicate = true;
      return 'duplicate';
    }
    log.written = true;
  }
  return alone(history);
}

/** Extra facts kept beside the machine's context (not read by guards). */
export interface Kept {
  readerDueDate?: string;
  lenderOutcomes?: { lender: string; outcome: string; reason?: string }[];
  /** The request went to the upper tier once (federation): not again. */
  escalated?: boolean;
  /**
   * The last RetryPossible: why, the changed terms (retryInfo) and the lender's note. On a request,
   * as the lender's message brought them, for the desk to accept or reject; on a lending row, as its
   * desk offered them, shown while it waits for the answer.
   */
  offeredConditions?: OfferedConditions;
}
export type OfferedConditions = NonNullable<ActionParams['conditions']> & { reasonRetry?: string; note?: string };
type Ctx = StoredContext & Kept;

let last = 0;
/** An instant, strictly after the previous one this process handed out: two messages never share a timestamp (and so a message key). */
export function clock(): string {
  last = Math.max(Date.now(), last + 1);
  return new Date(last).toISOString();
}

/**
 * This process's time now, in milliseconds: never before an instant {@link clock} has handed out —
 * a burst of steps takes one millisecond each and runs ahead of the wall clock for a moment, and
 * what follows the history up to "now" must not leave those steps for later.
 */
export function clockNow(): number {
  return Math.max(Date.now(), last);
}

/** Outward effects run after the step is saved, in the machine's order. */
const outward = new Set<Effect['type']>(['send-request', 'send-supplying-agency-message', 'send-requesting-agency-message', 'next-lender']);
/** The borrowing side's effects carried out after its save ({@link stepRequest}'s loop). */
const afterSave = new Set<Effect['type']>(['send-request', 'send-requesting-agency-message', 'next-lender', 'escalate-to-upper-tier']);

/** Effects that change only this side's own record, applied before it is saved. */
function applyLocal(ctx: Ctx, e: Effect, lender?: string): void {
  switch (e.type) {
    case 'set-due-date':
      if (e.party === 'lender') ctx.dueDate = e.dueDate;
      else ctx.readerDueDate = e.dueDate;
      return;
    case 'set-flag':
      ctx[e.flag] = e.value;
      return;
    case 'set-service':
      ctx.service = e.service;
      return;
    case 'record-conditions':
      ctx.offeredConditions = { ...(e.reasonRetry ? { reasonRetry: e.reasonRetry } : {}), ...e.conditions, ...(e.note ? { note: e.note } : {}) };
      return;
    case 'record-lender-outcome':
      if (lender) ctx.lenderOutcomes = [...(ctx.lenderOutcomes ?? []), { lender, outcome: e.outcome, ...(e.reason ? { reason: e.reason } : {}) }];
      return;
    default:
      // Notices, charges, conditions, copies and federation are later slices: the effect stays in the history's details.
      return;
  }
}

const actorOf = (e: IllEvent): IllActor => (e.kind === 'message' ? 'peer' : (e.actor ?? 'staff'));
const refusal = (reason: IllReason, locale: Locale) =>
  IllErrors.ILL_ACTION_REFUSED({ reason: illMessage(reason, locale) }, [{ field: 'action', code: reason.code, message: illMessage(reason, locale) }]);

const currentLender = (r: RequestRow): string | undefined => r.rota.ranked[r.lenderIndex]?.symbol;

/** A step written: its entry recorded, and the history before it kept for the answer when asked for. */
const savedStep = (c: StepContext, entry: NewEvent, written: Saved, history: boolean): void => {
  if (history) c.known!.answer!.before = written.history;
  recorded(c, entry, written.eventId, written.updatedAt);
};

/**
 * One step of the borrowing side. A refused action throws ILL_ACTION_REFUSED (409) with the
 * machine's reason; a refused message returns the reason (the sender gets an ERROR confirmation).
 */
export async function stepRequest(
  c: StepContext, requestId: number, event: IllEvent, params: Record<string, unknown> = {}, /** facts a timer found (stale), read by guards for this step only */ facts: Partial<IllContext> = {},
  /** the message that makes this step, logged with it ({@link deliver}) */ log?: PendingLog,
): Promise<IllReason | undefined> {
  const lastStep = c.lastStep === true;
  c.lastStep = undefined;
  const r = (await requestIn(c, requestId, true))!;
  const now = c.now();
  const context: IllContext = { ...r.context, now, hasNextLender: r.lenderIndex + 1 < r.rota.ranked.length, ...facts };
  if (event.kind === 'action' && event.action === 'escalate') context.upperTier = await canEscalate(c, r);
  const step = nextState(requesterMachine, r.state as RequesterState, event, context);
  if (!step.ok) {
    if (event.kind === 'message') return step.reason;
    throw refusal(step.reason, c.locale);
  }
  const ctx: Ctx = { ...r.context };
  for (const e of step.effects) if (!outward.has(e.type)) applyLocal(ctx, e, currentLender(r));
  // The history's entry and the new state in one statement.
  const saved = { ...r, state: step.state, context: ctx };
  const entry: NewEvent = {
    requestId, supplyId: null, side: 'borrowing', fromState: r.state, toState: step.state, event: eventName(event), actor: actorOf(event),
    actorUser: event.kind === 'action' ? c.user : null, at: now, details: { transition: step.transition, effects: step.effects, ...(Object.keys(params).length ? { params } : {}) },
  };
  // What the step does after its save that may reach the database (the loop and afterRequestStep below).
  const after = step.effects.filter((e) => afterSave.has(e.type));
  const quiet = quietAfterRequestStep(r, step.state, event);
  // A step held for the lending row's save (its message's step) goes first unless this is that step.
  if (c.held && !(log && c.held.holds('supply'))) await c.held.flush();
  const history = wantsHistory(c, { request: requestId });
  if (c.deferred?.requestId === requestId && !log && !history) c.deferred.later(saved, entry);
  else if (c.held && !log && (history || c.held.holdsFirst())) {
    // Saved with its message's step when that goes to a local lender, else with the COMMIT, or
    // before whatever this action sends next (held-save.ts). `last`: its message is all it sends.
    const last = after.length === 1 && after[0]!.type === 'send-requesting-agency-message' && quiet;
    c.held.hold({ side: 'request', row: saved, entry, history, saved: (w) => savedStep(c, entry, w, history), last });
  } else {
    const last = after.length === 0 && quiet;
    const withMessage = (l: MessageLog) => (c.held?.holds('supply') ? c.held.requestWithMessage(saved, entry, l, last) : illStore.saveRequestWithMessage(c.tx, saved, entry, l));
    const written = await saveStep(c, log, history, withMessage, (h) => illStore.saveRequestWithEvent(c.tx, saved, entry, h));
    if (written === 'duplicate') return undefined;
    if (!written) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: requestId });
    savedStep(c, entry, written, history);
  }
  c.known?.requests.set(requestId, { ...saved, version: r.version + 1 });
  savedRow(c, `request:${requestId}`);

  for (const e of step.effects) {
    if (e.type === 'send-request') await sendRequest(c, requestId, e.requestType === 'Retry' ? 'Retry' : 'New', lastStep && after.length === 1 && quiet);
    else if (e.type === 'send-requesting-agency-message') {
      const fresh = (await requestIn(c, requestId))!;
      if (fresh.currentSupplyId === null) continue;
      // Locked now (the request is, already): the message moves it next.
      const s = (await supplyIn(c, fresh.currentSupplyId, c.known !== undefined))!;
      await deliver(c, requestingMessage(s, e, c.now()), { requestId, supplyId: s.id, to: 'lender', remote: s.remote });
    } else if (e.type === 'next-lender') await nextLender(c, requestId);
    else if (e.type === 'escalate-to-upper-tier') await escalate(c, requestId);
  }
  await afterRequestStep(c, r, step.state, event);
  return undefined;
}

/** After a lender could not fill it: the next lender in the rota, or the end of the rota (issue 5, "Rota"). */
async function nextLender(c: StepContext, requestId: number): Promise<void> {
  const r = (await requestIn(c, requestId))!;
  const more = r.lenderIndex + 1 < r.rota.ranked.length;
  await stepRequest(c, requestId, { kind: 'action', action: more ? 'send-to-lender' : 'rota-exhausted', actor: 'system' });
}

/** The Request to the next lender of the rota (New), or again to the current one (Retry, conditions accepted). */
/** `last`: nothing follows it in the action (its Request's log may go with the COMMIT). */
async function sendRequest(c: StepContext, requestId: number, requestType: 'New' | 'Retry', last = false): Promise<void> {
  const r = (await requestIn(c, requestId))!;
  const lenderIndex = requestType === 'New' ? r.lenderIndex + 1 : r.lenderIndex;
  // A Retry goes to the lender that offered the conditions: the rota's, or the upper tier the request went to (federation).
  const retried = requestType === 'Retry' && r.currentSupplyId !== null ? await supplyIn(c, r.currentSupplyId) : undefined;
  const lender = retried ? { symbol: retried.lendingLibrary, service: r.citation.service } : r.rota.ranked[lenderIndex];
  if (!lender) return; // the guard has-next-lender stands before every New
  let supplyId = r.currentSupplyId;
  let remote: boolean | undefined;
  if (requestType === 'New') {
    const library = await (c.directory ?? uncachedDirectory(c.tx)).library(lender.symbol);
    if (!library) return;
    const policy = library.entry.lendingPolicy;
    const due = new Date(Date.parse(c.now()) + (policy?.loanPeriodDays ?? 30) * 86_400_000).toISOString().slice(0, 10);
    // The lender's side starts in `new` when its Request arrives (supplier machine): the rota chose its path.
    const supplyContext: StoredContext = { service: lender.service === 'copy' && r.citation.service !== 'either' ? 'copy' : r.citation.service, peerVersion: LOCAL_VERSION, dueDate: due, renewalsAllowed: policy?.renewals ?? 1, renewalsUsed: 0 };
    // The lending row and the request moved on to it in one statement. A lender served by
    // another system (a peer) is `remote`: it gets the Request over HTTP, its side runs there.
    // Placing a request: with its own steps still to be saved, in one statement (deferred-saves.ts).
    const inserted = c.deferred?.requestId === requestId
      ? await c.deferred.withSupply({ version: r.version, lenderIndex }, library.id, supplyContext)
      : await illStore.insertSupplyForRequest(c.tx, { ...r, lenderIndex }, library.id, supplyContext);
    if (!inserted) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: requestId });
    ({ supplyId, remote } = inserted);
    c.known?.answer?.lenders.set(supplyId, lender.symbol);
    c.known?.requests.set(requestId, { ...r, lenderIndex, currentSupplyId: supplyId, currentLender: lender.symbol, version: r.version + 1 });
    savedRow(c, `request:${requestId}`);
    // The new lending row as inserted (its times are the transaction's: the caller's to fill in,
    // recent-rows.ts); a Request New does not step it.
    c.known?.supplies.set(supplyId, {
      id: supplyId, requestId, lendingLibraryId: library.id, lendingLibrary: lender.symbol, borrowingLibrary: r.borrowingLibrary, state: 'new', context: supplyContext,
      remote, peerRequestId: null, version: 0, createdAt: '', updatedAt: '', title: r.citation.title, author: r.citation.author, neededBy: r.neededBy,
    });
  }
  await deliver(c, requestMessage(r, lender.symbol, requestType, c.now()), { requestId, supplyId: supplyId!, to: 'lender', ...(remote !== undefined ? { remote } : retried ? { remote: retried.remote } : {}) }, last);
}

/** One step of the lending side; as {@link stepRequest}. */
export async function stepSupply(c: StepContext, supplyId: number, event: IllEvent, params: Record<string, unknown> = {}, log?: PendingLog): Promise<IllReason | undefined> {
  const s = (await supplyIn(c, supplyId, true))!;
  const now = c.now();
  const step = nextState(supplierMachine, s.state as SupplierState, event, { ...s.context, now });
  if (!step.ok) {
    if (event.kind === 'message') return step.reason;
    throw refusal(step.reason, c.locale);
  }
  const ctx: Ctx = { ...s.context };
  for (const e of step.effects) if (!outward.has(e.type)) applyLocal(ctx, e);
  if (event.kind === 'action' && (event.action === 'will-supply' || event.action === 'confirm-will-supply')) ctx.supplierAnswer = 'WillSupply';
  if (event.kind === 'action' && event.action === 'expect-to-supply') ctx.supplierAnswer = 'ExpectToSupply';
  const saved = { ...s, state: step.state, context: ctx };
  const entry: NewEvent = {
    requestId: s.requestId, supplyId, side: 'lending', fromState: s.state, toState: step.state, event: eventName(event), actor: actorOf(event),
    actorUser: event.kind === 'action' ? c.user : null, at: now, details: { transition: step.transition, effects: step.effects, ...(Object.keys(params).length ? { params } : {}) },
  };
  if (c.held && !(log && c.held.holds('request'))) await c.held.flush();
  const history = wantsHistory(c, { supply: supplyId });
  const messages = step.effects.filter((e) => e.type === 'send-supplying-agency-message').length;
  if (c.held && !log && (history || c.held.holdsFirst())) {
    // Its message, if any, goes to the borrower in-process: saved with the step it makes there;
    // else with the COMMIT, or before whatever this action sends next (held-save.ts).
    c.held.hold({ side: 'supply', row: saved, entry, history, saved: (w) => savedStep(c, entry, w, history), last: messages === 1 });
  } else {
    const withMessage = (l: MessageLog) => (c.held?.holds('request') ? c.held.supplyWithMessage(saved, entry, l, messages === 0) : illStore.saveSupplyWithMessage(c.tx, saved, entry, l));
    const written = await saveStep(c, log, history, withMessage, (h) => illStore.saveSupplyWithEvent(c.tx, saved, entry, h));
    if (written === 'duplicate') return undefined;
    if (!written) throw IllErrors.ILL_CHANGED_MEANWHILE({ id: supplyId });
    savedStep(c, entry, written, history);
  }
  c.known?.supplies.set(supplyId, { ...saved, version: s.version + 1 });
  savedRow(c, `supply:${supplyId}`);
  for (const e of step.effects) {
    if (e.type === 'send-supplying-agency-message') await deliver(c, supplyingMessage(s, e, c.now()), { requestId: s.requestId, supplyId, to: 'borrower' });
  }
  return undefined;
}

/**
 * Under the tests every message passed in-process is read back with the codec and must give the
 * same message: what we write must read, and what it reads is what the other side applies. A
 * server skips that second reading (the codec's round trip is held by its property tests): the
 * message is applied as written.
 */
const readBack = process.env.VITEST !== undefined;

function assertReadsBack(message: iso18626.AgencyMessage, xml: string): void {
  const read = parseMessage(xml);
  // Anything else is a bug of ours, not a peer's mistake.
  if (!read.ok) throw new Error(`ILL: our own ${message.kind} does not read back: ${read.errorType} ${read.errorValue}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(read.message)), JSON.parse(JSON.stringify(message)))) throw new Error(`ILL: our own ${message.kind} reads back as another message`);
}

/**
 * Passes one message to the other side: written with the codec, logged in full under its key (a
 * key seen before means the same message again: logged once, applied once), applied, and
 * answered with its confirmation (OK, or ERROR when the receiving machine refuses it), which is
 * logged too — the message, its confirmation and the step it makes in one statement.
 */
export async function deliver(
  c: StepContext, message: iso18626.AgencyMessage, where: { requestId: number; supplyId: number; to: 'lender' | 'borrower'; /** known already: saves a look-up */ remote?: boolean },
  /** nothing follows in the action: a Request New's log goes with the COMMIT */ last = false,
): Promise<void> {
  // A lender at a peer gets it over HTTP (peers/send.ts); the answers come back to POST /iso18626.
  if (where.to === 'lender' && where.remote !== false && (await sendToRemoteLender(c, message, where))) return;
  const xml = writeMessage(message, LOCAL_VERSION);
  if (readBack) assertReadsBack(message, xml);
  const direction = where.to === 'lender' ? 'to-lender' : 'to-borrower';
  const back = where.to === 'lender' ? 'to-borrower' : 'to-lender';
  const base = { requestId: where.requestId, supplyId: where.supplyId, version: LOCAL_VERSION, at: c.now() };
  // The message and its confirmation are logged in the same statement as the step the message
  // makes on the receiving side, the confirmation as OK. When that side refuses the message, nothing
  // was saved: the message is logged with the ERROR confirmation it answered. A key seen before:
  // the same message again, applied once.
  const ok = confirmationFor(message, { ok: true }, c.now());
  const log: PendingLog = {
    message: { ...base, direction, kind: message.kind, key: messageKey(message), xml },
    confirmation: { direction: back, kind: ok.kind, key: messageKey(ok), xml: writeMessage(ok, LOCAL_VERSION), outcome: ok.confirmationHeader.messageStatus, at: c.now() },
  };
  const event = eventOf(message)!;

  let refused: IllReason | undefined;
  if (message.kind === 'request' && event.kind === 'message' && event.message === 'request' && event.requestType === 'New') {
    const arrived: NewEvent = {
      requestId: where.requestId, supplyId: where.supplyId, side: 'lending', fromState: null, toState: 'new', event: eventName(event), actor: 'peer', actorUser: null, at: c.now(), details: {},
    };
    const id = await illStore.logMessageWithEvent(c.tx, log, arrived, last);
    if (id !== undefined) recorded(c, arrived, id);
    return;
  } else if (where.to === 'lender') {
    refused = await stepSupply(c, where.supplyId, event, {}, log);
  } else {
    // Only the current lender's messages move the request; a lender it has moved on from is answered OK and not applied.
    const r = (await requestIn(c, where.requestId))!;
    if (r.currentSupplyId === where.supplyId) refused = await stepRequest(c, where.requestId, event, {}, {}, log);
  }
  if (log.duplicate || log.written) return;
  if (refused) {
    const confirmation = confirmationFor(message, refusalOutcome(message, refused), c.now());
    log.confirmation = { direction: back, kind: confirmation.kind, key: messageKey(confirmation), xml: writeMessage(confirmation, LOCAL_VERSION), outcome: confirmation.confirmationHeader.messageStatus, at: c.now() };
  }
  await illStore.logMessageWithConfirmation(c.tx, log.message, log.confirmation);
}

export type { RequestRow, SupplyRow };
