/**
 * Signing in through a library's CAS server (Apereo CAS Protocol 2.0/3.0, issue 6). The start
 * records a one-time login (ten minutes) whose key is in the service URL and in a cookie of this
 * browser, and sends the browser to `{server}/login?service=…`. The server sends it back with a
 * service ticket; Anylib validates it at `/p3/serviceValidate` (3.0, with attributes) or
 * `/serviceValidate` (2.0) for exactly that service URL, refuses a ticket it has seen before
 * (tickets are single use, §3.1.1), maps the user and attributes, and opens a session.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { hashSecret, sameSecret } from '../domain/secrets.js';
import { IdentityErrors } from '../errors.js';
import { LoginFailure } from '../federation/failure.js';
import { mapClaims, safeReturnTo } from '../federation/mapping.js';
import { providerStore, usableProviderOf, type ProviderRow } from '../federation/provider-store.js';
import { casServiceUrl, defaultMappingOf } from '../federation/providers.js';
import { signInPerson } from '../federation/sign-in.js';
import { throttleStarts } from '../saml/login.js';
import type { NewSession } from '../sessions.js';
import type { SessionLifetime } from '../session-store.js';
import { parseServiceResponse } from './service-response.js';

export const casLoginSeconds = 600;
/** How long a used ticket is remembered: far longer than any CAS server lets a ticket live (minutes). */
const ticketMemorySeconds = 24 * 3600;

export interface CasEnv {
  db: Db;
  baseUrl: string;
  lifetime?: SessionLifetime;
}

/** The service URL of one login: the callback with the login's key (the ticket is issued for exactly this URL). */
const serviceOf = (providerId: number, baseUrl: string, key: string) => `${casServiceUrl(providerId, baseUrl)}?k=${key}`;

export async function startCasLogin(env: CasEnv, r: { providerId: number; returnTo: string | undefined; ip: string; locale: Locale }): Promise<{ redirect: string; key: string }> {
  await throttleStarts(env.db, r.ip);
  const provider = await usableProviderOf(env.db, r.providerId, 'cas');
  const key = randomBytes(24).toString('base64url');
  await env.db.query('INSERT INTO cas_logins (key_hash, provider_id, return_to, ip) VALUES ($1, $2, $3, $4)', [hashSecret(key), provider.id, safeReturnTo(r.returnTo), r.ip]);
  const login = new URL(`${provider.issuer}/login`);
  login.searchParams.set('service', serviceOf(provider.id, env.baseUrl, key));
  login.searchParams.set('locale', r.locale === 'zh-CN' ? 'zh_CN' : 'en');
  return { redirect: login.href, key };
}

export interface FinishedCasLogin {
  session: NewSession;
  returnTo: string;
  created: boolean;
  provider: ProviderRow;
}

const stateInvalid = (reason: string) => new LoginFailure(IdentityErrors.SIGN_IN_STATE_INVALID(), reason);
const rejected = (reason: string) => new LoginFailure(IdentityErrors.SIGN_IN_REJECTED(), reason);

export async function finishCasLogin(
  env: CasEnv,
  r: { providerId: number; key: string | undefined; ticket: string | undefined; cookieKey: string | undefined; ip: string; userAgent?: string; requestId: string; locale: Locale },
): Promise<FinishedCasLogin> {
  if (!r.key) throw stateInvalid('no login key in the service URL');
  const { rows } = await env.db.query<{ provider_id: number; return_to: string }>(
    `UPDATE cas_logins SET used_at = now() WHERE key_hash = $1 AND used_at IS NULL AND created_at > now() - make_interval(secs => $2) RETURNING provider_id, return_to`,
    [hashSecret(r.key), casLoginSeconds],
  );
  const login = rows[0];
  if (!login) throw stateInvalid('unknown, used or expired CAS login');
  if (login.provider_id !== r.providerId) throw stateInvalid(`login of provider ${login.provider_id} came back to provider ${r.providerId}`);
  // Login CSRF: the ticket must come back to the browser that started (a link with someone else's ticket is refused).
  if (!r.cookieKey || !sameSecret(r.cookieKey, r.key)) throw stateInvalid('callback from another browser (cookie missing or different)');
  const provider = await usableProviderOf(env.db, r.providerId, 'cas');
  if (!r.ticket) throw new LoginFailure(IdentityErrors.SIGN_IN_CANCELLED({ error: 'no-ticket' }), 'the CAS server sent no ticket');
  if (!/^[\x21-\x7e]{1,256}$/.test(r.ticket)) throw rejected('the ticket has characters a CAS ticket cannot have');
  if (await providerStore.credentialUsed(env.db, provider.id, r.ticket)) throw rejected('ticket replayed');

  const version = provider.settings.casVersion ?? '3.0';
  const validate = new URL(`${provider.issuer}/${version === '3.0' ? 'p3/' : ''}serviceValidate`);
  validate.searchParams.set('service', serviceOf(provider.id, env.baseUrl, r.key));
  validate.searchParams.set('ticket', r.ticket);
  let body: string;
  try {
    const res = await fetch(validate, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
    if (!res.ok) throw new Error(`answered ${res.status}`);
    body = await res.text();
  } catch (err) {
    throw new LoginFailure(IdentityErrors.IDENTITY_PROVIDER_UNREACHABLE({ name: provider.name }), `CAS validation failed: ${(err as Error).message.slice(0, 200)}`);
  }
  const answer = parseServiceResponse(body);
  if (!answer.ok) throw rejected(`CAS server refused the ticket: ${answer.code} ${answer.message}`);

  const claims: Record<string, unknown> = { ...answer.attributes, user: [answer.user] };
  const mapped = mapClaims(claims, { ...defaultMappingOf('cas'), ...provider.claims_mapping }, provider.role_rules);
  if (!mapped.ok) throw new LoginFailure(IdentityErrors.SIGN_IN_CLAIM_MISSING({ claim: mapped.missingClaim }), `attribute ${mapped.missingClaim} missing`);

  return env.db.transaction(async (tx) => {
    if (!(await providerStore.useCredential(tx, provider.id, r.ticket!, new Date(Date.now() + ticketMemorySeconds * 1000)))) throw rejected('ticket replayed');
    const { session, created } = await signInPerson(tx, provider, mapped.person, { ...r, lifetime: env.lifetime });
    return { session, returnTo: login.return_to, created, provider };
  });
}
