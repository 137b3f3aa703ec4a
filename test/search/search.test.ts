import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNetwork } from '../../src/modules/network/index.js';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, anAlliance } from '../network/factories.js';
import { aBook, asInput, type BookSpec } from '../catalog/records.js';

interface Hit { clusterId: number; title: string; author: string | null; vernacularTitle: string | null; vernacularAuthor: string | null; year: number | null; holdings: { libraries: number; availableCopies: number; nearest: { symbol: string; name: string; distanceKm: number | null } | null }; explain?: { parts: { what: string; value: number }[] } }
interface Result { total: number; totalEstimated: boolean; hits: Hit[]; facets: { name: string; label: string; values: { value: string; label?: string; count: number }[] }[]; next: string | null; suggestions: string[]; query: string }

describe('GET /api/v1/search', () => {
  let t: TestApp;
  const ingest = (library: string, books: BookSpec[]) => ingestRecords(t.db, { library, records: books.map((b) => asInput(aBook(b))), via: 'test' });
  const search = async (qs: string, headers: Record<string, string> = {}): Promise<Result> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?${qs}`, headers });
    if (res.statusCode !== 200) throw new Error(`${qs}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const titles = (r: Result) => r.hits.map((h) => h.title);

  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, {
      libraries: [
        aLibrary({ symbol: 'CN-NJ', province: 'CN-JS', coordinates: { lat: 32.06, lon: 118.78 } }),
        aLibrary({ symbol: 'CN-SZ', province: 'CN-JS', coordinates: { lat: 31.3, lon: 120.6 } }),
        aLibrary({ symbol: 'CN-BJ', province: 'CN-BJ', coordinates: { lat: 39.9, lon: 116.4 } }),
      ],
      alliances: [anAlliance({ code: 'JSLIB', members: [{ library: 'CN-NJ', role: 'member' }, { library: 'CN-SZ', role: 'member' }] })],
    });
    await ingest('CN-NJ', [
      { id: 'nj1', title: '红楼梦', author: '曹雪芹', year: 1982, isbn: '702000220X', holding: { library: 'CN-NJ', barcode: 'NJ-1' } },
      { id: 'nj2', title: 'A history of science', author: 'Dampier, William Cecil', year: 1948, publisher: 'Cambridge University Press,' },
      { id: 'nj3', title: 'Computers and society', author: 'Rosenberg, Richard', year: 1997 },
      { id: 'nj4', title: '曹雪芹传', author: '周汝昌', year: 1980 },
    ]);
    await ingest('CN-BJ', [
      { id: 'bj1', title: '红楼梦', author: '曹雪芹', year: 1982, isbn: '9787020002207', holding: { library: 'CN-BJ', barcode: 'BJ-1' } },
      { id: 'bj2', title: 'The theory of computation', author: 'Moret, B. M. E.', year: 1998 },
      { id: 'bj3', title: 'Science and civilisation in China', author: 'Needham, Joseph', year: 1954 },
    ]);
    await ingest('CN-SZ', [{ id: 'sz1', title: '紅樓夢研究', author: '俞平伯', year: 1952 }]);
    // A record catalogued in romanisation, the Chinese in 880 (as American libraries do).
    const romanised = aBook({ id: 'sz9', title: 'Zhongguo zhe xue xin lun', author: 'Liu, Shaoji', year: 1985 });
    romanised.fields.push(
      { tag: '880', ind1: '1', ind2: '0', subfields: [{ code: '6', value: '245-01' }, { code: 'a', value: '中国哲学新论 /' }] },
      { tag: '880', ind1: '1', ind2: ' ', subfields: [{ code: '6', value: '100-02' }, { code: 'a', value: '刘绍基' }] },
    );
    await ingestRecords(t.db, { library: 'CN-SZ', records: [asInput(romanised)], via: 'test' });
    await searchIndexFor(t.db).catchUp();
  });
  afterAll(async () => t.close());

  it('finds Chinese titles in simplified and traditional forms alike, and by pinyin', async () => {
    expect(titles(await search(`q=${encodeURIComponent('紅樓夢')}`))).toEqual(expect.arrayContaining(['红楼梦', '紅樓夢研究']));
    expect(titles(await search(`q=${encodeURIComponent('红楼梦研究')}`))).toEqual(['紅樓夢研究']);
    expect(titles(await search('q=hongloumeng'))).toContain('红楼梦');
    expect(titles(await search('q=hlm'))).toContain('红楼梦');
  });

  it('finds a romanised record by its 880 Chinese title and shows the title in both scripts', async () => {
    const r = await search(`q=${encodeURIComponent('哲學')}`);
    expect(r.hits.map((h) => [h.title, h.vernacularTitle, h.vernacularAuthor])).toEqual([['Zhongguo zhe xue xin lun', '中国哲学新论', '刘绍基']]);
    expect((await search(`q=${encodeURIComponent('红楼梦')}`)).hits[0]).toMatchObject({ vernacularTitle: null });
  });

  it('ranks the exact title first, title matches over author matches', async () => {
    const r = await search(`q=${encodeURIComponent('红楼梦')}`);
    expect(r.hits[0]!.title).toBe('红楼梦');
    const byName = await search(`q=${encodeURIComponent('曹雪芹')}`);
    // 曹雪芹传 has the name in its title; 红楼梦 only as its author.
    expect(byName.hits.map((h) => h.title)).toEqual(['曹雪芹传', '红楼梦']);
  });

  it('merges the two libraries’ copies of one book into one hit with its holdings summary', async () => {
    const r = await search(`q=${encodeURIComponent('红楼梦')}&myLibrary=CN-SZ`);
    const dream = r.hits.find((h) => h.title === '红楼梦')!;
    expect(dream.holdings.libraries).toBe(2);
    expect(dream.holdings.availableCopies).toBe(2);
    // Suzhou is nearer Nanjing than Beijing.
    expect(dream.holdings.nearest).toMatchObject({ symbol: 'CN-NJ' });
    expect(dream.holdings.nearest!.distanceKm).toBeGreaterThan(100);
    expect(dream.holdings.nearest!.distanceKm).toBeLessThan(300);
  });

  it('finds a book by its ISBN in any form', async () => {
    for (const isbn of ['7-02-000220-X', '702000220x', '9787020002207', '978-7-02-000220-7']) {
      expect(titles(await search(`q=${encodeURIComponent(isbn)}`))).toEqual(['红楼梦']);
    }
    expect(titles(await search('isbn=702000220X'))).toEqual(['红楼梦']);
  });

  it('stems English words, folds case, and takes truncation, phrases and Boolean operators', async () => {
    expect(titles(await search('q=SOCIETIES'))).toEqual(['Computers and society']);
    expect(titles(await search(`q=${encodeURIComponent('comput*')}`)).sort()).toEqual(['Computers and society', 'The theory of computation']);
    expect(titles(await search(`q=${encodeURIComponent('"history of science"')}`))).toEqual(['A history of science']);
    expect(titles(await search(`q=${encodeURIComponent('"science of history"')}`))).toEqual([]);
    expect(titles(await search(`q=${encodeURIComponent('science NOT china')}`))).toEqual(['A history of science']);
    expect(titles(await search(`q=${encodeURIComponent('(needham OR dampier) AND science')}`)).sort()).toEqual(['A history of science', 'Science and civilisation in China']);
    expect(titles(await search(`q=${encodeURIComponent('author:needham')}`))).toEqual(['Science and civilisation in China']);
    expect(titles(await search(`q=${encodeURIComponent('title:needham')}`))).toEqual([]);
  });

  it('counts facets; values of one facet are OR, different facets AND', async () => {
    const all = await search('q=science&facets=true');
    const libraries = all.facets.find((f) => f.name === 'library')!;
    expect(libraries.values).toEqual(expect.arrayContaining([
      expect.objectContaining({ value: 'CN-NJ', count: 1, label: 'CN-NJ Library' }),
      expect.objectContaining({ value: 'CN-BJ', count: 1 }),
    ]));
    const years = all.facets.find((f) => f.name === 'year')!;
    expect(years.values.map((v) => v.value).sort()).toEqual(['1940', '1950']);
    expect((await search('q=science&library=CN-NJ')).total).toBe(1);
    expect((await search('q=science&library=CN-NJ,CN-BJ')).total).toBe(2);
    expect((await search('q=science&library=CN-NJ&year=1950-1959')).total).toBe(0);
    const alliance = (await search(`q=${encodeURIComponent('红楼梦')}&facets=alliance&lang=zh-CN`)).facets[0]!;
    expect(alliance).toMatchObject({ name: 'alliance', label: '联盟', values: [{ value: 'JSLIB', count: 2, label: 'JSLIB 联盟' }] });
  });

  it('filters by availability in my library, alliance and province', async () => {
    const q = `q=${encodeURIComponent('红楼梦 OR science')}`;
    expect(titles(await search(`${q}&availability=my-library&myLibrary=CN-BJ`))).toEqual(['红楼梦']);
    expect(titles(await search(`${q}&availability=my-alliance&myLibrary=CN-SZ`))).toEqual(['红楼梦']);
    expect((await search(`${q}&availability=my-library&myLibrary=CN-SZ`)).total).toBe(0);
    // The availability facet counts what each of these filters finds, for this reader's library.
    const counts = async (myLibrary: string) => Object.fromEntries(
      (await search(`${q}&facets=availability&myLibrary=${myLibrary}`)).facets[0]!.values.map((v) => [v.value, v.count]),
    );
    expect(await counts('CN-BJ')).toMatchObject({ 'my-library': 1 });
    expect(await counts('CN-SZ')).toMatchObject({ 'my-alliance': 1 });
    expect((await counts('CN-SZ'))['my-library']).toBeUndefined();
  });

  it('pages with a cursor: every hit once, in order', async () => {
    const seen: number[] = [];
    let r = await search('q=science OR computer* OR 红楼梦&pageSize=2&sort=title');
    for (;;) {
      seen.push(...r.hits.map((h) => h.clusterId));
      if (!r.next) break;
      r = await search(`q=science OR computer* OR 红楼梦&pageSize=2&sort=title&cursor=${r.next}`);
    }
    const all = await search('q=science OR computer* OR 红楼梦&pageSize=50&sort=title');
    expect(seen).toEqual(all.hits.map((h) => h.clusterId));
    expect(new Set(seen).size).toBe(all.total);
  });

  it('makes a catalogue change searchable once the indexer has run, and a deletion leaves the index', async () => {
    await ingest('CN-SZ', [{ id: 'sz2', title: 'Pale fire', author: 'Nabokov, Vladimir', year: 1962 }]);
    expect((await search('q=nabokov')).total).toBe(0);
    await searchIndexFor(t.db).catchUp();
    expect(titles(await search('q=nabokov'))).toEqual(['Pale fire']);
    await ingestRecords(t.db, { library: 'CN-SZ', records: [{ kind: 'delete', localId: 'sz2' }], via: 'test' });
    await searchIndexFor(t.db).catchUp();
    expect((await search('q=nabokov')).total).toBe(0);
  });

  it('does not answer from its kept answers once another node indexed a change (within a second of it)', async () => {
    const { PgSearchIndex } = await import('../../src/modules/search/pg/pg-search-index.js');
    const here = searchIndexFor(t.db);
    const otherNode = new PgSearchIndex(t.db);
    const asked = async () => (await here.search({ query: { kind: 'term', field: 'any', text: 'lolita', truncated: false }, limit: 10 })).total;
    expect(await asked()).toBe(0);
    await ingest('CN-SZ', [{ id: 'sz3', title: 'Lolita', author: 'Nabokov, Vladimir', year: 1955 }]);
    await otherNode.catchUp(); // written by the other node's indexer: this one is not told
    await new Promise((r) => setTimeout(r, 1100));
    expect(await asked()).toBe(1);
    await ingestRecords(t.db, { library: 'CN-SZ', records: [{ kind: 'delete', localId: 'sz3' }], via: 'test' });
    await otherNode.catchUp();
  });

  it('suggests a better spelling when nothing is found', async () => {
    const r = await search('q=sciense');
    expect(r.total).toBe(0);
    expect(r.suggestions).toEqual(['science']);
  });

  it('explains each score with debug=1', async () => {
    const r = await search('q=science&debug=1');
    expect(r.hits[0]!.explain!.parts.map((p) => p.what)).toEqual(expect.arrayContaining(['text', 'holdingsAndRecency']));
  });

  it('rebuilds the whole index, and search answers the same afterwards', async () => {
    const before = await search('q=science');
    const result = await searchIndexFor(t.db).rebuild();
    expect(result.documents).toBe(8);
    expect((await search('q=science')).hits.map((h) => h.clusterId)).toEqual(before.hits.map((h) => h.clusterId));
  });

  it('ranks a broad query over its best-placed candidates and estimates its count and facets', async () => {
    const { PgSearchIndex } = await import('../../src/modules/search/pg/pg-search-index.js');
    const { parseReaderQuery } = await import('../../src/modules/search/domain/query/parse.js');
    const small = new PgSearchIndex(t.db, { countCap: 3, rankCap: 2, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0 });
    const parsed = parseReaderQuery('science OR 红楼梦 OR comput* OR 曹雪芹');
    if (!parsed.ok) throw new Error('query');
    const r = await small.search({ query: parsed.query, limit: 10, facets: ['format'] });
    expect(r.totalEstimated).toBe(true);
    expect(r.total).toBeGreaterThan(3);
    // Ranked over the two best-placed candidates: the book two libraries hold is one of them.
    expect(r.hits).toHaveLength(2);
    expect(r.hits.map((h) => h.title)).toContain('红楼梦');
    expect(r.facets[0]).toMatchObject({ name: 'format', estimated: true });
    expect(r.facets[0]!.values[0]!.count).toBeGreaterThan(0);
  });

  it('counts a query between the two caps exactly and ranks it over its best-placed candidates; past the count cap without facets too', async () => {
    const { PgSearchIndex } = await import('../../src/modules/search/pg/pg-search-index.js');
    const { parseReaderQuery } = await import('../../src/modules/search/domain/query/parse.js');
    const parsed = parseReaderQuery('science OR 红楼梦 OR comput* OR 曹雪芹');
    if (!parsed.ok) throw new Error('query');
    const everything = await searchIndexFor(t.db).search({ query: parsed.query, limit: 10 });
    expect(everything.total).toBeGreaterThan(3);
    const between = new PgSearchIndex(t.db, { countCap: 100, rankCap: 2, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0 });
    const r = await between.search({ query: parsed.query, limit: 10 });
    expect(r).toMatchObject({ total: everything.total, totalEstimated: false });
    expect(r.hits).toHaveLength(2);
    expect(r.hits.map((h) => h.title)).toContain('红楼梦');
    const past = new PgSearchIndex(t.db, { countCap: 3, rankCap: 2, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0 });
    const p = await past.search({ query: parsed.query, limit: 10 });
    expect(p.totalEstimated).toBe(true);
    expect(p.hits.map((h) => h.clusterId)).toEqual(r.hits.map((h) => h.clusterId));
  });

  describe('bad input', () => {
    const problem = async (qs: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?${qs}` });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json() as { code: string; detail: string };
    };
    it('names an unbalanced quote or parenthesis, an operator alone and an empty query', async () => {
      expect((await problem(`q=${encodeURIComponent('"history of')}`)).code).toBe('QUERY_UNBALANCED_QUOTE');
      expect((await problem(`q=${encodeURIComponent('(history')}`)).code).toBe('QUERY_UNBALANCED_PARENTHESIS');
      expect((await problem('q=AND')).code).toBe('QUERY_OPERATOR_ALONE');
      expect((await problem('q=')).code).toBe('QUERY_EMPTY');
    });
    it('refuses a 10 KB query, a page 10,000 deep and a forged cursor', async () => {
      expect((await problem(`q=${'a'.repeat(10_000)}`)).code).toBe('QUERY_TOO_LONG');
      expect((await problem('q=science&page=10000')).code).toBe('PAGE_TOO_DEEP');
      expect((await problem('q=science&cursor=bm9wZQ')).code).toBe('CURSOR_INVALID');
    });
    it('answers control characters and lone operators inside words without a 500', async () => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('science\u0000\u0007 & | !')}` });
      expect([200, 400]).toContain(res.statusCode);
    });
  });
});
