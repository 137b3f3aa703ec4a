import type { Reason } from '../state/types.js';
import { usableOn, type Usable } from './availability.js';
import { costOf, type Cost } from './cost.js';
import { tierBetween } from './tiers.js';
import {
  scoreComponents,
  type Agreement,
  type Candidate,
  type ComponentScore,
  type ExcludedLender,
  type RankedLender,
  type Rota,
  type RotaOptions,
  type RotaRequest,
  type ScoreComponent,
  type Weights,
} from './types.js';

/**
 * Default weights: nearness and a copy on the shelf count most (the reader waits less and the
 * courier costs less); a lender's record (fill rate, turnaround), load balance — the "equality
 * and mutual benefit" of seed 003 — and cost share the rest.
 */
export const defaultWeights: Weights = { distance: 0.3, availability: 0.25, loadBalance: 0.1, fillRate: 0.15, turnaround: 0.1, cost: 0.1 };

/** Bad input to the rota: the service layer builds it, so this is a bug there, told plainly. */
export class RotaInputError extends Error {
  override name = 'RotaInputError';
}

/** The calendar date of an instant in the deployment's time zone. */
export function calendarDate(now: string, utcOffsetMinutes = 480): string {
  const t = Date.parse(now);
  if (Number.isNaN(t)) throw new RotaInputError(`now: not an ISO 8601 instant: ${now}`);
  return new Date(t + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

function normalisedWeights(partial: Partial<Weights> | undefined): Weights {
  const w = { ...defaultWeights, ...partial };
  for (const k of scoreComponents) {
    if (!Number.isFinite(w[k]) || w[k] < 0) throw new RotaInputError(`weights.${k}: must be a number ≥ 0, not ${w[k]}`);
  }
  const sum = scoreComponents.reduce((s, k) => s + w[k], 0);
  if (sum === 0) throw new RotaInputError('weights: at least one weight must be above 0');
  return Object.fromEntries(scoreComponents.map((k) => [k, w[k] / sum])) as Weights;
}

/** The closure covering `today`, if any (closed days from the directory, inclusive). */
function closedOn(c: Candidate, today: string): { from: string; to: string } | undefined {
  return [...(c.closedDays ?? [])].filter((d) => d.from <= today && today <= d.to).sort((a, b) => (a.to < b.to ? 1 : -1))[0];
}

interface Assessed {
  candidate: Candidate;
  service: 'loan' | 'copy';
  usable: Extract<Usable, { ok: true }>;
}

/** Loan where the request allows it and a loan is at least as quick as a copy; else copy. */
function choosePath(c: Candidate, request: RotaRequest, today: string): Assessed | Reason[] {
  const paths: ('loan' | 'copy')[] = request.service === 'either' ? ['loan', 'copy'] : [request.service];
  const results = paths.map((service) => ({ service, usable: usableOn(c, service, request, today) }));
  let best: Assessed | undefined;
  for (const r of results) if (r.usable.ok && (!best || r.usable.score > best.usable.score)) best = { candidate: c, service: r.service, usable: r.usable };
  if (best) return best;
  return dedupe(results.flatMap((r) => r.usable.reasons));
}

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = JSON.stringify([r.code, r.params ?? {}]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * The rota: every candidate either ranked (best first, with a score per component and the
 * reasons) or excluded (with every reason). Pure and deterministic: the same request,
 * candidates, agreements and clock give the same rota whatever order the candidates come in;
 * equal scores are ordered by symbol.
 */
export function buildRota(request: RotaRequest, candidates: readonly Candidate[], agreements: readonly Agreement[], options: RotaOptions): Rota {
  const weights = normalisedWeights(options.weights);
  const today = calendarDate(options.now, options.utcOffsetMinutes);
  const referenceCost = options.referenceCost ?? 20;
  const defaultTurnaround = options.defaultTurnaroundDays ?? 5;
  const tried = new Set(request.tried ?? []);
  const symbols = new Set<string>();
  const excluded: ExcludedLender[] = [];
  const ranked: RankedLender[] = [];

  for (const c of candidates) {
    if (symbols.has(c.symbol)) throw new RotaInputError(`candidates: ${c.symbol} is listed twice`);
    symbols.add(c.symbol);
    if (c.symbol === request.borrower.symbol) {
      excluded.push({ symbol: c.symbol, reasons: [{ code: 'ILL_ROTA_IS_BORROWER' }] });
      continue;
    }
    const own: Reason[] = [];
    if (tried.has(c.symbol)) own.push({ code: 'ILL_ROTA_ALREADY_TRIED' });
    const closed = closedOn(c, today);
    if (closed) own.push({ code: 'ILL_ROTA_CLOSED_UNTIL', params: { until: closed.to } });
    const path = choosePath(c, request, today);
    if (own.length || Array.isArray(path)) {
      excluded.push({ symbol: c.symbol, reasons: [...own, ...(Array.isArray(path) ? path : [])] });
      continue;
    }
    ranked.push(score(request, path, agreements, today, weights, referenceCost, defaultTurnaround));
  }

  ranked.sort((a, b) => b.score - a.score || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  ranked.forEach((r, i) => (r.rank = i + 1));
  excluded.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  return { ranked, excluded };
}

function score(request: RotaRequest, a: Assessed, agreements: readonly Agreement[], today: string, weights: Weights, referenceCost: number, defaultTurnaround: number): RankedLender {
  const c = a.candidate;
  const tier = tierBetween(request.borrower, c);
  const cost = costOf(request.borrower, c, a.service, request.pages, agreements, today);
  const stats = c.stats;

  // Load balance: lending ÷ borrowing against the target, smoothed so a new library is not extreme.
  const ratio = stats ? (stats.lent + 1) / (stats.borrowed + 1) / (stats.targetRatio && stats.targetRatio > 0 ? stats.targetRatio : 1) : 1;
  const load: Reason = stats
    ? { code: 'ILL_ROTA_LOAD', params: { lent: stats.lent, borrowed: stats.borrowed, target: stats.targetRatio ?? 1 } }
    : { code: 'ILL_ROTA_LOAD_UNKNOWN' };

  // Fill rate with a Laplace prior: two requests' worth of "half filled" before any history.
  const received = stats?.received ?? 0;
  const filled = Math.min(stats?.filled ?? 0, received);
  const fill: Reason = received > 0 ? { code: 'ILL_ROTA_FILL_RATE', params: { percent: Math.round((100 * filled) / received), requests: received } } : { code: 'ILL_ROTA_FILL_RATE_UNKNOWN' };

  const committed = cost.agreement?.turnaroundDays;
  const days = stats?.turnaroundDays ?? committed ?? defaultTurnaround;
  const turnaround: Reason =
    stats?.turnaroundDays !== undefined
      ? { code: 'ILL_ROTA_TURNAROUND_MEASURED', params: { days: round1(stats.turnaroundDays) } }
      : committed !== undefined
        ? { code: 'ILL_ROTA_TURNAROUND_COMMITTED', params: { days: committed, agreement: cost.agreement!.code } }
        : { code: 'ILL_ROTA_TURNAROUND_UNKNOWN', params: { days } };

  const scores: Record<ScoreComponent, number> = {
    distance: tier.score,
    availability: a.usable.score,
    loadBalance: 1 / (1 + ratio),
    fillRate: (filled + 1) / (received + 2),
    turnaround: 1 / (1 + Math.max(0, days) / 5),
    cost: 1 / (1 + cost.amount / referenceCost),
  };
  const breakdown = Object.fromEntries(
    scoreComponents.map((k) => [k, { score: round4(scores[k]), weight: round4(weights[k]), contribution: round4(scores[k] * weights[k]) } satisfies ComponentScore]),
  ) as Record<ScoreComponent, ComponentScore>;
  const total = scoreComponents.reduce((s, k) => s + scores[k] * weights[k], 0);

  return {
    symbol: c.symbol,
    rank: 0,
    service: a.service,
    score: round4(total),
    breakdown,
    tier: tier.tier,
    item: { id: a.usable.item.id, status: a.usable.item.status, ...(a.usable.item.dueDate ? { dueDate: a.usable.item.dueDate.slice(0, 10) } : {}) },
    ...(cost.agreement ? { agreement: cost.agreement.code } : {}),
    cost: { amount: cost.amount, currency: cost.currency, subsidy: cost.subsidy },
    reasons: [
      ...(request.service === 'either' ? [{ code: a.service === 'loan' ? 'ILL_ROTA_SERVICE_LOAN' : 'ILL_ROTA_SERVICE_COPY' }] : []),
      tier.reason,
      ...a.usable.reasons,
      load,
      fill,
      turnaround,
      costReason(cost),
    ],
  };
}

function costReason(cost: Cost): Reason {
  const agreement = cost.agreement?.code;
  if (cost.agreement?.feesWaived) return { code: 'ILL_ROTA_FEES_WAIVED', params: { agreement: agreement! } };
  if (cost.fee === 0) return { code: 'ILL_ROTA_FREE' };
  if (agreement && cost.subsidy > 0) return { code: 'ILL_ROTA_COST_SUBSIDISED', params: { amount: cost.amount, currency: cost.currency, fee: cost.fee, percent: Math.round(cost.subsidy * 100), agreement } };
  return { code: 'ILL_ROTA_COST', params: { amount: cost.amount, currency: cost.currency } };
}

// Rounded so that the breakdown reads well and sums do not wobble in the last bit.
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
