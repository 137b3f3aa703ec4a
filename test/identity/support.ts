import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../src/platform/db/index.js';
import { createAccount, type GrantInput } from '../../src/modules/identity/index.js';
import type { TestApp } from '../support/app.js';

/**
 * Rows the directory requires of a library or an alliance, filled with plausible values for
 * whichever of these columns the network module's tables have: identity's tests only need the
 * symbol or code to exist.
 */
const libraryDefaults: Record<string, unknown> = { name_zh: '测试图书馆', name_en: 'Test library', type: 'university', province: 'CN-JS' };
const allianceDefaults: Record<string, unknown> = { name_zh: '测试联盟', name_en: 'Test alliance', kind: 'provincial', tier: 'provincial' };

async function insertWithDefaults(db: Queryable, table: 'libraries' | 'alliances', key: string, value: string, defaults: Record<string, unknown>): Promise<void> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  const present = new Set(rows.map((r) => r.column_name));
  const columns = [key, ...Object.keys(defaults).filter((c) => present.has(c))];
  const values = [value, ...columns.slice(1).map((c) => defaults[c])];
  await db.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (${key}) DO NOTHING`,
    values,
  );
}

/** A member library with this symbol. */
export const aLibrary = (t: Pick<TestApp, 'db'>, symbol: string) => insertWithDefaults(t.db, 'libraries', 'symbol', symbol, libraryDefaults);

/** An alliance with this code. */
export const anAlliance = (t: Pick<TestApp, 'db'>, code: string) => insertWithDefaults(t.db, 'alliances', 'code', code, allianceDefaults);

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
