/**
 * A search's count (issue 4: "exact counts and facets only below a threshold; above it, estimates
 * marked as such"): exact up to the count cap, past it the planner's estimate.
 */
import type { Queryable } from '../../../platform/db/index.js';
import type { Params } from './query-sql.js';

export interface MatchCount {
  total: number;
  estimated: boolean;
}

/** Exact up to `countCap`; above it the planner's estimate (never below the cap). */
export async function countMatches(tx: Queryable, where: string, params: Params, countCap: number): Promise<MatchCount> {
  const { rows } = await tx.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM search_documents d WHERE ${where} LIMIT ${countCap + 1}) x`,
    params.values,
  );
  const n = Number(rows[0]!.n);
  return n <= countCap ? { total: n, estimated: false } : estimateMatches(tx, where, params, n);
}

/** A count past the cap: the planner's estimate, never below what was counted. */
export async function estimateMatches(tx: Queryable, where: string, params: Params, counted: number): Promise<MatchCount> {
  const plan = await tx.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents d WHERE ${where}`, params.values);
  const estimate = Math.round(plan.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows']);
  return { total: Math.max(counted, estimate), estimated: true };
}
