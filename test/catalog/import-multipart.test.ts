import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, type ImportPayload } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { aLibrary } from '../network/factories.js';
import { aBook, iso2709 } from './records.js';

/** One part of a form: a text field, or a file with its name and bytes. */
type Part = { name: string; value: string } | { name: string; filename: string; bytes: Buffer };

const boundary = '----anylib-test-boundary-7MA4YWxkTrZu0gW';

/** A multipart/form-data body built by hand, the way a browser or `curl -F` sends one. */
function formBody(parts: Part[]): Buffer {
  const chunks = parts.flatMap((p) => {
    const head = 'filename' in p
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: application/marc\r\n\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    return [Buffer.from(head), 'filename' in p ? p.bytes : Buffer.from(p.value), Buffer.from('\r\n')];
  });
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}

const books = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => aBook({ id: `${prefix}${i + 1}`, title: `Form book ${i + 1} of ${prefix}`, year: 2000 + i, holding: { library: 'CN-UP', barcode: `${prefix}-bc-${i + 1}` } }));

describe('imports: upload as multipart/form-data', () => {
  let t: TestApp;
  let dataDir: string;
  let cataloguer: TestAccount;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-multipart-test-'));
    t = await testApp({ dataDir });
    await importNetwork(t.db, { libraries: ['CN-UP', 'CN-OTHER'].map((symbol) => aLibrary({ symbol })) });
    cataloguer = await anAccount(t, { role: 'library-staff', library: 'CN-UP', permissions: ['catalogue'] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (payload: Buffer, symbol = 'CN-UP') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/libraries/${symbol}/imports`,
      headers: { ...cataloguer.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  const runJob = async (jobId: number) => runImport(t.db, (await t.jobs.get(jobId))!.payload as ImportPayload);
  const batchIds = async () => (await t.app.inject({ url: '/api/v1/libraries/CN-UP/imports', headers: cataloguer.headers })).json().items.map((b: { id: number }) => b.id);
  const filesOnDisk = () => (existsSync(path.join(dataDir, 'uploads')) ? readdirSync(path.join(dataDir, 'uploads')).sort() : []);

  it('imports a MARC file sent as a form like the raw body, with the format and flavour fields', async () => {
    const file = iso2709(books('f', 12));
    const res = await send(formBody([{ name: 'format', value: 'iso2709' }, { name: 'file', filename: 'union.mrc', bytes: file }, { name: 'flavour', value: 'marc21' }]));
    expect(res.statusCode).toBe(202);
    const { batchId, jobId } = res.json();
    expect(await runJob(jobId)).toMatchObject({ read: 12, created: 12, rejected: 0 });
    const status = (await t.app.inject({ url: `/api/v1/libraries/CN-UP/imports/${batchId}`, headers: cataloguer.headers })).json();
    expect(status).toMatchObject({ status: 'done', source: 'union.mrc', format: 'iso2709', flavour: 'marc21', counts: { read: 12, created: 12 } });

    // The same file as the raw body is the same import: nothing new.
    const raw = await t.app.inject({ method: 'POST', url: '/api/v1/libraries/CN-UP/imports', headers: { ...cataloguer.headers, 'content-type': 'application/marc' }, payload: file });
    expect(await runJob(raw.json().jobId)).toMatchObject({ read: 12, created: 0, unchanged: 12 });
  });

  const file = { name: 'file', filename: 'a.mrc', bytes: iso2709(books('b', 1)) };
  it.each([
    ['a text field named file', [{ name: 'file', value: 'not a file' }], 'file'],
    ['a second file', [file, { ...file, filename: 'b.mrc' }], 'file'],
    ['no file at all', [{ name: 'format', value: 'iso2709' }], 'file'],
    ['an empty file', [{ ...file, bytes: Buffer.alloc(0) }], 'file'],
    ['a file under another name', [{ ...file, name: 'records' }], 'records'],
    ['an unknown text field', [{ name: 'colour', value: 'blue' }, file], 'colour'],
    ['a format that does not exist', [file, { name: 'format', value: 'pdf' }], 'format'],
    ['the flavour given twice', [{ name: 'flavour', value: 'marc21' }, { name: 'flavour', value: 'unimarc' }, file], 'flavour'],
  ] as [string, Part[], string][])('answers 400 naming the field for %s, leaving no file and no batch', async (_case, parts, field) => {
    const [before, onDisk] = [await batchIds(), filesOnDisk()];
    const res = await send(formBody(parts));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await batchIds()).toEqual(before);
    expect(filesOnDisk()).toEqual(onDisk);
  });

  // A small body is parsed whole before the handler reads it; a large one fails while it is streamed.
  it.each([50, 3000])('leaves no file and no batch behind when an upload of %i records is cut off in the middle of the file', async (n) => {
    const [before, onDisk] = [await batchIds(), filesOnDisk()];
    const whole = formBody([{ name: 'file', filename: 'big.mrc', bytes: iso2709(books('c', n)) }]);
    const res = await send(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('(body)');
    expect(await batchIds()).toEqual(before);
    expect(filesOnDisk()).toEqual(onDisk);
  });
});
