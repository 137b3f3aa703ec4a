import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { ProblemError, type Target } from '../../src/cli/context.js';
import { describeReport, exportText, importFile } from '../../src/cli/commands/network.js';
import { fromRoot } from '../../src/platform/paths.js';

describe('anylib network import and export', () => {
  let t: TestApp;
  let dir: string;
  let onDb: Target;
  let onServer: Target;
  beforeAll(async () => {
    t = await testApp();
    dir = mkdtempSync(path.join(tmpdir(), 'anylib-network-'));
    onDb = { kind: 'db', db: t.db, close: async () => undefined };
    // The server a CLI command finds holding the data directory, answered here by the app itself.
    onServer = {
      kind: 'server',
      close: async () => undefined,
      server: {
        url: 'http://anylib.test',
        async request<T>(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
          const res = await t.app.inject({
            method: method as 'GET',
            url,
            headers: { authorization: 'Bearer local-test-token-local-test-token', ...(body !== undefined ? { 'content-type': contentType } : {}) },
            payload: body as string,
          });
          const parsed = /json/.test(String(res.headers['content-type'])) ? res.json() : res.body;
          if (res.statusCode >= 400) throw new ProblemError(res.statusCode, parsed);
          return parsed as T;
        },
      },
    };
  });
  afterAll(() => t.close());

  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('imports the demo network into the database and prints a summary', async () => {
    const report = await importFile(onDb, fromRoot('demo/network.json'));
    expect(describeReport(report)).toBe(['libraries: 137 created, 0 updated, 0 unchanged', 'alliances: 36 created, 0 updated, 0 unchanged', 'agreements: 9 created, 0 updated, 0 unchanged'].join('\n'));
    const actor = await t.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'network.import'`);
    expect(actor.rows).toEqual([{ actor: 'anylib CLI' }]);
  });

  it('imports through the running server the same way, and reports the file unchanged', async () => {
    const report = await importFile(onServer, fromRoot('demo/network.json'));
    expect(report).toMatchObject({ libraries: { unchanged: 137 }, alliances: { unchanged: 36 }, agreements: { unchanged: 9 } });
  });

  it('lists every problem of a bad file, from the database or the server alike', async () => {
    const bad = file('bad.csv', 'symbol,name_zh,name_en,type,province\nCN-X1,甲,A,public,CN-JS\nCN-X1,乙,B,castle,CN-JS\n');
    for (const target of [onDb, onServer]) {
      const err = (await importFile(target, bad).then(
        () => new Error('imported a bad file'),
        (e: unknown) => e,
      )) as Error & { exitCode?: number };
      expect(err.exitCode, target.kind).toBe(1);
      expect(err.message).toContain('IMPORT_INVALID');
      expect(err.message).toContain('line 3.symbol: duplicate');
      expect(err.message).toContain('line 3.type: ');
    }
    expect((await t.db.query(`SELECT 1 FROM libraries WHERE symbol = 'CN-X1'`)).rows).toHaveLength(0);
    await expect(importFile(onDb, file('broken.json', '{"libraries": ['))).rejects.toThrow(/not valid JSON/);
  });

  it('exports JSON and CSV, from the database or through the server, with complete contacts', async () => {
    const fromDb = await exportText(onDb, { format: 'json', layout: 'libraries' });
    const fromServer = await exportText(onServer, { format: 'json', layout: 'libraries' });
    expect(JSON.parse(fromServer)).toEqual(JSON.parse(fromDb));
    expect(JSON.parse(fromDb).libraries[0].contacts[0].email).toBe('ill@lib.pku.edu.cn');
    const csv = await exportText(onServer, { format: 'csv', layout: 'memberships' });
    expect(csv.split('\n')[0]).toBe('alliance,library,role,joined');
    expect(csv).toContain('CALIS,CN-PKU,management-centre,1998-01-01');
    expect(csv).toBe(await exportText(onDb, { format: 'csv', layout: 'memberships' }));
  });

  it('round-trips an exported CSV file through import unchanged', async () => {
    const exported = file('libraries.csv', await exportText(onDb, { format: 'csv', layout: 'libraries' }));
    const report = await importFile(onDb, exported);
    expect(report).toMatchObject({ format: 'csv', layout: 'libraries', libraries: { created: 0, updated: 0, unchanged: 137 } });
    expect(readFileSync(exported, 'utf8')).toBe(await exportText(onDb, { format: 'csv', layout: 'libraries' }));
  });
});
