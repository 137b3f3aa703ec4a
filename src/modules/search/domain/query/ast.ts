/**
 * The one shape every way of asking takes (issue 4): the reader's box and the staff's advanced
 * form (`parseReaderQuery`), CQL from SRU (`sru/cql`), OpenURL citations. The index compiles it
 * (`compileQuery`); nothing downstream knows which language the question came in.
 */

/** Where a word is looked for. `any` is every field (keyword, CQL `cql.serverChoice`). */
export const SEARCH_FIELDS = [
  'any', 'title', 'author', 'subject', 'publisher', 'series',
  'isbn', 'issn', 'doi', 'callNumber', 'systemNumber',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Fields whose value is one token compared whole (identifiers), not words. */
export const IDENTIFIER_FIELDS: ReadonlySet<SearchField> = new Set(['isbn', 'issn', 'doi', 'callNumber', 'systemNumber']);

export type QueryNode =
  /** One word as typed (a CJK run counts as one "word": the analysis splits it). `truncated`: `comput*`. */
  | { kind: 'term'; field: SearchField; text: string; truncated: boolean }
  /** Words in this order, next to each other ("quoted", CQL `adj`). */
  | { kind: 'phrase'; field: SearchField; text: string }
  /** The whole field equals this (CQL `==`), compared folded. Title and author only; else a phrase. */
  | { kind: 'exact'; field: SearchField; text: string }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  /** `a NOT b` is and(a, not(b)); a NOT alone at the top matches nothing useful and is refused by parsers. */
  | { kind: 'not'; child: QueryNode }
  /** Publication year between, inclusive; either end open (CQL `dc.date >= 1990`, reader `year:1990-2000`). */
  | { kind: 'year'; from: number | null; to: number | null }
  /** Held by this library (symbol), CQL `holdingLibrary` / `bath.possessingInstitution`. */
  | { kind: 'library'; symbol: string }
  /** This cluster (CQL `rec.id`, reader `id:123`). */
  | { kind: 'cluster'; id: number };

/** A query that cannot be understood: where (0-based offset in the input) and why, for a 400 or an SRU diagnostic. */
export interface QuerySyntaxError {
  offset: number;
  /** A stable reason code: 'unbalanced-quote', 'unbalanced-parenthesis', 'operator-without-operand', 'unknown-field', 'empty', 'too-long', 'bad-year', 'bad-id', 'not-alone', 'too-complex'. */
  reason: string;
  /** The part of the input at fault, for the message. */
  near: string;
}

export type ParsedQuery = { ok: true; query: QueryNode } | { ok: false; error: QuerySyntaxError };

/** Longest query any parser accepts (characters), and most nodes: long queries are refused, not run for minutes. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_NODES = 64;
