import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { readIso2709Sync } from '../../src/modules/catalog/domain/marc/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { sharedPath } from '../support/shared.js';
import { aLibrary } from '../network/factories.js';
import { aBook, asInput, type BookSpec } from '../catalog/records.js';
import { fixture, xmllint, yazMarcdump } from '../fixtures/marc/fixtures.js';

/** The SRU endpoint on a real database and index: explain, searchRetrieve in 1.2 and 2.0, every schema, diagnostics, and YAZ as the client. */
describe('SRU at /sru', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: ['CN-SA', 'CN-SB'].map((symbol) => aLibrary({ symbol })) });
    const books: BookSpec[] = [
      { id: 'h1', title: 'Hong lou meng', author: 'Cao, Xueqin', year: 1982, isbn: '9787020002207', holding: { library: 'CN-SA' } },
      { id: 's1', title: 'Shui hu zhuan', author: 'Shi, Nai\'an', year: 1975, isbn: '9787020008742', holding: { library: 'CN-SA' } },
      ...Array.from({ length: 12 }, (_, i): BookSpec => ({ id: `j${i}`, title: `Jazz harmony volume ${i + 1}`, author: 'Levine, Mark', year: 1990 + i, holding: { library: 'CN-SA' } })),
    ];
    await ingestRecords(t.db, { library: 'CN-SA', records: books.map((b) => asInput(aBook(b))), via: 'test' });
    await ingestRecords(t.db, { library: 'CN-SB', records: [asInput(aBook({ id: 'b1', title: 'Hong lou meng', author: 'Cao, Xueqin', year: 1982, isbn: '9787020002207', holding: { library: 'CN-SB' } }))], via: 'test' });
    // Real records from another system, with all their fields, to check what we write of them.
    const real = [...readIso2709Sync(fixture('marc4j-chabon.mrc'))].flatMap((r) => (r.ok ? [asInput(r.record)] : []));
    await ingestRecords(t.db, { library: 'CN-SB', records: real, via: 'test' });
    await searchIndexFor(t.db).catchUp();
  }, 180_000);
  afterAll(() => t?.close());
  let address: string | undefined;
  const listening = async () => (address ??= await t.app.listen({ port: 0, host: '127.0.0.1' }));

  const get = async (params: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url: `/sru?${new URLSearchParams(params)}` });
    expect(res.statusCode).toBe(200);
    expect(xmllint(['--noout'], res.rawPayload).stderr).toBe('');
    return res;
  };
  const count = (xml: string) => Number(/numberOfRecords>(\d+)</.exec(xml)?.[1]);
  const diagnostics = (xml: string) => [...xml.matchAll(/info:srw\/diagnostic\/1\/(\d+)/g)].map((m) => Number(m[1]));
  /** The MARCXML records of a response, as a collection yaz-marcdump can read. */
  const marcxml = (xml: string) => `<collection xmlns="http://www.loc.gov/MARC21/slim">${[...xml.matchAll(/<record xmlns="http:\/\/www.loc.gov\/MARC21\/slim">[\s\S]*?<\/record>/g)].map((m) => m[0]).join('')}</collection>`;

  it('explains itself with no parameters (SRU 2.0) and with operation=explain (1.2)', async () => {
    const v2 = (await get({})).body;
    expect(v2).toContain('<zs:explainResponse xmlns:zs="http://docs.oasis-open.org/ns/search-ws/sruResponse">');
    expect(v2).toContain('<host>anylib.test</host><port>80</port><database>sru</database>');
    const v1 = await get({ version: '1.2', operation: 'explain' });
    expect(v1.headers['content-type']).toMatch(/^text\/xml/);
    expect(v1.body).toContain('<name set="dc">creator</name>');
  });

  it('finds records by title, author, ISBN, holding library and keyword, in MARCXML with 001 and 852s', async () => {
    const res = await get({ version: '1.2', operation: 'searchRetrieve', query: 'dc.title all "hong lou meng"' });
    expect(count(res.body)).toBe(1);
    expect(res.body).toContain('<subfield code="a">Hong lou meng</subfield>');
    expect(res.body).toMatch(/tag="852"[^]*CN-SA[^]*tag="852"[^]*CN-SB|tag="852"[^]*CN-SB[^]*tag="852"[^]*CN-SA/);
    const records = marcxml(res.body);
    const dump = yazMarcdump(['-i', 'marcxml', '-o', 'line'], Buffer.from(records));
    expect([dump.status, dump.stderr]).toEqual([0, '']);
    expect(dump.stdout).toContain('Hong lou meng');
    expect(count((await get({ query: 'dc.creator=levine' })).body)).toBe(12);
    expect(count((await get({ query: 'bath.isbn=9787020008742' })).body)).toBe(1);
    expect(count((await get({ query: 'bath.isbn="978-7-02-000874-2"' })).body)).toBe(1);
    expect(count((await get({ query: 'bath.isbn=7020008747' })).body)).toBe(1);
    expect(count((await get({ query: 'holdingLibrary=CN-SB and dc.title=hong' })).body)).toBe(1);
    expect(count((await get({ query: 'jazz not dc.date<1995' })).body)).toBe(7);
    expect(count((await get({ query: 'dc.date within "1990 1991"' })).body)).toBe(2);
  });

  it('finds a record by the id it was given out with (rec.id = 001)', async () => {
    const first = (await get({ query: 'dc.title="shui hu"' })).body;
    const id = /<controlfield tag="001">(\d+)<\/controlfield>/.exec(first)![1]!;
    const again = (await get({ query: `rec.id=${id}` })).body;
    expect(count(again)).toBe(1);
    expect(again).toContain('Shui hu zhuan');
  });

  it('gives the real records as MARCXML that yaz-marcdump reads without complaint', async () => {
    const res = await get({ query: 'cql.allRecords=1', maximumRecords: '100' });
    expect(count(res.body)).toBeGreaterThan(15);
    const dump = yazMarcdump(['-i', 'marcxml', '-o', 'marc'], Buffer.from(marcxml(res.body)));
    expect([dump.status, dump.stderr]).toEqual([0, '']);
  });

  it('gives Dublin Core and MARC-in-JSON', async () => {
    const dc = (await get({ query: 'dc.title=hong', recordSchema: 'dc' })).body;
    expect(dc).toContain('<dc:title>Hong lou meng</dc:title>');
    expect(dc).toContain('<dc:creator>Cao, Xueqin</dc:creator>');
    const json = (await get({ version: '1.2', operation: 'searchRetrieve', query: 'dc.title=hong', recordSchema: 'json' })).body;
    const text = /<zs:recordData>([^<]*)<\/zs:recordData>/.exec(json)![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const record = JSON.parse(text) as { fields: Record<string, unknown>[] };
    expect(JSON.stringify(record.fields.find((f) => '245' in f))).toContain('Hong lou meng');
  });

  it('pages with startRecord and maximumRecords, and sorts', async () => {
    const page = (start: number, sort = 'dc.date/sort.descending') => get({ query: `dc.creator=levine sortBy ${sort}`, startRecord: String(start), maximumRecords: '5' });
    const p1 = (await page(1)).body;
    const years = (xml: string) => [...xml.matchAll(/<subfield code="c">(\d{4})<\/subfield>/g)].map((m) => Number(m[1]));
    expect(years(p1)).toEqual([2001, 2000, 1999, 1998, 1997]);
    expect(p1).toContain('<zs:nextRecordPosition>6</zs:nextRecordPosition>');
    const p3 = (await page(11)).body;
    expect(years(p3)).toEqual([1991, 1990]);
    expect(p3).not.toContain('nextRecordPosition');
    expect(years((await page(1, 'dc.date')).body)).toEqual([1990, 1991, 1992, 1993, 1994]);
    const byKeys = (await get({ version: '1.2', operation: 'searchRetrieve', query: 'dc.creator=levine', sortKeys: 'dc.date,,0', maximumRecords: '1' })).body;
    expect(years(byKeys)).toEqual([2001]);
    const counted = (await get({ query: 'dc.creator=levine', maximumRecords: '0' })).body;
    expect([count(counted), counted.includes('<zs:record>')]).toEqual([12, false]);
  });

  it('answers bad requests with diagnostics, in both versions, never an error page', async () => {
    const codes = async (p: Record<string, string>) => diagnostics((await get(p)).body);
    expect(await codes({ query: '(dc.title=jazz' })).toEqual([13]);
    expect(await codes({ version: '1.2', operation: 'searchRetrieve', query: 'jazz and' })).toEqual([10]);
    expect(await codes({ query: 'dc.colour=red' })).toEqual([16]);
    expect(await codes({ version: '1.2', operation: 'searchRetrieve', query: 'jazz', recordSchema: 'mods' })).toEqual([66]);
    expect(await codes({ query: 'dc.creator=levine', startRecord: '13' })).toEqual([61]);
    expect(await codes({ query: 'x'.repeat(10_000) })).toEqual([12]);
    expect(await codes({ query: 'jazz\u0001' })).toEqual([10]);
    expect(await codes({ query: 'jazz', startRecord: '10000', maximumRecords: '100' })).toEqual([61]);
    // Terms without a searchable character: no hits, or a diagnostic, but never a failure.
    for (const query of ['dc.title="!!!"', '"-"', 'dc.creator="&lt;"', '紅樓夢 and ""x""']) expect(await codes({ query })).not.toContain(1);
    const v12 = (await get({ version: '1.2', operation: 'searchRetrieve', query: 'dc.colour=red' })).body;
    expect(v12).toContain('xmlns:diag="http://www.loc.gov/zing/srw/diagnostic/"');
  });

  it('runs every one of the benchmark’s 200 CQL queries (peers/queries.txt) without a diagnostic', async () => {
    const queries = readFileSync(sharedPath('peers', 'queries.txt'), 'utf8').split('\n').filter((q) => q.trim() !== '');
    expect(queries).toHaveLength(200);
    const refused: [string, number[]][] = [];
    for (const query of queries) {
      // As the benchmark asks (peers.sh zebra-query): version 1.1, 10 records, MARCXML.
      const res = await t.app.inject({ method: 'GET', url: `/sru?${new URLSearchParams({ version: '1.1', operation: 'searchRetrieve', query, maximumRecords: '10', recordSchema: 'marcxml' })}` });
      const codes = diagnostics(res.body);
      if (res.statusCode !== 200 || codes.length > 0 || !/numberOfRecords>\d+</.test(res.body)) refused.push([query, codes]);
    }
    expect(refused).toEqual([]);
  });

  it('sends a record changed in the catalogue as changed, not as it sent it before', async () => {
    const ask = async (schema: string) => (await get({ version: '1.2', operation: 'searchRetrieve', query: 'dc.title=marimba', recordSchema: schema })).body;
    await ingestRecords(t.db, { library: 'CN-SA', records: [asInput(aBook({ id: 'm1', title: 'Marimba method', author: 'Stevens, Leigh', year: 1979, holding: { library: 'CN-SA', location: 'Stacks' } }))], via: 'test' });
    await searchIndexFor(t.db).catchUp();
    // Asked twice in each schema: the second answer may come from the records rendered for the first.
    for (const schema of ['marcxml', 'dc', 'marcxml', 'dc']) expect(await ask(schema)).toContain('Marimba method');
    // The same record, its title and its holding's location changed; and a second library's copy.
    await ingestRecords(t.db, { library: 'CN-SA', records: [asInput(aBook({ id: 'm1', title: 'Marimba method, revised', author: 'Stevens, Leigh', year: 1979, holding: { library: 'CN-SA', location: 'Music room' } }))], via: 'test' });
    await searchIndexFor(t.db).catchUp();
    const changed = await ask('marcxml');
    expect(changed).toContain('Marimba method, revised');
    expect(changed).toContain('<subfield code="b">Music room</subfield>');
    expect(await ask('dc')).toContain('Marimba method, revised');
    await ingestRecords(t.db, { library: 'CN-SB', records: [asInput(aBook({ id: 'm2', title: 'Marimba method, revised', author: 'Stevens, Leigh', year: 1979, holding: { library: 'CN-SB' } }))], via: 'test' });
    await searchIndexFor(t.db).catchUp();
    const held = await ask('marcxml');
    expect(count(held)).toBe(1);
    expect(held).toContain('<subfield code="a">CN-SB</subfield>');
  });

  it('takes POST form-encoded requests', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/sru', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'version=1.2&operation=searchRetrieve&query=dc.title%3Dhong' });
    expect(res.statusCode).toBe(200);
    expect(count(res.body)).toBe(1);
    const soap = await t.app.inject({ method: 'POST', url: '/sru', headers: { 'content-type': 'text/xml' }, payload: '<SOAP:Envelope/>' });
    expect([soap.statusCode, diagnostics(soap.body)]).toEqual([200, [4]]);
  });

  it.each(['1.2', '2.0'])('is a server yaz-client finds records on and prints them (SRU GET %s)', async (version) => {
    const url = await listening();
    const dir = mkdtempSync(path.join(tmpdir(), 'anylib-yaz-client-'));
    try {
      const commands = path.join(dir, 'commands');
      writeFileSync(commands, [`sru get ${version}`, `open ${url}/sru`, 'querytype cql', 'find dc.title=hong', 'show 1', 'quit', ''].join('\n'));
      // Asynchronously: the server answering yaz-client runs in this process.
      const run = await promisify(execFile)('yaz-client', ['-f', commands], { encoding: 'utf8', timeout: 20_000, cwd: dir });
      expect(run.stdout).toMatch(/Number of hits: 1\b/);
      expect(run.stdout).toContain('pos=1 schema=info:srw/schema/1/marcxml-v1.1');
      expect(run.stdout).toContain('<subfield code="a">Hong lou meng</subfield>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
