import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/index.js';
import { Params } from '../../src/modules/search/pg/query-sql.js';
import { keepRankedAnswer } from '../../src/modules/search/pg/ranked-answers.js';
import { testDatabase } from '../support/database.js';

/**
 * A ranked answer computed while an indexer's transaction is writing must not be kept: it was
 * ranked from the documents before that write, and the indexer has already forgotten (or found
 * nothing to forget) what it matches. The store waits for the indexer's hold on the generation and
 * then sees it changed (docs/search.md, "Frequent words ranked once"). Needs two connections.
 */
describe('keeping a ranked answer beside an indexer on a PostgreSQL server', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db?.close());

  const keep = (key: string): Promise<boolean> => {
    const params = new Params();
    const where = `d.document @@ ${params.add("'music'")}::tsquery`;
    return keepRankedAnswer(db, key, "'music'", {
      where,
      score: 'd.static_score::float8',
      bestPlaced: `ARRAY(SELECT d.ctid FROM search_documents d WHERE ${where} ORDER BY d.static_score DESC, d.cluster_id LIMIT 5)`,
      params,
      countCap: 10,
      rankCap: 5,
    });
  };
  const kept = async (): Promise<string[]> => (await db.query<{ query_key: string }>('SELECT query_key FROM search_ranked_answers ORDER BY 1')).rows.map((r) => r.query_key);

  it('keeps an answer with no write in between, and none computed while an indexer writes', async () => {
    expect(await keep('quiet')).toBe(true);
    let stored: Promise<boolean> | null = null;
    let settled = false;
    await db.transaction(async (tx) => {
      // What writeDocuments does first: the next generation, held until commit.
      await tx.query('UPDATE search_index_state SET generation = generation + 1');
      stored = keep('during a write');
      void stored.then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Waiting on the generation the indexer holds.
      expect(settled).toBe(false);
    });
    expect(await stored!).toBe(false);
    expect(await kept()).toEqual(['quiet']);
  });
});
