import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { PgSearchIndex, type SearchLimits } from '../../src/modules/search/pg/pg-search-index.js';
import { FACET_NAMES, type SearchFilters, type SearchRequest, type SearchResult } from '../../src/modules/search/search-index.js';
import type { MarcRecord } from '../../src/modules/catalog/domain/marc/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, anAlliance } from '../network/factories.js';
import { expectUnreachable, parsed } from './ranking.fixture.js';
import { aBook, asInput } from '../catalog/records.js';

/** A valid ISBN-13 for n, so that copies in several libraries cluster. */
function isbn(n: number): string {
  const body = `978${String(200_000_000 + n).slice(1)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

const LIBRARIES = ['CN-FA', 'CN-FB', 'CN-FC', 'CN-FD', 'CN-FE'];
/** Years on both sides of decade and century bounds, and the first and last the catalogue knows. */
const YEARS = [1899, 1900, 1949, 1950, 1951, 1959, 1960, 1999, 2000, 2005, 2026, 1000, 1234, 2099];

/** A book of another format (leader/06) and language (008/35-37) than aBook's. */
function varied(record: MarcRecord, format: 'book' | 'audio', language: string): MarcRecord {
  return {
    leader: format === 'audio' ? `${record.leader.slice(0, 6)}j${record.leader.slice(7)}` : record.leader,
    fields: record.fields.map((f) => ('value' in f && f.tag === '008' ? { ...f, value: `${f.value.slice(0, 35)}${language}${f.value.slice(38)}` } : f)),
  };
}

/**
 * A search of words with filters is one GIN scan over the filter lexemes (docs/search.md,
 * "Filters in the text index"). The answer must be the one the columns give: same totals, hits,
 * order, facets.
 */
describe('filter lexemes', () => {
  let t: TestApp;
  const books = Array.from({ length: 56 }, (_, k) => ({
    k,
    holders: [1, 1, 1, 2, 2, 3, 4, 5][k % 8]!,
    format: k % 5 === 0 ? ('audio' as const) : ('book' as const),
    language: k % 7 === 0 ? 'ger' : k % 3 === 0 ? 'eng' : 'chi',
    spec: {
      id: `f${k}`,
      title: `${k % 4 === 0 ? 'Physics and science' : 'Science'} notes ${k}`,
      author: k % 3 === 0 ? 'Curie, Marie' : 'Feynman, Richard',
      year: YEARS[k % YEARS.length]!,
      isbn: isbn(k),
    },
  }));

  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, {
      libraries: LIBRARIES.map((symbol, i) => aLibrary({ symbol, province: i < 3 ? 'CN-JS' : 'CN-GD' })),
      alliances: [
        anAlliance({ code: 'FALL', members: LIBRARIES.slice(0, 3).map((library) => ({ library, role: 'member' as const })) }),
        anAlliance({ code: 'FSOUTH', members: LIBRARIES.slice(3).map((library) => ({ library, role: 'member' as const })) }),
      ],
    });
    for (const [i, library] of LIBRARIES.entries()) {
      // Each library holds a different slice, so that library filters and facets differ.
      const held = books.filter((b) => (b.k + i) % 5 < b.holders);
      await ingestRecords(t.db, {
        library,
        records: held.map((b) => asInput(varied(aBook({ ...b.spec, id: `${b.spec.id}-${i}`, holding: { library, ...(b.k % 3 !== 1 ? { barcode: `${library}-${b.k}` } : {}) } }), b.format, b.language))),
        via: 'test',
      });
    }
    await searchIndexFor(t.db).catchUp();
    await t.db.query('ANALYZE search_documents');
  }, 180_000);
  afterAll(() => t?.close());

  const limits = (rankCap: number, filterLexemes: boolean): SearchLimits =>
    ({ countCap: rankCap === 2000 ? 5000 : rankCap + 1, rankCap, maxOffset: 100, statementTimeoutMs: 10_000, cachedAnswers: 0, filterLexemes });
  /** What a reader sees; past the count cap the total and facet counts are estimates (the planner's, for either condition): their values then, not their counts. */
  const seen = (r: SearchResult) => ({
    total: r.totalEstimated ? 'estimated' : r.total,
    hits: r.hits.map((h) => [h.clusterId, h.score]),
    next: r.next,
    facets: r.facets.map((f) => ({ name: f.name, estimated: f.estimated, values: f.estimated ? f.values.map((v) => v.value).sort() : f.values })),
  });

  it('writes each document’s format, language, year buckets, libraries, alliances and availability', async () => {
    const { rows } = await t.db.query<{ format: string; language: string; year: number; library_ids: string[]; alliance_ids: string[]; available_copies: number; filter_lexemes: number; lexemes: string[] }>(
      `SELECT format, language, year, library_ids, alliance_ids, available_copies, filter_lexemes,
              ARRAY(SELECT l FROM unnest(document) u(l) WHERE l LIKE '~%' AND l NOT LIKE '~s%' ORDER BY l) AS lexemes FROM search_documents`,
    );
    expect(rows).toHaveLength(56);
    expect(new Set(rows.map((r) => r.format))).toEqual(new Set(['book', 'audio']));
    for (const r of rows) {
      expect(r.filter_lexemes).toBe(1);
      const expected = [
        `~f:${r.format}`, `~l:${r.language}`, `~y:${Math.floor(r.year / 10)}`, `~c:${Math.floor(r.year / 100)}`,
        ...r.library_ids.map((id) => `~h:${id}`), ...r.alliance_ids.map((id) => `~a:${id}`), ...(r.available_copies > 0 ? ['~av'] : []),
      ].sort();
      expect(r.lexemes).toEqual(expected);
    }
  });

  it('answers filtered searches as the columns do, whatever the caps', async () => {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM libraries WHERE symbol = 'CN-FB'`);
    const viewer = { libraryId: Number(rows[0]!.id) };
    const filters: SearchFilters[] = [
      { format: ['audio'] }, { format: ['book', 'audio'] }, { language: ['eng'] }, { language: ['eng', 'ger'] }, { language: ['fre'] },
      { year: [{ from: null, to: 1950 }] }, { year: [{ from: 2000, to: null }] }, { year: [{ from: 1950, to: 1959 }] },
      { year: [{ from: 1900, to: 1999 }] }, { year: [{ from: 1901, to: 2004 }, { from: 1000, to: 1000 }] }, { year: [{ from: null, to: null }] },
      { year: [{ from: 1960, to: 1950 }] }, { year: [{ from: 2090, to: 2200 }] },
      { library: ['CN-FB'] }, { library: ['CN-FA', 'CN-FE'] }, { library: ['CN-NONE'] }, { alliance: ['FSOUTH'] }, { alliance: ['FALL', 'FSOUTH'] },
      { availability: ['anywhere'] }, { availability: ['my-library'] }, { availability: ['my-alliance', 'anywhere'] },
      { format: ['book'], language: ['eng'], year: [{ from: null, to: 1950 }] },
      { format: ['book'], year: [{ from: 2000, to: null }], library: ['CN-FA'], availability: ['anywhere'] },
      { language: ['chi'], subject: ['nothing'] }, { author: ['Curie, Marie'], alliance: ['FALL'] },
    ];
    const queries = ['science', 'physics OR curie', 'title:science', 'science -physics', 'scien*'];
    let compared = 0;
    for (const rankCap of [3, 2000]) {
      const lexemes = new PgSearchIndex(t.db, limits(rankCap, true));
      const columns = new PgSearchIndex(t.db, limits(rankCap, false));
      for (const q of queries) {
        for (const f of filters) {
          for (const request of [
            { query: parsed(q), limit: 50, filters: f, facets: [...FACET_NAMES], viewer },
            { query: parsed(q), limit: 3, offset: 1, filters: f },
          ] satisfies SearchRequest[]) {
            const a = seen(await lexemes.search(request));
            expect(a, `${q} ${JSON.stringify(f)} rankCap ${rankCap}`).toEqual(seen(await columns.search(request)));
            if (a.hits.length > 0) compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(250);
  }, 300_000);

  it('filters through the lexemes only while every document carries them', async () => {
    const { rows } = await t.db.query<{ cluster_id: string }>(
      `SELECT cluster_id FROM search_documents WHERE format = 'audio' AND document @@ 'scienc'::tsquery ORDER BY cluster_id LIMIT 1`,
    );
    const odd = Number(rows[0]!.cluster_id);
    const request = { query: parsed('science'), limit: 50, filters: { format: ['audio'] } };
    try {
      // Its format lexeme taken away, as a document written before them has none.
      await t.db.query(`UPDATE search_documents SET document = ts_delete(document, ARRAY['~f:audio']) WHERE cluster_id = $1`, [odd]);
      const plain = seen(await new PgSearchIndex(t.db, limits(2000, false)).search(request));
      expect(plain.hits.map((h) => h[0])).toContain(odd);
      // Marked as written with them, it is missed: the lexemes are really what filtered.
      const missed = seen(await new PgSearchIndex(t.db, limits(2000, true)).search(request));
      expect(missed.hits.map((h) => h[0])).not.toContain(odd);
      // Marked as written without them (as an older version writes), the columns filter.
      await t.db.query('UPDATE search_documents SET filter_lexemes = 0 WHERE cluster_id = $1', [odd]);
      expect(seen(await new PgSearchIndex(t.db, limits(2000, true)).search(request))).toEqual(plain);
    } finally {
      await searchIndexFor(t.db).refresh([odd]);
    }
    const again = await t.db.query<{ filter_lexemes: number }>('SELECT filter_lexemes FROM search_documents WHERE cluster_id = $1', [odd]);
    expect(again.rows[0]!.filter_lexemes).toBe(1);
  });

  it('never lets a reader’s query find the filter lexemes', async () => {
    const typed = ['~f:book', '~fbook', 'f:book', '"~f:book"', '~av', 'av', '~h:1', 'h:1', '~y:195', '~c:19', 'c:19', '~l:chi', '~a:1', '~av*', '~y*', '~*', 'title:~av', '～ａｖ', 'isbn:~f:book', 'callnumber:~h*', 'sysno:~av'];
    await expectUnreachable(t, typed, ['~av', '"~f:book"', 'cql.anywhere = "~l:chi"', 'dc.title any "~av ~h:1"', '~y*', 'dc.date = "~y:195"']);
  });
});

