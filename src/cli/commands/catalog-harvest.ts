import type { Command } from 'commander';
import pino from 'pino';
import type { Db } from '../../platform/db/index.js';
import { isAppError } from '../../platform/errors/index.js';
import { JobInterrupted, type Job, type JobContext, type JobProgress } from '../../platform/jobs/index.js';
import { cliConfig, CliError, openTarget, type ServerClient, type Target } from '../context.js';
import { badChoice, cliTexts, say } from '../i18n.js';

// Loaded when the command runs, so that `anylib serve` does not pay for it at start-up.
const harvest = () => import('../../modules/catalog/index.js');

export interface HarvestCliOptions {
  library: string;
  url: string;
  set?: string;
  prefix?: 'marc21' | 'oai_dc';
  from?: string;
  /** Where progress goes (a terminal gets one line rewritten). */
  progress?: (p: JobProgress) => void;
  /** Set to stop at the next page (Ctrl-C): the harvest is resumable. */
  signal?: AbortSignal;
}

/** What a harvest did, as the CLI prints it. */
export interface HarvestOutcome {
  batchId: number;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  pages: number;
  records: number;
  lastDatestamp?: string;
}

/** The `catalog` command group, made by whichever catalog command file registers first. */
function catalogGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'catalog') ?? program.command('catalog').description('the union catalogue: member records in and out');
}

/** `anylib catalog harvest --library <SYMBOL> <oai-pmh-base-url> [--set S] [--prefix marc21|oai_dc] [--from DATE]` (INTERFACES.md). */
export function catalogHarvestCommand(program: Command): void {
  catalogGroup(program)
    .command('harvest')
    .description("harvest a member library's records from its OAI-PMH repository (incremental: from the last harvest's latest datestamp)")
    .requiredOption('--library <symbol>', 'the library whose records these are')
    .argument('<url>', "the repository's OAI-PMH base URL")
    .option('--set <set>', 'harvest one set (setSpec)')
    .option('--prefix <prefix>', 'marc21 or oai_dc', 'marc21')
    .option('--from <date>', 'only records changed since (2024-05-01 or 2024-05-01T10:00:00Z)')
    .action(async (url: string, opts: { library: string; set?: string; prefix: string; from?: string }) => {
      if (opts.prefix !== 'marc21' && opts.prefix !== 'oai_dc') throw new CliError(badChoice('prefix', ['marc21', 'oai_dc'], opts.prefix));
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      const target = await openTarget(cliConfig());
      try {
        const outcome = await harvestWith(target, { library: opts.library, url, set: opts.set, prefix: opts.prefix, from: opts.from, progress: progressLine(), signal: abort.signal });
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(describeHarvest(outcome, url));
        if (outcome.rejected > 0) process.exitCode = 2;
      } finally {
        process.off('SIGINT', onSigint);
        await target.close();
      }
    });
}

/** The summary line: `Harvested 25 records in 3 pages from <url>: 25 created, 0 updated, …`. */
export function describeHarvest(o: HarvestOutcome, url: string): string {
  const en = `Harvested ${o.records} record${o.records === 1 ? '' : 's'} in ${o.pages} page${o.pages === 1 ? '' : 's'} from {url} (batch {batchId}): ` +
    '{created} created, {updated} updated, {unchanged} unchanged, {deleted} deleted, {rejected} rejected' + (o.lastDatestamp ? '; next run from {lastDatestamp}' : '');
  const zh = '从 {url} 收割 {records} 条记录，共 {pages} 页（批次 {batchId}）：新建 {created}，更新 {updated}，未变 {unchanged}，删除 {deleted}，拒收 {rejected}' +
    (o.lastDatestamp ? '；下次从 {lastDatestamp} 开始' : '');
  return say({ en, 'zh-CN': zh }, { ...o, url });
}

/** Progress on a terminal: one line rewritten in place; nothing when output is not a terminal. */
function progressLine(): (p: JobProgress) => void {
  return (p) => {
    if (!process.stderr.isTTY) return;
    const of = p.total ? ` of ${p.total}` : '';
    process.stderr.write(`\r\x1b[K${p.done}${of} records — ${p.stage ?? ''}`);
  };
}

/** Runs a harvest on the database itself, or has the running server's job queue do it and follows the job. */
export async function harvestWith(target: Target, o: HarvestCliOptions): Promise<HarvestOutcome> {
  try {
    return target.kind === 'server' ? await throughServer(target.server, o) : await onDatabase(target.db, o);
  } catch (err) {
    if (isAppError(err)) throw new CliError([err.message, ...err.fields.map((f) => `  ${f.field}: ${f.message}`)].join('\n'));
    throw err;
  }
}

async function throughServer(server: ServerClient, o: HarvestCliOptions): Promise<HarvestOutcome> {
  const body = { url: o.url, ...(o.set ? { set: o.set } : {}), ...(o.prefix ? { prefix: o.prefix } : {}), ...(o.from ? { from: o.from } : {}) };
  const started = await server.request<{ batchId: number; jobId: number }>('POST', `/api/v1/libraries/${encodeURIComponent(o.library)}/harvests`, body);
  for (;;) {
    const job = await server.request<Pick<Job, 'status' | 'progress' | 'result' | 'lastError'>>('GET', `/api/v1/jobs/${started.jobId}`);
    if (job.progress) o.progress?.(job.progress);
    if (job.status === 'succeeded') return job.result as HarvestOutcome;
    if (job.status === 'failed' || job.status === 'cancelled') {
      throw new CliError(say(cliTexts.harvestEnded, { status: job.status, error: `${job.lastError?.code ? `${job.lastError.code}: ` : ''}${job.lastError?.message ?? ''}` }));
    }
    if (o.signal?.aborted) {
      throw new CliError(say(cliTexts.harvestInServer, { jobId: started.jobId, batchId: started.batchId }), 130);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * In this process: the batch is made without a job and the harvest runs here; interrupted
 * (Ctrl-C, a crash), the next run of the same command goes on from the last stored page.
 */
async function onDatabase(db: Db, o: HarvestCliOptions): Promise<HarvestOutcome> {
  const h = await harvest();
  const { batchId, payload } = await h.prepareLocalHarvest(db, { library: o.library, url: o.url, set: o.set, prefix: o.prefix, from: o.from });
  const job = { id: 0, kind: h.CATALOG_HARVEST, payload, attempts: 1, maxAttempts: Number.MAX_SAFE_INTEGER, createdBy: null } as unknown as Job;
  const ctx: JobContext = {
    job,
    db,
    log: pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
    progress: async (p) => o.progress?.(p),
    get stopping() {
      return o.signal?.aborted ?? false;
    },
  };
  try {
    return (await h.harvestJob()(payload, ctx)) as HarvestOutcome;
  } catch (err) {
    if (err instanceof JobInterrupted) throw new CliError(say(cliTexts.harvestStopped, { batchId }), 130);
    if (err instanceof Error && 'code' in err && typeof err.code === 'string') throw new CliError(say(cliTexts.harvestFailed, { code: err.code, message: err.message }));
    throw err;
  }
}
