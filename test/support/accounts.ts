import { randomBytes } from 'node:crypto';
import { createAccount, issueToken, type GrantInput } from '../../src/modules/identity/index.js';
import type { Permission } from '../../src/platform/http/access.js';
import type { TestApp } from './app.js';

export interface TestAccount {
  userId: number;
  email: string;
  token: string;
  /** Headers that authenticate a request as this account (an API token). */
  headers: { authorization: string };
}

/**
 * An account with the given roles and an API token, made through the identity service as a
 * real account would be: `anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] })`.
 */
export async function anAccount(t: Pick<TestApp, 'db'>, ...grants: GrantInput[]): Promise<TestAccount> {
  return anAccountWith(t, { grants });
}

export async function anAccountWith(t: Pick<TestApp, 'db'>, opts: { grants: GrantInput[]; scopes?: Permission[]; email?: string }): Promise<TestAccount> {
  const email = opts.email ?? `user-${randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createAccount(t.db, { email, grants: opts.grants });
  const { token } = await issueToken(t.db, { userId, name: 'test', scopes: opts.scopes });
  return { userId, email, token, headers: { authorization: `Bearer ${token}` } };
}

/** A network administrator. */
export const anAdmin = (t: Pick<TestApp, 'db'>) => anAccount(t, { role: 'network-admin' });

/**
 * The REST API called as an account (or anonymously), in English, through `inject`: `call` gives
 * the response, `ok` its JSON and throws with the body on an error status. `app` is asked at each
 * call, since a test's app is made in its `beforeAll`: `const { call, ok } = apiCalls(() => t)`.
 */
export function apiCalls(app: () => Pick<TestApp, 'app'>) {
  const call = (method: 'GET' | 'POST', url: string, who: TestAccount | undefined, payload?: object) =>
    app().app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST', url: string, who: TestAccount, payload?: object) => {
    const res = await call(method, url, who, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return { call, ok };
}
