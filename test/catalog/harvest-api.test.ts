import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { aLibrary } from '../network/factories.js';
import { describeHarvest, harvestWith } from '../../src/cli/commands/catalog-harvest.js';
import { CliError, type Target } from '../../src/cli/context.js';
import { JobRunner, type Job, type JobContext } from '../../src/platform/jobs/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { CATALOG_HARVEST, harvestJob, harvestScheduleJob } from '../../src/modules/catalog/index.js';
import { OaiRepository } from '../../src/modules/catalog/harvest/oai-repository.fixture.js';
import { concerto, repositoryRecords } from '../../src/modules/catalog/harvest/test-records.fixture.js';

const silent = pino({ level: 'silent' });
let t: TestApp;
let repo: OaiRepository;
let runner: JobRunner;
let staff: TestAccount;
let otherStaff: TestAccount;
const marc = concerto(25);

beforeAll(async () => {
  t = await testApp();
  repo = await new OaiRepository().start();
  repo.records = repositoryRecords(marc, 'CN-HA1');
  const libraries = [
    aLibrary({ symbol: 'CN-HA1', endpoints: { oaiPmh: repo.url } }),
    aLibrary({ symbol: 'CN-HA2' }),
    aLibrary({ symbol: 'CN-HA3', endpoints: { oaiPmh: repo.url } }),
    aLibrary({ symbol: 'CN-HA4', endpoints: { oaiPmh: repo.url } }),
    aLibrary({ symbol: 'CN-HA5', endpoints: { oaiPmh: repo.url } }),
  ];
  await importNetwork(t.db, { libraries });
  staff = await anAccount(t, { role: 'library-staff', library: 'CN-HA1', permissions: ['catalogue'] });
  otherStaff = await anAccount(t, { role: 'library-staff', library: 'CN-HA2', permissions: ['catalogue'] });
  runner = new JobRunner({ db: t.db, handlers: { [CATALOG_HARVEST]: harvestJob({ backoffMs: 5 }) as never }, log: silent, pollMs: 25 });
  runner.start();
});
afterAll(async () => {
  await runner?.stop();
  await repo?.stop();
  await t?.close();
});

const post = (symbol: string, payload: object, who: TestAccount = staff) =>
  t.app.inject({ method: 'POST', url: `/api/v1/libraries/${symbol}/harvests`, headers: who.headers, payload });

describe('POST /api/v1/libraries/{symbol}/harvests', () => {
  it('queues a harvest from the directory entry\'s OAI-PMH endpoint that the job queue carries out', async () => {
    const res = await post('CN-HA1', {});
    expect(res.statusCode).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ library: 'CN-HA1', url: repo.url, prefix: 'marc21', status: 'running', job: { attempts: expect.any(Number) } });
    const job = await t.jobs.waitFor(started.jobId, { timeoutMs: 30_000 });
    expect(job.status).toBe('succeeded');
    const view = await t.app.inject({ url: `/api/v1/libraries/CN-HA1/harvests/${started.batchId}`, headers: staff.headers });
    expect(view.json()).toMatchObject({
      status: 'done', pages: 3, records: 25, completeListSize: 25, lastDatestamp: '2024-03-25T10:00:00Z',
      counts: { created: 25, rejected: 0 }, job: { status: 'succeeded' },
    });
  });

  it('takes a harvest from the command line\'s local token (started by no user)', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/libraries/CN-HA1/harvests', headers: { authorization: 'Bearer local-test-token-local-test-token' }, payload: { from: '2030-01-01' },
    });
    expect(res.statusCode).toBe(202);
    const job = await t.jobs.waitFor(res.json().jobId, { timeoutMs: 30_000 });
    expect(job).toMatchObject({ status: 'succeeded', createdBy: null, result: { records: 0 } });
  });

  it('refuses bad input with the field named, a library without an address, and other libraries\' staff', async () => {
    const bad = await post('CN-HA1', { from: 'last tuesday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'HARVEST_BAD_DATE', errors: [{ field: 'from' }] });
    expect((await post('CN-HA1', { prefix: 'mods' })).statusCode).toBe(400);
    expect((await post('CN-HA1', { url: 'ftp://x/oai' })).statusCode).toBe(400);
    expect((await post('CN-HA1', { colour: 'red' })).statusCode).toBe(400);
    const noUrl = await post('CN-HA2', {}, otherStaff);
    expect(noUrl.statusCode).toBe(400);
    expect(noUrl.json()).toMatchObject({ code: 'HARVEST_NO_URL' });
    expect((await post('CN-HA1', {}, otherStaff)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-HA2/harvests/1', headers: otherStaff.headers })).statusCode).toBe(404);
  });
});

describe('anylib catalog harvest', () => {
  const onDb = (): Target => ({ kind: 'db', db: t.db, close: async () => undefined });

  it('harvests on the database and prints a summary line; stopped, it goes on where it stopped', async () => {
    const abort = new AbortController();
    repo.requests.length = 0;
    const stopped = await harvestWith(onDb(), {
      library: 'CN-HA3', url: repo.url, signal: abort.signal,
      progress: (p) => {
        if (p.done >= 10) abort.abort(); // Ctrl-C while the second page comes: it stops once that page is stored
      },
    }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(CliError);
    expect((stopped as CliError).exitCode).toBe(130);

    repo.requests.length = 0;
    const outcome = await harvestWith(onDb(), { library: 'CN-HA3', url: repo.url });
    expect(repo.requests[0]).toMatchObject({ verb: 'ListRecords', resumptionToken: expect.stringContaining('|20|') });
    expect(outcome).toMatchObject({ records: 25, created: 25, pages: 3 });
    expect(describeHarvest(outcome, repo.url)).toBe(
      `Harvested 25 records in 3 pages from ${repo.url} (batch ${outcome.batchId}): 25 created, 0 updated, 0 unchanged, 0 deleted, 0 rejected; next run from 2024-03-25T10:00:00Z`,
    );
  });

  it('has the running server harvest and follows its job to the summary', async () => {
    const server: Target = {
      kind: 'server',
      close: async () => undefined,
      server: {
        url: 'http://anylib.test',
        async request<T>(method: string, path: string, body?: unknown): Promise<T> {
          const res = await t.app.inject({ method: method as 'GET', url: path, headers: staff.headers, ...(body !== undefined ? { payload: body as object } : {}) });
          if (res.statusCode >= 400) throw new CliError(res.body);
          return res.json() as T;
        },
      },
    };
    const seen: number[] = [];
    const outcome = await harvestWith(server, { library: 'CN-HA1', url: repo.url, from: '2024-03-20', progress: (p) => seen.push(p.done) });
    expect(outcome).toMatchObject({ records: 6, unchanged: 6, pages: 1 });
  });

  it('tells what was wrong with the arguments', async () => {
    await expect(harvestWith(onDb(), { library: 'CN-NONE', url: repo.url })).rejects.toThrow(/no library CN-NONE/);
    await expect(harvestWith(onDb(), { library: 'CN-HA3', url: repo.url, from: '2024-13-01' })).rejects.toThrow(/not a date/);
  });
});

describe('catalog.harvest-schedule', () => {
  it('queues one harvest per due library and day, none for libraries off or just harvested', async () => {
    const profile = (symbol: string, harvest: object) =>
      t.db.query(`INSERT INTO catalog_profiles (library_id, harvest) SELECT id, $2 FROM libraries WHERE symbol = $1
                  ON CONFLICT (library_id) DO UPDATE SET harvest = excluded.harvest`, [symbol, JSON.stringify(harvest)]);
    await profile('CN-HA4', { schedule: 'daily', prefix: 'oai_dc', set: 'even' });
    await profile('CN-HA5', { schedule: 'off' });
    await profile('CN-HA1', { schedule: 'daily' }); // harvested minutes ago
    await profile('CN-HA2', {}); // no address anywhere
    const now = new Date();
    const ctx = { job: {} as Job, log: silent, db: t.db, progress: async () => undefined, stopping: false } as JobContext;
    const first = await harvestScheduleJob(() => now)({}, ctx);
    expect(first).toEqual({ queued: ['CN-HA4'], skipped: [{ library: 'CN-HA2', reason: expect.stringContaining('no OAI-PMH address') }] });
    await harvestScheduleJob(() => now)({}, ctx);
    const { rows } = await t.db.query<{ payload: object }>(`SELECT payload FROM jobs WHERE kind = $1 AND library_id = (SELECT id FROM libraries WHERE symbol = 'CN-HA4')`, [CATALOG_HARVEST]);
    expect(rows.map((r) => r.payload)).toEqual([{ library: 'CN-HA4', url: repo.url, prefix: 'oai_dc', set: 'even' }]);
    const next = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'catalog.harvest-schedule'`);
    expect(next.rows[0]?.n).toBe(1);
  });
});
