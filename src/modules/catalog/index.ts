import type { AnylibModule } from '../../platform/module.js';
import { catalogRoutes } from './routes.js';
import { importKind, importRecords } from './import/index.js';
import { harvestJobs } from './harvest/index.js';

export { CatalogErrors } from './errors.js';
export { marcToDublinCore, oaiDcXml, xmlText, xmlAttr, OAI_DC_NAMESPACE, OAI_DC_SCHEMA, DC_NAMESPACE, type DcRecord, type OaiDcXmlOptions } from './domain/dublin-core/index.js';
export { availabilityOfClusters, type ClusterAvailability, type LibraryAvailability } from './holdings/availability.service.js';
export { LIBRARY_AVAILABILITY } from './holdings/holdings.store.js';
export { clustersByIsbn } from './records/identifier.store.js';
export { exportRecords, unionRecords, type ExportOptions, type ExportReport, type UnionRecord } from './export/export.service.js';
export { marcJsonRecord, type MarcJson } from './domain/marc/index.js';
export { marcXmlRecord, MARCXML_NAMESPACE, type Flavour, type MarcRecord } from './domain/marc/index.js';
export { oaiCluster, oaiClusterCount, oaiClusterPage, oaiEarliestDatestamp, type OaiCluster, type OaiClusterFilter } from './export/oai.store.js';
export { ingestRecords, reclusterRecords, type IngestCounts, type IngestResult, type ParsedInput, type IngestActor } from './ingest/index.js';
export { importKind, runImport, startFileImport, importStore, type ImportPayload } from './import/index.js';
export { clustersForIndex, liveClusterCount, liveClusterIdsAfter, pendingClusterChanges, takeClusterChanges, type ClusterForIndex, type LibraryHolding, type MemberIdentifiers } from './export/index-feed.js';
export type { ClusterSummary } from './ingest/summary.js';
export type { DataField, MarcField, Subfield } from './domain/marc/index.js';
export type { NormalisedRecord } from './domain/normalise/index.js';
export { foldCharacters, toSimplified } from './domain/normalise/text.js';
export { isbn10CheckDigit, isbn13CheckDigit } from './domain/normalise/isbn.js';
export { issnCheckDigit } from './domain/normalise/identifiers.js';
export { loadDemoRecords } from './demo.js';
export { CATALOG_HARVEST, CATALOG_HARVEST_SCHEDULE, harvestJob, harvestScheduleJob, harvestStatus, prepareLocalHarvest, startHarvest, type HarvestRequest, type HarvestSummary } from './harvest/index.js';

/** The union catalogue: member records in, clusters (union records), holdings, cooperative cataloguing. */
export const catalogModule: AnylibModule = {
  name: 'catalog',
  routes: catalogRoutes,
  jobs: { [importKind]: importRecords as never, ...harvestJobs() },
};
