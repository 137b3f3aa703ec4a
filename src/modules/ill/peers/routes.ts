/**
 * `POST /iso18626` for peer systems (INTERFACES.md), and the network administrator's list of
 * peers: libraries served by another system, where their ISO 18626 endpoint is, and which of them
 * is this deployment's upper tier.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getLibrary } from '../../network/index.js';
import { hashPeerSecret, newPeerSecret } from './authenticate.js';
import { PeerErrors } from './errors.js';
import { peerStore, type Peer } from './peer.store.js';
import { receiveMessage } from './receive.js';

/** The largest message read (the codec's own limit is 1 MiB of XML). */
const BODY_LIMIT = 2 * 1024 * 1024;

export const iso18626Routes: FastifyPluginAsync = async (app) => {
  // Scoped to this plugin: whatever the Content-Type says (text/xml, application/xml, or a peer
  // that sends none or the wrong one), the body is read as the XML it must be.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.post('/iso18626', { config: { access: 'public', ownCredentials: true }, schema: { hide: true } }, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await receiveMessage(app.db, body, req.ip, req.ownAuthorization);
    if (answer.unauthenticated) req.log.warn({ peer: req.ip, ...answer.unauthenticated }, 'ISO 18626 message refused: not authenticated');
    if (answer.status === 401) {
      reply.header('www-authenticate', 'Bearer realm="iso18626"');
      throw PeerErrors.ILL_PEER_UNAUTHENTICATED();
    }
    return reply.status(answer.status).type(answer.contentType).send(answer.body);
  });
};

const tags = ['ill'];
const symbolParams = z.strictObject({ symbol: z.string().min(1).max(100) });
const peerBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).describe('the peer’s ISO 18626 endpoint, e.g. https://ill.example.org/iso18626'),
  version: z.enum(['1.2', '2021']).default('2021').describe('the ISO 18626 version the peer speaks'),
  upperTier: z.boolean().default(false).describe('requests our rota cannot fill go here (one upper tier; naming one takes the role from the former)'),
});
const peerView = z.object({
  library: z.string(), url: z.string(), version: z.enum(['1.2', '2021']), upperTier: z.boolean(), updatedAt: z.string(),
  secrets: z.object({
    issued: z.boolean().describe('we issued the peer a secret: its messages must carry it (only its hash is kept)'),
    theirs: z.boolean().describe('the peer gave us the secret it issued to us, sent on our messages (never shown)'),
    updatedAt: z.string().nullable(),
  }),
});
const secretsBody = z.strictObject({
  inbound: z.enum(['issue', 'revoke']).optional().describe('issue (or rotate) the secret the peer must send us — shown once, in this answer; revoke it (the peer is then refused)'),
  outbound: z.string().min(32).max(512).regex(/^[\x21-\x7e]+$/).nullable().optional().describe('the secret the peer issued to us, sent as Authorization: Bearer on our messages; null removes it'),
});
const secretsView = peerView.extend({ issuedSecret: z.string().optional().describe('the new secret to give the peer: shown this once, only its hash is kept') });
const outboxQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const outboxView = z.object({
  id: z.number(), requestId: z.number().nullable(), kind: z.string(), url: z.string(), status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number(),
  nextAttemptAt: z.string(), lastError: z.string().nullable(), outcome: z.string().nullable().describe('the peer’s messageStatus: OK or ERROR'),
  createdAt: z.string(), deliveredAt: z.string().nullable(),
});
const present = (p: Peer) => ({
  library: p.symbol, url: p.url, version: p.version, upperTier: p.upperTier, updatedAt: p.updatedAt,
  secrets: { issued: p.inboundSecret, theirs: p.outboundSecret, updatedAt: p.secretsUpdatedAt },
});

export const peerRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = { access: { permission: 'network-admin' as const } };
  app.get(
    '/ill/peers',
    { config: admin, schema: { tags, summary: 'Libraries served by another system over ISO 18626, and the upper tier', response: { 200: z.object({ items: z.array(peerView) }) } } },
    async () => ({ items: (await peerStore.peers(app.db)).map(present) }),
  );
  app.put(
    '/ill/peers/:symbol',
    {
      config: admin,
      schema: {
        tags, summary: 'Set the ISO 18626 address of a library served by another system (or of the upper tier’s deployment)',
        description: 'Messages to this library then go as XML over HTTP through the outbox (retried with back-off while it does not answer), never in-process.',
        params: symbolParams, body: peerBody, response: { 200: peerView },
      },
    },
    async (req) => {
      const library = await getLibrary(app.db, req.params.symbol);
      if (!library) throw PeerErrors.ILL_PEER_LIBRARY_NOT_FOUND({ symbol: req.params.symbol });
      await app.db.transaction((tx) => peerStore.putPeer(tx, library.id, req.body));
      return present((await peerStore.peerOfLibrary(app.db, library.id))!);
    },
  );
  app.put(
    '/ill/peers/:symbol/secrets',
    {
      config: admin,
      schema: {
        tags, summary: 'Set or rotate a peer’s shared secrets: the one we issue it (its messages must carry it) and the one it issued to us',
        description: 'A message to POST /iso18626 that claims to come from this library is taken only with `Authorization: Bearer <the secret we issued>`. Rotating replaces the secret at once: give the peer the new one.',
        params: symbolParams, body: secretsBody, response: { 200: secretsView },
      },
    },
    async (req) => {
      const library = await getLibrary(app.db, req.params.symbol);
      const peer = library && (await peerStore.peerOfLibrary(app.db, library.id));
      if (!peer) throw PeerErrors.ILL_PEER_NOT_FOUND({ symbol: req.params.symbol });
      const issued = req.body.inbound === 'issue' ? newPeerSecret() : undefined;
      const inboundHash = issued ? hashPeerSecret(issued) : req.body.inbound === 'revoke' ? null : undefined;
      await app.db.transaction((tx) => peerStore.setSecrets(tx, peer.libraryId, { ...(inboundHash !== undefined ? { inboundHash } : {}), ...(req.body.outbound !== undefined ? { outbound: req.body.outbound } : {}) }));
      req.log.info({ peer: peer.symbol, inbound: req.body.inbound ?? 'unchanged', outbound: req.body.outbound === undefined ? 'unchanged' : req.body.outbound === null ? 'removed' : 'set' }, 'ISO 18626 peer secrets changed');
      return { ...present((await peerStore.peerOfLibrary(app.db, peer.libraryId))!), ...(issued ? { issuedSecret: issued } : {}) };
    },
  );
  app.get(
    '/ill/outbox',
    {
      config: admin,
      schema: {
        tags, summary: 'Our ISO 18626 messages on their way to peers: pending (with the last error and the next attempt), delivered (OK or ERROR), failed',
        querystring: outboxQuery, response: { 200: z.object({ items: z.array(outboxView), limit: z.number(), offset: z.number() }) },
      },
    },
    async (req) => ({ items: await peerStore.outboxByStatus(app.db, req.query.status, req.query.limit, req.query.offset), limit: req.query.limit, offset: req.query.offset }),
  );
  app.delete(
    '/ill/peers/:symbol',
    { config: admin, schema: { tags, summary: 'The library is no longer served elsewhere', params: symbolParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const library = await getLibrary(app.db, req.params.symbol);
      if (!library || !(await peerStore.deletePeer(app.db, library.id))) throw PeerErrors.ILL_PEER_NOT_FOUND({ symbol: req.params.symbol });
      return reply.status(204).send(null);
    },
  );
};
