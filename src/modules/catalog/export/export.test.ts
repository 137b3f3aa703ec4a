import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { anAccount, type TestAccount } from '../../../../test/support/accounts.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import { isDataField, readIso2709Sync, readMarcJsonSync, readMarcXmlSync, type MarcRecord, type ReadResult } from '../domain/marc/index.js';
import { ingestRecords } from '../ingest/index.js';
import { aBook } from '../records/test-records.js';
import { exportRecords } from './export.service.js';
import { sharedPath } from '../../../../test/support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'anylib-export-'));

/**
 * What yaz-marcdump says of a file: the records it read and anything else it printed (complaints).
 * YAZ numbers records (-p) only when reading ISO 2709, so other input is counted after YAZ itself
 * converted it to ISO 2709.
 */
function yaz(bytes: Buffer, input: 'marc' | 'marcxml' | 'json'): { records: number; complaints: string } {
  const file = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, bytes);
  const run = (args: string[]) => spawnSync('yaz-marcdump', args, { encoding: 'buffer' });
  const check = run(['-n', '-i', input, file]);
  const complaints = [check.stdout.toString(), check.stderr.toString(), check.status === 0 ? '' : `exit ${check.status}`].filter((s) => s.trim() !== '');
  let iso = file;
  if (input !== 'marc') {
    const converted = run(['-i', input, '-o', 'marc', file]);
    iso = `${file}.mrc`;
    writeFileSync(iso, converted.stdout);
  }
  const count = run(['-n', '-p', '-i', 'marc', iso]).stdout.toString();
  return { records: count.split('\n').filter((l) => l.startsWith('<!-- Record ')).length, complaints: complaints.join('\n') };
}

const records = (results: Iterable<ReadResult>): MarcRecord[] => [...results].flatMap((r) => (r.ok ? [r.record] : []));

async function exported(t: TestApp, format: 'iso2709' | 'marcxml' | 'marcjson', library?: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportRecords(t.db, out, { format, library, batchSize: 7 });
  return Buffer.concat(chunks);
}

describe('export of union records and of a library’s records', () => {
  let t: TestApp;
  let staff: TestAccount;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: ['CN-A', 'CN-B'].map((symbol) => aLibrary({ symbol })) });
    staff = await anAccount(t, { role: 'library-staff', library: 'CN-A', permissions: ['catalogue'] });
    const shelf = (localId: string) => ({ tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: `Stacks ${localId}` }, { code: 'h', value: `I24/${localId}` }] });
    const books = Array.from({ length: 20 }, (_, i) => ({ title: `书名 ${i} & <更多>`, isbn: undefined, author: `作者${i}`, year: String(1990 + i) }));
    await ingestRecords(t.db, { library: 'CN-A', via: 'import:1', records: books.map((b, i) => ({ record: aBook({ localId: `a${i}`, ...b, extra: [shelf(`a${i}`)] }), flavour: 'marc21', sourceFormat: 'iso2709' })) });
    // B holds the first five of them too: five clusters with two libraries.
    await ingestRecords(t.db, { library: 'CN-B', via: 'import:2', records: books.slice(0, 5).map((b, i) => ({ record: aBook({ localId: `b${i}`, ...b, extra: [shelf(`b${i}`)] }), flavour: 'marc21', sourceFormat: 'iso2709' })) });
  });
  afterAll(() => t.close());

  it('writes one union record per cluster: 001 the cluster id, an 852 per holding library', async () => {
    const iso = await exported(t, 'iso2709');
    expect(yaz(iso, 'marc')).toEqual({ records: 20, complaints: '' });
    const union = records(readIso2709Sync(iso));
    expect(union).toHaveLength(20);
    const shared = union.find((r) => r.fields.some((f) => isDataField(f) && f.tag === '245' && f.subfields[0]!.value === '书名 0 & <更多>'))!;
    const clusterId = (await t.app.inject({ method: 'GET', url: '/api/v1/records/CN-A/a0' })).json().clusterId;
    expect(shared.fields[0]).toEqual({ tag: '001', value: String(clusterId) });
    const holdings = shared.fields.filter((f) => f.tag === '852');
    expect(holdings).toEqual([
      { tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'CN-A' }, { code: 'b', value: 'Stacks a0' }, { code: 'h', value: 'I24/a0' }] },
      { tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'CN-B' }, { code: 'b', value: 'Stacks b0' }, { code: 'h', value: 'I24/b0' }] },
    ]);
    expect(shared.fields.filter((f) => f.tag === '035').map((f) => isDataField(f) && f.subfields[0]!.value)).toEqual(['(CN-A)a0', '(CN-B)b0']);
  });

  it('gives one cluster’s union record as MARCXML or ISO 2709', async () => {
    const clusterId = (await t.app.inject({ method: 'GET', url: '/api/v1/records/CN-B/b1' })).json().clusterId;
    const xml = await t.app.inject({ method: 'GET', url: `/api/v1/clusters/${clusterId}?format=marcxml` });
    expect(xml.statusCode).toBe(200);
    expect(yaz(xml.rawPayload, 'marcxml')).toEqual({ records: 1, complaints: '' });
    const [r] = records(readMarcXmlSync(xml.rawPayload));
    expect(r!.fields[0]).toEqual({ tag: '001', value: String(clusterId) });
    expect(r!.fields.filter((f) => f.tag === '852').map((f) => isDataField(f) && f.subfields[0]!.value)).toEqual(['CN-A', 'CN-B']);
    const iso = await t.app.inject({ method: 'GET', url: `/api/v1/clusters/${clusterId}?format=iso2709` });
    expect(yaz(iso.rawPayload, 'marc')).toEqual({ records: 1, complaints: '' });
  });

  it('writes MARCXML and MARC-in-JSON that YAZ and our readers read back', async () => {
    const xml = await exported(t, 'marcxml');
    expect(yaz(xml, 'marcxml')).toEqual({ records: 20, complaints: '' });
    const json = await exported(t, 'marcjson', 'CN-B');
    const back = records(readMarcJsonSync(json));
    expect(back.map((r) => r.fields[0])).toEqual([0, 1, 2, 3, 4].map((i) => ({ tag: '001', value: `b${i}` })));
    // YAZ reads MARC-in-JSON one record to a file: each record of the array on its own.
    for (const r of JSON.parse(json.toString()) as unknown[]) expect(yaz(Buffer.from(JSON.stringify(r)), 'json')).toEqual({ records: 1, complaints: '' });
    expect(records(readMarcXmlSync(await exported(t, 'marcxml', 'CN-A')))).toHaveLength(20);
  });

  it('stops, rather than waits for ever, when the reader goes away', async () => {
    // A reader that takes nothing and then hangs up.
    const stuck = new Writable({ highWaterMark: 1, write: () => undefined });
    setImmediate(() => stuck.destroy());
    await expect(exportRecords(t.db, stuck, { format: 'marcxml', batchSize: 2 })).rejects.toThrow('went away');
  });

  it('streams the export over the API for signed-in accounts, as a file', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/export?format=iso2709' });
    expect(anonymous.statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/export?format=iso2709&library=CN-B', headers: staff.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/marc');
    expect(res.headers['content-disposition']).toBe('attachment; filename="CN-B.mrc"');
    expect(yaz(res.rawPayload, 'marc')).toEqual({ records: 5, complaints: '' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/export?library=CN-NONE', headers: staff.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/export?format=pdf', headers: staff.headers })).statusCode).toBe(400);
  });
});

/**
 * ISO 2709 → Anylib → ISO 2709 keeps every field, indicator and subfield of the shared real
 * records (issue 3, "Out"): each file imported through ingestRecords, exported, read again.
 */
describe('round trip of the shared real records', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-RT' })] });
  });
  afterAll(() => t.close());

  const files = ['yaz/marc12.marc', 'yaz/marccol1.u8.marc', 'stanford/nonlatinscripts.mrc', 'evergreen/lul_fre_100.mrc', 'marc4j/chabon-loc.mrc', 'unimarc/italian-sbn-5.mrc'];
  let n = 0;
  it.each(files)('%s', async (file) => {
    const library = `CN-RT`;
    const read = [...readIso2709Sync(readFileSync(sharedPath('data/marc', file)))].filter((r) => r.ok);
    expect(read.length).toBeGreaterThan(0);
    // Local ids unique to this file, so that the files do not overwrite one another.
    const prefix = `f${n++}-`;
    // Some have no 001, some share one: each gets its own (the rest of the record is compared).
    const withIds = read.map((r, i) => ({ ...r, record: { ...r.record, fields: [{ tag: '001', value: `${prefix}${i}` }, ...r.record.fields.filter((f) => f.tag !== '001')] } }));
    const result = await ingestRecords(t.db, { library, via: 'import:rt', records: withIds.map((r) => ({ record: r.record, flavour: r.flavour, sourceFormat: 'iso2709' })) });
    expect(result.rejected).toBe(0);
    const out = await exported(t, 'iso2709', library);
    expect(yaz(out, 'marc').complaints).toBe('');
    const byId = new Map(records(readIso2709Sync(out)).map((r) => [idOf(r), r]));
    for (const r of withIds) {
      const back = byId.get(idOf(r.record));
      expect(back, idOf(r.record)).toBeDefined();
      expect(comparable(back!, r.flavour)).toEqual(comparable(r.record, r.flavour));
    }
  });
});

const idOf = (r: MarcRecord): string => {
  const f = r.fields.find((x) => x.tag === '001');
  return f && !isDataField(f) ? f.value : '';
};

/**
 * What must survive: every field, indicator and subfield, and the leader's bibliographic
 * positions. Lengths, addresses and the character-set positions (leader/09, UNIMARC 100 $a/26–29)
 * say how the bytes are written, which is UTF-8 now.
 */
function comparable(r: MarcRecord, flavour: string): MarcRecord {
  return {
    leader: r.leader.slice(5, 9) + r.leader.slice(17, 20),
    fields: r.fields.map((f) =>
      flavour === 'unimarc' && f.tag === '100' && isDataField(f)
        ? { ...f, subfields: f.subfields.map((s) => (s.code === 'a' ? { ...s, value: s.value.slice(0, 26) + s.value.slice(30) } : s)) }
        : f,
    ),
  };
}
