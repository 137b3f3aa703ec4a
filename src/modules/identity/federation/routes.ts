import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionCookie } from '../authentication.js';
import { requestContext } from '../context.js';
import { federatedLogout } from './logout.js';
import { spKeys } from '../saml/sp-keys.js';
import { readerCategories } from './mapping.js';
import { categoryLimits, setCategoryLimits } from './reader-standing.js';
import { libraryParams } from '../schemas.js';
import { createProvider, deleteProvider, getProvider, listProviders, updateProvider } from './providers.js';
import { getReader, updateReader } from './readers.js';
import { newProviderBody, providerParams, providerPatch, providerSchema, readerParams, readerPatch, readerSchema } from './schemas.js';

const tags = ['identity-providers'];
const libraryAdmin = { permission: 'library-admin' as const, library: (req: FastifyRequest) => (req.params as { symbol?: string }).symbol };

/** Identity providers of a library (its administrators), of every kind, and readers' profiles. */
export const providerRoutes: FastifyPluginAsyncZod = async (app) => {
  const env = { secret: app.config.secret, baseUrl: app.config.baseUrl };
  const base = '/libraries/:symbol/identity-providers';

  app.post(
    base,
    {
      config: { access: libraryAdmin },
      schema: {
        tags,
        summary: 'Add a sign-in provider (OpenID Connect, SAML 2.0 IdP or CAS server) through which the library’s readers and staff sign in',
        description: 'OpenID: the client secret is write-only; register the answer’s `redirectUri`. SAML: give the IdP `saml.spMetadataUrl`. CAS: `cas.serviceUrl` is the service.',
        params: libraryParams,
        body: newProviderBody,
        response: { 201: providerSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createProvider(app.db, requestContext(req), req.params.symbol, req.body, env.secret, env.baseUrl)),
  );

  app.get(
    base,
    { config: { access: libraryAdmin }, schema: { tags, summary: 'The library’s identity providers', params: libraryParams, response: { 200: z.object({ items: z.array(providerSchema) }) } } },
    async (req) => ({ items: await listProviders(app.db, req.params.symbol, env.baseUrl) }),
  );

  app.get(
    `${base}/:id`,
    { config: { access: libraryAdmin }, schema: { tags, summary: 'One identity provider', params: providerParams, response: { 200: providerSchema } } },
    async (req) => getProvider(app.db, req.params.symbol, req.params.id, env.baseUrl),
  );

  app.patch(
    `${base}/:id`,
    {
      config: { access: libraryAdmin },
      schema: { tags, summary: 'Change an identity provider (the secret: give a new one, or null to remove it)', params: providerParams, body: providerPatch, response: { 200: providerSchema } },
    },
    async (req) => updateProvider(app.db, requestContext(req), req.params.symbol, req.params.id, req.body, env.secret, env.baseUrl),
  );

  app.delete(
    `${base}/:id`,
    { config: { access: libraryAdmin }, schema: { tags, summary: 'Remove an identity provider (its accounts stay)', params: providerParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteProvider(app.db, requestContext(req), req.params.symbol, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/sso-logout',
    {
      config: { access: 'public', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out here and, where the protocol offers it, at the library’s sign-in service (single logout)',
        description:
          'Ends this browser session like POST /auth/logout. `redirect`: where to send the browser next so that the provider ends its session too ' +
          '(SAML LogoutRequest, OpenID end_session_endpoint, CAS /logout), or null (a password session, or a provider without single logout).',
        response: { 200: z.object({ redirect: z.string().nullable(), via: z.enum(['oidc', 'saml', 'cas']).nullable() }) },
      },
    },
    async (req, reply) => {
      const out = await federatedLogout(app.db, { baseUrl: env.baseUrl, keys: spKeys(app.config) }, requestContext(req));
      void reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: env.baseUrl.startsWith('https:') });
      return out as { redirect: string | null; via: 'oidc' | 'saml' | 'cas' | null };
    },
  );

  // A SAML IdP's metadata file as it is (curl --data-binary @idp-metadata.xml): only in this plugin.
  for (const type of ['application/samlmetadata+xml', 'application/xml', 'text/xml']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 1_000_000 }, (_req, body, done) => done(null, body));
  }
  app.put(
    `${base}/:id/saml-metadata`,
    {
      config: { access: libraryAdmin },
      schema: {
        tags,
        summary: 'Replace a SAML provider’s IdP metadata with a file (body: the XML, application/samlmetadata+xml or application/xml)',
        description: 'The same as PATCH with idpMetadataXml; for uploading the file the IdP or the federation publishes.',
        params: providerParams,
        body: z.string().min(50).max(1_000_000),
        response: { 200: providerSchema },
      },
    },
    async (req) => updateProvider(app.db, requestContext(req), req.params.symbol, req.params.id, { idpMetadataXml: req.body }, env.secret, env.baseUrl),
  );

  const limitsSchema = z.object({
    mayRequest: z.boolean(),
    services: z.array(z.enum(['loan', 'copy'])).max(2),
    maxOpenRequests: z.number().int().min(0).max(1000),
    excludedMaterialTypes: z.array(z.string().min(1).max(50)).max(50),
  });
  const categoryView = z.object({ category: z.enum(readerCategories), illLimits: limitsSchema.nullable() });
  const staffOfLibrary = { permission: ['library-admin', 'borrowing', 'lending'] as const, library: libraryAdmin.library };
  app.get(
    '/libraries/:symbol/reader-categories',
    {
      config: { access: staffOfLibrary },
      schema: { tags: ['readers'], summary: 'Interlibrary-loan limits per reader category (null: the ILL defaults)', params: libraryParams, response: { 200: z.object({ items: z.array(categoryView) }) } },
    },
    async (req) => ({ items: await categoryLimits(app.db, req.params.symbol) }),
  );
  app.put(
    '/libraries/:symbol/reader-categories/:category',
    {
      config: { access: libraryAdmin },
      schema: {
        tags: ['readers'],
        summary: 'Set the interlibrary-loan limits of one reader category (null: back to the ILL defaults)',
        params: z.strictObject({ symbol: z.string().trim().min(1).max(100), category: z.enum(readerCategories) }),
        body: z.strictObject({ illLimits: limitsSchema.strict().nullable() }),
        response: { 200: categoryView },
      },
    },
    async (req) => setCategoryLimits(app.db, requestContext(req), req.params.symbol, req.params.category, req.body.illLimits),
  );

  const readerAccess = { permission: ['library-admin', 'lending'] as const, library: libraryAdmin.library };
  app.get(
    '/libraries/:symbol/readers/:userId',
    { config: { access: readerAccess }, schema: { tags: ['readers'], summary: 'A reader’s profile in the library (audited)', params: readerParams, response: { 200: readerSchema } } },
    async (req) => getReader(app.db, requestContext(req), req.params.symbol, req.params.userId),
  );
  app.patch(
    '/libraries/:symbol/readers/:userId',
    {
      config: { access: readerAccess },
      schema: {
        tags: ['readers'],
        summary: 'Change a reader’s category, or block them (their sessions end, sign-in is refused)',
        params: readerParams,
        body: readerPatch,
        response: { 200: readerSchema },
      },
    },
    async (req) => updateReader(app.db, requestContext(req), req.params.symbol, req.params.userId, req.body),
  );

};
