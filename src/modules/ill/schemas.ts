import { z } from 'zod';
import { requesterStates, supplierStates } from './domain/index.js';

/** The HTTP shapes of the interlibrary loan API. */

const paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const text = (max: number) => z.string().trim().min(1).max(max);
const symbol = z.string().trim().min(1).max(100);

export const newRequestBody = z.strictObject({
  clusterId: z.number().int().positive().optional().describe('the union catalogue record (cluster) wanted'),
  citation: z
    .strictObject({
      title: text(1000),
      author: text(500).optional(),
      isbn: z.string().trim().regex(/^[0-9Xx-]{10,17}$/).optional(),
      issn: z.string().trim().regex(/^\d{4}-?\d{3}[\dXx]$/).optional(),
      year: z.number().int().min(0).max(3000).optional(),
      materialType: z.string().trim().min(1).max(40).optional(),
    })
    .optional()
    .describe('typed by hand when the item is not in the catalogue (or to add an ISSN)'),
  service: z.enum(['loan', 'copy', 'either']).default('loan'),
  edition: z.enum(['this', 'any']).default('any'),
  articleTitle: text(1000).optional().describe('for a copy: the article or chapter'),
  pages: text(100).optional(),
  volume: text(50).optional(),
  issue: text(50).optional(),
  neededBy: z.iso.date().optional(),
  pickupLocation: text(200).optional(),
  note: text(2000).optional(),
  library: symbol.optional().describe('the borrowing library, when the account belongs to several'),
  readerId: z.number().int().positive().optional().describe('staff placing a request for a reader'),
  confirm: z.boolean().optional().describe('place it although the own library has a copy'),
});

export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const actionParams = z.strictObject({ id: z.coerce.number().int().positive(), action: z.string().regex(/^[a-z][a-z-]{1,40}$/) });

const conditions = z.strictObject({
  loanConditions: z.array(text(100)).max(10).optional(),
  offeredCost: z.strictObject({ amount: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
  edition: text(200).optional(),
  serviceType: z.enum(['loan', 'copy']).optional(),
  retryAfter: z.iso.date().optional().describe('YYYY-MM-DD: ask again from this day'),
  retryBefore: z.iso.date().optional(),
});

export const actionBody = z
  .strictObject({
    note: text(2000).optional(),
    dueDate: z.iso.date().optional().describe('YYYY-MM-DD: the loan’s due date (ship), or the reader’s (check-out)'),
    reasonUnfilled: text(100).optional().describe('cannot-supply: ISO 18626 reasonUnfilled (NotHeld, NotOnShelf, PolicyProblem, …)'),
    reasonRetry: text(100).optional().describe('offer-conditions: ISO 18626 reasonRetry (CostExceedsMaxCost, LoanCondition, AtBindery, …)'),
    conditions: conditions.optional().describe('offer-conditions: the changed terms, sent as retryInfo'),
    forwardTo: text(100).optional().describe('ship-forward: the library (symbol) the loan goes on to instead of back to the lender'),
  })
  .default({});

export const readerListQuery = z.strictObject(paging);
export const queueQuery = z.strictObject({
  library: symbol.optional().describe('the desk’s library, when the account works for several'),
  state: z.string().trim().max(40).optional(),
  ...paging,
});

const reason = z.object({ code: z.string(), message: z.string() });
const action = z.object({ action: z.string(), label: z.string(), allowed: z.boolean(), reason: reason.optional() });
const event = z.object({
  at: z.string(),
  side: z.enum(['borrowing', 'lending']),
  library: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  toLabel: z.string(),
  event: z.string(),
  actor: z.string(),
});

export const citationView = z.object({
  clusterId: z.number().nullable(),
  title: z.string(),
  author: z.string().nullable(),
  isbn: z.string().nullable(),
  issn: z.string().nullable(),
  year: z.number().nullable(),
  materialType: z.string(),
  service: z.string(),
  edition: z.string(),
  articleTitle: z.string().nullable(),
  pages: z.string().nullable(),
  volume: z.string().nullable(),
  issue: z.string().nullable(),
});

const rotaView = z.object({
  ranked: z.array(
    z.object({
      symbol: z.string(),
      rank: z.number(),
      service: z.string(),
      score: z.number(),
      tier: z.string(),
      agreement: z.string().nullable().describe('the agreement between the two libraries that applies'),
      cost: z.object({ amount: z.number(), currency: z.string(), subsidy: z.number() }).nullable(),
      reasons: z.array(reason),
    }),
  ),
  excluded: z.array(z.object({ symbol: z.string(), reasons: z.array(reason) })),
});

/** A RetryPossible's terms, as both desks read them (ISO 18626 messageInfo/reasonRetry and note, retryInfo). */
const offeredConditionsView = z.object({
  reasonRetry: z.string().optional(),
  loanConditions: z.array(z.string()).optional(),
  offeredCost: z.object({ amount: z.number(), currency: z.string() }).optional(),
  edition: z.string().optional(),
  serviceType: z.string().optional(),
  retryAfter: z.string().optional(),
  retryBefore: z.string().optional(),
  note: z.string().optional().describe('the lender’s note sent with the offer'),
});

export const requestView = z.object({
  id: z.number(),
  state: z.enum(requesterStates),
  stateLabel: z.string(),
  borrowingLibrary: z.string(),
  reader: z.object({ id: z.number().nullable().describe('null: a request a peer deployment sent'), name: z.string() }),
  citation: citationView,
  neededBy: z.string().nullable(),
  pickupLocation: z.string().nullable(),
  note: z.string().nullable(),
  lender: z.string().nullable().describe('the lender working on it now'),
  lendingRequestId: z.number().nullable(),
  dueDate: z.string().nullable().describe('when the reader must bring it back'),
  offeredConditions: offeredConditionsView
    .nullable()
    .describe('while `conditional-answer`: the lender’s last RetryPossible — why, the changed terms and its note — to accept or reject (dates as the message brought them: xs:dateTime)'),
  rota: rotaView.optional().describe('staff only: the lenders in order and those left out, with reasons'),
  timeline: z.array(event),
  actions: z.array(action),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const requestSummary = requestView.omit({ timeline: true, actions: true, rota: true });
export const requestList = z.object({ items: z.array(requestSummary), limit: z.number(), offset: z.number() });

export const supplyView = z.object({
  id: z.number(),
  requestId: z.number(),
  state: z.enum(supplierStates),
  stateLabel: z.string(),
  lendingLibrary: z.string(),
  borrowingLibrary: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  neededBy: z.string().nullable(),
  dueDate: z.string().nullable().describe('the loan’s due date (YYYY-MM-DD), once shipped; null before'),
  offeredConditions: offeredConditionsView
    .nullable()
    .describe('while `awaiting-conditions`: the terms this desk offered (RetryPossible) and its note, as it gave them (dates YYYY-MM-DD)'),
  timeline: z.array(event).optional(),
  actions: z.array(action).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const supplyList = z.object({ items: z.array(supplyView), limit: z.number(), offset: z.number() });
