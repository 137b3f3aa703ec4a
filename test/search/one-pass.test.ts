import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { CommonLexemes } from '../../src/modules/search/pg/common-lexemes.js';
import { PgSearchIndex, type SearchLimits } from '../../src/modules/search/pg/pg-search-index.js';
import type { SearchRequest } from '../../src/modules/search/search-index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aBook, asInput } from '../catalog/records.js';
import { holdAndIndex, musicBooks, parsed } from './ranking.fixture.js';

const LIBRARIES = ['CN-OA', 'CN-OB', 'CN-OC'];

/**
 * A search the statistics bound to the rank cap is counted and ranked from one read of its
 * matches (docs/search.md, "What a relevance search costs the database"). Its answer must be the
 * one the counting statement gives, hit for hit, score for score, page after page — also when
 * the statistics are stale and the search matches more than they said.
 */
describe('searches counted and ranked in one pass', () => {
  let t: TestApp;
  const books = musicBooks('o');

  beforeAll(async () => {
    t = await testApp();
    await holdAndIndex(t, LIBRARIES, books);
  }, 180_000);
  afterAll(() => t?.close());

  const limits = (rankCap: number, onePass: boolean, countCap = 40): SearchLimits => ({ countCap, rankCap, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0, onePass, rankedAnswers: false });
  const answer = async (index: PgSearchIndex, request: SearchRequest) => {
    const r = await index.search(request);
    return { total: r.total, estimated: r.totalEstimated, hits: r.hits.map((h) => [h.clusterId, h.score, h.title, h.holdings.libraries, h.explain]), next: r.next };
  };
  const requests = (q: string): SearchRequest[] => [
    { query: parsed(q), limit: 50 },
    { query: parsed(q), limit: 2, offset: 1 },
    { query: parsed(q), limit: 3, debug: true },
    { query: parsed(q), limit: 50, filters: { year: [{ from: 1960, to: 2000 }] } },
    { query: parsed(q), limit: 0 },
  ];

  it('gives the same answers as counting first, and follows the cursor to the same pages', async () => {
    const queries = ['violin', 'title:cello', 'organ studies', '"violin notes"', 'violin OR cello', 'cello -studies', 'bach organ', 'music'];
    const lexemes = new CommonLexemes(t.db);
    let bounded = 0;
    let between = 0;
    for (const rankCap of [5, 12, 30]) {
      const onePass = new PgSearchIndex(t.db, limits(rankCap, true));
      const counted = new PgSearchIndex(t.db, limits(rankCap, false));
      for (const q of queries) {
        const bound = await lexemes.atMost(parsed(q));
        if (bound !== null && bound <= rankCap) bounded++;
        if (bound !== null && bound > rankCap && bound <= 40) between++;
        for (const request of requests(q)) expect(await answer(onePass, request), `${q} rankCap ${rankCap}`).toEqual(await answer(counted, request));
        // Page after page by the cursor.
        let a = await onePass.search({ query: parsed(q), limit: 2 });
        let b = await counted.search({ query: parsed(q), limit: 2 });
        for (let page = 0; page < 4 && a.next !== null; page++) {
          expect(a.next).toEqual(b.next);
          a = await onePass.search({ query: parsed(q), limit: 2, after: a.next });
          b = await counted.search({ query: parsed(q), limit: 2, after: b.next! });
          expect(a.hits.map((h) => [h.clusterId, h.score])).toEqual(b.hits.map((h) => [h.clusterId, h.score]));
        }
      }
    }
    // The statistics bounded many of these to the rank cap, or between it and the count cap
    // (ranked over the best-placed): the single pass really answered them.
    expect(bounded).toBeGreaterThan(8);
    expect(between).toBeGreaterThan(4);
  });

  it('answers right when the statistics are stale and a search matches more than they allow', async () => {
    const q = 'title:harpsichord';
    const before = await new CommonLexemes(t.db).atMost(parsed(q));
    // Fewer than the books added below: with the rank cap at the bound, the single pass is tried and overflows.
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(15);
    // Fifteen harpsichord books after the statistics were taken: they still say "rarer than the rarest word".
    await ingestRecords(t.db, {
      library: 'CN-OA',
      records: Array.from({ length: 15 }, (_, k) => asInput(aBook({ id: `h${k}`, title: `Harpsichord pieces ${k}`, author: 'Scarlatti, Domenico', year: 1960 + k, holding: { library: 'CN-OA' } }))),
      via: 'test',
    });
    await searchIndexFor(t.db).catchUp();
    // The bound at the rank cap (ranked over all matches), then at the count cap (over the best-placed).
    for (const [rankCap, countCap] of [[before!, 40], [1, before!]] as const) {
      const onePass = new PgSearchIndex(t.db, limits(rankCap, true, countCap));
      const counted = new PgSearchIndex(t.db, limits(rankCap, false, countCap));
      for (const request of requests(q)) {
        const a = await answer(onePass, request);
        expect(a, `rankCap ${rankCap} countCap ${countCap}`).toEqual(await answer(counted, request));
        // Past the count cap the total is the planner's estimate, as for any search.
        expect(countCap >= 15 ? [a.total, a.estimated] : [a.estimated]).toEqual(countCap >= 15 ? [15, false] : [true]);
      }
    }
  });
});
