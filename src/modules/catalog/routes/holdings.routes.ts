import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clusterAvailability, itemsOfLibrary, libraryAvailability, pushAvailability } from '../holdings/availability.service.js';
import { getCatalogProfile, putCatalogProfile } from '../holdings/profile.service.js';
import {
  availabilityPush,
  catalogProfileBody,
  catalogProfileView,
  clusterAvailabilityView,
  clusterParams,
  itemsQuery,
  itemsView,
  librarySummaryView,
  pushReportView,
  symbolParams,
} from '../holdings/schemas.js';

const tags = ['catalog'];
const librarySymbol = (req: FastifyRequest) => (req.params as { symbol?: string }).symbol;


/** Holdings and items: availability per cluster and library, circulation pushes, item look-up, catalog profiles. */
export const holdingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clusters/:id/availability',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Copies of a union record across the alliance and how many are on the shelf, library by library',
        description: 'A cluster merged by staff answers for the cluster it became (`clusterId` says which).',
        params: clusterParams,
        response: { 200: clusterAvailabilityView },
      },
    },
    async (req) => clusterAvailability(app.db, req.params.id),
  );

  app.get(
    '/libraries/:symbol/availability',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A library’s copies at a glance: records held, copies by status, overdue loans, last status change',
        params: symbolParams,
        response: { 200: librarySummaryView },
      },
    },
    async (req) => libraryAvailability(app.db, req.params.symbol),
  );

  app.post(
    '/libraries/:symbol/availability',
    {
      config: { access: { permission: ['lending', 'catalogue'], library: librarySymbol } },
      schema: {
        tags,
        summary: 'Push circulation changes of a library’s copies by barcode (up to 10,000 per request)',
        description:
          'Needs `lending` or `catalogue` in the library. Valid changes are applied in one transaction; invalid rows are listed with field and reason and left out (partial success), barcodes the library has no copy with are listed as unknown. For a barcode named twice the last row wins.',
        params: symbolParams,
        body: availabilityPush,
        response: { 200: pushReportView },
      },
    },
    async (req) => pushAvailability(app.db, req.params.symbol, req.body.changes),
  );

  app.get(
    '/libraries/:symbol/items',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A library’s copies by barcode, with status, due date and the record they belong to',
        params: symbolParams,
        querystring: itemsQuery,
        response: { 200: itemsView },
      },
    },
    async (req) => ({ items: await itemsOfLibrary(app.db, req.params.symbol, req.query.barcode) }),
  );

  app.get(
    '/libraries/:symbol/catalog-profile',
    {
      config: { access: { permission: ['library-admin', 'catalogue'], library: librarySymbol } },
      schema: {
        tags,
        summary: 'How the library’s records and items are read: local id field, flavour, charset, item profile and mapping, source priority, harvest settings',
        params: symbolParams,
        response: { 200: catalogProfileView },
      },
    },
    async (req) => getCatalogProfile(app.db, req.params.symbol),
  );

  app.put(
    '/libraries/:symbol/catalog-profile',
    {
      config: { access: { permission: ['library-admin', 'catalogue'], library: librarySymbol } },
      schema: {
        tags,
        summary: 'Replace the library’s catalog profile (omitted fields take their defaults)',
        description: 'Needs `library-admin` or `catalogue` in the library. Applies to the next import or harvest.',
        params: symbolParams,
        body: catalogProfileBody,
        response: { 200: catalogProfileView },
      },
    },
    async (req) => putCatalogProfile(app.db, req.params.symbol, req.body, { principal: req.principal, ip: req.ip, requestId: req.id }),
  );
};
