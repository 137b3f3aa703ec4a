import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStore, runImport, startFileImport, type ImportPayload } from '../../src/modules/catalog/index.js';
import { fromRoot } from '../../src/platform/paths.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { aLibrary } from '../network/factories.js';
import { aBook, iso2709 } from './records.js';

/** Records 1 … n of a library's file, each its own book. */
const books = (prefix: string, n: number, pages = 200) =>
  Array.from({ length: n }, (_, i) => aBook({ id: `${prefix}${i + 1}`, title: `Book number ${i + 1} of ${prefix}`, year: 1990 + (i % 30), pages, holding: { library: 'CN-UP', barcode: `${prefix}-bc-${i + 1}` } }));

/** A record whose 245 $a holds a byte that is not UTF-8. */
function invalidUtf8(id: string): Buffer {
  const bytes = Buffer.from(iso2709([aBook({ id, title: 'Broken ééé' })]));
  bytes[bytes.indexOf(Buffer.from('é'))] = 0xff;
  return bytes;
}

describe('imports: upload, job, rejects, resume', () => {
  let t: TestApp;
  let dataDir: string;
  let cataloguer: TestAccount;
  let outsider: TestAccount;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-import-test-'));
    t = await testApp({ dataDir });
    await importNetwork(t.db, { libraries: ['CN-UP', 'CN-OTHER'].map((symbol) => aLibrary({ symbol })) });
    cataloguer = await anAccount(t, { role: 'library-staff', library: 'CN-UP', permissions: ['catalogue'] });
    outsider = await anAccount(t, { role: 'library-staff', library: 'CN-OTHER', permissions: ['catalogue'] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (body: Buffer, headers = cataloguer.headers, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/v1/libraries/CN-UP/imports${query}`, headers: { ...headers, 'content-type': 'application/marc' }, payload: body });
  const runJob = async (jobId: number) => runImport(t.db, (await t.jobs.get(jobId))!.payload as ImportPayload);

  it('takes a file, imports it as a job and reports the counts; the same file again changes nothing', async () => {
    const file = iso2709(books('u', 30));
    const res = await upload(file, cataloguer.headers, '?filename=u.mrc');
    expect(res.statusCode).toBe(202);
    const { batchId, jobId } = res.json();
    expect(await runJob(jobId)).toMatchObject({ read: 30, created: 30, rejected: 0 });
    const status = await t.app.inject({ url: `/api/v1/libraries/CN-UP/imports/${batchId}`, headers: cataloguer.headers });
    expect(status.json()).toMatchObject({ id: batchId, status: 'done', source: 'u.mrc', format: 'iso2709', counts: { read: 30, created: 30 }, job: { status: 'queued' } });

    const again = (await upload(file)).json();
    expect(await runJob(again.jobId)).toMatchObject({ read: 30, created: 0, updated: 0, unchanged: 30 });
    const list = await t.app.inject({ url: '/api/v1/libraries/CN-UP/imports', headers: cataloguer.headers });
    expect(list.json().items.map((b: { id: number }) => b.id)).toEqual([again.batchId, batchId]);
  });

  it('stores the good records of a file with bad ones and keeps the bad ones with position, field and reason', async () => {
    const good = books('g', 3);
    const file = Buffer.concat([iso2709([good[0]!]), invalidUtf8('bad-utf'), iso2709([good[1]!, aBook({ id: 'no-title', title: '' }), good[2]!])]);
    const { batchId, jobId } = (await upload(file)).json();
    expect(await runJob(jobId)).toMatchObject({ read: 5, created: 3, rejected: 2 });
    const rejects = (await t.app.inject({ url: `/api/v1/libraries/CN-UP/imports/${batchId}/rejects`, headers: cataloguer.headers })).json();
    expect(rejects.items.map((r: { position: number; localId: string; problems: { field: string; code: string }[] }) => [r.position, r.localId, r.problems[0]!.field, r.problems[0]!.code])).toEqual([
      [2, 'bad-utf', '245', 'invalid-utf8'],
      [4, 'no-title', '245', 'no-fields'],
    ]);
    const raw = Buffer.from(rejects.items[0].raw, 'base64');
    expect(raw.equals(invalidUtf8('bad-utf'))).toBe(true);
    expect(rejects.items[0].byteOffset).toBe(iso2709([good[0]!]).length);
  });

  it('resumes a killed import after the last committed record: nothing lost, nothing doubled', async () => {
    const file = iso2709([...books('k', 1500), aBook({ id: 'k-untitled', title: '' })]);
    const { batchId, jobId } = (await upload(file)).json();
    const payload = (await t.jobs.get(jobId))!.payload as ImportPayload;
    // The first run stops after its first thousand records (as a kill would, after a commit).
    await expect(runImport(t.db, payload, undefined, { stopAfter: 1000 })).rejects.toThrow('interrupted');
    const halfway = (await importStore.get(t.db, batchId))!;
    expect(halfway.status).toBe('running');
    expect(halfway.checkpoint.position).toBe(1000);
    expect(halfway.counts).toMatchObject({ read: 1000, created: 1000 });
    // Retried: it starts after record 1000.
    expect(await runImport(t.db, payload)).toMatchObject({ read: 1501, created: 1500, rejected: 1, unchanged: 0 });
    const stored = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = 'CN-UP' AND r.local_id LIKE 'k%'`);
    expect(stored.rows[0]!.n).toBe(1500);
    const rejects = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_rejects WHERE batch_id = $1', [batchId]);
    expect(rejects.rows[0]!.n).toBe(1);
  });

  it('stores MARC-8 records as Unicode (Hebrew script, combining marks)', async () => {
    const { jobId } = await startFileImport(t.db, t.jobs, fromRoot('demo', 'records', 'hebrew.marc'), { library: 'CN-OTHER', format: 'iso2709', flavour: 'auto' });
    expect(await runJob(jobId)).toMatchObject({ created: 20, rejected: 0 });
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM records WHERE record::text LIKE '%Zeṿin, Shelomoh Yosef%' AND record::text LIKE '%לתורה%'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('lets only the library’s cataloguers import', async () => {
    expect((await upload(iso2709(books('o', 1)), outsider.headers)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-UP/imports', headers: outsider.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-UP/imports/999999', headers: cataloguer.headers })).json()).toMatchObject({ code: 'IMPORT_NOT_FOUND' });
  });
});
