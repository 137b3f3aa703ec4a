/**
 * Static-score tiers (docs/search.md, "Static-score tiers"): a lexeme in every document whose
 * static score reaches a tier's threshold, so that GIN finds "the query's matches in the tier"
 * directly. When that holds at least the rank cap, the tier's best by static score are exactly
 * the query's best: every document outside the tier scores lower than every one inside.
 *
 * The lexemes start with "~", which the tokenizer never yields and every tagged lexeme has a tag
 * before: no reader's query can ask for them. A document carries every tier it reaches (`~s1` and
 * `~s2` for a score above both), written without positions, so they change no phrase and no rank.
 */

/**
 * The tiers, highest threshold first. A query past the count cap (5,000) needs a tier holding its
 * best 2,000 with a margin: about 60 % of its matches at 5,000, 18 % at 15,000, 9 % at 35,000.
 * The thresholds follow the score's steps (ln(1 + libraries) + at most 0.4): 1.095 is "held by
 * two libraries or more" (one scores at most ln 2 + 0.4 = 1.093, two at least ln 3 = 1.0986),
 * 1.5 about three. `share` is the fraction of the SRU benchmark's 73,156 documents in the tier,
 * used until the index's own statistics (ANALYZE) say.
 */
export const STATIC_TIERS: readonly { lexeme: string; from: number; share: number }[] = [
  { lexeme: '~s4', from: 1.8, share: 0.045 },
  { lexeme: '~s3', from: 1.5, share: 0.089 },
  { lexeme: '~s2', from: 1.095, share: 0.18 },
  { lexeme: '~s1', from: 1.0, share: 0.6 },
];

/**
 * The tier scheme documents are written with (`search_documents.static_tiers`, migration 0032).
 * Changing STATIC_TIERS changes it: the tier path is then left alone until every document was
 * written again (a migration re-queues them).
 */
export const STATIC_TIER_SCHEME = 1;

/**
 * The tier lexemes of a document with this static score. Compared as the stored `real`
 * (float4) compares: rounding to float4 keeps order, so a document in a tier never sorts below
 * one outside it.
 */
export function staticTierLexemes(staticScore: number): string[] {
  const score = Math.fround(staticScore);
  return STATIC_TIERS.filter((t) => score >= Math.fround(t.from)).map((t) => t.lexeme);
}
