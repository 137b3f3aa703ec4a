/**
 * `GET /api/v1/ill/statistics`: fill rate, turnaround per step, requests by status, lending and
 * borrowing per library against its target, the titles asked for most, and the same month by
 * month — shaped for charts (one array per series, every month present).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { librariesWith } from '../../../platform/http/authorize.js';
import { clock } from '../steps.js';
import { illStatistics } from './statistics.service.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date: YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a real date');
const query = z.strictObject({
  from: isoDay.optional().describe('first day of the period (placing date, China Standard Time); default: the first day of the month eleven months before `to`'),
  to: isoDay.optional().describe('last day of the period; default: today'),
  library: z.string().trim().min(1).max(100).optional().describe('one library: its requests as borrower, its lending as lender'),
  alliance: z.string().trim().min(1).max(100).optional().describe('an alliance: its members together'),
});

const hours = z.number().nullable().describe('hours; null when no request went through the step');
const ratio = z.number().nullable();
export const statisticsView = z.object({
  from: z.string(),
  to: z.string(),
  library: z.string().nullable(),
  alliance: z.string().nullable().describe('both null: the whole deployment (network administrators)'),
  totals: z.object({
    requests: z.number().describe('requests placed in the period'),
    ended: z.number().describe('filled, or closed without a lender supplying (cancelled, end of rota)'),
    filled: z.number().describe('a lender shipped the loan or delivered the copy'),
    unfilled: z.number(),
    fillRate: ratio.describe('filled / ended, 0–1; null when nothing ended'),
  }),
  turnaround: z.array(z.object({ step: z.enum(['request-to-shipped', 'shipped-to-received', 'request-to-completed']), count: z.number(), medianHours: hours, p90Hours: hours })),
  byStatus: z.array(z.object({ state: z.string(), count: z.number() })),
  libraries: z.array(
    z.object({
      symbol: z.string(),
      name: z.object({ zh: z.string(), en: z.string() }),
      lent: z.number().describe('items it lent or copies it delivered'),
      borrowed: z.number().describe('its requests a lender filled'),
      targetRatio: ratio.describe('lent per borrowed, as the directory sets it'),
      ratio: ratio.describe('lent per borrowed in the period; null when it borrowed nothing'),
      balance: ratio.describe('lent − target × borrowed: above (positive) or below its target, in items'),
    }),
  ),
  topTitles: z.array(z.object({ title: z.string(), author: z.string().nullable(), clusterId: z.number().nullable(), requests: z.number(), filled: z.number() })),
  months: z.array(
    z.object({ month: z.string().describe('YYYY-MM'), requests: z.number(), filled: z.number(), unfilled: z.number(), fillRate: ratio, lent: z.number() }),
  ),
});

/** The library the caller asks about: named, else their only library with `statistics` (none with an alliance). */
const libraryOf = (req: FastifyRequest): string | undefined => {
  const q = req.query as { library?: string; alliance?: string };
  if (q.library || q.alliance) return q.library;
  const mine = librariesWith(req.principal, 'statistics');
  return mine === 'all' ? undefined : mine[0];
};

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ill/statistics',
    {
      config: { access: { permission: 'statistics', library: libraryOf, alliance: (req) => (req.query as { alliance?: string }).alliance } },
      schema: {
        tags: ['ill'],
        summary: 'Interlibrary loan statistics: fill rate, turnaround, requests by status, lending/borrowing balance, top titles, by month',
        querystring: query,
        response: { 200: statisticsView },
      },
    },
    async (req) => illStatistics(app.db, req.principal!, req.query, clock()),
  );
};
