/**
 * Whether searches may filter through the filter lexemes (domain/document/filter-lexemes.ts;
 * docs/search.md, "Filters in the text index"): only while every document is written with the
 * current scheme (`search_documents.filter_lexemes`, migration 0040, whose partial index holds
 * exactly the others). Until then — the re-index after an upgrade, a node of an older version still
 * indexing — a document without its lexemes would be missed, and searches filter through the columns.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { FILTER_LEXEME_SCHEME } from '../domain/document/filter-lexemes.js';
import { ReadEvery } from './read-every.js';

export class FilterLexemes {
  private readonly written: ReadEvery<boolean>;

  constructor(db: Queryable, maxAgeMs = 60_000) {
    this.written = new ReadEvery(async () => {
      const { rows } = await db.query<{ written: boolean }>(
        `SELECT NOT EXISTS (SELECT 1 FROM search_documents WHERE filter_lexemes <> ${FILTER_LEXEME_SCHEME}) AS written`,
      );
      return rows[0]!.written;
    }, maxAgeMs);
  }

  inForce(): Promise<boolean> {
    return this.written.current();
  }
}
