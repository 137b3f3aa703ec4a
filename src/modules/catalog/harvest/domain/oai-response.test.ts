import { describe, expect, it } from 'vitest';
import { readMarcXmlSync } from '../../domain/marc/index.js';
import { OaiResponseReader, readOaiResponse } from './oai-response.js';

const page = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <responseDate>2024-05-02T10:00:00Z</responseDate>
  <request verb="ListRecords" metadataPrefix="marc21">http://opac.example.edu/oai</request>
  <ListRecords>
    <record>
      <header><identifier>oai:opac:1</identifier><datestamp>2024-05-01T08:00:00Z</datestamp><setSpec>books</setSpec></header>
      <metadata><marc:record xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:leader>00000nam a2200000 a 4500</marc:leader>
        <marc:controlfield tag="001">b1</marc:controlfield>
        <marc:datafield tag="245" ind1="0" ind2="0"><marc:subfield code="a">Tom &amp; Jerry &lt;3 &#x4E2D;文</marc:subfield></marc:datafield>
      </marc:record></metadata>
    </record>
    <record><header status="deleted"><identifier>oai:opac:2</identifier><datestamp>2024-05-01T09:00:00Z</datestamp></header></record>
    <resumptionToken expirationDate="2024-05-03T10:00:00Z" cursor="0" completeListSize="3">tok-1</resumptionToken>
  </ListRecords>
</OAI-PMH>`;

describe('OAI-PMH response reader', () => {
  it('hands on each record with its header and its MARCXML, which the MARCXML reader reads', () => {
    const { page: p, records } = readOaiResponse(page);
    expect(p.responseDate).toBe('2024-05-02T10:00:00Z');
    expect(p.recordCount).toBe(2);
    expect(p.resumptionToken).toEqual({ token: 'tok-1', expirationDate: '2024-05-03T10:00:00Z', cursor: 0, completeListSize: 3 });
    expect(records[0]!.header).toEqual({ identifier: 'oai:opac:1', datestamp: '2024-05-01T08:00:00Z', setSpecs: ['books'], deleted: false });
    expect(records[1]!.header.deleted).toBe(true);
    expect(records[1]!.metadata).toBeUndefined();
    const [read] = [...readMarcXmlSync(records[0]!.metadata!)];
    expect(read?.ok).toBe(true);
    if (read?.ok) expect(read.record.fields[1]).toEqual({ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'Tom & Jerry <3 中文' }] });
  });

  it('reads a response cut into small chunks the same way (streaming)', () => {
    const records: string[] = [];
    const reader = new OaiResponseReader((r) => records.push(r.header.identifier));
    for (let i = 0; i < page.length; i += 7) reader.write(page.slice(i, i + 7));
    const p = reader.end();
    expect(records).toEqual(['oai:opac:1', 'oai:opac:2']);
    expect(p.resumptionToken?.token).toBe('tok-1');
  });

  it('reads errors, an empty closing token and Identify', () => {
    const err = readOaiResponse(`<OAI-PMH><responseDate>2024-01-01</responseDate><request>x</request><error code="noRecordsMatch">nothing new</error></OAI-PMH>`);
    expect(err.page.errors).toEqual([{ code: 'noRecordsMatch', message: 'nothing new' }]);
    const last = readOaiResponse(`<OAI-PMH><ListRecords><resumptionToken completeListSize="3" cursor="2"/></ListRecords></OAI-PMH>`);
    expect(last.page.resumptionToken).toEqual({ token: '', cursor: 2, completeListSize: 3 });
    const id = readOaiResponse(`<OAI-PMH><Identify><repositoryName>Opac</repositoryName><baseURL>http://x/oai</baseURL><protocolVersion>2.0</protocolVersion>
      <adminEmail>a@x</adminEmail><earliestDatestamp>1990-01-01T00:00:00Z</earliestDatestamp><deletedRecord>persistent</deletedRecord>
      <granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify></OAI-PMH>`);
    expect(id.page.identify).toEqual({
      repositoryName: 'Opac', baseURL: 'http://x/oai', protocolVersion: '2.0', adminEmails: ['a@x'],
      earliestDatestamp: '1990-01-01T00:00:00Z', deletedRecord: 'persistent', granularity: 'YYYY-MM-DDThh:mm:ssZ',
    });
  });

  it('says so when the response is cut short or is no OAI-PMH at all', () => {
    expect(readOaiResponse(page.slice(0, 900)).page.malformed).toBeDefined();
    expect(readOaiResponse('<html><body>Service Unavailable</body></html>').page.malformed).toMatch(/not <OAI-PMH>/);
    expect(readOaiResponse('').page.malformed).toBeDefined();
  });
});
