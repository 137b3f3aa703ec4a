/**
 * Every real record in ../shared/data/marc (see its README), read as `anylib catalog import`
 * would, and checked against YAZ, which no one here wrote.
 */
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, sharedMarcDir, sharedMarcFiles, xmllint, yazMarcdump } from '../../../../../test/fixtures/marc/fixtures.js';
import { readIso2709Sync } from './iso2709/reader.js';
import { toIso2709 } from './iso2709/writer.js';
import { readMarcXmlSync } from './marcxml/reader.js';
import { marcXmlRecord, toMarcXmlCollection } from './marcxml/writer.js';
import type { Problem } from './problems.js';
import { readMarc } from './read-any.js';
import type { ReadResult } from './read-result.js';
import { isDataField, type MarcField, type MarcRecord } from './record.js';
import type { MarcFormat } from './sniff.js';

const shared = (name: string) => readFileSync(path.join(sharedMarcDir, name));
const isoFiles = sharedMarcFiles().filter((f) => !f.endsWith('.xml'));

/** Where our count differs from YAZ's, and why ours is the right one. */
const countsUnlikeYaz: Record<string, { ours: number; yaz: number; why: string }> = {
  'ruby-marc/cp866_multirecord.marc': { ours: 2, yaz: 1, why: 'both lengths are one byte too long; YAZ trusts them and loses the second record' },
  'ruby-marc/cp866_unimarc.marc': { ours: 1, yaz: 0, why: 'YAZ stops at premature EOF; we report the record, rejected' },
  'ruby-marc/three-records-second-bad.xml': { ours: 3, yaz: 1, why: 'YAZ stops at the XML error in record 2; we reject it and read record 3' },
  'unimarc/unimarctest.xml': { ours: 5, yaz: 0, why: 'UNIMARC slim XML, which YAZ does not read as MARCXML' },
};

describe('the shared real records', () => {
  it('are all read, each rejection with its reasons, as many records as YAZ counts', async () => {
    const seen: string[] = [];
    for (const name of sharedMarcFiles()) {
      let format: MarcFormat | undefined;
      const results = await collect(readMarc(createReadStream(path.join(sharedMarcDir, name)), { onFormat: (f) => (format = f) }));
      expect(format, name).toBe(name.endsWith('.xml') ? 'marcxml' : 'iso2709');
      for (const r of results) if (!r.ok) expect(r.problems.some((p) => p.severity === 'error' && p.reason.length > 0), `${name} #${r.position}`).toBe(true);
      const run = yazMarcdump(['-n', '-r', '-i', format === 'marcxml' ? 'marcxml' : 'marc'], shared(name));
      const yaz = Number(/records read: (\d+)/.exec(run.stderr)?.[1]);
      const unlike = countsUnlikeYaz[name];
      if (unlike) expect([name, results.length, yaz]).toEqual([name, unlike.ours, unlike.yaz]);
      else expect([name, results.length]).toEqual([name, yaz]);
      seen.push(name);
    }
    expect(seen.length).toBeGreaterThan(120);
  });

  it("give the same records from YAZ's ISO 2709 files and their MARCXML twins", () => {
    // YAZ made the XML from the ISO 2709 (MARC-8 or danMARC, converted to UTF-8, leader/09 set
    // to a): structure is compared everywhere, text where the ISO side is plain ASCII (decoding
    // MARC-8 and danMARC's @-escapes is the character-set module's work).
    const plain = (s: string) => /^[\x20-\x3f\x41-\x7e]*$/.test(s);
    const shape = (fields: MarcField[], all: boolean) =>
      fields.map((f) => (isDataField(f) ? [f.tag, f.ind1, f.ind2, f.subfields.map((s) => [s.code, all || plain(s.value) ? s.value : '…'])] : [f.tag, all || plain(f.value) ? f.value : '…']));
    const leaderKept = (l: string) => l.slice(5, 9) + l.slice(10, 12) + l.slice(17, 20); // YAZ rewrites 20–23 when they are not digits
    const outcome: string[] = [];
    for (let i = 0; i <= 12; i++) {
      const [iso] = [...readIso2709Sync(shared(`yaz/marc${i}.marc`))];
      const [xml] = [...readMarcXmlSync(shared(`yaz/marc${i}.xml`))];
      outcome.push(`${i}:${iso!.ok ? 'ok' : 'rejected'}/${xml!.ok ? 'ok' : 'rejected'}`);
      if (!iso!.ok || !xml!.ok) continue;
      const isoShape = shape(iso!.record.fields, false);
      const xmlShape = shape(xml!.record.fields, true).map((f, k) => masked(f, isoShape[k]));
      expect(xmlShape, `marc${i}`).toEqual(isoShape);
      expect(leaderKept(xml!.record.leader), `marc${i}`).toBe(leaderKept(iso!.record.leader));
    }
    // marc0, marc3: YAZ's own reading of broken ISO 2709 (text before the first subfield, a
    // stray byte for a subfield delimiter) made valid-looking XML; we reject the ISO 2709.
    // marc2, marc4, marc5: rejected in both forms (code å, no fields, code η).
    expect(outcome).toEqual(['0:rejected/ok', '1:ok/ok', '2:rejected/rejected', '3:rejected/ok', '4:rejected/rejected', '5:rejected/rejected', '6:ok/ok', '7:ok/ok', '8:ok/ok', '9:ok/ok', '10:ok/ok', '11:ok/ok', '12:ok/ok']);
  });

  it('keep every field, indicator and subfield through ISO 2709 → record → ISO 2709', () => {
    let records = 0;
    let identical = 0;
    for (const name of isoFiles) {
      for (const r of readIso2709Sync(shared(name))) {
        if (!r.ok) continue;
        records++;
        const bytes = toIso2709(r.record)!;
        const [back] = [...readIso2709Sync(bytes)];
        expect(back!.ok && back!.record.fields, `${name} #${r.position}`).toEqual(r.record.fields);
        if (bytes.equals(r.raw)) identical++;
      }
    }
    expect(records).toBeGreaterThan(2400);
    // Well-formed UTF-8 records in NFC come back byte for byte (the rest: MARC-8 re-encoded,
    // NFD text normalised, broken structure repaired).
    expect(identical).toBeGreaterThan(30);
  });

  it('as we write them, in ISO 2709 and in MARCXML, are read by YAZ without a complaint', () => {
    const records: MarcRecord[] = isoFiles.flatMap((name) => [...readIso2709Sync(shared(name))].flatMap((r: ReadResult) => (r.ok ? [r.record] : [])));
    const controlFirst = (r: MarcRecord): MarcRecord => ({ ...r, fields: [...r.fields.filter((f) => !isDataField(f)), ...r.fields.filter(isDataField)] });
    const iso = Buffer.concat(records.map((r) => toIso2709(controlFirst(r))!));
    const isoRun = yazMarcdump(['-n', '-r', '-i', 'marc'], iso);
    expect([isoRun.status, isoRun.stdout, isoRun.stderr]).toEqual([0, '', `records read: ${records.length}\n`]);

    const xml = Buffer.from(toMarcXmlCollection(records));
    expect(xmllint(['--noout'], xml).stderr).toBe('');
    const xmlRun = yazMarcdump(['-n', '-r', '-i', 'marcxml'], xml);
    expect([xmlRun.status, xmlRun.stdout, xmlRun.stderr]).toEqual([0, '', `records read: ${records.length}\n`]);

    // YAZ makes of our MARCXML exactly our ISO 2709 — for the records XML can hold as they are
    // (undecoded MARC-8 still holds ESC, which XML 1.0 forbids; the character-set module's work).
    const clean = records.filter((r) => {
      const problems: Problem[] = [];
      marcXmlRecord(r, problems);
      return problems.length === 0;
    });
    expect(clean.length).toBeGreaterThan(1500);
    const converted = yazMarcdump(['-i', 'marcxml', '-o', 'marc'], Buffer.from(toMarcXmlCollection(clean)));
    expect([converted.status, converted.stderr]).toEqual([0, '']);
    expect(converted.bytes.equals(Buffer.concat(clean.map((r) => toIso2709(controlFirst(r))!)))).toBe(true);
  });
});

/** The XML side's value hidden where the ISO side's could not be compared. */
function masked(xmlField: unknown[], isoField: unknown[] | undefined): unknown[] {
  if (isoField === undefined) return xmlField;
  if (xmlField.length === 2) return isoField[1] === '…' ? [xmlField[0], '…'] : xmlField;
  const subs = xmlField[3] as [string, string][];
  const isoSubs = (isoField[3] ?? []) as [string, string][];
  return [xmlField[0], xmlField[1], xmlField[2], subs.map(([c, v], k) => [c, isoSubs[k]?.[1] === '…' ? '…' : v])];
}
