export { JobQueue } from './job-queue.js';
export { JobRunner, type JobRunnerOptions } from './job-runner.js';
export { retryDelaySeconds } from './backoff.js';
export { JobInterrupted, PermanentJobError, type Job, type JobContext, type JobHandler, type JobProgress, type JobStatus, type JobError } from './types.js';
export type { NewJob } from './job-store.js';
export { platformJobs, scheduleVacuum, VACUUM_JOBS, type VacuumJobsPayload } from './maintenance.js';
