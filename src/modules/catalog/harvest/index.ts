/**
 * OAI-PMH harvesting of members' systems (issue 3, "Records in"): the client, the
 * `catalog.harvest` job with its checkpoints, the daily schedule, and starting a harvest.
 */
import type { JobHandler } from '../../../platform/jobs/index.js';
import { CATALOG_HARVEST, harvestJob } from './harvest.job.js';
import { CATALOG_HARVEST_SCHEDULE, harvestScheduleJob } from './schedule.job.js';

export { CATALOG_HARVEST, harvestJob, harvestPayload, type HarvestPayload, type HarvestSummary } from './harvest.job.js';
export { CATALOG_HARVEST_SCHEDULE, harvestScheduleJob, scheduleHarvests, nextScheduleSlot } from './schedule.job.js';
export { harvestStatus, prepareLocalHarvest, startHarvest, type HarvestRequest, type HarvestStarted, type HarvestStatus } from './harvest.service.js';
export { OaiClient, HarvestError, type OaiClientOptions } from './oai-client.js';
export { HARVEST_PREFIXES, type HarvestPrefix } from './page-inputs.js';
export type { HarvestSettings } from './harvest.store.js';

/** The harvest job handlers by kind, for the catalog module's `jobs`. */
export const harvestJobs = (): Record<string, JobHandler<never>> => ({
  [CATALOG_HARVEST]: harvestJob() as JobHandler<never>,
  [CATALOG_HARVEST_SCHEDULE]: harvestScheduleJob() as JobHandler<never>,
});
