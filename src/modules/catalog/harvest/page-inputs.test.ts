import { describe, expect, it } from 'vitest';
import { pageInputs, type PageContext } from './page-inputs.js';
import type { OaiRecord } from './domain/oai-response.js';

const header = (identifier: string, deleted = false) => ({ identifier, datestamp: '2024-01-01', setSpecs: [], deleted });
const marc = `<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">b77</controlfield>
  <datafield tag="035" ind1=" " ind2=" "><subfield code="a">(KOHA)77</subfield></datafield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">A title</subfield></datafield></record>`;
const dc = '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Rubbings</dc:title></oai_dc:dc>';
const context = (over: Partial<PageContext> = {}): PageContext => ({ prefix: 'marc21', localIdField: '001', flavour: 'auto', firstPosition: 41, known: new Map(), ...over });

describe('what a page of harvested records gives ingest', () => {
  it('reads MARCXML and remembers which local id each identifier is, by the library\'s local-id field', () => {
    const out = pageInputs([{ header: header('oai:koha:77'), metadata: marc }], context({ localIdField: '035$a' }));
    expect(out.inputs).toMatchObject([{ flavour: 'marc21', sourceFormat: 'marcxml', position: 41 }]);
    expect(out.identifiers).toEqual([{ identifier: 'oai:koha:77', localId: '(KOHA)77' }]);
  });

  it('deletes by the remembered local id, else by the identifier\'s last part (marc21) or the identifier (oai_dc)', () => {
    const deleted: OaiRecord[] = [{ header: header('oai:koha:77', true) }, { header: header('oai:koha:78', true) }];
    expect(pageInputs(deleted, context({ known: new Map([['oai:koha:77', '(KOHA)77']]) })).inputs).toEqual([
      { kind: 'delete', localId: '(KOHA)77', position: 41 },
      { kind: 'delete', localId: '78', position: 42 },
    ]);
    expect(pageInputs(deleted.slice(1), context({ prefix: 'oai_dc' })).inputs).toEqual([{ kind: 'delete', localId: 'oai:koha:78', position: 41 }]);
  });

  it('puts an oai_dc record\'s identifier where the library looks for its local id', () => {
    const [input] = pageInputs([{ header: header('oai:dspace:9'), metadata: dc }], context({ prefix: 'oai_dc', localIdField: '035$a' })).inputs;
    expect(input && 'record' in input ? input.record.fields.filter((f) => f.tag === '001' || f.tag === '035') : []).toEqual([
      { tag: '001', value: 'oai:dspace:9' },
      { tag: '035', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'oai:dspace:9' }] },
    ]);
  });

  it('rejects a record without metadata or with broken metadata, with its position', () => {
    const out = pageInputs(
      [{ header: header('oai:x:1') }, { header: header('oai:x:2'), metadata: '<oai_dc:dc><dc:title>x</oai_dc:dc>' }],
      context({ prefix: 'oai_dc' }),
    );
    expect(out.inputs).toEqual([]);
    expect(out.rejects.map((r) => [r.position, r.problems[0]?.code])).toEqual([[41, 'no-fields'], [42, 'xml-malformed']]);
  });
});
