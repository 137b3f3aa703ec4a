/**
 * Signing in through a library's SAML 2.0 IdP (issue 6): the start (an AuthnRequest by the
 * HTTP-Redirect binding, remembered in saml_requests) and the assertion consumer service (the
 * Response by the HTTP-POST binding, checked by node-saml as sp.ts says, its assertion id kept
 * until it expires so that a replay is refused, the attributes mapped, the account made or
 * brought up to date, a session opened). Whatever goes wrong is a LoginFailure.
 */
import { SamlStatusError, type Profile } from '@node-saml/node-saml';
import type { Db } from '../../../platform/db/index.js';
import { PlatformErrors } from '../../../platform/errors/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { throttleDecision } from '../domain/throttle.js';
import { IdentityErrors } from '../errors.js';
import { LoginFailure } from '../federation/failure.js';
import { mapClaims, safeReturnTo } from '../federation/mapping.js';
import { providerStore, usableProviderOf, type ProviderRow } from '../federation/provider-store.js';
import { defaultMappingOf } from '../federation/providers.js';
import { signInPerson } from '../federation/sign-in.js';
import type { NewSession } from '../sessions.js';
import type { SessionLifetime } from '../session-store.js';
import { loginStartPolicy } from '../oidc/login.js';
import { claimsFromAttributes } from './attributes.js';
import { outlineOf, serviceProvider, type ResponseOutline, type SpSite } from './sp.js';

export interface SamlEnv {
  db: Db;
  site: SpSite;
  lifetime?: SessionLifetime;
}

/** Login starts per client address, counted with OpenID and CAS starts. */
export async function throttleStarts(db: Db, ip: string): Promise<void> {
  const history = await providerStore.startsFrom(db, ip, loginStartPolicy.windowSeconds, loginStartPolicy.maxPerAddress);
  const decision = throttleDecision({ now: history.now, accountFailures: [], addressFailures: history.starts }, loginStartPolicy);
  if (!decision.allowed) throw new LoginFailure(PlatformErrors.RATE_LIMITED({ seconds: decision.retryAfterSeconds }), 'too many login starts from this address');
}

/** Starts a sign-in: the IdP's SSO URL with the AuthnRequest (deflated, base64) in the query. */
export async function startSamlLogin(env: SamlEnv, r: { providerId: number; returnTo: string | undefined; ip: string; locale: Locale }): Promise<string> {
  await throttleStarts(env.db, r.ip);
  const provider = await usableProviderOf(env.db, r.providerId, 'saml');
  const sp = serviceProvider(env.db, provider, env.site, { returnTo: safeReturnTo(r.returnTo), ip: r.ip });
  // RelayState carries nothing: where to go afterwards is stored with the request, not trusted from the IdP.
  return sp.getAuthorizeUrlAsync('', undefined, {});
}

export interface FinishedSamlLogin {
  session: NewSession;
  returnTo: string;
  created: boolean;
  provider: ProviderRow;
}

const rejected = (reason: string) => new LoginFailure(IdentityErrors.SIGN_IN_REJECTED(), reason);
const stateInvalid = (reason: string) => new LoginFailure(IdentityErrors.SIGN_IN_STATE_INVALID(), reason);

/** The assertion consumer service: `samlResponse` is the form field as posted. */
export async function finishSamlLogin(
  env: SamlEnv,
  r: { samlResponse: string | undefined; ip: string; userAgent?: string; requestId: string; locale: Locale },
): Promise<FinishedSamlLogin> {
  if (!r.samlResponse) throw rejected('no SAMLResponse in the form');
  const xml = Buffer.from(r.samlResponse, 'base64').toString('utf8');
  const outline = outlineOf(xml);
  if (!outline) throw rejected('the SAMLResponse is not well-formed XML');
  // Which request this answers tells which IdP's certificates to check it with; nothing else is trusted yet.
  if (!outline.inResponseTo) throw stateInvalid(`unsolicited response (no InResponseTo) from ${outline.issuer ?? 'an unnamed issuer'}`);
  const { rows } = await env.db.query<{ provider_id: number; return_to: string; used: boolean; expired: boolean }>(
    `SELECT provider_id, return_to, used_at IS NOT NULL AS used, created_at < now() - interval '10 minutes' AS expired FROM saml_requests WHERE id = $1`,
    [outline.inResponseTo],
  );
  const request = rows[0];
  if (!request) throw stateInvalid(`InResponseTo ${outline.inResponseTo.slice(0, 80)} names no request of ours (issuer ${outline.issuer ?? '?'})`);
  try {
    return await checkAndSignIn(env, r, outline, request);
  } catch (err) {
    if (err instanceof LoginFailure) err.providerId ??= request.provider_id;
    throw err;
  }
}

async function checkAndSignIn(
  env: SamlEnv,
  r: { samlResponse: string | undefined; ip: string; userAgent?: string; requestId: string; locale: Locale },
  outline: ResponseOutline,
  request: { provider_id: number; return_to: string; used: boolean; expired: boolean },
): Promise<FinishedSamlLogin> {
  const provider = await usableProviderOf(env.db, request.provider_id, 'saml');
  if (outline.assertionId && (await providerStore.credentialUsed(env.db, provider.id, outline.assertionId))) {
    throw rejected(`assertion ${outline.assertionId.slice(0, 80)} replayed`);
  }
  if (request.used) throw stateInvalid('the request was answered already (replayed response)');
  if (request.expired) throw stateInvalid('the request is older than ten minutes');

  let profile: Profile | null;
  try {
    ({ profile } = await serviceProvider(env.db, provider, env.site).validatePostResponseAsync({ SAMLResponse: r.samlResponse! }));
  } catch (err) {
    if (err instanceof SamlStatusError) throw new LoginFailure(IdentityErrors.SIGN_IN_CANCELLED({ error: statusOf(err.message) }), err.message.slice(0, 300));
    throw rejected(`SAML response refused: ${(err as Error).message.slice(0, 300)}`);
  }
  if (!profile) throw rejected('the SAML response carries no assertion');
  const assertionXml = profile.getAssertionXml?.() ?? '';
  const assertionId = /^<(?:[\w-]+:)?Assertion\b[^>]*\sID="([^"]+)"/.exec(assertionXml)?.[1];
  if (!assertionId) throw rejected('the assertion has no ID');
  // node-saml checks the Issuer of logout messages only: the signed assertion's Issuer (SAML Core
  // §2.3.3, Profiles §4.1.4.3) must be the IdP's entityID — a certificate shared by several
  // entities of a federation must not let one speak for another.
  const issuer = /<(?:[\w-]+:)?Issuer\b[^>]*>([^<]*)</.exec(assertionXml)?.[1]?.trim();
  if (issuer !== provider.issuer) throw rejected(`unknown issuer ${JSON.stringify(issuer?.slice(0, 200) ?? null)}: expected ${provider.issuer}`);
  if (outline.issuer && outline.issuer !== provider.issuer) throw rejected(`unknown issuer of the Response ${JSON.stringify(outline.issuer.slice(0, 200))}`);

  const claims = claimsFromAttributes((profile.attributes as Record<string, unknown> | undefined) ?? {}, profile.nameID);
  const mapped = mapClaims(claims, { ...defaultMappingOf('saml'), ...provider.claims_mapping }, provider.role_rules);
  if (!mapped.ok) throw new LoginFailure(IdentityErrors.SIGN_IN_CLAIM_MISSING({ claim: mapped.missingClaim }), `attribute ${mapped.missingClaim} missing`);

  return env.db.transaction(async (tx) => {
    // Kept until the assertion could no longer be accepted anyway (its latest NotOnOrAfter, plus the tolerance).
    if (!(await providerStore.useCredential(tx, provider.id, assertionId, keepUntil(assertionXml)))) throw rejected(`assertion ${assertionId.slice(0, 80)} replayed`);
    const { session, created } = await signInPerson(tx, provider, mapped.person, { ...r, lifetime: env.lifetime }, {
      nameId: profile.nameID,
      nameIdFormat: profile.nameIDFormat,
      sessionIndex: profile.sessionIndex ?? null,
    });
    return { session, returnTo: request.return_to, created, provider };
  });
}

/** The latest NotOnOrAfter of the assertion plus a minute, or a day from now when it names none. */
export function keepUntil(assertionXml: string): Date {
  const times = [...assertionXml.matchAll(/NotOnOrAfter="([^"]+)"/g)].map((m) => Date.parse(m[1]!)).filter((t) => Number.isFinite(t));
  const latest = times.length ? Math.max(...times) : Date.now() + 24 * 3600_000;
  return new Date(Math.max(latest, Date.now()) + 60_000);
}

/** The status the IdP answered, as a short word for the page (e.g. AuthnFailed). */
function statusOf(message: string): string {
  return (/error: (\S+)/.exec(message)?.[1] ?? 'error').replace(/[^\w.-]/g, '').slice(0, 60);
}
