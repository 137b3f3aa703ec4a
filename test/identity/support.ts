import { randomBytes } from 'node:crypto';
import { importNetwork } from '../../src/modules/network/index.js';
import { aLibrary as libraryDoc, anAlliance as allianceDoc } from '../network/factories.js';
import { createAccount, type GrantInput } from '../../src/modules/identity/index.js';
import type { TestApp } from '../support/app.js';

/** A member library with this symbol, entered through the directory's own import. */
export const aLibrary = async (t: Pick<TestApp, 'db'>, symbol: string): Promise<void> => {
  await importNetwork(t.db, { libraries: [libraryDoc({ symbol })] });
};

/** An alliance with this code. */
export const anAlliance = async (t: Pick<TestApp, 'db'>, code: string): Promise<void> => {
  await importNetwork(t.db, { alliances: [allianceDoc({ code })] });
};

export const aPassword = 'correct horse battery staple';

/** An account that signs in with a password. */
export async function aPerson(t: Pick<TestApp, 'db'>, ...grants: GrantInput[]): Promise<{ userId: number; email: string; password: string }> {
  const email = `person-${randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createAccount(t.db, { email, password: aPassword, grants });
  return { userId, email, password: aPassword };
}

/** A browser session: its cookie header and CSRF token. */
export interface BrowserSession {
  cookie: string;
  csrfToken: string;
  /** Headers for a write: the cookie and the CSRF token. */
  writeHeaders: { cookie: string; 'x-csrf-token': string };
}

/** Signs in through the API, as a browser would; fails the test when sign-in does not succeed. */
export async function signIn(t: Pick<TestApp, 'app'>, email: string, password = aPassword, ip = '192.0.2.1'): Promise<BrowserSession> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'anylib_session')!;
  const cookie = `anylib_session=${set.value}`;
  const csrfToken = res.json().csrfToken as string;
  return { cookie, csrfToken, writeHeaders: { cookie, 'x-csrf-token': csrfToken } };
}
