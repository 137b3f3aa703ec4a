import type { Reason } from '../state/types.js';

/**
 * The rota's inputs and output (issue 5, "Rota"). Plain data gathered by the service layer from
 * the directory (network module), the holdings with live availability (catalog module), the
 * agreements and the ILL statistics; the rota itself reads no database and no clock of its own.
 */

export type ServiceWanted = 'loan' | 'copy' | 'either';

/** Where a library is, for the tier distance. */
export interface Place {
  /** ISO 3166-2:CN (`CN-JS`). */
  province: string;
  /** The city as the directory names it (compared as written). */
  city?: string;
  /** The region (华东, CALIS regional centre …); when absent it follows from the province. */
  region?: string;
  coordinates?: { lat: number; lon: number };
}

export interface RotaLibrary extends Place {
  symbol: string;
  /** Codes of the alliances it belongs to. */
  alliances: readonly string[];
  /** False for a library reached only outside the alliance network (another deployment, a commercial supplier). */
  inNetwork?: boolean;
}

/** Live availability of one item, as the holdings say now (the catalog's normalised statuses, docs/holdings.md). */
export type ItemStatus = 'available' | 'on-loan' | 'reference-only' | 'in-transit' | 'missing' | 'lost' | 'unavailable';

export interface RotaItem {
  id: string;
  status: ItemStatus;
  /** For an item on loan: when it is due back. */
  dueDate?: string;
  /** False for another edition of the same work (from the cluster). Default true. */
  sameEdition?: boolean;
  /** An electronic copy: it can be copied from, never lent. */
  electronic?: boolean;
  /** For an electronic copy, what its licence says about ILL, when known. */
  licence?: 'ill-allowed' | 'ill-forbidden' | 'unknown';
}

export interface Fees {
  currency: string;
  loan?: number;
  copyPerPage?: number;
  copyMinimum?: number;
}

export interface LendingPolicy {
  lendsReturnables: boolean;
  suppliesCopies: boolean;
  excludedMaterialTypes?: readonly string[];
  fees?: Fees;
}

export interface LenderStats {
  /** Requests lent (filled as supplier) and borrowed (as requester) in the counting period. */
  lent: number;
  borrowed: number;
  /** Lending : borrowing the library aims at (default 1: give as much as it takes). */
  targetRatio?: number;
  /** Requests received as supplier and how many of them it filled. */
  received?: number;
  filled?: number;
  /** Mean working days from request to shipment, when measured. */
  turnaroundDays?: number;
}

export interface Candidate extends RotaLibrary {
  items: readonly RotaItem[];
  /** Absent: the directory has no policy; the library lends and copies without fees. */
  policy?: LendingPolicy;
  closedDays?: readonly { from: string; to: string }[];
  stats?: LenderStats;
}

export interface Agreement {
  code: string;
  parties: readonly { library?: string; alliance?: string }[];
  feesWaived?: boolean;
  fees?: Fees;
  /** Share of the fee the alliance pays, 0..1 (CALIS-style subsidy). */
  subsidyRate?: number;
  /** Committed turnaround in working days. */
  turnaroundDays?: number;
  validFrom: string;
  validTo?: string;
}

export interface RotaRequest {
  service: ServiceWanted;
  materialType: string;
  edition: 'this' | 'any';
  /** YYYY-MM-DD: a copy due back later than this is no help. */
  neededBy?: string;
  /** Pages of a copy, for the per-page fee (default 10). */
  pages?: number;
  borrower: RotaLibrary;
  /** Lenders already tried in this request that did not fill it. */
  tried?: readonly string[];
}

export const scoreComponents = ['distance', 'availability', 'loadBalance', 'fillRate', 'turnaround', 'cost'] as const;
export type ScoreComponent = (typeof scoreComponents)[number];
export type Weights = Record<ScoreComponent, number>;

export interface RotaOptions {
  /** The clock: an ISO 8601 instant. */
  now: string;
  weights?: Partial<Weights>;
  /** Minutes east of UTC of the deployment's calendar (default 480, China Standard Time). */
  utcOffsetMinutes?: number;
  /** A cost that halves the cost score (default 20, in the fees' currency). */
  referenceCost?: number;
  /** Turnaround assumed when neither history nor agreement says (default 5 working days). */
  defaultTurnaroundDays?: number;
}

export type TierDistance = 'same-city' | 'same-province' | 'same-alliance' | 'same-region' | 'national' | 'outside-network';

export interface ComponentScore {
  /** 0..1, higher is better. */
  score: number;
  /** The weight after normalising (all weights sum to 1). */
  weight: number;
  contribution: number;
}

export interface RankedLender {
  symbol: string;
  rank: number;
  service: 'loan' | 'copy';
  score: number;
  breakdown: Record<ScoreComponent, ComponentScore>;
  tier: TierDistance;
  item: { id: string; status: ItemStatus; dueDate?: string };
  agreement?: string;
  cost: { amount: number; currency: string; subsidy: number } | null;
  /** Why it stands where it stands, in order of the score components. */
  reasons: Reason[];
}

export interface ExcludedLender {
  symbol: string;
  /** Every reason it cannot lend now, the library's own first. */
  reasons: Reason[];
}

export interface Rota {
  ranked: RankedLender[];
  excluded: ExcludedLender[];
}
