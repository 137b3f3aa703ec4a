/**
 * Fees and subsidies: a library's monthly statement (what it owes lenders, what borrowers owe it,
 * the alliance's subsidies, the net, and the charges behind them) and the members' yearly
 * subsidy budgets.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getLibrary } from '../../network/index.js';
import { statementOf } from './charges.js';
import { FeeErrors } from './errors.js';
import { feesStore } from './fees.store.js';

const tags = ['ill'];
const statementQuery = z.strictObject({
  library: z.string().min(1).max(100).describe('the library’s symbol'),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe('YYYY-MM (months in UTC)'),
});
const line = z.object({
  currency: z.string(), owes: z.number().describe('to lenders: the library’s share of the fees it borrowed at'), owed: z.number().describe('by borrowers: their share of the library’s fees'),
  subsidiesReceived: z.number().describe('paid by the alliance of the fees the library borrowed at'), subsidiesOwed: z.number().describe('owed by the alliance of the library’s own fees'),
  net: z.number().describe('owed + subsidiesOwed − owes: positive, the library is to receive'), transactions: z.number(),
});
const chargeView = z.object({
  requestId: z.number(), lendingRequestId: z.number(), borrower: z.string(), lender: z.string(), service: z.enum(['loan', 'copy']), currency: z.string(), fee: z.number(), subsidy: z.number(),
  borrowerPays: z.number(), basis: z.enum(['agreement', 'fees-waived', 'policy', 'free']), agreement: z.string().nullable(), subsidyRate: z.number(),
  subsidyCapped: z.enum(['budget-spent', 'budget-currency']).nullable(), chargedAt: z.string(),
});
const budgetParams = z.strictObject({ symbol: z.string().min(1).max(100), year: z.coerce.number().int().min(2000).max(2200) });
const budgetBody = z.strictObject({ amount: z.number().min(0).max(1e11), currency: z.string().regex(/^[A-Z]{3}$/) });

export const feesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ill/statements',
    {
      config: { access: { permission: ['borrowing', 'lending', 'statistics', 'library-admin'], library: (req) => (req.query as { library?: string }).library } },
      schema: {
        tags, summary: 'A library’s monthly statement of interlibrary loan fees: what it owes, what it is owed, subsidies, net (staff of the library, network administrators)',
        querystring: statementQuery,
        response: { 200: z.object({ library: z.string(), month: z.string(), totals: z.array(line), charges: z.array(chargeView) }) },
      },
    },
    async (req) => {
      const library = await getLibrary(app.db, req.query.library);
      if (!library) throw FeeErrors.ILL_FEES_LIBRARY_NOT_FOUND({ symbol: req.query.library });
      const charges = await feesStore.chargesOfMonth(app.db, library.id, req.query.month);
      return {
        library: library.entry.symbol, month: req.query.month, totals: statementOf(library.entry.symbol, charges),
        charges: charges.map(({ id: _id, supplyId, ...c }) => ({ ...c, lendingRequestId: supplyId })),
      };
    },
  );
  app.put(
    '/ill/subsidy-budgets/:symbol/:year',
    {
      config: { access: { permission: 'network-admin' } },
      schema: {
        tags, summary: 'Set a member’s subsidy budget for a year: the alliance pays the agreement’s subsidy rate of its fees until the budget is spent',
        params: budgetParams, body: budgetBody, response: { 200: z.object({ library: z.string(), year: z.number(), amount: z.number(), currency: z.string(), left: z.number() }) },
      },
    },
    async (req) => {
      const library = await getLibrary(app.db, req.params.symbol);
      if (!library) throw FeeErrors.ILL_FEES_LIBRARY_NOT_FOUND({ symbol: req.params.symbol });
      const left = await app.db.transaction(async (tx) => {
        await feesStore.putBudget(tx, library.id, req.params.year, req.body.amount, req.body.currency);
        return feesStore.budgetLeft(tx, library.id, req.params.year);
      });
      return { library: library.entry.symbol, year: req.params.year, amount: req.body.amount, currency: req.body.currency, left: left?.amount ?? req.body.amount };
    },
  );
};
