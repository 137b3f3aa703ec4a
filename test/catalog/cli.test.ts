import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Target } from '../../src/cli/context.js';
import { catalogModule } from '../../src/modules/catalog/index.js';
import { JobRunner } from '../../src/platform/jobs/index.js';
import { describeOutcome, exitCodeOf, importFiles } from '../../src/cli/commands/catalog-import.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';
import { aBook, iso2709 } from './records.js';

describe('anylib catalog import', () => {
  let t: TestApp;
  let dir: string;
  let onDb: Target;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'anylib-catalog-cli-'));
    t = await testApp({ dataDir: dir });
    onDb = { kind: 'db', db: t.db, close: async () => undefined };
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-CLI' })] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads every record of a good file: summary line, exit code 0', async () => {
    const file = path.join(dir, 'good.mrc');
    writeFileSync(file, iso2709([aBook({ id: 'c1', title: 'Cha guan', year: 1958 }), aBook({ id: 'c2', title: 'Luo tuo xiang zi', year: 1955 })]));
    const lines: string[] = [];
    const outcomes = await importFiles(onDb, [file], { library: 'CN-CLI', format: 'auto', flavour: 'auto' }, {}, { log: (l: string) => lines.push(l) });
    expect(exitCodeOf(outcomes)).toBe(0);
    expect(lines).toEqual([describeOutcome('CN-CLI', outcomes[0]!)]);
    expect(lines[0]).toMatch(/^CN-CLI good\.mrc: read 2, created 2, updated 0, unchanged 0, deleted 0, rejected 0, holdings warnings 0 \(import \d+, done\)$/);
  });

  it('lists rejected records in the errors file, one JSON line each, and exits with 2', async () => {
    const file = path.join(dir, 'mixed.mrc');
    // m3's Koha item has a due date ($q) no one can read: stored, and listed as a warning.
    const m3 = aBook({ id: 'm3', title: 'Chun', year: 1938 });
    m3.fields.push({ tag: '952', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'CN-CLI' }, { code: 'p', value: 'bc-m3' }, { code: 'q', value: 'next tuesday' }] });
    writeFileSync(file, iso2709([aBook({ id: 'm1', title: 'Jia', year: 1933 }), aBook({ id: 'm2', title: '' }), m3]));
    const errors = path.join(dir, 'errors.jsonl');
    const printed: string[] = [];
    const outcomes = await importFiles(onDb, [file], { library: 'CN-CLI', format: 'iso2709', flavour: 'marc21', errors }, {}, { log: (l: string) => printed.push(l) });
    expect(outcomes[0]!.counts).toMatchObject({ read: 3, created: 2, rejected: 1, warnings: 1 });
    expect(printed[0]).toContain('rejected 1, holdings warnings 1');
    expect(exitCodeOf(outcomes)).toBe(2);
    const lines = readFileSync(errors, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ file, position: 2, localId: 'm2', severity: 'error', problems: [{ field: '245' }] });
    expect(typeof lines[0].raw).toBe('string');
    expect(lines[1]).toMatchObject({ file, position: 3, localId: 'm3', severity: 'warning', problems: [{ field: '952[1]$q' }] });
  });

  it('uploads through the server that holds the database and follows its job', async () => {
    const runner = new JobRunner({ db: t.db, handlers: catalogModule.jobs!, log: pino({ level: 'silent' }), pollMs: 50 });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    runner.start();
    try {
      const token = 'local-test-token-local-test-token';
      const onServer: Target = {
        kind: 'server',
        close: async () => undefined,
        server: {
          url,
          async request<T>(method: string, p: string): Promise<T> {
            const res = await fetch(url + p, { method, headers: { authorization: `Bearer ${token}` } });
            return (await res.json()) as T;
          },
        },
      };
      const file = path.join(dir, 'served.mrc');
      writeFileSync(file, iso2709([aBook({ id: 's1', title: 'Si shi tong tang', year: 1944 }), aBook({ id: 's2', title: '' })]));
      const errors = path.join(dir, 'served-errors.jsonl');
      const outcomes = await importFiles(onServer, [file], { library: 'CN-CLI', format: 'auto', flavour: 'auto', errors }, { token }, { log: () => undefined });
      expect(outcomes[0]).toMatchObject({ status: 'done', counts: { read: 2, created: 1, rejected: 1 } });
      expect(exitCodeOf(outcomes)).toBe(2);
      expect(readFileSync(errors, 'utf8').trim().split('\n').map((l) => JSON.parse(l).localId)).toEqual(['s2']);
    } finally {
      await runner.stop();
    }
  });
});
