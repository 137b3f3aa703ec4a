/**
 * How many documents a plain AND of words matches, estimated in the server from PostgreSQL's own
 * statistics of the documents (the most common lexemes and their frequencies, kept by ANALYZE):
 * the planner's estimate without asking the planner. A search sure to pass the count cap skips
 * counting its first 5,000 matches only to learn that it is broad (issue 4: "exact counts and
 * facets only below a threshold; above it, estimates marked as such").
 */
import type { Queryable } from '../../../platform/db/index.js';
import { ReadEvery } from './read-every.js';

export interface LexemeStatistics {
  /** Documents in the index (pg_class.reltuples). */
  documents: number;
  /** Share of documents holding each of the most common lexemes. */
  share: ReadonlyMap<string, number>;
}

/** The lexemes of a tsquery that is only quoted lexemes joined by `&` (no OR, NOT, prefix, phrase or weight); else null. */
export function plainLexemes(tsquery: string): string[] | null {
  const inner = tsquery.startsWith('(') && tsquery.endsWith(')') ? tsquery.slice(1, -1) : tsquery;
  const lexeme = /'((?:[^']|'')*)'/y;
  const out: string[] = [];
  let at = 0;
  for (;;) {
    lexeme.lastIndex = at;
    const m = lexeme.exec(inner);
    if (!m) return null;
    out.push(m[1]!.replaceAll("''", "'"));
    at = lexeme.lastIndex;
    if (at === inner.length) return out;
    if (!inner.startsWith(' & ', at)) return null;
    at += 3;
  }
}

/**
 * Matches of all these lexemes together, as the planner reckons them (shares multiplied as if
 * independent); null when one of them is not among the common ones — then it is rarer than
 * any of those, and the query is not broad.
 */
export function estimateMatches(lexemes: readonly string[], stats: LexemeStatistics): number | null {
  if (lexemes.length === 0 || stats.documents <= 0) return null;
  let share = 1;
  for (const l of lexemes) {
    const s = stats.share.get(l);
    if (s === undefined) return null;
    share *= s;
  }
  return Math.round(share * stats.documents);
}

async function readStatistics(db: Queryable): Promise<LexemeStatistics> {
  const { rows } = await db.query<{ documents: number; lexemes: string[] | null; shares: number[] | null }>(
    `SELECT (SELECT reltuples FROM pg_class WHERE oid = 'search_documents'::regclass)::float8 AS documents,
            s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS shares
       FROM (SELECT 1) one
       LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = 'document'`,
  );
  const row = rows[0];
  const share = new Map<string, number>();
  // The shares list ends with three more numbers (least and most common share, null share).
  row?.lexemes?.forEach((l, i) => share.set(l, Number(row.shares![i])));
  return { documents: Math.max(0, Number(row?.documents ?? 0)), share };
}

/** The statistics as last read, read again at most once a minute (ANALYZE runs far less often). */
export class CommonLexemes {
  private readonly stats: ReadEvery<LexemeStatistics>;

  constructor(db: Queryable, maxAgeMs = 60_000) {
    this.stats = new ReadEvery(() => readStatistics(db), maxAgeMs);
  }

  /** Share of documents holding each of the most common lexemes. */
  async shares(): Promise<ReadonlyMap<string, number>> {
    return (await this.stats.current()).share;
  }

  async estimate(tsquery: string): Promise<number | null> {
    const lexemes = plainLexemes(tsquery);
    return lexemes === null ? null : estimateMatches(lexemes, await this.stats.current());
  }
}
