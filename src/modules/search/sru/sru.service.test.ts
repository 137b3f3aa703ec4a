import { describe, expect, it } from 'vitest';
import { xmllint } from '../../../../test/fixtures/marc/fixtures.js';
import { aBook } from '../../../../test/catalog/records.js';
import type { UnionRecord } from '../../catalog/index.js';
import type { SearchRequest, SearchResult } from '../search-index.js';
import { SearchErrors } from '../errors.js';
import { serverPlace } from './explain.js';
import { answerSru, type SruContext } from './sru.service.js';

/** A fake index over numbered books: cluster i is "Book i"; it records what it was asked. */
function context(total = 25, opts: { estimated?: boolean; fail?: unknown; missing?: number[] } = {}) {
  const asked: SearchRequest[] = [];
  const ctx: SruContext = {
    async search(r) {
      asked.push(r);
      if (opts.fail) throw opts.fail;
      const offset = r.offset ?? 0;
      const n = Math.max(0, Math.min(r.limit ?? 10, total - offset));
      const hits = Array.from({ length: n }, (_, i) => ({ clusterId: offset + i + 1 })) as SearchResult['hits'];
      return { total, totalEstimated: opts.estimated ?? false, hits, facets: [], next: null, suggestions: [], tookMs: 1 };
    },
    async records(ids) {
      return ids
        .filter((id) => !opts.missing?.includes(id))
        .map((id): UnionRecord => ({ clusterId: id, record: aBook({ id: String(id), title: `Book ${id} & <more>`, author: 'Cao, Xueqin', year: 1990 + id, isbn: '9787020002207' }), flavour: 'marc21', libraries: ['CN-IA'] }));
    },
    place: serverPlace('http://anylib.test:8080'),
    locale: 'en',
  };
  return { ctx, asked };
}

const sru = async (params: Record<string, string>, c = context()) => {
  const answer = await answerSru(params, c.ctx);
  expect(xmllint(['--noout'], Buffer.from(answer.body)).stderr).toBe('');
  return { ...answer, body: answer.body.toString() };
};
const diagnostics = (xml: string) => [...xml.matchAll(/info:srw\/diagnostic\/1\/(\d+)/g)].map((m) => Number(m[1]));

describe('SRU searchRetrieve', () => {
  it('answers SRU 1.2 with records in MARCXML, positions, the next position and the echoed request', async () => {
    const c = context();
    const { body, contentType } = await sru({ version: '1.2', operation: 'searchRetrieve', query: 'dc.title=book', maximumRecords: '5' }, c);
    expect(contentType).toMatch(/^text\/xml/);
    expect(body).toContain('<zs:searchRetrieveResponse xmlns:zs="http://www.loc.gov/zing/srw/">');
    expect(body).toContain('<zs:numberOfRecords>25</zs:numberOfRecords>');
    expect(body.match(/<zs:record>/g)).toHaveLength(5);
    expect(body).toContain('<zs:recordSchema>info:srw/schema/1/marcxml-v1.1</zs:recordSchema><zs:recordPacking>xml</zs:recordPacking><zs:recordData><record xmlns="http://www.loc.gov/MARC21/slim">');
    expect(body).toContain('<subfield code="a">Book 1 &amp; &lt;more&gt;</subfield>');
    expect(body).toContain('<zs:recordPosition>5</zs:recordPosition>');
    expect(body).toContain('<zs:nextRecordPosition>6</zs:nextRecordPosition>');
    expect(body).toContain('<zs:echoedSearchRetrieveRequest><zs:version>1.2</zs:version><zs:query>dc.title=book</zs:query>');
    expect(c.asked[0]).toEqual({ query: { kind: 'term', field: 'title', text: 'book', truncated: false }, sort: 'relevance', offset: 0, limit: 5 });
  });

  it('answers SRU 2.0 (no operation, no version) with the result count precision', async () => {
    const { body, contentType } = await sru({ query: 'jazz', startRecord: '21' }, context(25, { estimated: true }));
    expect(contentType).toMatch(/^application\/sru\+xml/);
    expect(body).toContain('xmlns:zs="http://docs.oasis-open.org/ns/search-ws/sruResponse"');
    expect(body).toContain('<zs:recordXMLEscaping>xml</zs:recordXMLEscaping>');
    expect(body).toContain('<zs:recordPosition>25</zs:recordPosition>');
    expect(body).not.toContain('nextRecordPosition');
    expect(body).toContain('<zs:resultCountPrecision>info:srw/vocabulary/resultCountPrecision/1/estimate</zs:resultCountPrecision>');
  });

  it('gives Dublin Core and MARC-in-JSON, and MARCXML as a string when asked', async () => {
    const dc = (await sru({ query: 'x', recordSchema: 'info:srw/schema/1/dc-v1.1', maximumRecords: '1' })).body;
    expect(dc).toContain('<srw_dc:dc xmlns:srw_dc="info:srw/schema/1/dc-schema" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Book 1 &amp; &lt;more&gt;</dc:title>');
    const json = (await sru({ query: 'x', recordSchema: 'json', maximumRecords: '1' })).body;
    const text = /<zs:recordData>([^<]*)<\/zs:recordData>/.exec(json)![1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(JSON.parse(text)).toMatchObject({ fields: expect.arrayContaining([{ '001': '1' }]) });
    const packed = (await sru({ version: '1.2', operation: 'searchRetrieve', query: 'x', recordPacking: 'string', maximumRecords: '1' })).body;
    expect(packed).toContain('<zs:recordData>&lt;record xmlns="http://www.loc.gov/MARC21/slim"&gt;');
  });

  it('counts only with maximumRecords=0, and sorts by sortBy or sortKeys', async () => {
    const c = context();
    const { body } = await sru({ query: 'x sortBy dc.date/sort.descending', maximumRecords: '0' }, c);
    expect(body).toContain('<zs:numberOfRecords>25</zs:numberOfRecords>');
    expect(body).not.toContain('<zs:records>');
    await sru({ version: '1.2', operation: 'searchRetrieve', query: 'x', sortKeys: 'dc.title,,1' }, c);
    expect(c.asked.map((a) => [a.sort, a.limit])).toEqual([['year-desc', 0], ['title', 10]]);
  });

  it('puts a surrogate diagnostic in the place of a record that went away', async () => {
    const { body } = await sru({ query: 'x', maximumRecords: '3' }, context(25, { missing: [2] }));
    expect(body).toContain('<zs:recordSchema>http://docs.oasis-open.org/ns/search-ws/diagnostic</zs:recordSchema>');
    expect(diagnostics(body)).toEqual([65]);
    expect(body.match(/<zs:recordPosition>/g)).toHaveLength(3);
  });

  it('refuses with the diagnostic that says what is wrong', async () => {
    const code = async (p: Record<string, string>) => diagnostics((await sru(p)).body);
    expect(await code({ query: 'dc.title="open' })).toEqual([14]);
    expect(await code({ query: 'dc.nothing=x' })).toEqual([16]);
    expect(await code({ query: 'x', recordSchema: 'mods' })).toEqual([66]);
    expect(await code({ query: 'x', startRecord: '26' })).toEqual([61]);
    expect(await code({ query: 'x', startRecord: '0' })).toEqual([6]);
    expect(await code({ query: 'x', maximumRecords: 'ten' })).toEqual([6]);
    expect(await code({ query: 'x', colour: 'blue' })).toEqual([8]);
    expect(await code({ query: 'x', 'x-colour': 'blue' })).toEqual([]);
    expect(await code({ version: '3.0', query: 'x' })).toEqual([5]);
    expect(await code({ version: '1.2', operation: 'scan', scanClause: 'x' })).toEqual([4]);
    expect(await code({ version: '1.2', operation: 'searchRetrieve' })).toEqual([7]);
    expect(await code({ query: 'x', queryType: 'pqf' })).toEqual([6]);
    expect(await code({ query: 'x'.repeat(1200) })).toEqual([12]);
    expect(await code({ version: '1.2', operation: 'searchRetrieve', query: 'x', sortKeys: 'dc.publisher' })).toEqual([88]);
  });

  it('keeps the message in the reader’s language', async () => {
    const c = context();
    c.ctx.locale = 'zh-CN';
    const { body } = await sru({ query: 'dc.nothing=x' }, c);
    expect(body).toContain('<diag:message>不支持的检索点：不能按检索点 dc.nothing 检索');
    expect(body).toContain('xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"');
  });

  it('answers an index failure with a diagnostic, not an exception', async () => {
    const errors: unknown[] = [];
    const c = context(25, { fail: new Error('connection lost') });
    c.ctx.onError = (e) => errors.push(e);
    const { body } = await sru({ version: '1.2', operation: 'searchRetrieve', query: 'x' }, c);
    expect(diagnostics(body)).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  it('tells the index’s refusals apart: a stopped search, too deep a page, anything else it refuses', async () => {
    const codeOf = async (fail: unknown) => {
      const { body } = await sru({ query: 'x' }, context(25, { fail }));
      return [diagnostics(body)[0], /<diag:message>([^<]*)</.exec(body)?.[1]];
    };
    expect(await codeOf(SearchErrors.SEARCH_TIMEOUT())).toEqual([2, expect.stringContaining('took too long')]);
    expect(await codeOf(SearchErrors.PAGE_TOO_DEEP({ max: 10000 }))).toEqual([61, expect.stringContaining('10000')]);
    expect(await codeOf(SearchErrors.CURSOR_INVALID())).toEqual([48, expect.stringContaining('cursor')]);
  });
});

describe('SRU explain', () => {
  it('is the answer to a request without parameters, and names host, port, database, indexes and schemas', async () => {
    const { body } = await sru({});
    expect(body).toContain('<zs:explainResponse xmlns:zs="http://docs.oasis-open.org/ns/search-ws/sruResponse">');
    expect(body).toContain('<host>anylib.test</host><port>8080</port><database>sru</database>');
    expect(body).toContain('<name set="dc">title</name>');
    expect(body).toContain('<name set="anylib">holdingLibrary</name>');
    expect(body).toContain('<title lang="zh">题名</title>');
    expect(body).toContain('identifier="info:srw/schema/1/marcxml-v1.1" name="marcxml"');
    expect(body).toContain('<setting type="maximumRecords">100</setting>');
  });

  it('takes host, port and database from BASE_URL', () => {
    expect(serverPlace('https://lib.example.org/anylib/')).toEqual({ host: 'lib.example.org', port: 443, database: 'anylib/sru' });
    expect(serverPlace('http://127.0.0.1:3000')).toEqual({ host: '127.0.0.1', port: 3000, database: 'sru' });
  });

  it('answers SRU 1.2 explain in the 1.2 namespace', async () => {
    const { body } = await sru({ version: '1.2', operation: 'explain' });
    expect(body).toContain('<zs:explainResponse xmlns:zs="http://www.loc.gov/zing/srw/">');
    expect(body).toContain('<zs:recordPacking>xml</zs:recordPacking>');
  });
});
