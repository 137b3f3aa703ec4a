/**
 * "Did you mean" (issue 4): for a query with few hits, each word typed is compared with the words
 * of titles and authors in the index by trigram similarity (pg_trgm), and the query is offered
 * again with the closest frequent word in its place.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { foldText } from '../domain/analysis/index.js';
import type { QueryNode } from '../domain/query/ast.js';
import { renderQuery, replaceTerms } from '../domain/query/render.js';

const MIN_SIMILARITY = 0.4;

function termsOf(node: QueryNode): string[] {
  switch (node.kind) {
    case 'term':
      return node.truncated || !['any', 'title', 'author'].includes(node.field) ? [] : [node.text];
    case 'and':
    case 'or':
      return node.children.flatMap(termsOf);
    default:
      return [];
  }
}

export async function suggestionsFor(tx: Queryable, query: QueryNode): Promise<string[]> {
  // Latin words only: trigrams of Chinese characters say little, and pinyin is found anyway.
  const words = [...new Set(termsOf(query).map((t) => foldText(t)).filter((w) => /^[a-z][a-z'-]{2,}$/.test(w)))];
  if (words.length === 0) return [];
  const { rows } = await tx.query<{ word: string; term: string }>(
    `SELECT w.word, best.term
       FROM unnest($1::text[]) AS w(word)
       CROSS JOIN LATERAL (
         SELECT t.term FROM search_terms t
          WHERE t.term % w.word AND t.term <> w.word AND similarity(t.term, w.word) >= ${MIN_SIMILARITY}
          ORDER BY similarity(t.term, w.word) DESC, t.documents DESC, t.term LIMIT 1) AS best`,
    [words],
  );
  if (rows.length === 0) return [];
  const better = new Map(rows.map((r) => [r.word, r.term]));
  const known = await tx.query<{ term: string }>('SELECT term FROM search_terms WHERE term = ANY($1::text[])', [words]);
  // A word the index has often enough is not a typo: only unknown words are replaced.
  for (const k of known.rows) better.delete(k.term);
  if (better.size === 0) return [];
  const replaced = replaceTerms(query, (text) => better.get(foldText(text)));
  return [renderQuery(replaced)];
}
