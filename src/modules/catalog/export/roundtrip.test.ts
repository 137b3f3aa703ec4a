import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import { isControlField, isDataField, readIso2709Sync, type Flavour, type MarcRecord } from '../domain/marc/index.js';
import { memberRecordDecoder } from '../domain/member-decoder.js';
import { runImport, startFileImport, type ImportPayload } from '../import/index.js';
import { exportRecords } from './export.service.js';
import { sharedPath } from '../../../../test/support/shared.js';

const SHARED = sharedPath('data/marc');

/**
 * ISO 2709 → Anylib → ISO 2709 through the whole path a member's file takes (issue 3, "Out"):
 * INGEST's file import job (reading, character sets, local ids, versions, clusters, holdings),
 * then a library export, read again. Every field, indicator and subfield of each record stored
 * comes back.
 */
describe('the shared real records through import and export', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'anylib-roundtrip-'));
    t = await testApp({ dataDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const files = [
    'yaz/marc12.marc', // MARC-8 with EACC CJK
    'yaz/marccol1.u8.marc',
    'yaz/marccol2.u8.marc',
    'stanford/u2103_raw.mrc', // MARC-8 CJK
    'stanford/nonlatinscripts.mrc', // no 001: identified by 035 $a
    'evergreen/lul_fre_100.mrc',
    'evergreen/hebrew.marc',
    'marc4j/chabon-loc.mrc',
    'unimarc/italian-sbn-5.mrc',
  ];

  it.each(files.map((f, i) => [f, `CN-RT${i}`]))('%s', async (file, library) => {
    await importNetwork(t.db, { libraries: [aLibrary({ symbol: library })] });
    const idField = file.includes('nonlatinscripts') ? '035$a' : '001';
    await t.db.query('INSERT INTO catalog_profiles (library_id, local_id_field) SELECT id, $2 FROM libraries WHERE symbol = $1', [library, idField]);
    const localId = (r: MarcRecord) => localIdOf(r, idField);
    const path = join(SHARED, file);
    const { jobId } = await startFileImport(t.db, t.jobs, path, { library, format: 'iso2709', flavour: 'auto' });
    const counts = await runImport(t.db, (await t.jobs.get(jobId))!.payload as ImportPayload);
    expect(counts.created).toBeGreaterThan(0);

    // What the import stored, by local id (the last record of a local id wins, as on import).
    const original = new Map<string, { record: MarcRecord; flavour: Flavour }>();
    // The originals are read as the import reads them: with the character sets (MARC-8 → Unicode).
    for (const r of readIso2709Sync(readFileSync(path), { decode: memberRecordDecoder() })) if (r.ok && localId(r.record)) original.set(localId(r.record)!, { record: r.record, flavour: r.flavour });
    expect(counts.created).toBe(original.size);

    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const report = await exportRecords(t.db, out, { format: 'iso2709', library });
    expect(report).toEqual({ written: original.size, skipped: [] });
    const back = new Map([...readIso2709Sync(Buffer.concat(chunks))].flatMap((r) => (r.ok ? [[localId(r.record)!, r.record] as const] : [])));
    expect(back.size).toBe(original.size);
    for (const [id, { record, flavour }] of original) expect(comparable(back.get(id)!, flavour), id).toEqual(comparable(record, flavour));
  });
});

/** The local id where the library's profile says (`001`, or the first `TAG$c`). */
function localIdOf(r: MarcRecord, field: string): string | undefined {
  const [tag, code] = field.split('$') as [string, string | undefined];
  for (const f of r.fields) {
    if (f.tag !== tag) continue;
    const v = isControlField(f) ? (code ? '' : f.value.trim()) : (f.subfields.find((s) => s.code === code)?.value.trim() ?? '');
    if (v) return v;
  }
  return undefined;
}

/**
 * Every field, indicator and subfield, and the leader's bibliographic positions; not the lengths,
 * addresses and character-set positions (leader/09, UNIMARC 100 $a/26–29), which say how the
 * bytes are written — UTF-8 now.
 */
function comparable(r: MarcRecord, flavour: Flavour): MarcRecord {
  return {
    leader: r.leader.slice(5, 9) + r.leader.slice(17, 20),
    fields: r.fields.map((f) =>
      flavour === 'unimarc' && f.tag === '100' && isDataField(f)
        ? { ...f, subfields: f.subfields.map((s) => (s.code === 'a' ? { ...s, value: s.value.slice(0, 26) + s.value.slice(30) } : s)) }
        : f,
    ),
  };
}
