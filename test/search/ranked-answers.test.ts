import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { textQuery } from '../../src/modules/search/domain/analysis/index.js';
import { CommonLexemes } from '../../src/modules/search/pg/common-lexemes.js';
import { MOST_FORGET_TESTS, MOST_RANKED_ANSWERS, forgetRankedAnswersOf } from '../../src/modules/search/pg/ranked-answers.js';
import { PgSearchIndex, type SearchLimits } from '../../src/modules/search/pg/pg-search-index.js';
import type { SearchRequest } from '../../src/modules/search/search-index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aBook, asInput } from '../catalog/records.js';
import { holdAndIndex, musicBooks, parsed } from './ranking.fixture.js';

const LIBRARIES = ['CN-RA', 'CN-RB', 'CN-RC'];

/**
 * A frequent-word search's ranked answer is kept in search_ranked_answers and read back page by
 * page (docs/search.md, "Frequent words ranked once"). It must be the answer ranking gives, hit for
 * hit, score for score, through the cursor, past the count cap — and stay so when documents change:
 * the indexer forgets every kept answer a document it writes matches, before or after.
 */
describe('ranked answers of frequent words', () => {
  let t: TestApp;
  const books = musicBooks('r');

  beforeAll(async () => {
    t = await testApp();
    await holdAndIndex(t, LIBRARIES, books);
  }, 180_000);
  afterAll(() => t?.close());

  const limits = (rankCap: number, countCap: number, rankedAnswers: boolean): SearchLimits => ({ countCap, rankCap, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0, rankedAnswers });
  const answer = async (index: PgSearchIndex, request: SearchRequest) => {
    const r = await index.search(request);
    return { total: r.total, estimated: r.totalEstimated, hits: r.hits.map((h) => [h.clusterId, h.score, h.title, h.holdings.libraries, h.version]), next: r.next };
  };
  const requests = (q: string): SearchRequest[] => [
    { query: parsed(q), limit: 10 },
    { query: parsed(q), limit: 2, offset: 3 },
    { query: parsed(q), limit: 50 },
    { query: parsed(q), limit: 0 },
  ];
  const queries = ['music', 'notes', 'title:music notes', '"music notes"', 'violin OR cello', 'notes -studies', 'casals', 'bach notes'];
  /** Kept and ranked answers compared: every request shape and every cursor page. */
  const sameAnswers = async (rankCap: number, countCap: number): Promise<void> => {
    const kept = new PgSearchIndex(t.db, limits(rankCap, countCap, true));
    const ranked = new PgSearchIndex(t.db, limits(rankCap, countCap, false));
    for (const q of queries) {
      // Twice: the first ask ranks and keeps, the second reads what was kept.
      for (let ask = 0; ask < 2; ask++) {
        for (const request of requests(q)) expect(await answer(kept, request), `${q} rankCap ${rankCap} countCap ${countCap}`).toEqual(await answer(ranked, request));
      }
      let a = await kept.search({ query: parsed(q), limit: 2 });
      let b = await ranked.search({ query: parsed(q), limit: 2 });
      for (let page = 0; page < 6 && a.next !== null; page++) {
        expect(a.next).toEqual(b.next);
        a = await kept.search({ query: parsed(q), limit: 2, after: a.next });
        b = await ranked.search({ query: parsed(q), limit: 2, after: b.next! });
        expect(a.hits.map((h) => [h.clusterId, h.score])).toEqual(b.hits.map((h) => [h.clusterId, h.score]));
      }
    }
  };
  const keptQueries = async (): Promise<string[]> => (await t.db.query<{ q: string }>('SELECT query::text AS q FROM search_ranked_answers ORDER BY 1')).rows.map((r) => r.q);
  const tsqueryOf = (q: string): string => {
    const tq = textQuery(parsed(q));
    if (tq === null) throw new Error(q);
    return tq;
  };

  it('gives the answers ranking gives, page by page, below and past the count cap', async () => {
    // The statistics call these frequent at these rank caps: answers are kept for them.
    const lexemes = new CommonLexemes(t.db);
    expect(await lexemes.atMost(parsed('music'))).toBeGreaterThan(12);
    for (const [rankCap, countCap] of [[5, 40], [12, 40], [4, 8]] as const) await sameAnswers(rankCap, countCap);
    const kept = await t.db.query<{ n: number; past: number }>('SELECT count(*)::int AS n, count(*) FILTER (WHERE total IS NULL)::int AS past FROM search_ranked_answers');
    expect(kept.rows[0]!.n).toBeGreaterThan(10);
    // Past a count cap of 8: kept without an exact total (estimated as before).
    expect(kept.rows[0]!.past).toBeGreaterThan(0);
  });

  it('forgets the answers a changed document matches, before or after the change, and only those', async () => {
    await sameAnswers(5, 40);
    const before = await keptQueries();
    const organ = (await t.db.query<{ q: string }>('SELECT $1::tsquery::text AS q', [tsqueryOf('organ')])).rows[0]!.q;
    const cello = (await t.db.query<{ q: string }>('SELECT $1::tsquery::text AS q', [tsqueryOf('violin OR cello')])).rows[0]!.q;
    const music = (await t.db.query<{ q: string }>('SELECT $1::tsquery::text AS q', [tsqueryOf('music')])).rows[0]!.q;
    await new PgSearchIndex(t.db, limits(5, 40, true)).search({ query: parsed('organ'), limit: 10 });
    const musicBefore = await new PgSearchIndex(t.db, limits(5, 40, true)).search({ query: parsed('music'), limit: 50 });
    expect(await keptQueries()).toEqual(expect.arrayContaining([organ, cello, music]));
    // A cello book becomes a music book (it leaves one answer, joins another), and a music book held
    // by two libraries gets a third (its static score, hence its place, changes).
    const cellos = books.filter((b) => b.k % 5 === 1 && b.holders === 1);
    const moved = cellos[0]!;
    await ingestRecords(t.db, { library: 'CN-RA', records: [asInput(aBook({ ...moved.spec, id: `${moved.spec.id}-0`, title: `Music notes revised ${moved.k}`, holding: { library: 'CN-RA' } }))], via: 'test' });
    const held = books.find((b) => b.k % 5 === 3 && b.holders === 2)!;
    await ingestRecords(t.db, { library: 'CN-RC', records: [asInput(aBook({ ...held.spec, id: `${held.spec.id}-2`, holding: { library: 'CN-RC' } }))], via: 'test' });
    await searchIndexFor(t.db).catchUp();
    const after = await keptQueries();
    // The organ answer matched neither document: kept. Cello (the old title) and music (the new one): forgotten.
    expect(after).toContain(organ);
    expect(after).not.toContain(cello);
    expect(after).not.toContain(music);
    expect(after.length).toBeLessThan(before.length);
    // Asked again: ranked again, the same as ranking, and the changes show.
    await sameAnswers(5, 40);
    const r = await new PgSearchIndex(t.db, limits(5, 40, true)).search({ query: parsed('music'), limit: 50 });
    expect([r.total, r.totalEstimated]).toEqual([musicBefore.total + 1, false]);
    // Among the best 20 by static score (every music book is held by two libraries or three), with its three libraries.
    const wider = await new PgSearchIndex(t.db, limits(20, 40, true)).search({ query: parsed('music'), limit: 50 });
    expect(wider.hits.find((h) => h.title === held.spec.title)?.holdings.libraries).toBe(3);
    expect(await keptQueries()).toContain(music);
  });

  /** With facets: every group's values, counts and whether estimated, besides the hits. */
  const withFacets = async (index: PgSearchIndex, request: SearchRequest) => ({ ...(await answer(index, request)), facets: (await index.search(request)).facets });
  const ALL_FACETS = ['format', 'language', 'year', 'subject', 'author', 'library', 'alliance', 'availability'] as const;
  const facetedRequests = (q: string, viewer: number | null): SearchRequest[] => {
    const asked = { query: parsed(q), facets: [...ALL_FACETS], ...(viewer !== null ? { viewer: { libraryId: viewer } } : {}) };
    return [
      { ...asked, limit: 10 },
      { ...asked, limit: 3, offset: 4 },
      { ...asked, limit: 10, filters: { format: ['book'] } },
      { ...asked, limit: 10, filters: { year: [{ from: 1960, to: 2000 }], library: ['CN-RB'] } },
      { ...asked, limit: 10, filters: { availability: ['anywhere'] } },
      { query: parsed(q), limit: 10, filters: { library: ['CN-RA'] } },
    ];
  };
  /** Kept (facets and all) and counted answers compared, first ask (ranked, counted and kept) and later ones (read). */
  const sameFacetedAnswers = async (rankCap: number, countCap: number, viewer: number | null): Promise<void> => {
    const kept = new PgSearchIndex(t.db, limits(rankCap, countCap, true));
    const counted = new PgSearchIndex(t.db, limits(rankCap, countCap, false));
    for (const q of ['music', 'violin OR cello', 'notes -studies']) {
      for (let ask = 0; ask < 2; ask++) {
        for (const request of facetedRequests(q, viewer)) {
          expect(await withFacets(kept, request), `${q} ${JSON.stringify(request.filters)} rankCap ${rankCap} countCap ${countCap}`).toEqual(await withFacets(counted, request));
        }
      }
    }
  };

  it('keeps a frequent word\'s answer with its facets and chosen values, and answers as counting does, fresh after a change', async () => {
    await t.db.query('DELETE FROM search_ranked_answers');
    const viewer = (await t.db.query<{ id: number }>(`SELECT id FROM libraries WHERE symbol = 'CN-RA'`)).rows[0]!.id;
    // Below the count cap (exact facets), past it (sampled and scaled), and past it with chosen values counted each on its own.
    for (const [rankCap, countCap] of [[5, 40], [4, 8]] as const) await sameFacetedAnswers(rankCap, countCap, viewer);
    await sameFacetedAnswers(4, 8, null);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_ranked_answers WHERE facets IS NOT NULL');
    expect(rows[0]!.n).toBeGreaterThan(20);
    // A music book gets another holding library: its facet counts change, and the kept answers show it.
    const music = (await new PgSearchIndex(t.db, limits(5, 40, true)).search({ query: parsed('music'), limit: 1, facets: ['library'] })).facets[0]!;
    const held = books.filter((b) => b.k % 5 === 3 && b.holders === 2)[2]!;
    await ingestRecords(t.db, { library: 'CN-RC', records: [asInput(aBook({ ...held.spec, id: `${held.spec.id}-2`, holding: { library: 'CN-RC' } }))], via: 'test' });
    await searchIndexFor(t.db).catchUp();
    const after = (await new PgSearchIndex(t.db, limits(5, 40, true)).search({ query: parsed('music'), limit: 1, facets: ['library'] })).facets[0]!;
    expect([after.estimated, after.values.find((v) => v.value === 'CN-RC')!.count]).toEqual([false, music.values.find((v) => v.value === 'CN-RC')!.count + 1]);
    await sameFacetedAnswers(4, 8, viewer);
  }, 180_000);

  it('keeps nothing for a search the statistics do not call frequent, nor for explanations or other orders', async () => {
    await t.db.query('DELETE FROM search_ranked_answers');
    const index = new PgSearchIndex(t.db, limits(5, 40, true));
    await index.search({ query: parsed('harpsichord'), limit: 10, facets: ['format'], filters: { format: ['book'] } });
    await index.search({ query: parsed('music'), limit: 10, debug: true });
    await index.search({ query: parsed('music'), limit: 10, sort: 'title' });
    await index.search({ query: parsed('harpsichord'), limit: 10 });
    await index.search({ query: parsed('mus*'), limit: 10 });
    expect(await keptQueries()).toEqual([]);
  });

  it('keeps, from its next ask, the answer of a search found to match many documents, and answers as ranking does', async () => {
    await t.db.query('DELETE FROM search_ranked_answers');
    // A rank cap the statistics do not reach: only the counted matches make these searches costly.
    // The memory of such searches is a cache: kept only while answers are cached.
    const costly = { ...limits(1000, 2000, true), keepRankedFrom: 6, cachedAnswers: 10 };
    const kept = new PgSearchIndex(t.db, costly);
    const ranked = new PgSearchIndex(t.db, { ...costly, rankedAnswers: false });
    expect((await ranked.search({ query: parsed('notes'), limit: 0 })).total).toBeGreaterThanOrEqual(6);
    await kept.search({ query: parsed('notes'), limit: 10, filters: { year: [{ from: 1000, to: 2100 }] } });
    await kept.search({ query: parsed('harpsichord'), limit: 10 });
    // The first ask ranks every match, the next ones keep and read its answer; the filtered and the rare search keep none.
    for (const request of requests('notes')) expect(await answer(kept, request)).toEqual(await answer(ranked, request));
    expect(await keptQueries()).toEqual([(await t.db.query<{ q: string }>('SELECT $1::tsquery::text AS q', [tsqueryOf('notes')])).rows[0]!.q]);
    for (let ask = 0; ask < 2; ask++) {
      for (const request of requests('notes')) expect(await answer(kept, request)).toEqual(await answer(ranked, request));
    }
  });

  it('keeps no answer of a search found to match many documents when the result cache is off', async () => {
    await t.db.query('DELETE FROM search_ranked_answers');
    const uncached = new PgSearchIndex(t.db, { ...limits(1000, 2000, true), keepRankedFrom: 6, cachedAnswers: 0 });
    for (let ask = 0; ask < 3; ask++) await uncached.search({ query: parsed('notes'), limit: 10 });
    expect(await keptQueries()).toEqual([]);
  });

  it('keeps a new answer in place of the oldest when the table is full, and answers as ranking does', async () => {
    await t.db.query('DELETE FROM search_ranked_answers');
    await t.db.query(
      "INSERT INTO search_ranked_answers (query_key, query, total, cluster_ids, scores, kept_at) SELECT 'filler ' || n, 'filler', 0, '{}', '{}', now() - n * interval '1 minute' FROM generate_series(1, $1::int) n",
      [MOST_RANKED_ANSWERS],
    );
    const kept = new PgSearchIndex(t.db, limits(5, 40, true));
    const ranked = new PgSearchIndex(t.db, limits(5, 40, false));
    for (let ask = 0; ask < 2; ask++) {
      for (const request of requests('music')) expect(await answer(kept, request)).toEqual(await answer(ranked, request));
    }
    const music = (await t.db.query<{ q: string }>('SELECT $1::tsquery::text AS q', [tsqueryOf('music')])).rows[0]!.q;
    const { rows } = await t.db.query<{ n: number; music: number; oldest: string | null }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE query::text = $1)::int AS music,
              (SELECT query_key FROM search_ranked_answers WHERE query_key LIKE 'filler %' ORDER BY kept_at LIMIT 1) AS oldest
         FROM search_ranked_answers`,
      [music],
    );
    // Kept in place of the oldest filler (kept the most minutes ago); the table stays at its size.
    expect(rows[0]).toEqual({ n: MOST_RANKED_ANSWERS, music: 1, oldest: `filler ${MOST_RANKED_ANSWERS - 1}` });
  });

  it('forgets every kept answer on a write too large to test each against, and answers as ranking does', async () => {
    await sameAnswers(5, 40);
    // The table full: the answers just kept and older ones.
    await t.db.query(
      "INSERT INTO search_ranked_answers (query_key, query, total, cluster_ids, scores, kept_at) SELECT 'filler ' || n, 'filler', 0, '{}', '{}', now() - n * interval '1 minute' FROM generate_series(1, $1::int - (SELECT count(*)::int FROM search_ranked_answers)) n",
      [MOST_RANKED_ANSWERS],
    );
    const kept = (await keptQueries()).length;
    const { rows } = await t.db.query<{ id: string }>('SELECT cluster_id AS id FROM search_documents ORDER BY cluster_id LIMIT $1', [Math.ceil(MOST_FORGET_TESTS / kept) + 1]);
    expect(rows.length * kept).toBeGreaterThan(MOST_FORGET_TESTS);
    await t.db.transaction((tx) => forgetRankedAnswersOf(tx, rows.map((r) => Number(r.id))));
    expect(await keptQueries()).toEqual([]);
    await sameAnswers(5, 40);
  });
});
