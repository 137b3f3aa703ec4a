import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixture, xmllint, yazMarcdump } from '../../../../../../test/fixtures/marc/fixtures.js';
import { readIso2709Sync } from '../iso2709/reader.js';
import { toIso2709 } from '../iso2709/writer.js';
import type { Problem } from '../problems.js';
import { isDataField, type MarcRecord } from '../record.js';
import { readMarcXmlSync } from './reader.js';
import { MARCXML_NAMESPACE, MarcXmlWriter, marcXmlRecord, toMarcXml, toMarcXmlCollection } from './writer.js';

const aRecord = (): MarcRecord => ({
  leader: '00000cam a2200000 a 4500',
  fields: [
    { tag: '001', value: 'id<1>' },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Tom & Jerry: "<cats>" \'n\' mice /' }, { code: 'c', value: '长江少年儿童出版社 𠀋' }] },
    { tag: '008', value: '020805s2002    nyu    j      000 1 eng  ' }, // out of order on purpose
  ],
});

describe('writing MARCXML', () => {
  it('writes the MARC 21 slim namespace, control fields first, and escapes markup', () => {
    const xml = toMarcXml(aRecord());
    expect(xml).toContain(`<record xmlns="${MARCXML_NAMESPACE}">`);
    expect(xml.indexOf('tag="008"')).toBeLessThan(xml.indexOf('tag="245"'));
    expect(xml).toContain('<controlfield tag="001">id&lt;1&gt;</controlfield>');
    expect(xml).toContain('<subfield code="a">Tom &amp; Jerry: "&lt;cats&gt;" \'n\' mice /</subfield>');
    expect(xmllint(['--noout'], Buffer.from(xml)).status).toBe(0);
  });

  it('reads back what it wrote', () => {
    const [r] = [...readMarcXmlSync(toMarcXml(aRecord()))];
    const { fields } = aRecord();
    expect(r!.ok && r!.record).toEqual({ leader: aRecord().leader, fields: [fields[0], fields[2], fields[1]] });
  });

  it('replaces and reports the characters XML 1.0 forbids', () => {
    const problems: Problem[] = [];
    const rec: MarcRecord = { leader: '00000nam a2200000   4500', fields: [{ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'bell\x07 form\x0c lone\ud800 ok\ttab\r' }] }] };
    const xml = marcXmlRecord(rec, problems);
    expect(problems.map((p) => [p.field, p.subfield, p.code, p.reason.slice(0, 6)])).toEqual([
      ['500', 'a', 'xml-forbidden-character', 'U+0007'],
      ['500', 'a', 'xml-forbidden-character', 'U+000C'],
      ['500', 'a', 'xml-forbidden-character', 'U+D800'],
    ]);
    expect(xml).toContain('bell\uFFFD form\uFFFD lone\uFFFD ok\ttab&#13;</subfield>');
    expect(xmllint(['--noout'], Buffer.from(`<collection>${xml}</collection>`)).status).toBe(0);
  });

  it('is read by yaz-marcdump to the same ISO 2709 our writer makes', () => {
    const records = [...readIso2709Sync(fixture('marc4j-chabon.mrc'))].flatMap((r) => (r.ok ? [r.record] : []));
    records.push(aRecord());
    const xml = toMarcXmlCollection(records);
    expect(xmllint(['--noout'], Buffer.from(xml)).status).toBe(0);
    const run = yazMarcdump(['-i', 'marcxml', '-o', 'marc'], Buffer.from(xml));
    expect([run.status, run.stderr]).toEqual([0, '']);
    // Byte for byte what our ISO 2709 writer makes of the same records (control fields first,
    // as MARCXML has them).
    const controlFirst = (r: MarcRecord): MarcRecord => ({ ...r, fields: [...r.fields.filter((f) => !isDataField(f)), ...r.fields.filter(isDataField)] });
    expect(run.bytes.equals(Buffer.concat(records.map((r) => toIso2709(controlFirst(r))!)))).toBe(true);
  });

  it('streams a collection in large chunks', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) });
    const w = new MarcXmlWriter(out, { chunkSize: 8192 });
    for (let i = 0; i < 300; i++) await w.write({ ...aRecord(), fields: [{ tag: '001', value: String(i) }] });
    await w.end();
    expect(chunks.length).toBeGreaterThan(1);
    const xml = Buffer.concat(chunks);
    expect(xmllint(['--noout'], xml).status).toBe(0);
    const back = [...readMarcXmlSync(xml)];
    expect(back.map((r) => r.ok && r.record.fields[0])).toEqual(Array.from({ length: 300 }, (_, i) => ({ tag: '001', value: String(i) })));
  });

  it('writes an empty collection that is still a document', async () => {
    const chunks: Buffer[] = [];
    const w = new MarcXmlWriter(new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) }));
    await w.end();
    expect(xmllint(['--noout'], Buffer.concat(chunks)).status).toBe(0);
  });
});
