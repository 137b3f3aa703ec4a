// The rota (choice of lenders) of issue 5: a pure function of the request, candidates, agreements and a clock.
export { buildRota, defaultWeights, calendarDate, RotaInputError } from './rota.js';
export { tierBetween, regionOf, kilometres } from './tiers.js';
export { agreementsBetween as rotaAgreementsBetween } from './cost.js';
export type {
  Agreement as RotaAgreement, Candidate as RotaCandidate, ComponentScore, ExcludedLender, Fees as RotaFees, ItemStatus, LenderStats, LendingPolicy as RotaLendingPolicy,
  Place, RankedLender, Rota, RotaItem, RotaLibrary, RotaOptions, RotaRequest, ScoreComponent, ServiceWanted, TierDistance, Weights as RotaWeights,
} from './types.js';
