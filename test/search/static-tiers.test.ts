import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { PgSearchIndex, type SearchLimits } from '../../src/modules/search/pg/pg-search-index.js';
import type { SearchRequest } from '../../src/modules/search/search-index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';
import { expectUnreachable, parsed } from './ranking.fixture.js';
import { aBook, asInput, type BookSpec } from '../catalog/records.js';
import { STATIC_TIER_SCHEME, STATIC_TIERS } from '../../src/modules/search/domain/document/static-tiers.js';

/** A valid ISBN-13 for n (978 + nine digits + check digit), so that copies in several libraries cluster. */
function isbn(n: number): string {
  const body = `978${String(100_000_000 + n).slice(1)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

const LIBRARIES = ['CN-TA', 'CN-TB', 'CN-TC', 'CN-TD', 'CN-TE'];

/**
 * Broad queries are ranked over their best-placed matches; the static-score tiers find those
 * through the text index. The answer must be the same as without them, hit for hit, in order.
 */
describe('static-score tiers', () => {
  let t: TestApp;
  /** 48 books, most held by one library, some by two to five (as a union catalogue's are), of many years, some on the shelf. */
  const books = Array.from({ length: 48 }, (_, k) => {
    const holders = [1, 1, 1, 1, 1, 2, 2, 3, 4, 5][k % 10]!;
    const spec: Omit<BookSpec, 'holding'> = {
      id: `t${k}`,
      title: `${k % 4 === 0 ? 'Physics and science' : 'Science'} notes ${k}`,
      author: k % 3 === 0 ? 'Curie, Marie' : 'Feynman, Richard',
      year: 1950 + ((k * 7) % 75),
      isbn: isbn(k),
    };
    return { k, holders, spec };
  });

  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, { libraries: LIBRARIES.map((symbol) => aLibrary({ symbol })) });
    for (const [i, library] of LIBRARIES.entries()) {
      const held = books.filter((b) => b.holders > i);
      await ingestRecords(t.db, {
        library,
        records: held.map((b) => asInput(aBook({ ...b.spec, id: `${b.spec.id}-${i}`, holding: { library, ...(b.k % 3 === 0 ? { barcode: `${library}-${b.k}` } : {}) } }))),
        via: 'test',
      });
    }
    await searchIndexFor(t.db).catchUp();
    // The statistics the tiers are chosen by (each tier's share, a query's matches).
    await t.db.query('ANALYZE search_documents');
  }, 180_000);
  afterAll(() => t?.close());

  const limits = (rankCap: number, staticTiers: boolean): SearchLimits => ({ countCap: rankCap + 1, rankCap, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0, staticTiers, rankedAnswers: false });
  const answer = async (index: PgSearchIndex, request: SearchRequest) => {
    const r = await index.search(request);
    return { total: r.total, estimated: r.totalEstimated, hits: r.hits.map((h) => [h.clusterId, h.score]), next: r.next, facets: r.facets };
  };

  it('puts each document in the tiers its stored static score reaches', async () => {
    const { rows } = await t.db.query<{ static_score: number; tiers: string[] }>(
      `SELECT static_score, ARRAY(SELECT l FROM unnest(document) u(l) WHERE l LIKE '~s%' ORDER BY l) AS tiers FROM search_documents`,
    );
    expect(rows).toHaveLength(48);
    for (const r of rows) {
      const expected = STATIC_TIERS.filter((t) => r.static_score >= Math.fround(t.from)).map((t) => t.lexeme).sort();
      expect(r.tiers).toEqual(expected);
    }
    // Every tier up to five libraries' scores (at most ln 6 + 0.4 = 2.19) holds some documents here, and none holds all.
    for (const tier of STATIC_TIERS.filter((t) => t.from < 2.19)) expect(rows.filter((r) => r.tiers.includes(tier.lexeme)).length, tier.lexeme).toBeGreaterThan(0);
    expect(rows.filter((r) => r.tiers.length === 0).length).toBeGreaterThan(0);
  });

  it('answers a broad query with the same hits in the same order as without the tiers, whatever the rank cap', async () => {
    const queries = ['science', 'science notes', 'physics OR curie', 'title:science', 'science -physics', 'feynman science', 'scien*'];
    let compared = 0;
    for (const rankCap of [1, 2, 3, 4, 6, 9, 13, 20]) {
      const tiered = new PgSearchIndex(t.db, limits(rankCap, true));
      const plain = new PgSearchIndex(t.db, limits(rankCap, false));
      for (const q of queries) {
        for (const request of [
          { query: parsed(q), limit: 50 },
          { query: parsed(q), limit: 3, offset: 1 },
          { query: parsed(q), limit: 50, filters: { year: [{ from: 1960, to: 2010 }] } },
          { query: parsed(q), limit: 50, facets: ['format' as const] },
          // Facets over the candidates, and a chosen facet counted without its choice (over its own sample past the cap).
          { query: parsed(q), limit: 5, facets: ['format' as const, 'year' as const, 'library' as const], filters: { format: ['book'] } },
        ] satisfies SearchRequest[]) {
          const a = await answer(tiered, request);
          expect(a, `${q} rankCap ${rankCap}`).toEqual(await answer(plain, request));
          if (a.estimated && a.hits.length > 0) compared++;
        }
      }
    }
    // Most of these were past the count cap: ranked over candidates the tiers chose.
    expect(compared).toBeGreaterThan(100);
  });

  it('gives a broad query the same page with facets as without them, by offset and by cursor', async () => {
    // With facets asked, the page is ranked as the facets' candidates are read; without, by a statement of its own.
    const queries = ['science', 'science notes', 'physics OR curie', 'feynman science', 'scien*'];
    let broad = 0;
    for (const rankCap of [2, 4, 9, 20]) {
      for (const staticTiers of [true, false]) {
        const index = new PgSearchIndex(t.db, limits(rankCap, staticTiers));
        for (const q of queries) {
          for (const at of [{ limit: 50 }, { limit: 3, offset: 1 }, { limit: 2 }]) {
            const plain = await answer(index, { query: parsed(q), ...at });
            const faceted = await answer(index, { query: parsed(q), ...at, facets: ['format', 'library', 'availability'] });
            expect({ ...faceted, facets: [] }, `${q} rankCap ${rankCap}`).toEqual({ ...plain, facets: [] });
            if (faceted.estimated) {
              broad++;
              expect(faceted.facets.every((f) => f.estimated)).toBe(true);
            }
            // The next page after the cursor, too.
            if (plain.next) {
              const after = { query: parsed(q), limit: 2, after: plain.next };
              expect({ ...(await answer(index, { ...after, facets: ['year'] })), facets: [] }).toEqual({ ...(await answer(index, after)), facets: [] });
            }
          }
        }
      }
    }
    expect(broad).toBeGreaterThan(30);
  });

  it('looks in a tier only while every document carries the tiers of its stored score', async () => {
    // One book of one library, no tier at all, given the highest static score without its tier lexemes:
    // a document the tiers would miss, as one written by an older version could be.
    const { rows } = await t.db.query<{ cluster_id: string }>(
      `SELECT cluster_id FROM search_documents WHERE NOT document @@ '~s1'::tsquery AND document @@ 'scienc'::tsquery ORDER BY cluster_id LIMIT 1`,
    );
    const odd = Number(rows[0]!.cluster_id);
    const request = { query: parsed('science'), limit: 50 };
    try {
      await t.db.query('UPDATE search_documents SET static_score = 9 WHERE cluster_id = $1', [odd]);
      const plain = await answer(new PgSearchIndex(t.db, limits(4, false)), request);
      expect(plain.hits.map((h) => h[0])).toContain(odd);
      // Marked as written with the current tiers, it is missed: the tiers are really what chose the candidates.
      const missed = await answer(new PgSearchIndex(t.db, limits(4, true)), request);
      expect(missed.hits.map((h) => h[0])).not.toContain(odd);
      // Marked as written without them (as an older version writes), the tiers are left alone.
      await t.db.query('UPDATE search_documents SET static_tiers = 0 WHERE cluster_id = $1', [odd]);
      expect(await answer(new PgSearchIndex(t.db, limits(4, true)), request)).toEqual(plain);
    } finally {
      await searchIndexFor(t.db).refresh([odd]);
    }
    const again = await t.db.query<{ static_tiers: number }>('SELECT static_tiers FROM search_documents WHERE cluster_id = $1', [odd]);
    expect(again.rows[0]!.static_tiers).toBe(STATIC_TIER_SCHEME);
  });

  it('never lets a reader’s query find the tier lexemes', async () => {
    // Most documents are in a tier; no title, author or number here has a word starting with "s1".
    const typed = ['~s1', 's1', '"~s1"', '~s1*', 's1*', '~s', 'title:~s1', '～ｓ１', '~S1 OR ~s2', '\\~s1', 'isbn:~s1', 'callnumber:~s1*', 'sysno:~s1', 'publisher:~s4', '~s12', 'title:~s9'];
    await expectUnreachable(t, typed, ['~s1', '"~s1"', 'cql.anywhere = "~s1"', 'dc.title any "~s1 ~s2"', 's1*', '~s1*']);
  });
});

