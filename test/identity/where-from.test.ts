import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../src/modules/network/index.js';
import { anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';

/** "Where are you from?": finding the library, its sign-in options, the remembered choice, no open redirect. */
let t: TestApp;
let admin: TestAccount;
let nju: { id: number };

beforeAll(async () => {
  t = await testApp();
  await importNetwork(t.db, {
    libraries: [
      aLibrary({ symbol: 'CN-NJU', name: { zh: '南京大学图书馆', en: 'Nanjing University Library' } }),
      aLibrary({ symbol: 'CN-NNU', name: { zh: '南京师范大学图书馆', en: 'Nanjing Normal University Library' } }),
      aLibrary({ symbol: 'CN-PKU', name: { zh: '北京大学图书馆', en: 'Peking University Library' } }),
    ],
  });
  admin = await anAdmin(t);
  const add = async (library: string, body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/libraries/${library}/identity-providers`, headers: admin.headers, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  nju = await add('CN-NJU', { kind: 'cas', name: '南京大学统一身份认证', serverUrl: 'https://cas.nju.example/cas' });
  await add('CN-NJU', { kind: 'oidc', name: 'NJU OpenID (off)', issuer: 'https://sso.nju.example', clientId: 'x', enabled: false });
}, 60_000);
afterAll(() => t?.close());

const find = async (q: string, cookie?: string) => {
  const res = await t.app.inject({ url: `/api/v1/auth/libraries?q=${encodeURIComponent(q)}&returnTo=%2Fill%2Frequests`, headers: cookie ? { cookie } : {} });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { symbol: string; match: string; signIn: { id: number; kind: string; startUrl: string }[] }[]; remembered: { symbol: string } | null; returnTo: string };
};

describe('where are you from?', () => {
  it('finds the library by Chinese name, pinyin, initials, abbreviation and short form, with its enabled sign-in options', async () => {
    for (const q of ['南京大学', 'nanjingdaxue', 'njdx', 'NJU', '南大']) expect((await find(q)).items[0]?.symbol, q).toBe('CN-NJU');
    const r = await find('nanjing');
    expect(r.items.map((i) => i.symbol)).toEqual(['CN-NJU', 'CN-NNU']);
    expect(r.items[0]!.signIn).toEqual([
      { id: nju.id, kind: 'cas', name: '南京大学统一身份认证', startUrl: `/api/v1/auth/libraries/CN-NJU/sign-in/${nju.id}?returnTo=%2Fill%2Frequests` },
    ]);
    expect(r.items[1]!.signIn).toEqual([]);
  });

  it('starts the sign-in through the chosen provider, remembers the library, and offers it next time', async () => {
    const start = await t.app.inject({ url: `/api/v1/auth/libraries/CN-NJU/sign-in/${nju.id}?returnTo=%2Fill%2Frequests` });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe(`/api/v1/auth/cas/${nju.id}/login?returnTo=%2Fill%2Frequests`);
    const cookie = start.cookies.find((c) => c.name === 'anylib_home_library')!;
    expect(cookie).toMatchObject({ value: 'CN-NJU', path: '/' });
    const next = await find('', `anylib_home_library=${cookie.value}`);
    expect(next.remembered).toMatchObject({ symbol: 'CN-NJU', match: 'remembered', signIn: [{ id: nju.id }] });
    const forget = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/libraries/remembered' });
    expect(forget.statusCode).toBe(204);
  });

  it('never redirects off the site, whatever returnTo says', async () => {
    for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example', '%2F%2Fevil.example', 'javascript:alert(1)']) {
      const start = await t.app.inject({ url: `/api/v1/auth/libraries/CN-NJU/sign-in/${nju.id}?returnTo=${encodeURIComponent(evil)}` });
      expect(start.headers.location, evil).toBe(`/api/v1/auth/cas/${nju.id}/login?returnTo=%2F`);
      const listed = await t.app.inject({ url: `/api/v1/auth/libraries?q=NJU&returnTo=${encodeURIComponent(evil)}` });
      expect(listed.json().returnTo, evil).toBe('/');
    }
  });

  it('refuses a provider that is not the library’s or is switched off', async () => {
    const other = await t.app.inject({ url: `/api/v1/auth/libraries/CN-PKU/sign-in/${nju.id}` });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('IDENTITY_PROVIDER_NOT_FOUND');
    const off = await t.app.inject({ url: `/api/v1/auth/libraries/CN-NJU/sign-in/${nju.id + 1}` });
    expect(off.statusCode).toBe(404);
  });
});
