import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agreementRoutes } from './agreement.routes.js';
import { allianceRoutes } from './alliance.routes.js';
import { provinces } from './domain/provinces.js';
import { exchangeRoutes } from './exchange.routes.js';
import { libraryRoutes } from './library.routes.js';
import { provinceList } from './schemas.js';

/** The directory of the network under /api/v1: libraries, alliances, agreements, import and export. */
export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(libraryRoutes);
  await app.register(allianceRoutes);
  await app.register(agreementRoutes);
  await app.register(exchangeRoutes);
  app.get(
    '/provinces',
    { config: { access: 'public' }, schema: { tags: ['network'], summary: 'The provinces of ISO 3166-2:CN and their names', response: { 200: provinceList } } },
    async () => Object.entries(provinces).map(([code, name]) => ({ code, name })),
  );
};
