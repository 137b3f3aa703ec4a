import { describe, expect, it } from 'vitest';
import { chunked, collect, fixture } from '../../../../../../test/fixtures/marc/fixtures.js';
import { readIso2709Sync } from '../iso2709/reader.js';
import type { Problem } from '../problems.js';
import type { ReadResult } from '../read-result.js';
import { isDataField, type DataField } from '../record.js';
import { readMarcXml, readMarcXmlSync } from './reader.js';

const read = (name: string): ReadResult[] => [...readMarcXmlSync(fixture(name))];
const codes = (ps: Problem[], severity: Problem['severity']) => ps.filter((p) => p.severity === severity).map((p) => [p.field, p.code]);
const problemsOf = (r: ReadResult) => (r.ok ? r.warnings : r.problems);

describe('reading MARCXML', () => {
  it('reads a collection to the same records as its ISO 2709 twin', () => {
    const fromXml = read('marc4j-chabon.xml');
    const fromIso = [...readIso2709Sync(fixture('marc4j-chabon.mrc'))];
    expect(fromXml.map((r) => r.ok)).toEqual([true, true]);
    expect(fromXml.map((r) => r.ok && r.record)).toEqual(fromIso.map((r) => r.ok && r.record));
    expect(fromXml.map((r) => r.ok && r.flavour)).toEqual(['marc21', 'marc21']);
  });

  it('gives each record its raw XML and where it starts, whatever the chunk size', async () => {
    const bytes = fixture('marc4j-chabon.xml');
    const whole = read('marc4j-chabon.xml');
    expect(whole[0]!.raw.toString('utf8')).toMatch(/^<record>[\s\S]*<\/record>$/);
    expect(bytes.toString('utf8').slice(whole[1]!.offset)).toMatch(/^<record>/);
    for (const size of [1, 13, 4096]) {
      const streamed = await collect(readMarcXml(chunked(bytes, size)));
      expect(streamed.map((r) => [r.ok, r.offset, r.raw.toString('utf8')])).toEqual(whole.map((r) => [r.ok, r.offset, r.raw.toString('utf8')]));
    }
  });

  it('reads a single namespaced record with a prefix, and pads a two-digit tag', () => {
    const [r] = read('ruby-marc-no-leading-zero.xml');
    expect(r!.ok).toBe(true);
    expect(codes(problemsOf(r!), 'warning')).toContainEqual(['042', 'tag-invalid']);
    expect(r!.ok && r!.record.fields.map((f) => f.tag)).toContain('042');
  });

  it('rejects what cannot be kept: fields without tags, subfields without codes, unknown elements in a field', () => {
    expect(codes(problemsOf(read('marc4j-chabon-missing-controlfield-tag.xml')[0]!), 'error')).toEqual([[undefined, 'tag-invalid'], [undefined, 'tag-invalid']]);
    expect(codes(problemsOf(read('marc4j-chabon-missing-datafield-tag.xml')[0]!), 'error')).toEqual([['020', 'xml-structure'], [undefined, 'tag-invalid']]);
    expect(codes(problemsOf(read('marc4j-chabon-missing-subfield-code.xml')[0]!), 'error')).toEqual([['020', 'subfield-code-missing']]);
    const bad = read('marc4j-chabon-bad-subfields-element.xml')[0]!;
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.localId).toBe('11939876');
    expect(!bad.ok && bad.problems[0]!.reason).toContain('<subfields>');
  });

  it('keeps a data field without indicators, as blanks with a warning', () => {
    const [r] = read('marc4j-cruel-cruel-indicatorless-summerland.xml');
    expect(r!.ok).toBe(true);
    expect(codes(problemsOf(r!), 'warning')).toEqual([['911', 'indicators-missing'], ['911', 'indicators-missing']]);
    const f = r!.ok && (r!.record.fields.find((x) => x.tag === '911') as DataField);
    expect(f && [f.ind1, f.ind2]).toEqual([' ', ' ']);
  });

  it('rejects the record with a forbidden character and goes on with the next', () => {
    const results = read('ruby-marc-three-records-second-bad.xml');
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(codes(problemsOf(results[1]!), 'error')).toEqual([[undefined, 'xml-malformed'], ['245', 'subfield-code-invalid']]);
    expect(!results[1]!.ok && results[1]!.localId).toBe('afc99990058366');
  });

  it('reads UNIMARC slim XML, with embedded fields as $1 the way ISO 2709 holds them', () => {
    const results = read('unimarc-unimarctest.xml');
    expect(results.map((r) => r.ok && r.flavour)).toEqual(['unimarc', 'unimarc', 'unimarc', 'unimarc', 'unimarc']);
    const first = results[0]!.ok ? results[0]!.record : undefined;
    const f410 = first!.fields.find((f) => f.tag === '410') as DataField;
    expect(f410.subfields).toEqual([
      { code: '1', value: '001RAV1797816' },
      { code: '1', value: '2001 ' },
      { code: 'a', value: 'Anticorpi' },
      { code: 'v', value: '43' },
    ]);
  });

  it('reports ill-formed UTF-8 in the text as an error of its field', () => {
    const xml = Buffer.concat([
      Buffer.from('<record><leader>00000nam a2200000   4500</leader><controlfield tag="001">x</controlfield><datafield tag="245" ind1="0" ind2="0"><subfield code="a">Caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('</subfield></datafield></record>'),
    ]);
    const [r] = [...readMarcXmlSync(xml)];
    expect(r!.ok).toBe(false);
    expect(codes(problemsOf(r!), 'error')).toEqual([['245', 'invalid-utf8']]);
  });

  it('reads records inside other XML (an OAI-PMH response) and NFC-normalises text', () => {
    const xml = `<OAI-PMH><ListRecords><record><header/><metadata>
      <marc:record xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:leader>00000nam a2200000   4500</marc:leader>
      <marc:controlfield tag="001">oai1</marc:controlfield>
      <marc:datafield tag="245" ind1="0" ind2="0"><marc:subfield code="a">Cafe\u0301 &amp; <![CDATA[<b>]]></marc:subfield></marc:datafield>
      </marc:record></metadata></record></ListRecords></OAI-PMH>`;
    const results = [...readMarcXmlSync(xml)];
    expect(results).toHaveLength(1); // the OAI <record> wrapper is not taken for a MARC record
    const [marc] = results;
    expect(marc && marc.ok && marc.record.fields).toEqual([
      { tag: '001', value: 'oai1' },
      { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'Café & <b>' }] },
    ]);
  });

  it('never throws on a document cut anywhere', () => {
    const bytes = fixture('marc4j-chabon.xml');
    for (let cut = 0; cut < bytes.length; cut += 97) {
      const results = [...readMarcXmlSync(bytes.subarray(0, cut))];
      expect(results.every((r) => r.ok || r.problems.some((p) => p.severity === 'error'))).toBe(true);
    }
  });

  it('keeps a data field of the UNIMARC 4XX kind apart from its embedded fields', () => {
    const results = read('unimarc-unimarctest.xml');
    const tags = results[0]!.ok ? results[0]!.record.fields.filter(isDataField).map((f) => f.tag) : [];
    expect(tags).not.toContain('200'.repeat(2));
    expect(tags.filter((t) => t === '200')).toHaveLength(1);
  });

  it('reports a record of more than 16 MB without keeping it, and reads on', async () => {
    const sub = '<subfield code="a">' + 'x'.repeat(1000) + '</subfield>';
    const pieces = function* () {
      yield Buffer.from('<collection><record><leader>00000nam a2200000   4500</leader><datafield tag="500" ind1=" " ind2=" ">');
      for (let i = 0; i < 17_000; i++) yield Buffer.from(sub);
      yield Buffer.from('</datafield></record><record><leader>00000nam a2200000   4500</leader><controlfield tag="001">next</controlfield></record></collection>');
    };
    const results = await collect(readMarcXml(pieces()));
    expect(results.map((r) => (r.ok ? 'ok' : r.problems.map((p) => p.code).join()))).toEqual(['record-too-long', 'ok']);
    expect(results[0]!.raw.length).toBe(0);
  });
});
