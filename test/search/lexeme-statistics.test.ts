import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db/index.js';
import { testDatabase } from '../support/database.js';

/**
 * The documents' lexeme statistics list every word past the rank cap (migration 0052; docs/search.md,
 * session 13): the column's statistics target is 300 — 3,000 lexemes listed, the rarest held by
 * 0.18 % of the REST benchmark's 1 M documents, under the rank cap's 0.2 % — not the default 100
 * (1,000 lexemes, rarest 0.44 %) and not more (planning a text search reads the whole list).
 */
describe('lexeme statistics of the documents', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDatabase();
  }, 60_000);
  afterAll(() => db?.close());

  it('keeps 3,000 of the document column’s most common lexemes, a table setting and not the server’s', async () => {
    const { rows } = await db.query<{ target: number }>(
      `SELECT attstattarget AS target FROM pg_attribute WHERE attrelid = 'search_documents'::regclass AND attname = 'document'`,
    );
    expect(Number(rows[0]!.target)).toBe(300);
    const others = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_attribute WHERE attrelid = 'search_documents'::regclass AND attnum > 0 AND attname <> 'document' AND attstattarget >= 0`,
    );
    expect(Number(others.rows[0]!.n)).toBe(0);
  });
});
