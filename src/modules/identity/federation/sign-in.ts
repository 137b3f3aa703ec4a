/**
 * What every federated sign-in does at its end, whatever the protocol: a refusal becomes a page
 * for the reader, a line in the log and an entry in the audit log (nothing else is written); a
 * success opens the session (the old one of the browser ends) and goes back to `returnTo`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../../platform/db/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { recordAudit } from '../audit.js';
import { setSessionCookie } from '../auth-routes.js';
import { sessionCookie } from '../authentication.js';
import { hashSecret } from '../domain/secrets.js';
import { sessionStore, type SessionLifetime } from '../session-store.js';
import { openSession, type NewSession } from '../sessions.js';
import { LoginFailure } from './failure.js';
import { provision } from './jit.js';
import type { MappedPerson } from './mapping.js';
import { errorPage } from './page.js';
import { providerStore, type ProviderKind, type ProviderRow } from './provider-store.js';

/** What single logout needs of a session (SAML: the NameID and SessionIndex the IdP gave). */
export interface FederatedSessionInfo {
  nameId?: string | null;
  nameIdFormat?: string | null;
  sessionIndex?: string | null;
}

/**
 * Makes or brings up to date the account of `person` and opens its session, in one transaction:
 * a blocked reader or a disabled account is refused before anything is written.
 */
export async function signInPerson(
  tx: Queryable,
  provider: ProviderRow,
  person: MappedPerson,
  r: { ip: string; userAgent?: string; requestId: string; locale: Locale; lifetime?: SessionLifetime },
  federated: FederatedSessionInfo = {},
): Promise<{ session: NewSession; created: boolean }> {
  const { user, created } = await provision(tx, provider, person, { ip: r.ip, requestId: r.requestId, locale: r.locale });
  const session = await openSession(tx, user, {
    ip: r.ip,
    userAgent: r.userAgent,
    requestId: r.requestId,
    lifetime: r.lifetime,
    library: provider.library,
    details: { via: provider.kind, provider: provider.id, created },
  });
  await tx.query(
    `INSERT INTO federated_sessions (session_hash, provider_id, name_id, name_id_format, session_index) VALUES ($1, $2, $3, $4, $5)`,
    [hashSecret(session.secret), provider.id, federated.nameId ?? null, federated.nameIdFormat ?? null, federated.sessionIndex ?? null],
  );
  return { session, created };
}

/** The browser is signed in: its older session ends, the new cookie is set, off to `returnTo`. */
export async function completeSignIn(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, done: { session: NewSession; created: boolean; returnTo: string; providerId: number }) {
  const previous = req.cookies[sessionCookie];
  if (previous) await sessionStore.deleteSession(app.db, hashSecret(previous));
  setSessionCookie(reply, done.session.secret, app.config.baseUrl.startsWith('https:'), app.config.sessions.absoluteSeconds);
  req.log.info({ providerId: done.providerId, userId: done.session.account.id, created: done.created }, 'federated sign-in');
  return reply.header('cache-control', 'no-store').redirect(done.returnTo, 302);
}

/** The reader gets a page; the log and the audit log get the reason. Nothing else is written. */
export async function refuseSignIn(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  err: unknown,
  c: { via: ProviderKind; providerId: number; step: string },
) {
  if (!(err instanceof LoginFailure)) throw err;
  const provider = c.providerId > 0 ? await providerStore.byId(app.db, c.providerId) : undefined;
  req.log.warn({ via: c.via, providerId: c.providerId, step: c.step, code: err.problem.code, reason: err.reason }, 'federated sign-in refused');
  if (err.problem.code === 'RATE_LIMITED') {
    void reply.header('retry-after', String(err.problem.params.seconds));
  } else {
    // Not for throttled starts: an attack would write a row per request.
    await recordAudit(app.db, {
      actor: undefined,
      actorName: provider ? `${provider.kind}:${provider.id}` : c.via,
      action: 'login.failed',
      target: err.userId ? `user:${err.userId}` : `identity-provider:${c.providerId}`,
      library: provider?.library,
      details: { via: c.via, step: c.step, code: err.problem.code, reason: err.reason },
      ip: req.ip,
      requestId: req.id,
    });
  }
  const retry = provider?.enabled && c.step !== 'start' ? `/api/v1/auth/${provider.kind}/${provider.id}/login` : undefined;
  return reply
    .code(err.problem.status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(errorPage({ locale: req.locale, problem: err.problem, requestId: req.id, retryHref: retry }));
}

/** A provider id from the path; anything that is no id is an unknown provider (0), answered with the page. */
export function idOf(raw: string): number {
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : 0;
}
