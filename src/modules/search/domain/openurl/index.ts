/** OpenURL (Z39.88-2004 KEV and the 0.1 form): reading a citation and planning how to find it. Pure. */
export { readKev, MAX_KEV_LENGTH, MAX_KEV_PAIRS, type KevPair, type KevReading, type KevFallback } from './kev.js';
export { readContextObject, hasMetadata, surnameOf, GENRES, Z39_88_2004, type Citation, type CitationProblem, type ContextObjectReading, type Genre, type Author } from './citation.js';
export { readIsbn, readIssn, readDoi, readOclc, readLccn, readPmid, identifierOfUri } from './identifiers.js';
export { resolutionPlan, titleWords, catalogueTitle, FOUND_BY, type FoundBy, type PlanStep } from './plan.js';
export { citationPairs, citationKev, illRequestPath } from './kev-writer.js';
