/**
 * Matching and clustering (issue 3, "Clusters"): keys to find candidates, the decision whether
 * two records are one manifestation, and the choice of a cluster's display record. Pure; the
 * catalog service supplies the store. See docs/clustering.md.
 */
export { decide, type MatchDecision, type MatchReason, type ReasonCode } from './decide.js';
export { matchPartOf, matchSummaryFrom, matchSummaryOf, storedMatchSummary, type MatchSummary } from './match-summary.js';
export { matchKeys, bibliographicKeys, workKey } from './keys.js';
export { chooseCluster, ClusterIndex, type Candidate, type Assignment } from './cluster.js';
export {
  chooseDisplayRecord, rankForDisplay, encodingRank, completeness,
  type ClusterMember, type DisplayOptions, type RankedMember,
} from './display.js';
