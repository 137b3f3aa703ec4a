import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarcRecord } from '../../src/modules/catalog/domain/marc/index.js';
import { runImport, type ImportPayload } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { aLibrary } from '../network/factories.js';
import { aBook, iso2709 } from './records.js';

/** A book with a Koha 952 item field: barcode, and $q as the due date (Koha's items.onloan). */
function withItem(id: string, due: string): MarcRecord {
  const r = aBook({ id, title: `Koha book ${id}` });
  r.fields.push({ tag: '952', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'CN-WARN' }, { code: 'p', value: `bc-${id}` }, { code: 'q', value: due }] });
  return r;
}

describe('imports: holdings problems kept with the batch as warnings', () => {
  let t: TestApp;
  let dataDir: string;
  let cataloguer: TestAccount;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-import-warn-'));
    t = await testApp({ dataDir });
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-WARN' })] });
    cataloguer = await anAccount(t, { role: 'library-staff', library: 'CN-WARN', permissions: ['catalogue'] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores a record whose item has an unreadable due date, keeps the copy, and lists the record as a warning apart from rejects', async () => {
    const file = iso2709([withItem('w1', '2025-03-01'), withItem('w2', 'next tuesday'), aBook({ id: 'w3', title: '' })]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/libraries/CN-WARN/imports', headers: { ...cataloguer.headers, 'content-type': 'application/marc' }, payload: file });
    const { batchId, jobId } = res.json();
    expect(await runImport(t.db, (await t.jobs.get(jobId))!.payload as ImportPayload)).toMatchObject({ read: 3, created: 2, rejected: 1, warnings: 1 });

    // The record and its copy are there: the copy counted on loan from $q, its date left out.
    const { rows } = await t.db.query<{ local_id: string; status: string; due_date: string | null }>(
      `SELECT r.local_id, i.status, i.due_date::text AS due_date FROM records r JOIN holdings h ON h.record_id = r.id JOIN items i ON i.holding_id = h.id
        WHERE r.local_id IN ('w1', 'w2') ORDER BY r.local_id`,
    );
    expect(rows).toEqual([
      { local_id: 'w1', status: 'on-loan', due_date: '2025-03-01' },
      { local_id: 'w2', status: 'on-loan', due_date: null },
    ]);

    const batch = (await t.app.inject({ url: `/api/v1/libraries/CN-WARN/imports/${batchId}`, headers: cataloguer.headers })).json();
    expect(batch.counts).toMatchObject({ read: 3, created: 2, rejected: 1, warnings: 1 });
    const listed = (await t.app.inject({ url: `/api/v1/libraries/CN-WARN/imports/${batchId}/rejects`, headers: cataloguer.headers })).json();
    expect(listed.items.map((r: { position: number; localId: string; severity: string; problems: { field: string; code: string; severity: string; reason: string }[]; raw: string | null }) => ({
      position: r.position, localId: r.localId, severity: r.severity, problem: r.problems[0], raw: r.raw !== null,
    }))).toEqual([
      { position: 2, localId: 'w2', severity: 'warning', problem: { severity: 'warning', code: 'holdings', field: '952[1]$q', reason: 'unreadable due date "next tuesday"' }, raw: false },
      { position: 3, localId: 'w3', severity: 'error', problem: expect.objectContaining({ severity: 'error', code: 'no-fields', field: '245' }), raw: true },
    ]);
  });
});
