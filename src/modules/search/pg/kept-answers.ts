/**
 * The search's side of kept ranked answers (ranked-answers.ts): which searches are of frequent
 * words, the page from a kept answer, ranked and kept first when there is none. Moved out of
 * pg-search-index.ts (session 11), behaviour unchanged.
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { QueryNode } from '../domain/query/ast.js';
import type { SearchRequest } from '../search-index.js';
import { bestPlacedPlaces } from './best-placed.js';
import type { PageAt } from './ranked-pages.js';
import { Params, positiveLeaves, soleTextQuery } from './query-sql.js';
import { tiersToTry } from './static-tiers.js';
import { rankingSql } from './ranking.js';
import { RecentlyUsed } from './result-cache.js';
import { createHash } from 'node:crypto';
import { keptFacetsSql, type KeptFacetsAsk } from './kept-facets.js';
import { scopeLibraries } from './query-sql.js';
import { MOST_RANKED_ANSWERS, keepRankedAnswer, rankedAnswerPage, type RankedAnswerPage } from './ranked-answers.js';

/** Matches from which a search's ranking costs more than reading its kept answer many times over (docs/search.md, session 10). */
export const KEEP_RANKED_FROM = 300;

/** How long after a refused keep (ranked-answers.ts) a server ranks frequent-word searches without trying to keep them. */
const KEEP_RETRY_MS = 10_000;

/** The limits kept answers follow (SearchLimits' own). */
export interface KeptAnswerLimits {
  countCap: number;
  rankCap: number;
  rankedAnswers?: boolean;
  keepRankedFrom?: number;
}

/** A frequent-word search: its kept answer's key, its tsquery (what a document must match to change it) and its words. */
export interface FrequentWords {
  key: string;
  tsquery: string;
  query: QueryNode;
  /** The most it can match, by the statistics. */
  bound: number;
  /** Asked with facets or chosen values (kept with its facets, under a key of its conditions: page()). */
  faceted: boolean;
}

export class KeptAnswers {
  /** When this server last failed to keep a ranked answer (an index write came between). */
  private keepRefusedAt = -Infinity;
  /**
   * Searches of words this server found to match at least keepRankedFrom documents (kept answers'
   * keys). Learned from what readers asked, so it is a cache: off with the result cache
   * (ANYLIB_SEARCH_CACHE=0), which benchmarks turn off to measure the searches themselves.
   */
  private manyMatches: RecentlyUsed<string, true>;

  constructor(private readonly limits: KeptAnswerLimits, cachedAnswers: number) {
    this.manyMatches = manyMatchesKept(cachedAnswers);
  }

  /** The result cache's new size (the server's ANYLIB_SEARCH_CACHE): what was learned is dropped. */
  keepAnswers(cachedAnswers: number): void {
    this.manyMatches = manyMatchesKept(cachedAnswers);
  }

  /**
   * The key a search's ranked answer is kept under, or null for a search that is not one of
   * frequent words: relevance, words only (one tsquery), no filters, facets or explanation, and
   * either PostgreSQL's lexeme statistics say it may match more than the rank cap by the lexemes
   * they list (`listed`: a word they do not list is not known to be frequent) — ranked over
   * capped candidates, the costly kind — or this server found it to match at least
   * `keepRankedFrom` documents, every one read and scored for a page of ten (remembered only while
   * the result cache is on).
   */
  frequentWords(request: SearchRequest, bound: number | null, listed: number | null): FrequentWords | null {
    // `bound` is null unless the search is by relevance, of words the statistics can bound; `listed` is at most `bound`.
    if (this.limits.rankedAnswers === false || !request.query || (request.sort ?? 'relevance') !== 'relevance') return null;
    const key = this.keyOf(request);
    if (key === null) return null;
    const broad = bound !== null && listed !== null && listed > this.limits.rankCap;
    const faceted = asksFacets(request);
    // With facets or filters only by the statistics' word (what was asked is remembered for words alone).
    if (!broad && (faceted || !this.manyMatches.get(key))) return null;
    // The words' tsquery: every match of the search, and of each facet counted without its choice, matches it.
    const tsquery = soleTextQuery(request.query)!;
    return { key, tsquery, query: request.query, bound: bound ?? Infinity, faceted };
  }

  /** After ranking a search that matched `total`: from its next ask on its ranked answer is kept when ranking read many matches. */
  ranked(request: SearchRequest, total: number): void {
    if (total < (this.limits.keepRankedFrom ?? KEEP_RANKED_FROM) || asksFacets(request)) return;
    const key = this.keyOf(request);
    if (key !== null) this.manyMatches.set(key, true);
  }

  /** The page from the search's kept ranked answer, ranked and kept first when none is; null when it could not be kept. */
  async page(
    tx: Queryable, frequent: FrequentWords, where: string, outer: Params,
    at: PageAt, broad: number | null, tierShares: ReadonlyMap<string, number> | null, facets?: KeptFacetsAsk,
  ): Promise<RankedAnswerPage | null> {
    const key = frequent.faceted ? facetedKey(frequent.key, where, outer, broad !== null, facets) : frequent.key;
    const kept = await rankedAnswerPage(tx, key, at);
    if (kept !== null) return kept;
    // A refused keep ranked for nothing: not again for a while (the search is then ranked as before).
    if (performance.now() - this.keepRefusedAt < KEEP_RETRY_MS) return null;
    const params = new Params();
    params.values.push(...outer.values);
    const { countCap, rankCap } = this.limits;
    // Past the count cap the tiers choose as they would for the search itself (any order of tiers gives the same candidates).
    const tiers = tierShares ? tiersToTry(broad ?? countCap + 1, rankCap, tierShares) : [];
    const score = rankingSql(positiveLeaves(frequent.query), params).score;
    const scoredAsCounted = frequent.bound <= countCap;
    const counted = facets ? keptFacetsSql(facets, broad, params, this.limits) : undefined;
    // A faceted answer's key says whether the statistics call it broad: then not counted, as the search does not count it.
    const surelyBroad = frequent.faceted && broad !== null;
    await keepRankedAnswer(tx, key, frequent.tsquery, { where, score, bestPlaced: bestPlacedPlaces(where, tiers, rankCap), params, countCap, rankCap, scoredAsCounted, facets: counted, surelyBroad });
    // Read back even when this keep was refused: another search may have kept the same answer first.
    const page = await rankedAnswerPage(tx, key, at);
    if (page === null) this.keepRefusedAt = performance.now();
    return page;
  }

  /** The key of a search's kept ranked answer, for one that may be kept (words only; see frequentWords); else null. */
  private keyOf(request: SearchRequest): string | null {
    if (this.limits.rankedAnswers === false || !request.query) return null;
    if (request.debug) return null;
    if (soleTextQuery(request.query) === null) return null;
    const faceted = asksFacets(request);
    return JSON.stringify(faceted ? [this.limits.countCap, this.limits.rankCap, request.query, 'facets', request.facets ?? []] : [this.limits.countCap, this.limits.rankCap, request.query]);
  }
}

/**
 * A faceted search's key: its words' and, hashed, every condition it is counted under (the
 * search's and each chosen facet's, with their values: libraries and scopes as ids, so that a
 * change of the directory asks anew), the viewer's availability scopes, and which groups the
 * statistics send to a sample (`sampled`, each chosen facet's `broad`): counted or sampled as the search would be.
 */
function facetedKey(base: string, where: string, params: Params, sampled: boolean, facets: KeptFacetsAsk | undefined): string {
  const scopes = facets?.shared.includes('availability')
    ? (['my-library', 'my-alliance', 'my-province'] as const).map((s) => scopeLibraries(s, facets.viewer, facets.places))
    : null;
  const conditions = JSON.stringify([where, facets?.shared ?? [], facets?.chosen.map((c) => [c.name, c.where, c.broad !== null]) ?? [], params.values, sampled, scopes, facets?.viewer?.libraryId ?? null]);
  return `${base} ${createHash('sha1').update(conditions).digest('hex')}`;
}

/** Whether a search asks for facets or chooses facet values (its kept answer then holds its facets). */
function asksFacets(request: SearchRequest): boolean {
  return (request.facets?.length ?? 0) > 0 || filtered(request);
}

/** Whether a facet value is chosen. */
export function filtered(request: SearchRequest): boolean {
  return Object.values(request.filters ?? {}).some((v) => Array.isArray(v) && v.length > 0);
}

/** The memory of searches found to match many documents: none when answers are not cached. */
function manyMatchesKept(cachedAnswers: number): RecentlyUsed<string, true> {
  return new RecentlyUsed(cachedAnswers > 0 ? MOST_RANKED_ANSWERS : 0);
}
