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
 * best 2,000 with a margin: about 60 % of its matches at 5,000, 18 % at 15,000, 9 % at 35,000,
 * 0.8 % at 380,000 (`history` in the 1 M-cluster benchmark). The thresholds follow the score's
 * steps (ln(1 + libraries) + at most 0.4): 1.095 is "held by two libraries or more" (one scores at
 * most ln 2 + 0.4 = 1.093, two at least ln 3 = 1.0986), 1.5 about three; above 1.8 each tier
 * holds about half the one below in the 1 M-cluster benchmark (scheme 2, session 9: with `~s4` the
 * highest, a broad word's candidates were chosen from 15.5 % of the documents there), and the
 * highest ones wait for networks where more libraries hold a book (ln 50 ≈ 3.9).
 * `share` is the fraction of the 1 M-cluster benchmark's documents in the tier (1–20 libraries a
 * cluster), used until the index's own statistics (ANALYZE) say.
 */
export const STATIC_TIERS: readonly { lexeme: string; from: number; share: number }[] = [
  { lexeme: '~s12', from: 4.2, share: 0 },
  { lexeme: '~s11', from: 3.9, share: 0 },
  { lexeme: '~s10', from: 3.6, share: 0 },
  { lexeme: '~s9', from: 3.42, share: 0.0054 },
  { lexeme: '~s8', from: 3.35, share: 0.011 },
  { lexeme: '~s7', from: 3.2, share: 0.022 },
  { lexeme: '~s6', from: 2.7, share: 0.047 },
  { lexeme: '~s5', from: 2.2, share: 0.091 },
  { lexeme: '~s4', from: 1.8, share: 0.158 },
  { lexeme: '~s3', from: 1.5, share: 0.237 },
  { lexeme: '~s2', from: 1.095, share: 0.406 },
  { lexeme: '~s1', from: 1.0, share: 0.607 },
];

/**
 * The tier scheme documents are written with (`search_documents.static_tiers`, migrations 0032
 * and 0045). Changing STATIC_TIERS changes it: the tier path is then left alone until every
 * document was written again (a migration re-queues them and moves the partial index that finds
 * the others).
 */
export const STATIC_TIER_SCHEME = 2;

/**
 * The tier lexemes of a document with this static score. Compared as the stored `real`
 * (float4) compares: rounding to float4 keeps order, so a document in a tier never sorts below
 * one outside it.
 */
export function staticTierLexemes(staticScore: number): string[] {
  const score = Math.fround(staticScore);
  return STATIC_TIERS.filter((t) => score >= Math.fround(t.from)).map((t) => t.lexeme);
}
