/**
 * Signing in through a library's OpenID provider (issue 6): the start (a one-time transaction,
 * then off to the provider) and the callback (the transaction taken, the answer verified, the
 * account made or brought up to date, a session opened). Whatever goes wrong is a LoginFailure:
 * nothing is written then but the audit record the route adds.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import { PlatformErrors } from '../../../platform/errors/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { hashSecret } from '../domain/secrets.js';
import { throttleDecision, type ThrottlePolicy } from '../domain/throttle.js';
import { IdentityErrors } from '../errors.js';
import type { NewSession } from '../sessions.js';
import type { SessionLifetime } from '../session-store.js';
import { authorizationUrl, classify, configurationOf, describe, newChecks, redeem, type ClientSettings } from './client.js';
import { LoginFailure } from '../federation/failure.js';
import { signInPerson } from '../federation/sign-in.js';
import { defaultMapping, mapClaims, mappedClaimNames, safeReturnTo } from '../federation/mapping.js';
import { providerStore, usableProviderOf, type ProviderRow } from '../federation/provider-store.js';
import { redirectUriOf } from '../federation/providers.js';
import { unseal } from '../federation/secret-box.js';

/** A login transaction lives ten minutes (the brief; long enough for a slow password form, short for a stolen link). */
export const transactionSeconds = 600;

/**
 * Login starts per client address: a library's NAT serves many readers, so the limit is generous;
 * it stops one address from filling the transactions table.
 */
export const loginStartPolicy: ThrottlePolicy = { maxPerAccount: Number.POSITIVE_INFINITY, maxPerAddress: 120, windowSeconds: 10 * 60 };

export interface LoginEnv {
  db: Db;
  /** ANYLIB_SECRET: unseals client secrets. */
  secret: string;
  baseUrl: string;
  lifetime?: SessionLifetime;
}

/** The browser binding cookie: 32 random bytes; an existing one is reused so that two tabs may sign in at once. */
export function bindingFor(existing: string | undefined): string {
  return existing && /^[\w-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
}

const usableProvider = (env: LoginEnv, id: number) => usableProviderOf(env.db, id, 'oidc');

function settingsOf(p: ProviderRow, secret: string): ClientSettings {
  const clientSecret = p.client_secret_sealed ? unseal(p.client_secret_sealed, secret) : undefined;
  if (p.client_secret_sealed && clientSecret === undefined) {
    throw new LoginFailure(IdentityErrors.IDENTITY_PROVIDER_MISCONFIGURED({ name: p.name }), 'client secret sealed under another ANYLIB_SECRET');
  }
  return { providerId: p.id, issuer: p.issuer, clientId: p.client_id ?? '', clientSecret, version: new Date(p.updated_at).toISOString() };
}

function unavailable(p: ProviderRow, err: unknown): LoginFailure {
  const u = classify(err);
  const raise = u.reason === 'unreachable' ? IdentityErrors.IDENTITY_PROVIDER_UNREACHABLE : IdentityErrors.IDENTITY_PROVIDER_MISCONFIGURED;
  return new LoginFailure(raise({ name: p.name }), `provider ${u.reason}: ${u.message}`);
}

/** Starts a sign-in: where to send the browser. */
export async function startLogin(
  env: LoginEnv,
  r: { providerId: number; returnTo: string | undefined; ip: string; locale: Locale; binding: string },
): Promise<{ redirect: URL; provider: ProviderRow }> {
  const history = await providerStore.startsFrom(env.db, r.ip, loginStartPolicy.windowSeconds, loginStartPolicy.maxPerAddress);
  const decision = throttleDecision({ now: history.now, accountFailures: [], addressFailures: history.starts }, loginStartPolicy);
  if (!decision.allowed) throw new LoginFailure(PlatformErrors.RATE_LIMITED({ seconds: decision.retryAfterSeconds }), 'too many login starts from this address');
  const provider = await usableProvider(env, r.providerId);
  const settings = settingsOf(provider, env.secret);
  const config = await configurationOf(settings).catch((err: unknown) => {
    throw unavailable(provider, err);
  });
  const checks = newChecks();
  await providerStore.insertTransaction(env.db, {
    stateHash: hashSecret(checks.state),
    bindingHash: hashSecret(r.binding),
    providerId: provider.id,
    nonce: checks.nonce,
    codeVerifier: checks.codeVerifier,
    returnTo: safeReturnTo(r.returnTo),
    ip: r.ip,
  });
  const redirect = await authorizationUrl(config, { redirectUri: redirectUriOf(provider.id, env.baseUrl), scopes: provider.scopes, ...checks, locale: r.locale });
  return { redirect, provider };
}

const wantedClaims = (p: ProviderRow) => mappedClaimNames({ ...defaultMapping, ...p.claims_mapping }, p.role_rules);

export interface FinishedLogin {
  session: NewSession;
  returnTo: string;
  created: boolean;
  provider: ProviderRow;
}

/** Completes a sign-in from the provider's answer (the callback's query string). */
export async function finishLogin(
  env: LoginEnv,
  r: { providerId: number; query: string; binding: string | undefined; ip: string; userAgent?: string; requestId: string; locale: Locale },
): Promise<FinishedLogin> {
  const params = new URLSearchParams(r.query);
  const state = params.get('state');
  const stateInvalid = (reason: string) => new LoginFailure(IdentityErrors.SIGN_IN_STATE_INVALID(), reason);
  if (!state) throw stateInvalid('no state in the callback');
  const taken = await providerStore.consumeTransaction(env.db, hashSecret(state), transactionSeconds);
  if (!taken.ok) throw stateInvalid(taken.reason);
  const tx = taken.tx;
  if (tx.provider_id !== r.providerId) throw stateInvalid(`state of provider ${tx.provider_id} came back to provider ${r.providerId}`);
  // Login CSRF (OpenID Connect Core §15.5.2 / RFC 6749 §10.12): the answer must come back to the browser that asked.
  if (!r.binding || hashSecret(r.binding) !== tx.binding_hash) throw stateInvalid('callback from another browser (binding cookie missing or different)');

  const provider = await usableProvider(env, r.providerId);
  const error = params.get('error');
  if (error) {
    const safe = error.replace(/[^\w.-]/g, '').slice(0, 60);
    throw new LoginFailure(IdentityErrors.SIGN_IN_CANCELLED({ error: safe }), `provider answered ${safe}: ${(params.get('error_description') ?? '').slice(0, 200)}`);
  }
  const config = await configurationOf(settingsOf(provider, env.secret)).catch((err: unknown) => {
    throw unavailable(provider, err);
  });
  const callbackUrl = new URL(`${redirectUriOf(provider.id, env.baseUrl)}?${r.query}`);
  let claims: Record<string, unknown>;
  try {
    claims = await redeem(config, callbackUrl, { state, nonce: tx.nonce, codeVerifier: tx.code_verifier }, wantedClaims(provider));
  } catch (err) {
    const u = classify(err);
    if (u.reason === 'unreachable') throw new LoginFailure(IdentityErrors.IDENTITY_PROVIDER_UNREACHABLE({ name: provider.name }), `provider unreachable: ${u.message}`);
    throw new LoginFailure(IdentityErrors.SIGN_IN_REJECTED(), describe(err));
  }

  const mapped = mapClaims(claims, { ...defaultMapping, ...provider.claims_mapping }, provider.role_rules);
  if (!mapped.ok) throw new LoginFailure(IdentityErrors.SIGN_IN_CLAIM_MISSING({ claim: mapped.missingClaim }), `claim ${mapped.missingClaim} missing`);

  return env.db.transaction(async (t) => {
    const { session, created } = await signInPerson(t, provider, mapped.person, { ...r, lifetime: env.lifetime });
    return { session, returnTo: tx.return_to, created, provider };
  });
}
