/**
 * What the tests of the ranking paths share (one pass, kept ranked answers, static-score tiers,
 * filter lexemes): a small catalogue of common and rarer words, reader queries parsed, and the
 * check that no reader can type the index's own lexemes.
 */
import { expect } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { textQuery } from '../../src/modules/search/domain/analysis/index.js';
import { parseReaderQuery } from '../../src/modules/search/domain/query/parse.js';
import type { QueryNode } from '../../src/modules/search/domain/query/ast.js';
import type { TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';
import { aBook, asInput } from '../catalog/records.js';

/** A reader's query, parsed (the test's own text: it must parse). */
export function parsed(text: string): QueryNode {
  const p = parseReaderQuery(text);
  if (!p.ok) throw new Error(text);
  return p.query;
}

/** 60 books: common words (music, notes) and rarer ones (violin, cello, organ), some held by several libraries. */
export function musicBooks(idPrefix: string) {
  return Array.from({ length: 60 }, (_, k) => ({
    k,
    holders: [1, 1, 1, 2, 3][k % 5]!,
    spec: {
      id: `${idPrefix}${k}`,
      title: `${['Violin', 'Cello', 'Organ', 'Music', 'Music'][k % 5]} notes ${k % 7 === 0 ? 'and studies' : 'for players'} ${k}`,
      author: k % 4 === 0 ? 'Bach, Johann Sebastian' : 'Casals, Pablo',
      year: 1940 + ((k * 11) % 80),
    },
  }));
}

/** The libraries, each book held by the first `holders` of them, indexed, with fresh statistics (what the paths choose by). */
export async function holdAndIndex(t: TestApp, libraries: readonly string[], books: ReturnType<typeof musicBooks>): Promise<void> {
  await importNetwork(t.db, { libraries: libraries.map((symbol) => aLibrary({ symbol })) });
  for (const [i, library] of libraries.entries()) {
    const held = books.filter((b) => b.holders > i);
    await ingestRecords(t.db, { library, records: held.map((b) => asInput(aBook({ ...b.spec, id: `${b.spec.id}-${i}`, holding: { library } }))), via: 'test' });
  }
  await searchIndexFor(t.db).catchUp();
  await t.db.query('ANALYZE search_documents');
}

/**
 * None of `typed` (the reader's box) and `cql` (SRU) reaches a lexeme starting with `~` — the
 * index's own (tiers, filters): each finds nothing or is refused.
 */
export async function expectUnreachable(t: TestApp, typed: readonly string[], cql: readonly string[]): Promise<void> {
  for (const q of typed) {
    const p = parseReaderQuery(q);
    if (!p.ok) continue;
    expect(textQueryOf(p.query), q).not.toMatch(/'~/);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}` });
    if (res.statusCode === 200) expect(res.json<{ total: number }>().total, q).toBe(0);
    else expect(res.statusCode, q).toBe(400);
  }
  for (const query of cql) {
    const res = await t.app.inject({ method: 'GET', url: `/sru?${new URLSearchParams({ version: '1.2', operation: 'searchRetrieve', query })}` });
    expect(res.statusCode).toBe(200);
    const n = /numberOfRecords>(\d+)</.exec(res.body);
    // Either nothing found, or a diagnostic (no count).
    if (n) expect(Number(n[1]), query).toBe(0);
    else expect(res.body, query).toMatch(/diagnostic/);
  }
}

/** The tsquery of a query's text parts. */
function textQueryOf(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'exact':
      return textQuery(node) ?? '';
    case 'and':
    case 'or':
      return node.children.map(textQueryOf).join(' ');
    case 'not':
      return textQueryOf(node.child);
    default:
      return '';
  }
}
