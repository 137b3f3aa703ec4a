import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnylibApp } from '../../src/app/build.js';
import { anAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, aPassword, aPerson, signIn } from './support.js';

describe('browser sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await aLibrary(t, 'CN-A');
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

  it('signs in with e-mail and password: an HttpOnly, SameSite cookie, the account, its roles and a CSRF token', async () => {
    const person = await aPerson(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] });
    const res = await login(person.email.toUpperCase(), person.password, '198.51.100.1');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'anylib_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^as_/);
    const body = res.json();
    expect(body.account).toMatchObject({ id: person.userId, email: person.email });
    expect(body.grants).toEqual([{ role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] }]);
    expect(body.csrfToken).toEqual(expect.any(String));

    const me = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: `anylib_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ via: 'session', csrfToken: body.csrfToken, account: { email: person.email } });
  });

  it('keeps only a hash of the session secret', async () => {
    const person = await aPerson(t);
    const session = await signIn(t, person.email, aPassword, '198.51.100.2');
    const secret = session.cookie.split('=')[1]!;
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE id_hash = $1', [secret]);
    expect(rows[0]!.n).toBe(0);
  });

  it('marks the cookie Secure when Anylib is served over https', async () => {
    const app = await buildAnylibApp({ config: { ...t.config, baseUrl: 'https://anylib.example.org' }, db: t.db });
    try {
      const person = await aPerson(t);
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: aPassword } });
      expect(res.cookies.find((c) => c.name === 'anylib_session')).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await app.close();
    }
  });

  it('answers a wrong password exactly as an unknown e-mail address, and sets no cookie', async () => {
    const person = await aPerson(t);
    const wrong = await login(person.email, 'not the password at all', '198.51.100.3');
    const unknown = await login('nobody-here@example.org', 'not the password at all', '198.51.100.3');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('LOGIN_FAILED');
    expect(wrong.cookies).toEqual([]);
  });

  it('refuses a sixth attempt within 15 minutes with 429 and how long to wait — even with the right password', async () => {
    const person = await aPerson(t);
    for (let i = 0; i < 5; i++) expect((await login(person.email, `wrong password ${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    const res = await login(person.email, aPassword, '203.0.113.99');
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('RATE_LIMITED');
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(900);
    expect(res.json().detail).toContain(String(wait));
  });

  it('throttles unknown e-mail addresses the same way, so the answer tells nothing', async () => {
    for (let i = 0; i < 5; i++) await login('ghost@example.org', `guess ${i}`, '203.0.114.1');
    expect((await login('ghost@example.org', 'guess 6', '203.0.114.1')).statusCode).toBe(429);
  });

  it('throttles one client address after 20 failures across many e-mail addresses', async () => {
    const ip = '203.0.115.7';
    for (let i = 0; i < 20; i++) expect((await login(`spray-${i}@example.org`, 'Password123', ip)).statusCode).toBe(401);
    const person = await aPerson(t);
    expect((await login(person.email, aPassword, ip)).statusCode).toBe(429);
    expect((await login(person.email, aPassword, '203.0.115.8')).statusCode).toBe(200);
  });

  it('starts counting afresh after a successful sign-in', async () => {
    const person = await aPerson(t);
    for (let i = 0; i < 4; i++) await login(person.email, `typo ${i}`, '203.0.116.1');
    expect((await login(person.email, aPassword, '203.0.116.1')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(person.email, `typo again ${i}`, '203.0.116.1')).statusCode).toBe(401);
    expect((await login(person.email, aPassword, '203.0.116.1')).statusCode).toBe(200);
  });

  it('refuses a write from a session without its CSRF token, and accepts it with the token', async () => {
    const person = await aPerson(t, { role: 'reader', library: 'CN-A' });
    const s = await signIn(t, person.email, aPassword, '198.51.100.4');
    const payload = { name: 'my script' };
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie }, payload });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload });
    expect(wrong.json().code).toBe('CSRF_TOKEN_INVALID');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.writeHeaders, payload });
    expect(ok.statusCode).toBe(201);
    // Reading needs no token.
    expect((await t.app.inject({ url: '/api/v1/tokens', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it('needs no CSRF token from a caller with a bearer token', async () => {
    const system = await anAccount(t, { role: 'reader', library: 'CN-A' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: system.headers, payload: { name: 'rotated' } });
    expect(res.statusCode).toBe(201);
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const person = await aPerson(t);
    const s = await signIn(t, person.email, aPassword, '198.51.100.5');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.writeHeaders });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'anylib_session')?.value).toBe('');
    const after = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('lets a disabled account neither sign in nor use its session or tokens', async () => {
    const admin = await anAccount(t, { role: 'network-admin' });
    const person = await aPerson(t, { role: 'reader', library: 'CN-A' });
    const s = await signIn(t, person.email, aPassword, '198.51.100.6');
    const token = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.writeHeaders, payload: { name: 'script' } });
    const bearer = { authorization: `Bearer ${token.json().token}` };

    const off = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${person.userId}`, headers: admin.headers, payload: { disabled: true } });
    expect(off.statusCode).toBe(200);
    expect(off.json().disabled).toBe(true);

    const again = await login(person.email, aPassword, '198.51.100.6');
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('ACCOUNT_DISABLED');
    expect((await login(person.email, 'a wrong password', '198.51.100.6')).json().code).toBe('LOGIN_FAILED');
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const viaToken = await t.app.inject({ url: '/api/v1/auth/session', headers: bearer });
    expect(viaToken.statusCode).toBe(401);
    expect(viaToken.json().code).toBe('TOKEN_INVALID');
  });

  it('makes the holder of a one-time password choose a new one before anything else', async () => {
    const admin = await anAccount(t, { role: 'network-admin' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'new.reader@example.org', grants: [{ role: 'reader', library: 'CN-A' }] },
    });
    expect(created.statusCode).toBe(201);
    const { oneTimePassword } = created.json();
    expect(oneTimePassword).toEqual(expect.any(String));

    const s = await signIn(t, 'new.reader@example.org', oneTimePassword, '198.51.100.7');
    const blocked = await t.app.inject({ url: '/api/v1/tokens', headers: { cookie: s.cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie: s.cookie } })).json().account.mustChangePassword).toBe(true);

    const same = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: s.writeHeaders,
      payload: { currentPassword: oneTimePassword, newPassword: oneTimePassword },
    });
    expect(same.json().code).toBe('PASSWORD_NOT_CHANGED');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: s.writeHeaders,
      payload: { currentPassword: oneTimePassword, newPassword: 'a new and long password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/tokens', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    expect((await login('new.reader@example.org', 'a new and long password', '198.51.100.7')).statusCode).toBe(200);
  });

  it('refuses a short new password or the e-mail address, naming the field in the reader’s language', async () => {
    const person = await aPerson(t);
    const s = await signIn(t, person.email, aPassword, '198.51.100.8');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password?lang=zh-CN',
      headers: s.writeHeaders,
      payload: { currentPassword: aPassword, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'PASSWORD_TOO_SHORT', errors: [{ field: 'newPassword', message: '密码至少需要 10 个字符。' }] });
    const email = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: { ...s.writeHeaders, 'accept-language': 'en' },
      payload: { currentPassword: aPassword, newPassword: person.email },
    });
    expect(email.json()).toMatchObject({ code: 'PASSWORD_IS_EMAIL', errors: [{ field: 'newPassword' }] });
    const wrongCurrent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: s.writeHeaders,
      payload: { currentPassword: 'not my password', newPassword: 'a perfectly fine password' },
    });
    expect(wrongCurrent.json()).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', errors: [{ field: 'currentPassword' }] });
  });
});
