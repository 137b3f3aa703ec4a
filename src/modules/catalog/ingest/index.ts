/** Records in: the one way member records enter or change the union catalogue. */
export { ingestPrepared, ingestRecords, type ChunkOutcome, type IngestHooks } from './ingest.js';
export { reclusterRecords, type Reclustered } from './recluster.js';
export { libraryProfile, type LibraryProfile } from './ingest.store.js';
export { noCounts, addCounts, type IngestActor, type IngestCounts, type IngestOptions, type IngestReject, type IngestResult, type IngestWarning, type ParsedInput, type SourceFormat } from './types.js';
