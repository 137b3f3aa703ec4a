/** What the interlibrary loan API shows of requests and supplies, in the reader's language. */
import type { Locale } from '../../platform/i18n.js';
import {
  actionLabels, availableActions, illMessage, loanDueDateSet, requesterMachine, stateLabels, supplierMachine, type IllActor, type IllReason, type RequesterState, type SupplierState,
} from './domain/index.js';
import type { EventRow, RequestRow, SupplyRow } from './ill.store.js';
import type { Kept } from './steps.js';

const reasonView = (r: IllReason, locale: Locale) => ({ code: r.code, message: illMessage(r, locale) });
const label = (table: Record<string, { en: string; 'zh-CN': string }>, key: string, locale: Locale) => table[key]?.[locale] ?? key;

export function presentEvents(events: EventRow[], locale: Locale) {
  return events.map((e) => ({
    at: e.at, side: e.side, library: e.library, from: e.fromState, to: e.toState, toLabel: label(stateLabels, e.toState, locale), event: e.event, actor: e.actor,
  }));
}

/** The actions the viewer may take now: allowed ones, and greyed-out ones with the reason. */
function actionsFor(machine: typeof requesterMachine | typeof supplierMachine, state: string, context: RequestRow['context'], actor: IllActor, locale: Locale) {
  return availableActions(machine as typeof requesterMachine, state as RequesterState, { ...context, now: new Date().toISOString() }, actor).map((a) => ({
    action: a.action, label: label(actionLabels, a.action, locale), allowed: a.allowed, ...(a.reason ? { reason: reasonView(a.reason, locale) } : {}),
  }));
}

export function presentRequestSummary(r: RequestRow, locale: Locale) {
  const ctx = r.context as RequestRow['context'] & Kept;
  return {
    id: r.id,
    state: r.state as RequesterState,
    stateLabel: label(stateLabels, r.state, locale),
    borrowingLibrary: r.borrowingLibrary,
    reader: { id: r.readerId, name: r.readerName },
    citation: r.citation,
    neededBy: r.neededBy,
    pickupLocation: r.pickupLocation,
    note: r.note,
    lender: r.currentLender ?? r.rota.ranked[r.lenderIndex]?.symbol ?? null,
    lendingRequestId: r.currentSupplyId,
    // A date as the reader reads it: the lender's xs:dateTime is the end of that day in China Standard Time.
    dueDate: (ctx.readerDueDate ?? ctx.dueDate)?.slice(0, 10) ?? null,
    offeredConditions: r.state === 'conditional-answer' ? (ctx.offeredConditions ?? null) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A request with its timeline; staff see the rota and both sides' steps, the reader their own library's. */
export function presentRequest(r: RequestRow, events: EventRow[], viewer: 'staff' | 'reader', locale: Locale) {
  return {
    ...presentRequestSummary(r, locale),
    ...(viewer === 'staff'
      ? {
          rota: {
            ranked: r.rota.ranked.map((l) => ({
              symbol: l.symbol, rank: l.rank, service: l.service, score: l.score, tier: l.tier, agreement: l.agreement ?? null, cost: l.cost,
              reasons: l.reasons.map((x) => reasonView(x, locale)),
            })),
            excluded: r.rota.excluded.map((l) => ({ symbol: l.symbol, reasons: l.reasons.map((x) => reasonView(x, locale)) })),
          },
        }
      : {}),
    timeline: presentEvents(viewer === 'staff' ? events : events.filter((e) => e.side === 'borrowing'), locale),
    actions: actionsFor(requesterMachine, r.state, r.context, viewer, locale),
  };
}

export function presentSupply(s: SupplyRow, locale: Locale, events?: EventRow[]) {
  const ctx = s.context as SupplyRow['context'] & Kept;
  return {
    id: s.id,
    requestId: s.requestId,
    state: s.state as SupplierState,
    stateLabel: label(stateLabels, s.state, locale),
    lendingLibrary: s.lendingLibrary,
    borrowingLibrary: s.borrowingLibrary,
    title: s.title,
    author: s.author,
    neededBy: s.neededBy,
    // Only once shipped: before, the context holds the policy's default that `ship` falls back on.
    dueDate: loanDueDateSet(s.state as SupplierState, ctx.service) ? (ctx.dueDate?.slice(0, 10) ?? null) : null,
    offeredConditions: s.state === 'awaiting-conditions' ? (ctx.offeredConditions ?? null) : null,
    ...(events ? { timeline: presentEvents(events, locale), actions: actionsFor(supplierMachine, s.state, s.context, 'staff', locale) } : {}),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
