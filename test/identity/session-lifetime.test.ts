import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';
import { hashSecret } from '../../src/modules/identity/domain/secrets.js';
import { testApp, type TestApp } from '../support/app.js';
import { aPerson, signIn } from './support.js';

/**
 * Session lifetime and idle timeout from the configuration. Time passing is the session's own
 * moments moved back in the database (no test waits).
 */
const base = { ANYLIB_SECRET: 'test-secret-test-secret-test-secret-1234', ANYLIB_DATA_DIR: '/tmp/anylib-test-unused' };

describe('session lifetime settings', () => {
  it('are read from the environment, with defaults of 12 hours idle and 30 days at most', () => {
    expect(loadConfig(base, '/nonexistent').sessions).toEqual({ idleSeconds: 12 * 3600, absoluteSeconds: 30 * 24 * 3600 });
    expect(loadConfig({ ...base, ANYLIB_SESSION_IDLE_MINUTES: '30', ANYLIB_SESSION_MAX_HOURS: '8' }, '/nonexistent').sessions).toEqual({ idleSeconds: 1800, absoluteSeconds: 8 * 3600 });
  });

  it('are refused at start when out of range or when the idle time exceeds the lifetime, all problems at once', () => {
    let err: unknown;
    try {
      loadConfig({ ...base, ANYLIB_SESSION_IDLE_MINUTES: '600', ANYLIB_SESSION_MAX_HOURS: '2', ANYLIB_READER_DATA_RETENTION_DAYS: '0' }, '/nonexistent');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toContain('ANYLIB_SESSION_IDLE_MINUTES: 600 minutes is longer than ANYLIB_SESSION_MAX_HOURS (2 hours)');
    expect(problems).toContain('ANYLIB_READER_DATA_RETENTION_DAYS');
    expect(() => loadConfig({ ...base, ANYLIB_SESSION_IDLE_MINUTES: 'soon' }, '/nonexistent')).toThrow(/ANYLIB_SESSION_IDLE_MINUTES/);
  });
});

describe('sessions under a configured lifetime (30 minutes idle, 2 hours at most)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ sessions: { idleSeconds: 30 * 60, absoluteSeconds: 2 * 3600 } });
  }, 60_000);
  afterAll(() => t?.close());

  const me = (cookie: string) => t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
  const idHashOf = (cookie: string) => hashSecret(cookie.split('=')[1]!);

  it('give the cookie the configured lifetime and expire 30 minutes after sign-in when unused', async () => {
    const person = await aPerson(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: person.password }, remoteAddress: '203.0.113.10' });
    expect(res.cookies.find((c) => c.name === 'anylib_session')!.maxAge).toBe(2 * 3600);
    const expiresIn = (new Date(res.json().expiresAt).getTime() - Date.now()) / 1000;
    expect(expiresIn).toBeGreaterThan(29 * 60);
    expect(expiresIn).toBeLessThanOrEqual(30 * 60);
  });

  it('end a session idle longer than the idle timeout, even one opened under a longer setting', async () => {
    const person = await aPerson(t);
    const s = await signIn(t, person.email, person.password, '203.0.113.11');
    expect((await me(s.cookie)).statusCode).toBe(200);
    const id = idHashOf(s.cookie);
    // Opened earlier with a day to live, last used 31 minutes ago.
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes', expires_at = now() + interval '1 day' WHERE id_hash = $1`, [id]);
    expect((await me(s.cookie)).statusCode).toBe(401);
  });

  it('keep a session in use alive, but never past the absolute lifetime', async () => {
    const person = await aPerson(t);
    const s = await signIn(t, person.email, person.password, '203.0.113.12');
    const id = idHashOf(s.cookie);
    // In use 20 minutes ago: still alive, and this request slides its expiry forward.
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '20 minutes', created_at = now() - interval '1 hour' WHERE id_hash = $1`, [id]);
    expect((await me(s.cookie)).statusCode).toBe(200);
    const { rows } = await t.db.query<{ left: number }>('SELECT extract(epoch FROM expires_at - now())::int AS left FROM sessions WHERE id_hash = $1', [id]);
    expect(rows[0]!.left).toBeGreaterThan(29 * 60);
    // Signed in more than two hours ago, in use a minute ago: over all the same.
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '1 minute', created_at = now() - interval '121 minutes', expires_at = now() + interval '1 hour' WHERE id_hash = $1`, [id]);
    expect((await me(s.cookie)).statusCode).toBe(401);
  });
});
