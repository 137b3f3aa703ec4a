import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { loadDemo, type DemoCredentials } from '../../src/app/demo.js';
import { demoAccounts } from '../../src/app/demo-accounts.js';
import { testApp, type TestApp } from '../support/app.js';

describe('the demo alliance', () => {
  let t: TestApp;
  let credentials: DemoCredentials[];
  beforeAll(async () => {
    t = await testApp();
    const print = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    credentials = await loadDemo({ db: t.db, log: pino({ level: 'silent' }) });
    print.mockRestore();
  });
  afterAll(() => t.close());

  it('holds the alliances of the source papers with their management centres', async () => {
    const jalis = (await t.app.inject('/api/v1/alliances/JALIS')).json();
    expect(jalis).toMatchObject({ code: 'JALIS', founded: 1997, statedMemberCount: 175 });
    expect(JSON.stringify(jalis)).toContain('CN-NJU');
    const industry = (await t.app.inject('/api/v1/alliances?kind=industry')).json();
    expect(industry.items.map((a: { code: string }) => a.code).sort()).toEqual(['CCULA', 'CFERSA', 'CLDISA', 'NFLCLA', 'NNULA', 'PULA']);
    const regional = (await t.app.inject('/api/v1/alliances?parent=CALIS&tier=regional')).json();
    expect(regional.items.length).toBeGreaterThanOrEqual(7);
  });

  it('has one account per role, and each signs in with the password printed for it', async () => {
    for (const c of credentials) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: c.email, password: c.password } });
      expect(res.statusCode, c.email).toBe(200);
    }
    const admin = credentials.find((c) => c.email.startsWith('admin@demo'))!;
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: admin.email, password: admin.password } });
    expect(login.json().account.grants[0].role).toBe('network-admin');
    expect(credentials.map((c) => c.email)).toEqual(demoAccounts.map((a) => a.email));
  });

  it('loads again without duplicating anything or changing the passwords', async () => {
    const before = (await t.app.inject('/api/v1/libraries?limit=1')).json().total;
    const again = await loadDemo({ db: t.db, log: pino({ level: 'silent' }) });
    expect(again).toEqual([]);
    expect((await t.app.inject('/api/v1/libraries?limit=1')).json().total).toBe(before);
    const c = credentials[0]!;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: c.email, password: c.password } });
    expect(res.statusCode).toBe(200);
  });
});
