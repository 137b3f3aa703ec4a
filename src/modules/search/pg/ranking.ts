/**
 * Relevance a librarian accepts (issue 4, "Ranking"): title matches over author over subject over
 * the rest (tsvector weights A, B, C, D), the exact title and the words as a phrase in the title
 * first, then how many libraries hold it and recency (the static score). One SQL expression, and
 * its parts by name for `debug=1`.
 */
import { foldText, textQuery } from '../domain/analysis/index.js';
import type { QueryNode } from '../domain/query/ast.js';
import type { Params } from './query-sql.js';

/**
 * ts_rank weights for D, C, B, A (PostgreSQL's order): PostgreSQL's own defaults, so the score
 * calls ts_rank without them — the same rank, without reading a weights array for every match.
 */
export const FIELD_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';

export const RANK_PARTS = {
  text: 2.0,
  exactTitle: 1.0,
  titlePhrase: 0.5,
  holdingsAndRecency: 0.15,
} as const;

export interface RankingSql {
  /** The score expression over `d`. */
  score: string;
  /** Each part's expression, for explanations. */
  parts: { what: string; sql: string; weight: number }[];
}

/** The ranking of a query's positive words (leaves not under NOT); static order only when it has none. */
export function rankingSql(leaves: readonly QueryNode[], params: Params): RankingSql {
  const words = leaves.map((l) => (l.kind === 'term' || l.kind === 'phrase' || l.kind === 'exact' ? l.text : '')).filter((t) => t !== '');
  const parts: RankingSql['parts'] = [];
  const any = leaves.length > 0 ? textQuery(leaves.length === 1 ? leaves[0]! : { kind: 'or', children: [...leaves] }) : null;
  if (any !== null) parts.push({ what: 'text', weight: RANK_PARTS.text, sql: `ts_rank(d.document, ${params.add(any)}::tsquery)::float8` });
  const whole = words.join(' ');
  if (whole !== '') parts.push({ what: 'exactTitle', weight: RANK_PARTS.exactTitle, sql: `(d.title_key = ${params.add(foldText(whole))})::int::float8` });
  if (words.length > 1 || (words.length === 1 && /\s/.test(words[0]!))) {
    const phrase = textQuery({ kind: 'phrase', field: 'title', text: whole });
    if (phrase !== null) parts.push({ what: 'titlePhrase', weight: RANK_PARTS.titlePhrase, sql: `(d.document @@ ${params.add(phrase)}::tsquery)::int::float8` });
  }
  parts.push({ what: 'holdingsAndRecency', weight: RANK_PARTS.holdingsAndRecency, sql: 'd.static_score::float8' });
  return { score: parts.map((p) => `${p.weight} * ${p.sql}`).join(' + '), parts };
}
