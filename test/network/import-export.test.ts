import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { anAdmin, type TestAccount } from '../support/accounts.js';
import { fromRoot } from '../../src/platform/paths.js';

const demo = JSON.parse(readFileSync(fromRoot('demo/network.json'), 'utf8')) as {
  libraries: { symbol: string }[];
  alliances: { code: string; governance?: unknown[]; members?: unknown[] }[];
  agreements: { code: string; feesWaived?: boolean }[];
};

/** The demo as the directory keeps it: alliances state their governance even when it is empty. */
function asStored(doc: typeof demo) {
  return {
    libraries: doc.libraries,
    alliances: doc.alliances.map((a) => ({ ...a, members: a.members ?? [], governance: a.governance ?? [] })),
    agreements: doc.agreements.map((g) => ({ ...g, feesWaived: g.feesWaived ?? false })),
  };
}

describe('importing and exporting the directory', () => {
  let t: TestApp;
  let admin: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    admin = await anAdmin(t);
  });
  afterAll(() => t.close());

  const importJson = (body: unknown, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/v1/network/import${query}`, headers: admin.headers, payload: body as object });
  const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  it('imports the demo network, and importing it again changes nothing', async () => {
    const first = await importJson(demo);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      format: 'json',
      libraries: { created: 137, updated: 0, unchanged: 0 },
      alliances: { created: 36, updated: 0, unchanged: 0 },
      agreements: { created: 9, updated: 0, unchanged: 0 },
    });
    const again = await importJson(demo);
    expect(again.json()).toMatchObject({
      libraries: { created: 0, updated: 0, unchanged: 137 },
      alliances: { created: 0, updated: 0, unchanged: 36 },
      agreements: { created: 0, updated: 0, unchanged: 9 },
    });
    const audit = await t.db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE action = 'network.import'`);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]!.actor).toBe(admin.email);
  });

  it('exports exactly what was imported, in the same order', async () => {
    const res = await t.app.inject({ url: '/api/v1/network/export', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(asStored(demo));
  });

  it('round-trips JSON: the export imported again is unchanged', async () => {
    const exported = (await t.app.inject({ url: '/api/v1/network/export', headers: admin.headers })).json();
    const res = await importJson(exported);
    expect(res.json()).toMatchObject({ libraries: { unchanged: 137 }, alliances: { unchanged: 36 }, agreements: { unchanged: 9 } });
  });

  it('round-trips every CSV layout unchanged', async () => {
    for (const layout of ['libraries', 'alliances', 'memberships']) {
      const csv = await t.app.inject({ url: `/api/v1/network/export?format=csv&layout=${layout}`, headers: admin.headers });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/network/import', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: csv.body });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      expect(report.layout).toBe(layout);
      const counts = layout === 'libraries' ? report.libraries : report.alliances;
      expect(counts.created + counts.updated).toBe(0);
      expect(counts.unchanged).toBeGreaterThan(0);
    }
  });

  it('leaves out contacts’ e-mail and phone in an anonymous export', async () => {
    const res = await t.app.inject({ url: '/api/v1/network/export' });
    const pku = res.json().libraries.find((l: { symbol: string }) => l.symbol === 'CN-PKU');
    expect(pku.contacts[0]).toEqual({ name: 'Interlibrary Loan and Document Delivery Office', role: 'ill' });
  });

  it('refuses a file with problems as a whole, naming every one, and writes nothing', async () => {
    const before = await count('libraries');
    const bad = {
      libraries: [
        { symbol: 'CN-NEW1', name: { zh: '新馆一', en: 'New One' }, type: 'public', province: 'CN-JS' },
        { symbol: 'CN-NEW1', name: { zh: '新馆二', en: 'New Two' }, type: 'public', province: 'CN-JS' },
        { symbol: 'CN-NEW3', name: { zh: '新馆三', en: 'New Three' }, type: 'castle', province: 'CN-JS', colour: 'red' },
      ],
      alliances: [
        { code: 'LOOP-A', name: { zh: '甲', en: 'A' }, kind: 'municipal', tier: 'municipal', parent: 'LOOP-B' },
        { code: 'LOOP-B', name: { zh: '乙', en: 'B' }, kind: 'municipal', tier: 'municipal', parent: 'LOOP-A' },
        { code: 'ORPHAN', name: { zh: '丙', en: 'C' }, kind: 'municipal', tier: 'municipal', parent: 'NOWHERE', members: [{ library: 'CN-GONE', role: 'member' }] },
      ],
    };
    const res = await importJson(bad);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('IMPORT_INVALID');
    const fields = problem.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^libraries\[1\]\.symbol: duplicate/),
        expect.stringMatching(/^libraries\[2\]\.type: /),
        expect.stringMatching(/^libraries\[2\]\.colour: /),
        'alliances[0].parent: cycle LOOP-A → LOOP-B → LOOP-A',
        'alliances[1].parent: cycle LOOP-B → LOOP-A → LOOP-B',
        'alliances[2].parent: unknown alliance NOWHERE',
        'alliances[2].members[0].library: unknown library CN-GONE',
      ]),
    );
    expect(await count('libraries')).toBe(before);
    expect(await count('alliances')).toBe(36);
  });

  it('names the problems of a CSV file by line and column', async () => {
    const csv = ['symbol,name_zh,name_en,type,province,lat', 'CN-CSV1,一,One,public,CN-JS,32.1', 'CN-CSV2,二,Two,public,CN-ZZ,north', 'CN-CSV1,三,Three,public,CN-JS,'].join('\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/network/import', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['line 3.province', 'line 3.lat', 'line 4.symbol']));
    expect(await count("libraries WHERE symbol LIKE 'CN-CSV%'")).toBe(0);
  });

  it('checks and counts without writing on a dry run', async () => {
    const res = await importJson({ libraries: [{ symbol: 'CN-DRY', name: { zh: '试', en: 'Dry' }, type: 'other', province: 'CN-BJ' }] }, '?dryRun=true');
    expect(res.json()).toMatchObject({ dryRun: true, libraries: { created: 1 } });
    expect(await count("libraries WHERE symbol = 'CN-DRY'")).toBe(0);
  });

  it('answers invalid JSON with 400 and an unknown top-level field by name', async () => {
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/network/import', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"libraries": [' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('INVALID_JSON');
    const unknown = await importJson({ libraries: [], branches: [] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { field: string }) => e.field)).toEqual(['branches']);
  });

  it('lets only network administrators import', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/network/import', payload: { libraries: [] } });
    expect(res.statusCode).toBe(401);
  });
});
