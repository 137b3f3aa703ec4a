/**
 * Whatever a reader types: the parser and the analysis never throw, PostgreSQL accepts every
 * tsquery and tsvector they write, and a title typed as it is written finds its record.
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentVector, textQuery, type DocumentText } from '../analysis/index.js';
import type { QueryNode } from './ast.js';
import { parseReaderQuery } from './parse.js';

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
});
afterAll(async () => {
  await pg.close();
});

/** Pieces of queries that exercise the syntax and the analysis, mixed with arbitrary text. */
const PIECES = [
  'AND', 'OR', 'NOT', '(', ')', '（', '）', '"', '“', '”', '「', '」', 'title:', 'author:', 'year:', 'id:', 'library:',
  'isbn:', 'callNumber:', 'sysno:', 'foo:', '题名：', '-', '+', '*', '&&', '||', '与', '或', '非', ' ', ' ', ' ',
  '红楼梦', '紅樓夢', '梦', 'comput*', 'hong', 'lou', 'meng', 'hlm', '\\', "'", ':', '&', '|', '!', 'C++', 'ＡＢＣ',
  '7-02-000220-X', '0028-0836', '10.1038/x', '한국', 'ノルウェイ', '\u0000', '\u0007', '1990-2000', '>2000', 'café',
];
const queryText = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** The text part of a query: year, library and cluster nodes are the index's, not the analysis's. */
function textOnly(node: QueryNode): QueryNode | null {
  switch (node.kind) {
    case 'year':
    case 'library':
    case 'cluster':
      return null;
    case 'and':
    case 'or': {
      const children = node.children.map(textOnly).filter((c): c is QueryNode => c !== null);
      return children.length === 0 ? null : { ...node, children };
    }
    case 'not': {
      const child = textOnly(node.child);
      return child === null ? null : { kind: 'not', child };
    }
    default:
      return node;
  }
}

const EMPTY: DocumentText = {
  titles: [], authors: [], subjects: [], publishers: [], series: [], other: [],
  isbns: [], issns: [], dois: [], callNumbers: [], systemNumbers: [],
};

describe('any input', () => {
  it('parses without throwing, and PostgreSQL accepts the tsquery of what parsed', async () => {
    const samples = fc.sample(queryText, { numRuns: 400, seed: 4 });
    const queries: string[] = [];
    for (const input of samples) {
      const parsed = parseReaderQuery(input);
      if (!parsed.ok) {
        expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
        continue;
      }
      const text = textOnly(parsed.query);
      const q = text === null ? null : textQuery(text);
      if (q !== null) queries.push(q);
    }
    expect(queries.length).toBeGreaterThan(100);
    const r = await pg.query<{ n: number }>('SELECT count(q::tsquery)::int AS n FROM unnest($1::text[]) AS q', [queries]);
    expect(r.rows[0]!.n).toBe(queries.length);
  });

  it('a title finds its record when typed as written, as words or as a phrase', async () => {
    const titles = fc.sample(fc.oneof(queryText, fc.string({ unit: 'grapheme', maxLength: 30 })), { numRuns: 300, seed: 7 });
    const rows: { v: string; q: string }[] = [];
    for (const title of titles) {
      const vector = documentVector({ ...EMPTY, titles: [title], isbns: [title], dois: [title], systemNumbers: [title] });
      for (const node of [{ kind: 'term', field: 'any', text: title, truncated: false }, { kind: 'phrase', field: 'title', text: title }] as QueryNode[]) {
        const q = textQuery(node);
        if (q !== null) rows.push({ v: vector, q });
      }
    }
    expect(rows.length).toBeGreaterThan(100);
    const r = await pg.query<{ missed: string[] }>(
      `SELECT coalesce(array_agg(q), '{}') AS missed FROM unnest($1::text[], $2::text[]) AS t(v, q) WHERE NOT v::tsvector @@ q::tsquery`,
      [rows.map((x) => x.v), rows.map((x) => x.q)],
    );
    expect(r.rows[0]!.missed).toEqual([]);
  });
});
