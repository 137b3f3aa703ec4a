import { describe, expect, it } from 'vitest';
import { isDataField, readMarcXmlSync, toMarcXml, type MarcRecord } from '../marc/index.js';
import { normalise } from '../normalise/index.js';
import { dcToMarc, readOaiDc } from './index.js';

// A thesis as a DSpace repository disseminates it in oai_dc.
const thesis = `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>The Qing court archives and the compilation of local gazetteers</dc:title>
  <dc:title>清代宫廷档案与地方志的编纂</dc:title>
  <dc:creator>Wang, Li</dc:creator>
  <dc:creator>Smith, John A.</dc:creator>
  <dc:contributor>Peking University. Department of History</dc:contributor>
  <dc:subject>Gazetteers; China -- History -- Qing dynasty, 1644-1912</dc:subject>
  <dc:description>Doctoral thesis on &lt;archives&gt; &amp; gazetteers.</dc:description>
  <dc:publisher>Peking University Press</dc:publisher>
  <dc:date>2019-06-30</dc:date>
  <dc:type>Text</dc:type>
  <dc:type>Thesis</dc:type>
  <dc:format>312 pages</dc:format>
  <dc:format>application/pdf</dc:format>
  <dc:identifier>http://hdl.handle.net/20.500.11897/12345</dc:identifier>
  <dc:identifier>ISBN 978-7-301-12345-4</dc:identifier>
  <dc:identifier>doi:10.1234/pku.2019.42</dc:identifier>
  <dc:language>zh</dc:language>
  <dc:language>English abstract</dc:language>
  <dc:relation>Peking University theses, 2019</dc:relation>
  <dc:coverage>China, 1644-1912</dc:coverage>
  <dc:rights>CC BY 4.0</dc:rights>
  <dc:unknown>ignored</dc:unknown>
</oai_dc:dc>`;

const tagsOf = (r: MarcRecord) => r.fields.map((f) => f.tag);
const sub = (r: MarcRecord, tag: string, code: string) =>
  r.fields.filter((f) => f.tag === tag).flatMap((f) => (isDataField(f) ? f.subfields.filter((s) => s.code === code).map((s) => s.value) : []));

describe('Dublin Core → MARC 21 crosswalk', () => {
  const record = dcToMarc(readOaiDc(thesis), { localId: 'oai:pku:12345' });

  it('puts each element where the LC crosswalk says, in tag order', () => {
    expect(tagsOf(record)).toEqual(['001', '008', '020', '024', '024', '041', '100', '245', '246', '260', '300', '500', '520', '540', '546', '653', '653', '655', '655', '700', '720', '787', '856']);
    expect(sub(record, '245', 'a')).toEqual(['The Qing court archives and the compilation of local gazetteers']);
    const f245 = record.fields.find((f) => f.tag === '245');
    expect(f245 && isDataField(f245) ? [f245.ind1, f245.ind2] : []).toEqual(['1', '4']);
    expect(sub(record, '100', 'a')).toEqual(['Wang, Li']);
    expect(sub(record, '700', 'a')).toEqual(['Smith, John A.']);
    expect(sub(record, '260', 'b')).toEqual(['Peking University Press']);
    expect(sub(record, '260', 'c')).toEqual(['2019-06-30']);
    expect(sub(record, '653', 'a')).toEqual(['Gazetteers', 'China -- History -- Qing dynasty, 1644-1912']);
    expect(sub(record, '520', 'a')).toEqual(['Doctoral thesis on <archives> & gazetteers.']);
    expect(sub(record, '300', 'a')).toEqual(['312 pages']);
    expect(sub(record, '020', 'a')).toEqual(['9787301123454']);
    expect(sub(record, '024', '2')).toEqual(['hdl', 'doi']);
    expect(sub(record, '856', 'u')).toEqual(['http://hdl.handle.net/20.500.11897/12345']);
    expect(sub(record, '856', 'q')).toEqual(['application/pdf']);
    expect(sub(record, '041', 'a')).toEqual(['chi']);
    expect(sub(record, '546', 'a')).toEqual(['English abstract']);
    expect(sub(record, '655', '2')).toEqual(['dct', 'local']);
    expect(sub(record, '540', 'a')).toEqual(['CC BY 4.0']);
  });

  it('builds a leader and an 008 of the right lengths and codes', () => {
    expect(record.leader).toHaveLength(24);
    expect(record.leader.slice(5, 8)).toBe('nam');
    expect(record.leader[9]).toBe('a');
    const f008 = record.fields.find((f) => f.tag === '008');
    const v = f008 && !isDataField(f008) ? f008.value : '';
    expect(v).toHaveLength(40);
    expect(v.slice(6, 11)).toBe('s2019');
    expect(v.slice(35, 38)).toBe('chi');
  });

  it('gives a record the normaliser and the MARCXML writer and reader take like any other', () => {
    const n = normalise(record, 'marc21');
    expect(n.title).toContain('qing court archives');
    expect(n.isbns.length).toBe(1);
    expect(n.mainAuthor).toContain('wang');
    const [back] = [...readMarcXmlSync(toMarcXml(record))];
    expect(back?.ok && back.record).toEqual(record);
  });

  it('codes the type of record from DCMI terms and free text', () => {
    const leader = (type: string) => dcToMarc({ title: ['x'], type: [type] }, { localId: '1' }).leader.slice(6, 8);
    expect(leader('StillImage')).toBe('km');
    expect(leader('http://purl.org/dc/dcmitype/MovingImage')).toBe('gm');
    expect(leader('Sound')).toBe('im');
    expect(leader('Collection')).toBe('pc');
    expect(leader('Journal')).toBe('as');
    expect(leader('地图')).toBe('em');
    expect(leader('something else')).toBe('am');
  });

  it('tells ISBNs, ISSNs and other numbers apart', () => {
    const r = dcToMarc({ title: ['x'], identifier: ['0-306-40615-2', '1234567890', 'ISBN 0306406153', 'ISSN 0317-8471', '2049-3630', 'urn:nbn:de:101:1'] }, { localId: '1' });
    expect(sub(r, '020', 'a')).toEqual(['0306406152']);
    expect(sub(r, '020', 'z')).toEqual(['0306406153']);
    expect(sub(r, '022', 'a')).toEqual(['0317-8471', '2049-3630']);
    expect(sub(r, '024', 'a')).toEqual(['1234567890', 'urn:nbn:de:101:1']);
    expect(tagsOf(dcToMarc({ title: ['x'], format: ['Print', '1 online resource (24 p.)'] }, { localId: '1' }))).toEqual(['001', '008', '245', '300', '340']);
  });

  it('makes a record without a title no title (the pipeline rejects it) and no date an unknown one', () => {
    const r = dcToMarc({ creator: ['Anon'] }, { localId: '1' });
    expect(tagsOf(r)).not.toContain('245');
    const f008 = r.fields.find((f) => f.tag === '008');
    expect(f008 && !isDataField(f008) ? f008.value.slice(6, 11) : '').toBe('nuuuu');
  });

  it('refuses XML that is not well-formed', () => {
    expect(() => readOaiDc('<oai_dc:dc><dc:title>x</oai_dc:dc>')).toThrow();
  });
});

describe('language words that are names of JavaScript object properties', () => {
  it('are not languages: the 008 keeps its 40 characters', async () => {
    const { marcLanguage } = await import('./index.js');
    for (const word of ['__proto__', 'constructor', 'toString']) expect(marcLanguage(word)).toBeUndefined();
  });
});
