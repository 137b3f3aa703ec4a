/**
 * How many documents a plain AND of words matches, estimated in the server from PostgreSQL's own
 * statistics of the documents (the most common lexemes and their frequencies, kept by ANALYZE):
 * the planner's estimate without asking the planner. A search sure to pass the count cap skips
 * counting its first 5,000 matches only to learn that it is broad (issue 4: "exact counts and
 * facets only below a threshold; above it, estimates marked as such").
 */
import type { Queryable } from '../../../platform/db/index.js';
import { textQuery } from '../domain/analysis/index.js';
import type { QueryNode } from '../domain/query/ast.js';
import { ReadEvery } from './read-every.js';

export interface LexemeStatistics {
  /** Documents in the index (pg_class.reltuples). */
  documents: number;
  /** Share of documents holding each of the most common lexemes. */
  share: ReadonlyMap<string, number>;
  /** The least share among them: a lexeme not listed is held by fewer documents than that. */
  rarest: number;
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

/**
 * The most documents a query can match, as the statistics tell it, or null when they cannot bound
 * it (a prefix, a year, a library, an exact title, no statistics): AND at most its narrowest part,
 * OR at most the sum of its parts, a part of a word's query (its stems, pinyin forms, bigrams, OR-ed
 * or chained) at most the sum of its lexemes' shares — a lexeme not among the common ones is held
 * by fewer documents than the rarest one listed. A bound, not an estimate: it never guesses low
 * for words that come together (jazz, ensembles).
 */
export function matchesAtMost(node: QueryNode, stats: LexemeStatistics): number | null {
  if (stats.documents <= 0 || stats.share.size === 0) return null;
  const bound = (n: QueryNode): number => {
    switch (n.kind) {
      case 'term':
      case 'phrase':
      case 'exact': {
        if (n.kind === 'exact' && (n.field === 'title' || n.field === 'author')) return Infinity;
        const tq = textQuery(n);
        return tq === null ? 0 : tsqueryShare(tq, stats) * stats.documents;
      }
      case 'and':
        return Math.min(...n.children.map(bound));
      case 'or':
        return n.children.reduce((sum, c) => sum + bound(c), 0);
      case 'cluster':
        return 1;
      default:
        return Infinity;
    }
  };
  const b = bound(node);
  return Number.isFinite(b) ? Math.ceil(Math.min(b, stats.documents)) : null;
}

/**
 * The most a query can match by the lexemes the statistics list alone (matchesAtMost with a lexeme
 * not among the common ones held by no document): past the rank cap, the statistics know the words
 * to be frequent. A word outside the list is rarer than the rarest listed (≈ 4,300 of 1 M documents
 * in the benchmark's catalogue), which says nothing of whether it passes the rank cap of 2,000:
 * keeping its answer would be a guess (docs/search.md, session 12, "Only words known frequent kept").
 */
export function listedMatchesAtMost(node: QueryNode, stats: LexemeStatistics): number | null {
  return matchesAtMost(node, { ...stats, rarest: 0 });
}

/**
 * The most a tsquery of textQuery's making can match, as a share of the documents: `&` and `<N>` at
 * most their narrower side, `|` at most the sum; a prefix (`:*`), a NOT or anything unreadable
 * cannot be bounded (Infinity: the search is then run as any other).
 */
export function tsqueryShare(tsquery: string, stats: LexemeStatistics): number {
  try {
    return boundOf(tsquery, stats);
  } catch {
    return Infinity;
  }
}

function boundOf(tsquery: string, stats: LexemeStatistics): number {
  const token = /\s*(?:'((?:[^']|'')*)'(:[*A-D]*)?|(\|)|(&|<(?:-|\d+)>)|(\()|(\))|(!))/y;
  let at = 0;
  let peeked: RegExpExecArray | null = null;
  const peek = (): RegExpExecArray | null => {
    if (peeked === null) {
      token.lastIndex = at;
      peeked = token.exec(tsquery);
    }
    return peeked;
  };
  const take = (): RegExpExecArray => {
    const t = peek();
    if (t === null) throw new Error(`unreadable tsquery at ${at}: ${tsquery}`);
    at = token.lastIndex;
    peeked = null;
    return t;
  };
  const operand = (): number => {
    const t = take();
    if (t[1] !== undefined) return t[2]?.includes('*') ? Infinity : stats.share.get(t[1].replaceAll("''", "'")) ?? stats.rarest;
    if (t[5] !== undefined) {
      const inner = either();
      take();
      return inner;
    }
    if (t[7] !== undefined) {
      operand();
      return Infinity;
    }
    throw new Error(`unexpected ${t[0]} in tsquery: ${tsquery}`);
  };
  const both = (): number => {
    let share = operand();
    while (peek()?.[4] !== undefined) {
      take();
      share = Math.min(share, operand());
    }
    return share;
  };
  const either = (): number => {
    let share = both();
    while (peek()?.[3] !== undefined) {
      take();
      share += both();
    }
    return share;
  };
  const share = either();
  if (peek() !== null) throw new Error(`unread rest of tsquery at ${at}: ${tsquery}`);
  return share;
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
  const listed = [...share.values()];
  const rarest = row?.lexemes && row.shares && row.shares.length > row.lexemes.length ? Number(row.shares[row.lexemes.length]) : Math.min(1, ...listed);
  return { documents: Math.max(0, Number(row?.documents ?? 0)), share, rarest };
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

  /** The most documents this query can match (matchesAtMost), or null when the statistics cannot say. */
  async atMost(query: QueryNode): Promise<number | null> {
    return matchesAtMost(query, await this.stats.current());
  }

  /** The most this query can match by the listed lexemes alone (listedMatchesAtMost). */
  async listedAtMost(query: QueryNode): Promise<number | null> {
    return listedMatchesAtMost(query, await this.stats.current());
  }

  async estimate(tsquery: string): Promise<number | null> {
    const lexemes = plainLexemes(tsquery);
    return lexemes === null ? null : estimateMatches(lexemes, await this.stats.current());
  }
}
