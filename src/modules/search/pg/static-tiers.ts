/**
 * Choosing a broad query's best-placed candidates through a static-score tier
 * (domain/document/static-tiers.ts; docs/search.md "Static-score tiers"): GIN finds the query's
 * matches in the tier directly, instead of the static-score index being walked and each
 * document's tsvector tested, or every match read and sorted.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { STATIC_TIER_SCHEME, STATIC_TIERS } from '../domain/document/static-tiers.js';
import type { CommonLexemes } from './common-lexemes.js';
import { ReadEvery } from './read-every.js';

/** A tier is tried first when it should hold this many times the rank cap: a miss costs a second look. */
const MARGIN = 1.5;

/** After a miss, the next tier tried is expected to hold at least this many times the missed one. */
const SPACING = 2;

/**
 * Whether every document is written with the current tiers (`search_documents.static_tiers`,
 * migration 0032, whose partial index holds exactly the others). Until then — the re-index after
 * an upgrade, a node of an older version still indexing — a tier could miss a document that
 * belongs in it, and the tiers are not used.
 */
async function everyDocumentTiered(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ tiered: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM search_documents WHERE static_tiers <> ${STATIC_TIER_SCHEME}) AS tiered`,
  );
  return rows[0]!.tiered;
}

/** What a search needs to choose a tier: whether the tiers may be used, and each one's share of the documents. */
export class StaticTiers {
  private readonly tiered: ReadEvery<boolean>;

  constructor(
    db: Queryable,
    private readonly lexemes: CommonLexemes,
    maxAgeMs = 60_000,
  ) {
    this.tiered = new ReadEvery(() => everyDocumentTiered(db), maxAgeMs);
  }

  /**
   * Each tier's share of the documents: the statistics' (a tier they do not list is rarer than any
   * lexeme they do: none, or too few to hold a broad query's best), else, before the first
   * ANALYZE, the scheme's own figures; null while the tiers may not be used.
   */
  async shares(): Promise<ReadonlyMap<string, number> | null> {
    const [tiered, known] = await Promise.all([this.tiered.current(), this.lexemes.shares()]);
    if (!tiered) return null;
    return new Map(STATIC_TIERS.map((t) => [t.lexeme, known.get(t.lexeme) ?? (known.size > 0 ? 0 : t.share)]));
  }
}

/**
 * The tiers to try, in order, for the best `rankCap` of about `matches` matches: the highest tier
 * expected to hold them with a margin, then lower ones, each expected to hold at least twice the
 * one tried before it (a tier missed by a query its words' estimate overrated is missed by its
 * near neighbour too; every try is one more GIN scan to plan); the caller falls back to all
 * matches after the last. Empty when even the lowest tier is not expected to hold enough.
 */
export function tiersToTry(matches: number, rankCap: number, shares: ReadonlyMap<string, number>): string[] {
  const expected = STATIC_TIERS.map((t) => ({ lexeme: t.lexeme, holds: (shares.get(t.lexeme) ?? t.share) * matches }));
  const first = expected.findIndex((t) => t.holds >= MARGIN * rankCap);
  if (first < 0) {
    const lowest = expected[expected.length - 1];
    return lowest !== undefined && lowest.holds >= rankCap ? [lowest.lexeme] : [];
  }
  const tried = [expected[first]!];
  for (const t of expected.slice(first + 1)) if (t.holds >= SPACING * tried[tried.length - 1]!.holds) tried.push(t);
  return tried.map((t) => t.lexeme);
}
