/**
 * Copyright over REST: the rules (an alliance's administrators for its rules, network
 * administrators for the deployment's), the borrowing desk's requests waiting for clearance and
 * its decisions, and the ledger of copies counted.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission, librariesWith } from '../../../platform/http/authorize.js';
import { getLibrary } from '../../network/index.js';
import { IllErrors } from '../errors.js';
import { decideClearance } from './copyright.service.js';
import { copyrightStore, type RuleRow } from './copyright.store.js';
import { CopyrightErrors } from './errors.js';
import { calendarYear, clearanceReasons, refusalReasons } from './rules.js';

const tags = ['ill'];

const ruleView = z.object({
  id: z.number(),
  name: z.string(),
  alliance: z.string().nullable().describe('the alliance whose members borrow under it; null: the whole deployment'),
  maxCopies: z.number(),
  windowYears: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const newRule = z.strictObject({
  name: z.string().trim().min(1).max(200),
  maxCopies: z.number().int().min(0).max(1000).describe('copies of one journal title per borrowing library per calendar year (CONTU: 5)'),
  windowYears: z.number().int().min(1).max(100).describe('issues published within this many years count (CONTU: 5)'),
});
const ruleChange = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  maxCopies: z.number().int().min(0).max(1000).optional(),
  windowYears: z.number().int().min(1).max(100).optional(),
  active: z.boolean().optional(),
});
const finding = z.object({ rule: z.number(), name: z.string(), limit: z.number(), windowYears: z.number(), used: z.number(), over: z.boolean() });
const holdView = z.object({
  requestId: z.number(),
  library: z.string(),
  title: z.string(),
  articleTitle: z.string().nullable(),
  readerName: z.string(),
  findings: z.array(finding),
  status: z.enum(['waiting', 'approved', 'refused', 'withdrawn']),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
const ledgerView = z.object({
  requestId: z.number(),
  titleKey: z.string(),
  journal: z.string(),
  issn: z.string().nullable(),
  publicationYear: z.number().nullable(),
  countedYear: z.number(),
  basis: z.enum(['within-limit', 'cleared']),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  countedAt: z.string(),
  voidedAt: z.string().nullable().describe('the request was cancelled: the copy no longer counts'),
});
const deskQuery = z.strictObject({
  library: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const presentRule = (r: RuleRow) => r;

/** The desk's library: named in ?library=, else the only one where the account has `borrowing`. */
const deskLibrary = (req: FastifyRequest): string | undefined => {
  const named = (req.query as { library?: string }).library;
  if (named) return named;
  const mine = librariesWith(req.principal, 'borrowing');
  return mine === 'all' ? undefined : mine[0];
};
const allianceOf = (req: FastifyRequest) => (req.query as { alliance?: string }).alliance;

export const copyrightRoutes: FastifyPluginAsyncZod = async (app) => {
  const libraryId = async (symbol: string | undefined): Promise<number> => {
    if (!symbol) throw IllErrors.ILL_LIBRARY_REQUIRED();
    const lib = await getLibrary(app.db, symbol);
    if (!lib) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: symbol, permission: 'borrowing' });
    return lib.id;
  };

  app.get(
    '/ill/copyright/rules',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Copyright rules: the deployment’s and every alliance’s (or one alliance’s)', querystring: z.strictObject({ alliance: z.string().trim().min(1).max(100).optional() }), response: { 200: z.object({ items: z.array(ruleView) }) } },
    },
    async (req) => ({ items: (await copyrightStore.rules(app.db, req.query.alliance)).map(presentRule) }),
  );

  app.post(
    '/ill/copyright/rules',
    {
      config: { access: { permission: 'alliance-admin', alliance: allianceOf } },
      schema: {
        tags,
        summary: 'Add a copyright rule for an alliance (?alliance=, its administrators) or the whole deployment (network administrators)',
        description: 'CONTU’s “rule of five” is { "maxCopies": 5, "windowYears": 5 }. A copy request over any rule of the borrowing library waits for clearance.',
        querystring: z.strictObject({ alliance: z.string().trim().min(1).max(100).optional() }),
        body: newRule,
        response: { 201: ruleView },
      },
    },
    async (req, reply) => {
      const alliance = req.query.alliance ?? null;
      const id = await app.db.transaction(async (tx) => {
        const made = await copyrightStore.insertRule(tx, { ...req.body, alliance }, req.principal!.via === 'local' ? null : req.principal!.userId);
        if (made === undefined) throw CopyrightErrors.ILL_COPYRIGHT_ALLIANCE_NOT_FOUND({ alliance });
        return made;
      });
      return reply.status(201).send(presentRule((await copyrightStore.rule(app.db, id))!));
    },
  );

  app.patch(
    '/ill/copyright/rules/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Change or switch off a copyright rule (its alliance’s administrators, or network administrators)', params: z.strictObject({ id: z.coerce.number().int().positive() }), body: ruleChange, response: { 200: ruleView } },
    },
    async (req) => {
      const rule = await copyrightStore.rule(app.db, req.params.id);
      if (!rule) throw CopyrightErrors.ILL_COPYRIGHT_RULE_NOT_FOUND({ id: req.params.id });
      const may = rule.alliance ? hasPermission(req.principal!, 'alliance-admin', { alliance: rule.alliance }) : hasPermission(req.principal!, 'network-admin', {});
      if (!may) throw CopyrightErrors.ILL_COPYRIGHT_NOT_YOURS({ scope: rule.alliance ?? 'the deployment' });
      await copyrightStore.updateRule(app.db, rule.id, req.body);
      return presentRule((await copyrightStore.rule(app.db, rule.id))!);
    },
  );

  app.get(
    '/ill/copyright/holds',
    {
      config: { access: { permission: 'borrowing', library: deskLibrary } },
      schema: { tags, summary: 'The borrowing desk’s copy requests waiting for copyright clearance, oldest first, with the rules they are over', querystring: deskQuery, response: { 200: z.object({ items: z.array(holdView) }) } },
    },
    async (req) => ({ items: await copyrightStore.waiting(app.db, await libraryId(deskLibrary(req)), req.query.limit, req.query.offset) }),
  );

  app.get(
    '/ill/copyright/ledger',
    {
      config: { access: { permission: ['borrowing', 'statistics'], library: deskLibrary } },
      schema: {
        tags,
        summary: 'The copies a borrowing library asked for in a calendar year, as the rules count them',
        querystring: z.strictObject({ library: z.string().trim().min(1).max(100).optional(), year: z.coerce.number().int().min(2000).max(3000).optional() }),
        response: { 200: z.object({ year: z.number(), items: z.array(ledgerView) }) },
      },
    },
    async (req) => {
      const year = req.query.year ?? calendarYear(new Date().toISOString());
      return { year, items: await copyrightStore.ledger(app.db, await libraryId(deskLibrary(req)), year) };
    },
  );

  app.post(
    '/ill/requests/:id/copyright-clearance',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Approve (with the reason: paid-royalty, fair-use, licence, public-domain, other) or refuse (over-limit, no-licence, other) a copy request waiting for copyright clearance',
        description: 'Staff with `borrowing` in the borrowing library. Approved: counted in the ledger as cleared and sent to the first lender. Refused: cancelled, the reader told.',
        params: z.strictObject({ id: z.coerce.number().int().positive() }),
        body: z.discriminatedUnion('decision', [
          z.strictObject({ decision: z.literal('approve'), reason: z.enum(clearanceReasons), note: z.string().trim().min(1).max(2000).optional() }),
          z.strictObject({ decision: z.literal('refuse'), reason: z.enum(refusalReasons), note: z.string().trim().min(1).max(2000).optional() }),
        ]),
        response: { 200: holdView },
      },
    },
    async (req) => {
      await decideClearance(app.db, req.principal!, req.params.id, req.body, req.locale);
      return (await copyrightStore.hold(app.db, req.params.id))!;
    },
  );
};
