/**
 * The SearchIndex on PostgreSQL full text (issue 4; ARCHITECTURE.md "search"). What the
 * feasibility run taught is built in: a broad query is ranked over a capped candidate set taken in
 * static-score order, not over every hit; counts and facets are exact up to a threshold and
 * estimates above it (marked so); holdings by library live in their own table.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { isSqlState, prepared } from '../../../platform/db/index.js';
import { SearchErrors } from '../errors.js';
import type { Facet, FacetName, RebuildProgress, SearchIndex, SearchRequest, SearchResult } from '../search-index.js';
import { decodeCursor, encodeCursor, fingerprint } from './cursor.js';
import { countedFacets, documentFacets } from './facets.js';
import { hitsOf } from './hits.js';
import { bestPlaced } from './best-placed.js';
import { countMatches, estimateMatches } from './match-counts.js';
import { ORDERINGS, countedRankedPage, rankedInOnePass, rankedPage, sampledRankedPage, sortedPage, type Page } from './ranked-pages.js';
import { Indexer } from './indexer.js';
import { NetworkPlacesCache, type NetworkPlaces } from './network-places.js';
import { Params, filterConditions, filterLexemeQuery, queryCondition, soleTextQuery } from './query-sql.js';
import { FilterLexemes } from './filter-lexemes.js';
import { CommonLexemes } from './common-lexemes.js';
import { StaticTiers, tiersToTry } from './static-tiers.js';
import { GenerationWatch, RecentlyUsed } from './result-cache.js';
import { indexGeneration } from './documents.store.js';
import { suggestionsFor } from './suggestions.js';
import { KeptAnswers, filtered } from './kept-answers.js';
import { keptFacets, type KeptFacetsAsk, type StoredFacets } from './kept-facets.js';

export interface SearchLimits {
  /** Hits counted exactly; above, the total is the planner's estimate. */
  countCap: number;
  /** Hits ranked by text relevance; a broader query ranks its best this many by static score. */
  rankCap: number;
  /** Deepest offset without a cursor. */
  maxOffset: number;
  statementTimeoutMs: number;
  /** Answers kept while the index stays the same (result-cache.ts); 0 keeps none. */
  cachedAnswers: number;
  /** Whether a broad query's best-placed candidates are looked for in a static-score tier first (static-tiers.ts); default yes. */
  staticTiers?: boolean;
  /** Whether a search the statistics bound to `countCap` matches is counted and ranked from one read of them (rankedInOnePass); default yes. */
  onePass?: boolean;
  /** Whether a frequent-word search's ranked answer is kept, fresh, in search_ranked_answers (ranked-answers.ts); default yes. */
  rankedAnswers?: boolean;
  /**
   * A search of words found to match at least this many documents is kept as a frequent word's is
   * from its next ask on (ranked-answers.ts; default KEEP_RANKED_FROM): its ranking read them all.
   */
  keepRankedFrom?: number;
  /** Whether a search of words filters through the documents' filter lexemes (filter-lexemes.ts) once every document has them; default yes. */
  filterLexemes?: boolean;
}

export const DEFAULT_LIMITS: SearchLimits = { countCap: 5000, rankCap: 2000, maxOffset: 5000, statementTimeoutMs: 10_000, cachedAnswers: 2000 };

interface CachedAnswer {
  generation: number;
  places: NetworkPlaces;
  result: SearchResult;
}

export class PgSearchIndex implements SearchIndex {
  readonly places: NetworkPlacesCache;
  readonly indexer: Indexer;
  private answers: RecentlyUsed<string, CachedAnswer>;
  private readonly generation: GenerationWatch;
  /** On a PostgreSQL server, sessions that start with the search's settings: no transaction needed to set them. */
  private readonly sessions: Queryable | null;
  /**
   * Sessions with the same settings that plan a prepared statement once, generically: for a search
   * of words counted and ranked in one pass (rankedInOnePass), whose one sensible plan (the GIN
   * index, whatever the words) costs a third of the statement to make again at every ask
   * (docs/search.md, session 11). Only that statement of words alone is sent there.
   */
  private readonly genericSessions: Queryable | null;
  private readonly lexemes: CommonLexemes;
  private readonly tiers: StaticTiers;
  private readonly filterLexemes: FilterLexemes;
  /** Frequent-word searches' kept ranked answers (kept-answers.ts). */
  private readonly kept: KeptAnswers;

  constructor(
    private readonly db: Db,
    private readonly limits: SearchLimits = DEFAULT_LIMITS,
  ) {
    this.sessions = db.withSettings?.(searchSettings(limits), 8) ?? null;
    this.genericSessions = db.withSettings?.({ ...searchSettings(limits), plan_cache_mode: 'force_generic_plan' }, 8) ?? null;
    this.lexemes = new CommonLexemes(db);
    this.tiers = new StaticTiers(db, this.lexemes);
    this.filterLexemes = new FilterLexemes(db);
    this.places = new NetworkPlacesCache(db);
    this.generation = new GenerationWatch(() => indexGeneration(db));
    this.indexer = new Indexer(db, this.places, () => this.generation.changed());
    this.answers = new RecentlyUsed(limits.cachedAnswers);
    this.kept = new KeptAnswers(limits, limits.cachedAnswers);
  }

  /** How many answers to keep from now on (the server's ANYLIB_SEARCH_CACHE); the kept ones are dropped. */
  keepAnswers(count: number): void {
    if (count === this.answers.capacity) return;
    this.answers = new RecentlyUsed(count);
    this.kept.keepAnswers(count);
  }

  refresh(clusterIds: readonly number[]): Promise<void> {
    return this.indexer.refresh(clusterIds);
  }

  rebuild(onProgress?: (p: RebuildProgress) => void): Promise<{ documents: number }> {
    return this.indexer.rebuild(onProgress);
  }

  catchUp(): Promise<number> {
    return this.indexer.catchUp();
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const started = performance.now();
    // An explanation is asked to see the work done: never from the cache.
    const key = request.debug || this.answers.capacity <= 0 ? null : JSON.stringify(request);
    if (key === null) return this.answer(request, started);
    const [generation, places] = await Promise.all([this.generation.current(), this.places.get()]);
    const kept = this.answers.get(key);
    if (kept && kept.generation === generation && kept.places === places) {
      return { ...kept.result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    }
    const result = await this.answer(request, started);
    this.answers.set(key, { generation, places, result });
    return result;
  }

  private async answer(request: SearchRequest, started: number): Promise<SearchResult> {
    const limit = Math.max(0, Math.min(100, request.limit ?? 20));
    const offset = Math.max(0, request.offset ?? 0);
    const sort = request.sort ?? 'relevance';
    if (offset > this.limits.maxOffset && !request.after) throw SearchErrors.PAGE_TOO_DEEP({ max: this.limits.maxOffset });
    const places = await this.places.get();
    const print = fingerprint([request.query, request.filters ?? null, sort, request.viewer?.libraryId ?? null]);
    const after = request.after ? decodeCursor(print, request.after) : null;

    // Asked before the transaction: on PGlite the statistics' read cannot wait inside it.
    const lexemes = request.query !== undefined && request.query !== null && this.limits.filterLexemes !== false && filtered(request) && (await this.filterLexemes.inForce());
    const broad = sort === 'relevance' ? await this.surelyBroad(request, lexemes, places) : null;
    // A facet with chosen values is counted without them: broad too, perhaps (asked here for the same reason).
    const broadWithout = new Map<FacetName, number | null>();
    for (const name of request.facets ?? []) {
      const chosen = (request.filters as Record<string, unknown[] | undefined> | undefined)?.[name];
      if (chosen && chosen.length > 0) broadWithout.set(name, await this.surelyBroad({ ...request, filters: { ...request.filters, [name]: undefined } }, lexemes, places));
    }
    // A search sure to match no more than the count cap is counted and ranked from one read of its matches.
    // The most the words can match by the statistics: read once, for one pass and for kept answers.
    const atMost = sort === 'relevance' && request.query ? await this.lexemes.atMost(request.query) : null;
    const narrowBound = broad === null && this.limits.onePass !== false ? atMost : null;
    const tierShares = sort === 'relevance' && request.query && this.limits.staticTiers !== false ? await this.tiers.shares() : null;
    // Kept only when the listed lexemes alone say the words may pass the rank cap (common-lexemes.ts).
    const listed = atMost !== null && atMost > this.limits.rankCap && request.query ? await this.lexemes.listedAtMost(request.query) : null;
    const frequent = this.kept.frequentWords(request, atMost, listed);
    try {
      return await this.underSearchSettings(async (tx) => {
        const params = new Params();
        const { where, wordsAlone } = this.condition(request, params, places, lexemes);
        const at = { limit, offset, after };
        const debug = request.debug === true;
        let total: number;
        let estimated = false;
        let page: Page;
        let sharedFacets: Facet[] | null = null;
        // A frequent word's answer asked with facets keeps them too, each group counted as below (kept-facets.ts).
        const keptAsk = frequent?.faceted ? this.keptFacetsAsk(request, params, places, lexemes, broadWithout, tierShares) : null;
        const kept = frequent ? await this.kept.page(tx, frequent, where, keptAsk?.params ?? params, at, broad, tierShares, keptAsk?.ask) : null;
        // The facets no value is chosen from, counted as the matches are counted when they are few enough.
        const along = request.facets && request.facets.length > 0 ? { names: sharedFacetNames(request), places, viewer: request.viewer } : undefined;
        // Relevance: counted and ranked in one statement unless the count passes its cap — or
        // the statistics say it will, by far: then the first 5,000 matches are not counted for nothing.
        const narrow = kept === null && sort === 'relevance' && broad === null && narrowBound !== null && narrowBound <= this.limits.countCap
          ? await rankedInOnePass(tx, request.query, where, params, at, debug, narrowBound <= this.limits.rankCap ? this.limits.rankCap : this.limits.countCap, this.limits.rankCap, along,
            this.planOnce(tx, wordsAlone, along, debug, after))
          : null;
        const first = kept !== null ? null : narrow ?? (sort === 'relevance' && broad === null ? await countedRankedPage(tx, request.query, where, params, at, debug, this.limits, along) : null);
        if (kept !== null) {
          ({ total, estimated } = broad !== null
            ? { total: broad, estimated: true }
            : kept.total !== null ? { total: kept.total, estimated: false } : await estimateMatches(tx, where, params, this.limits.countCap + 1));
          page = kept;
        } else if (first && first.total <= this.limits.countCap) {
          total = first.total;
          page = first;
          if (along && along.names.length > 0) sharedFacets = first.facets;
        } else {
          ({ total, estimated } = broad !== null
            ? { total: broad, estimated: true }
            : first ? await estimateMatches(tx, where, params, first.total) : await countMatches(tx, where, params, this.limits.countCap));
          // A broad query's best-placed hits: taken once when facets share them, else chosen
          // inside the ranking statement (no round trip, no id list sent back).
          const capped = total > this.limits.rankCap;
          const tiers = capped && estimated && tierShares ? tiersToTry(total, this.limits.rankCap, tierShares) : [];
          // Facets not chosen from are counted over the same candidates: read with them, in one statement.
          const shared = capped && estimated ? sharedFacetNames(request) : [];
          if (shared.length > 0 && sort === 'relevance') {
            // The page ranked over the same candidates as they are read for the facets: one statement, one read of them.
            const sampled = await sampledRankedPage(tx, request.query, bestPlaced(where, tiers, this.limits.rankCap), params, at, debug, { names: shared, places, viewer: request.viewer }, total);
            ({ facets: sharedFacets } = sampled);
            page = sampled;
          } else {
            if (shared.length > 0) {
              sharedFacets = await documentFacets(tx, shared, bestPlaced(where, tiers, this.limits.rankCap), params, places, request.viewer, total, true, this.limits);
            }
            page = sort === 'relevance'
              ? await rankedPage(tx, request.query, where, params, capped ? { bestPlaced: tiers } : 'all', at, debug, this.limits.rankCap)
              : await sortedPage(tx, ORDERINGS[sort]!, where, params, at);
          }
        }
        // Ranking read every match: from its next ask on, this search's ranked answer is kept (ranked-answers.ts).
        if (kept === null && sort === 'relevance') this.kept.ranked(request, total);
        const ranksCandidates = total > this.limits.rankCap;
        const hits = await hitsOf(tx, page.rows, places, request.viewer);
        const facets = !request.facets || request.facets.length === 0
          ? []
          : kept?.facets && keptAsk?.ask
            ? await this.keptFacets(tx, request, kept.facets, keptAsk.ask, total, places, lexemes)
            : await this.facets(tx, request, places, total, estimated, sharedFacets, lexemes, tierShares, broadWithout);
        const suggestions = request.suggest && total < 3 && request.query ? await suggestionsFor(tx, request.query) : [];
        const last = page.rows[page.rows.length - 1];
        const more = page.rows.length === limit && limit > 0 && (sort !== 'relevance' || !ranksCandidates || offset + limit < this.limits.rankCap) && page.more;
        return {
          total,
          totalEstimated: estimated,
          hits,
          facets,
          next: more && last ? encodeCursor(print, { key: last.key, id: last.clusterId }) : null,
          suggestions,
          tookMs: Math.round((performance.now() - started) * 10) / 10,
        };
      });
    } catch (err) {
      if (isSqlState(err, '57014')) throw SearchErrors.SEARCH_TIMEOUT();
      throw err;
    }
  }

  /**
   * The estimated matches of a search of words only that the statistics put at more than twice
   * the count cap; null for any other search. Marked as an estimate, as a count past the cap is.
   * With filters only where the filter lexemes say them all: the words' estimate times each
   * filter's share (its values' shares added), as the planner reckons independent conditions.
   */
  private async surelyBroad(request: SearchRequest, lexemes: boolean, places: NetworkPlaces): Promise<number | null> {
    const tsquery = request.query ? soleTextQuery(request.query) : null;
    let estimate = tsquery === null ? null : await this.lexemes.estimate(tsquery);
    if (estimate !== null && filtered(request)) {
      const f = lexemes ? filterLexemeQuery(request.filters, request.viewer, new Params(), places) : null;
      if (f === null || f.conditions.length > 0) return null;
      const shares = await this.lexemes.shares();
      for (const group of f.groups) estimate *= Math.min(1, group.reduce((sum, l) => sum + (shares.get(l) ?? 0), 0));
    }
    return estimate !== null && estimate > 2 * this.limits.countCap ? Math.round(estimate) : null;
  }

  /**
   * The generic-plan sessions for a one-pass search of words alone (no facets, explanation or
   * cursor: its text is then one of a few), when `tx` is the search's own sessions (outside a
   * transaction, as those are); else undefined.
   */
  private planOnce(tx: Queryable, wordsAlone: boolean, along: unknown, debug: boolean, after: unknown): Queryable | undefined {
    if (this.genericSessions === null || tx !== this.sessions || along !== undefined || debug || after !== null) return undefined;
    return wordsAlone ? this.genericSessions : undefined;
  }

  /** `fn` with the search's statement timeout and planner settings in force. */
  private underSearchSettings<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    if (this.sessions) return fn(this.sessions);
    return this.db.transaction(async (tx) => {
      const settings = searchSettings(this.limits);
      await tx.query(
        prepared("SELECT set_config('statement_timeout', $1, true), set_config('jit', $2, true), set_config('work_mem', $3, true)"),
        [settings.statement_timeout, settings.jit, settings.work_mem],
      );
      return fn(tx);
    });
  }

  /**
   * The search's condition; with `lexemes`, a query of words and the filters the lexemes say are
   * one tsquery (one GIN scan), the other filters conditions beside it.
   */
  private conditions(request: SearchRequest, params: Params, places: NetworkPlaces, lexemes: boolean, skip?: FacetName): string {
    return this.condition(request, params, places, lexemes, skip).where;
  }

  /**
   * conditions(), and whether it is the words alone — one tsquery, nothing else, its first
   * parameter: the statement that can be planned once (planOnce).
   */
  private condition(request: SearchRequest, params: Params, places: NetworkPlaces, lexemes: boolean, skip?: FacetName): { where: string; wordsAlone: boolean } {
    const filters = skip ? { ...request.filters, [skip]: undefined } : request.filters;
    const words = lexemes && request.query ? soleTextQuery(request.query) : null;
    if (words !== null) {
      const f = filterLexemeQuery(filters, request.viewer, params, places);
      return { where: [`d.document @@ ${params.add([`(${words})`, ...f.tsquery].join(' & '))}::tsquery`, ...f.conditions].join(' AND '), wordsAlone: false };
    }
    const first = params.values.length === 0;
    const parts = request.query ? [queryCondition(request.query, params, places)] : [];
    const text = parts.length === 1 && soleTextQuery(request.query!) !== null && params.values.length === 1;
    const others = filterConditions(filters, request.viewer, params, places);
    parts.push(...others);
    return { where: parts.length === 0 ? 'true' : parts.join(' AND '), wordsAlone: first && text && others.length === 0 };
  }

  /**
   * What a frequent word's kept answer counts besides its ranking: the facets asked (none when
   * none are), each chosen one under its own condition — in parameters of their own after the
   * search's (`params` stays the search's: a parameter its statements do not use is refused).
   */
  private keptFacetsAsk(
    request: SearchRequest, params: Params, places: NetworkPlaces, lexemes: boolean,
    broadWithout: ReadonlyMap<FacetName, number | null>, tierShares: ReadonlyMap<string, number> | null,
  ): { params: Params; ask?: KeptFacetsAsk } {
    const own = new Params();
    own.values.push(...params.values);
    if (!request.facets || request.facets.length === 0) return { params: own };
    const chosen = request.facets.filter((name) => isChosen(request, name)).map((name) => {
      const broad = broadWithout.get(name) ?? null;
      const tiers = tierShares ? tiersToTry(broad ?? this.limits.countCap + 1, this.limits.rankCap, tierShares) : [];
      return { name, where: this.conditions(request, own, places, lexemes, name), broad, tiers };
    });
    return { params: own, ask: { shared: sharedFacetNames(request), chosen, places, viewer: request.viewer } };
  }

  /** The facets of a kept answer, in the order asked (kept-facets.ts). */
  private async keptFacets(
    tx: Queryable, request: SearchRequest, stored: StoredFacets, ask: KeptFacetsAsk, total: number, places: NetworkPlaces, lexemes: boolean,
  ): Promise<Facet[]> {
    const condition = (name: FacetName) => {
      const params = new Params();
      return { where: this.conditions(request, params, places, lexemes, name), params };
    };
    const out = await keptFacets(tx, stored, ask, total, condition, this.limits.countCap);
    const order = new Map((request.facets ?? []).map((n, i) => [n, i]));
    return out.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  }

  /**
   * Facet counts: each facet with chosen values is counted without its own choice (the others
   * still apply); the others together, unless already counted over a broad query's candidates.
   */
  private async facets(
    tx: Queryable, request: SearchRequest, places: NetworkPlaces, total: number, estimated: boolean, sharedFacets: Facet[] | null,
    lexemes: boolean, tierShares: ReadonlyMap<string, number> | null, broadWithout: ReadonlyMap<FacetName, number | null>,
  ): Promise<Facet[]> {
    const out: Facet[] = [...(sharedFacets ?? [])];
    for (const name of request.facets ?? []) {
      if (!isChosen(request, name)) continue;
      const params = new Params();
      const where = this.conditions(request, params, places, lexemes, name);
      const broad = broadWithout.get(name) ?? null;
      // Up to the count cap, counted over all its matches as they are counted.
      const counted = broad === null ? await countedFacets(tx, [name], where, params, places, request.viewer, this.limits) : null;
      if (counted?.facets) {
        out.push(...counted.facets);
        continue;
      }
      const own = broad !== null ? { total: broad, estimated: true } : await estimateMatches(tx, where, params, counted!.counted);
      // Past the count cap the facet is counted over the best-placed sample: found through a tier when one holds it.
      const sample = own.total > this.limits.rankCap && tierShares ? bestPlaced(where, tiersToTry(own.total, this.limits.rankCap, tierShares), this.limits.rankCap) : where;
      out.push(...(await documentFacets(tx, [name], sample, params, places, request.viewer, own.total, own.estimated, this.limits)));
    }
    const shared = sharedFacets === null ? sharedFacetNames(request) : [];
    if (shared.length > 0) {
      const params = new Params();
      const where = this.conditions(request, params, places, lexemes);
      out.push(...(await documentFacets(tx, shared, where, params, places, request.viewer, total, estimated, this.limits)));
    }
    const order = new Map((request.facets ?? []).map((n, i) => [n, i]));
    return out.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  }
}

/** Whether values of this facet are chosen (the facet is then counted without them). */
function isChosen(request: SearchRequest, name: FacetName): boolean {
  const chosen = (request.filters as Record<string, unknown[] | undefined> | undefined)?.[name];
  return chosen !== undefined && chosen.length > 0;
}

/** The facets asked for with no value chosen: counted together, over the search's own matches. */
function sharedFacetNames(request: SearchRequest): FacetName[] {
  return (request.facets ?? []).filter((name) => !isChosen(request, name));
}

/**
 * JIT compiling pays off for long analytic queries, not for a search's short statements (130–340
 * ms each in the benchmark); bitmaps of broad terms stay exact with more work_mem.
 */
function searchSettings(limits: SearchLimits): { statement_timeout: string; jit: string; work_mem: string } {
  return { statement_timeout: String(Math.floor(limits.statementTimeoutMs)), jit: 'off', work_mem: '32MB' };
}
