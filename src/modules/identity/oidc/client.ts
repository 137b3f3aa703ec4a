/**
 * The OpenID Connect relying party, by openid-client (discovery, authorization code with PKCE,
 * ID token validation). What openid-client checks on the callback, with the options given here:
 * the `state` (RFC 6749 §10.12) and `iss` (RFC 9207) of the authorization response; at the token
 * endpoint, the PKCE verifier (RFC 7636); the ID token's signature against the provider's JWKS
 * (enableNonRepudiationChecks),
 * `iss`, `aud` (our client id), `azp`, `exp` and `iat` (with 30 s clock tolerance) and the `nonce`
 * (OpenID Connect Core §3.1.3.7) — `expectedNonce` also makes the ID token mandatory.
 */
import * as oidc from 'openid-client';
import { isLoopback } from '../federation/schemas.js';

export interface ClientSettings {
  providerId: number;
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Changes whenever the provider's settings do, so a cached configuration is never stale. */
  version: string;
}

/** Why the provider could not be used: not reachable, or its metadata are not what OpenID Connect requires. */
export class ProviderUnavailable extends Error {
  constructor(
    readonly reason: 'unreachable' | 'misconfigured',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const discoveryTtlMs = 60 * 60 * 1000;
const cache = new Map<number, { version: string; at: number; config: Promise<oidc.Configuration> }>();

/**
 * The provider's configuration, discovered once an hour at most (OpenID Connect Discovery §4) and
 * shared by every sign-in; its JWKS cache goes with it. A failed discovery is not remembered.
 */
export async function configurationOf(s: ClientSettings): Promise<oidc.Configuration> {
  const hit = cache.get(s.providerId);
  if (hit && hit.version === s.version && Date.now() - hit.at < discoveryTtlMs) return hit.config;
  const config = discover(s);
  cache.set(s.providerId, { version: s.version, at: Date.now(), config });
  config.catch(() => {
    if (cache.get(s.providerId)?.config === config) cache.delete(s.providerId);
  });
  return config;
}

/** Forgets a provider's configuration (its settings changed or it was deleted). */
export function forgetConfiguration(providerId: number): void {
  cache.delete(providerId);
}

async function discover(s: ClientSettings): Promise<oidc.Configuration> {
  const issuer = new URL(s.issuer);
  const auth = s.clientSecret ? oidc.ClientSecretBasic(s.clientSecret) : oidc.None();
  try {
    return await oidc.discovery(issuer, s.clientId, undefined, auth, {
      // http only for a provider on this machine (the schema refuses other http issuers).
      // Signatures of ID tokens from the token endpoint are checked too (openid-client leaves them to TLS
      // by default, OpenID Connect Core §3.1.3.7 step 6): the brief asks for them, and loopback has no TLS.
      execute: [oidc.enableNonRepudiationChecks, ...(isLoopback(issuer.hostname) ? [oidc.allowInsecureRequests] : [])],
      timeout: 10,
    });
  } catch (err) {
    throw classify(err);
  }
}

/** A network failure or a timeout is "unreachable"; anything the provider answered wrongly is "misconfigured". */
export function classify(err: unknown): ProviderUnavailable {
  if (err instanceof ProviderUnavailable) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: unknown } };
  // undici's fetch fails with TypeError('fetch failed') whose cause is the socket error; a timeout is a TimeoutError/AbortError.
  const socket = typeof e.cause?.code === 'string' && /^E[A-Z]+$/.test(e.cause.code);
  const network = e.name === 'TimeoutError' || e.name === 'AbortError' || (err instanceof TypeError && /fetch failed/.test(e.message ?? '')) || socket;
  return new ProviderUnavailable(network ? 'unreachable' : 'misconfigured', describe(err), { cause: err });
}

/** The authorization request: code flow, PKCE S256, state and nonce (OpenID Connect Core §3.1.2.1). */
export async function authorizationUrl(
  config: oidc.Configuration,
  p: { redirectUri: string; scopes: string[]; state: string; nonce: string; codeVerifier: string; locale: string },
): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: p.redirectUri,
    response_type: 'code',
    scope: p.scopes.join(' '),
    state: p.state,
    nonce: p.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(p.codeVerifier),
    code_challenge_method: 'S256',
    ui_locales: p.locale === 'zh-CN' ? 'zh-CN en' : 'en zh-CN',
  });
}

/**
 * Exchanges the code of the callback URL and validates everything (see the file's comment);
 * then, unless the ID token already has every wanted claim, adds the UserInfo claims (§5.3), whose
 * `sub` must be the ID token's (§5.3.2). The ID token's own claims win over UserInfo's.
 */
export async function redeem(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
  /** The claims the mapping reads: when the ID token has them all, UserInfo is not asked (one round trip less). */
  wanted: string[] = [],
): Promise<Record<string, unknown>> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.codeVerifier,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('the token response has no ID token');
  let userinfo: Record<string, unknown> = {};
  const complete = wanted.length > 0 && wanted.every((c) => c in idClaims);
  if (!complete && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    userinfo = (await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) as Record<string, unknown>;
  }
  return { ...userinfo, ...idClaims };
}

export const newChecks = () => ({ state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() });

/** A one-line reason for the log and the audit log: the library's error code and message, never a token. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: string; error?: string; error_description?: string };
  const parts = [e.code, e.error, e.error_description ?? e.message].filter(Boolean);
  // oauth4webapi names the claim or parameter that failed in its cause (`claim: 'exp'`); socket errors their code.
  type Cause = { code?: unknown; message?: unknown; claim?: unknown; parameter?: unknown; cause?: unknown } | undefined;
  const cause = e.cause as Cause;
  const inner = cause?.cause as Cause;
  const detail = [inner?.claim, cause?.claim, inner?.parameter, cause?.parameter, cause?.code, cause?.message].find((x): x is string => typeof x === 'string' && !parts.includes(x));
  if (detail) parts.push(`(${detail})`);
  return parts.join(': ').slice(0, 500);
}
