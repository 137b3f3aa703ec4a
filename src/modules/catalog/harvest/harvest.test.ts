import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../../test/support/app.js';
import { aLibrary } from '../../../../test/network/factories.js';
import { importNetwork } from '../../network/index.js';
import { JobInterrupted, PermanentJobError, type Job, type JobContext, type JobProgress } from '../../../platform/jobs/index.js';
import { harvestJob, startHarvest, type HarvestRequest, type HarvestSummary } from './index.js';
import { OaiRepository } from './oai-repository.fixture.js';
import { concerto, repositoryRecords } from './test-records.fixture.js';

const silent = pino({ level: 'silent' });
const handler = harvestJob({ backoffMs: 5, timeoutMs: 5_000 });

let t: TestApp;
let repo: OaiRepository;
const marc = concerto(30);
/** Two recordings of the set with no date anywhere (008/06 n, no 260 $c). */
const UNDATED = ['03-0003334', '03-0003745'];

beforeAll(async () => {
  t = await testApp();
  repo = await new OaiRepository().start();
  const libraries = ['CN-HV1', 'CN-HV2', 'CN-HV3', 'CN-HV4', 'CN-HV5', 'CN-HV6', 'CN-HV7'].map((symbol) => aLibrary({ symbol, endpoints: { oaiPmh: repo.url } }));
  await importNetwork(t.db, { libraries });
});
afterAll(async () => {
  await repo?.stop();
  await t?.close();
});

/** Runs a queued harvest's handler as the job runner would, with `stopping` as the test says. */
async function runHarvest(job: Job, opts: { attempt?: number; stopWhen?: () => boolean; progress?: JobProgress[] } = {}): Promise<HarvestSummary> {
  const ctx: JobContext = {
    job: { ...job, attempts: opts.attempt ?? 1 },
    log: silent,
    db: t.db,
    progress: async (p) => void opts.progress?.push(p),
    get stopping() {
      return opts.stopWhen?.() ?? false;
    },
  };
  return (await handler(job.payload as never, ctx)) as HarvestSummary;
}

const start = (req: HarvestRequest) => startHarvest(t.db, t.jobs, req, null);
const listRequests = () => repo.requests.filter((q) => q.verb === 'ListRecords');

async function held(library: string) {
  const { rows } = await t.db.query<{ local_id: string; deleted: boolean; holdings: number; title: string; source_format: string; cluster_id: number | null }>(
    `SELECT r.local_id, r.deleted_at IS NOT NULL AS deleted, r.source_format, r.cluster_id,
            (SELECT count(*)::int FROM holdings h WHERE h.record_id = r.id) AS holdings,
            (SELECT s->>'value' FROM json_array_elements(r.record->'fields') f, json_array_elements(f->'subfields') s
              WHERE f->>'tag' = '245' AND s->>'code' = 'a' LIMIT 1) AS title
       FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = $1 ORDER BY r.local_id`,
    [library],
  );
  return rows;
}

describe('catalog.harvest', () => {
  it('harvests every record over three pages with resumption tokens, and then only what changed', async () => {
    repo.records = repositoryRecords(marc.slice(0, 25), 'CN-HV1');
    repo.requests.length = 0;
    const progress: JobProgress[] = [];
    const { job, batchId } = await start({ library: 'CN-HV1' }); // the URL from the directory entry
    const summary = await runHarvest(job, { progress });
    expect(summary).toMatchObject({ batchId, pages: 3, records: 25, read: 25, created: 25, rejected: 0, lastDatestamp: '2024-03-25T10:00:00Z' });
    expect(repo.requests.map((q) => q.verb)).toEqual(['Identify', 'ListRecords', 'ListRecords', 'ListRecords']);
    expect(listRequests()[0]).toEqual({ verb: 'ListRecords', metadataPrefix: 'marc21' });
    expect(Object.keys(listRequests()[1]!)).toEqual(['verb', 'resumptionToken']);
    expect(progress.some((p) => p.total === 25 && p.done === 20)).toBe(true);
    const rows = await held('CN-HV1');
    expect(rows).toHaveLength(25);
    expect(rows.every((r) => r.holdings === 1 && r.cluster_id !== null && r.source_format === 'marcxml')).toBe(true);
    const batch = await t.db.query<{ status: string; counts: { created: number } }>('SELECT status, counts FROM import_batches WHERE id = $1', [batchId]);
    expect(batch.rows[0]).toMatchObject({ status: 'done', counts: { created: 25 } });

    // Incremental: two new records and a changed one; the run starts at the last harvest's latest datestamp.
    repo.records.push(...repositoryRecords(marc.slice(25, 27), 'CN-HV1', Date.UTC(2024, 3, 1, 10)));
    const changed = repo.records[4]!;
    changed.metadata.marc21 = changed.metadata.marc21!.replace(/(tag="300"[^>]*>\s*<subfield code="a">)/, '$1[revised] ');
    changed.datestamp = '2024-04-02T09:00:00Z';
    repo.requests.length = 0;
    const second = await runHarvest((await start({ library: 'CN-HV1' })).job);
    expect(listRequests()[0]).toEqual({ verb: 'ListRecords', metadataPrefix: 'marc21', from: '2024-03-25T10:00:00Z' });
    expect(second).toMatchObject({ pages: 1, records: 4, created: 2, updated: 1, unchanged: 1, lastDatestamp: '2024-04-02T10:00:00Z' });
    expect(await held('CN-HV1')).toHaveLength(27);

    // Nothing new: noRecordsMatch is an empty, successful run.
    const none = await runHarvest((await start({ library: 'CN-HV1', from: '2030-01-01' })).job);
    expect(none).toMatchObject({ pages: 0, records: 0, read: 0 });
  });

  it('removes the holdings of a record the repository reports deleted', async () => {
    repo.records = repositoryRecords(marc.slice(0, 5), 'CN-HV2');
    await runHarvest((await start({ library: 'CN-HV2' })).job);
    const gone = repo.records[2]!;
    const localId = (await held('CN-HV2'))[2]!.local_id;
    expect((await held('CN-HV2')).find((r) => r.local_id === localId)?.holdings).toBe(1);
    Object.assign(gone, { deleted: true, datestamp: '2024-05-01T00:00:00Z' });
    const summary = await runHarvest((await start({ library: 'CN-HV2' })).job);
    expect(summary).toMatchObject({ deleted: 1 });
    expect((await held('CN-HV2')).find((r) => r.local_id === localId)).toMatchObject({ deleted: true, holdings: 0 });
  });

  it('keeps the records it cannot read as rejects, with their position, and goes on', async () => {
    // The seventh has a Koha item whose due date ($q) cannot be read: stored, the problem listed.
    const koha = { tag: '952', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'CN-HV7' }, { code: 'p', value: 'bc-7' }, { code: 'q', value: 'next tuesday' }] };
    repo.records = repositoryRecords(marc.slice(0, 12).map((r, i) => (i === 6 ? { ...r, fields: [...r.fields, koha] } : r)), 'CN-HV7');
    repo.records[3]!.metadata.marc21 = '<marc:record xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:datafield tag="245" ind1="0" ind2="0"><marc:subfield code="a">No leader</marc:subfield></marc:datafield></marc:record>';
    repo.records[11]!.metadata.marc21 = undefined;
    const { job, batchId } = await start({ library: 'CN-HV7' });
    const summary = await runHarvest(job);
    expect(summary).toMatchObject({ read: 12, created: 10, rejected: 2, warnings: 1 });
    const rejects = await t.db.query<{ position: number; severity: string; problems: { code: string; field?: string }[] }>('SELECT position, severity, problems FROM import_rejects WHERE batch_id = $1 ORDER BY position', [batchId]);
    expect(rejects.rows.map((r) => [r.position, r.severity, r.problems.map((p) => p.field ? `${p.code} ${p.field}` : p.code)])).toEqual([
      [4, 'error', ['leader-invalid leader']], [7, 'warning', ['holdings 952[1]$q']], [12, 'error', ['no-fields']],
    ]);
  });

  it('goes on after a crash from the page after the last one stored, doubling nothing', async () => {
    repo.records = repositoryRecords(marc.slice(0, 25), 'CN-HV3');
    repo.requests.length = 0;
    const { job, batchId } = await start({ library: 'CN-HV3' });
    // The node stops after the second page is stored.
    await expect(runHarvest(job, { stopWhen: () => listRequests().length >= 2 })).rejects.toBeInstanceOf(JobInterrupted);
    expect(await held('CN-HV3')).toHaveLength(20);
    const checkpoint = await t.db.query<{ checkpoint: { resumptionToken: string; records: number } }>('SELECT checkpoint FROM import_batches WHERE id = $1', [batchId]);
    expect(checkpoint.rows[0]?.checkpoint).toMatchObject({ records: 20, resumptionToken: expect.stringContaining('|20|') });

    repo.requests.length = 0;
    const summary = await runHarvest(job, { attempt: 2 });
    expect(repo.requests).toEqual([{ verb: 'ListRecords', resumptionToken: checkpoint.rows[0]!.checkpoint.resumptionToken }]);
    expect(summary).toMatchObject({ pages: 3, records: 25, created: 25, updated: 0, unchanged: 0 });
    expect(await held('CN-HV3')).toHaveLength(25);
    const versions = await t.db.query<{ v: number }>(`SELECT max(r.version) AS v FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = 'CN-HV3'`);
    expect(versions.rows[0]?.v).toBe(1);
  });

  it('asks for the list again when its token went stale while it was down', async () => {
    repo.records = repositoryRecords(marc.slice(0, 25), 'CN-HV4');
    repo.requests.length = 0;
    const { job } = await start({ library: 'CN-HV4', from: '2024-03-03' });
    await expect(runHarvest(job, { stopWhen: () => listRequests().length >= 1 })).rejects.toBeInstanceOf(JobInterrupted);
    repo.generation++; // the repository restarted: every token it gave is bad
    repo.requests.length = 0;
    const summary = await runHarvest(job, { attempt: 2 });
    expect(listRequests()[1]).toEqual({ verb: 'ListRecords', metadataPrefix: 'marc21', from: '2024-03-03T00:00:00Z' });
    expect(summary).toMatchObject({ created: 23, unchanged: 10 });
    expect(await held('CN-HV4')).toHaveLength(23);
  });

  it('rides out a 503 with Retry-After, a dropped connection and a response cut short', async () => {
    repo.records = repositoryRecords(marc.slice(0, 12), 'CN-HV5');
    repo.requests.length = 0;
    repo.faults.push({ kind: 'status', status: 503, retryAfter: '1' }, { kind: 'drop' }, { kind: 'cut' });
    const summary = await runHarvest((await start({ library: 'CN-HV5' })).job);
    expect(summary).toMatchObject({ created: 12, pages: 2 });
    expect(repo.requests).toHaveLength(3 + 3);
  });

  it('fails the job with the repository\'s error code when it cannot give the format', async () => {
    repo.formats = ['marc21'];
    try {
      const { job, batchId } = await start({ library: 'CN-HV5', prefix: 'oai_dc' });
      const err = await runHarvest(job).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentJobError);
      expect(err).toMatchObject({ code: 'cannotDisseminateFormat' });
      const batch = await t.db.query<{ status: string }>('SELECT status FROM import_batches WHERE id = $1', [batchId]);
      expect(batch.rows[0]?.status).toBe('failed');
    } finally {
      repo.formats = ['marc21', 'oai_dc'];
    }
  });

  it('crosswalks oai_dc records and stores them like any other, a set at a time', async () => {
    repo.records = repositoryRecords(marc.slice(0, 20), 'CN-HV6');
    repo.requests.length = 0;
    const summary = await runHarvest((await start({ library: 'CN-HV6', prefix: 'oai_dc', set: 'even' })).job);
    expect(listRequests()[0]).toEqual({ verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'even' });
    expect(summary).toMatchObject({ created: 10, rejected: 0 });
    const rows = await held('CN-HV6');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ source_format: 'oai_dc', local_id: expect.stringMatching(/^oai:concerto:/) });
    expect(rows.every((r) => r.title && r.cluster_id !== null)).toBe(true);
    // The same books and recordings harvested as MARC 21 by CN-HV1 land in the same union records.
    const same = await t.db.query<{ dc: string; marc: string; together: boolean }>(
      `SELECT d.local_id AS dc, m.local_id AS marc, d.cluster_id = m.cluster_id AS together
         FROM records d JOIN records m ON 'oai:concerto:' || m.local_id = d.local_id
        WHERE d.library_id = (SELECT id FROM libraries WHERE symbol = 'CN-HV6') AND m.library_id = (SELECT id FROM libraries WHERE symbol = 'CN-HV1')`,
    );
    expect(same.rows).toHaveLength(10);
    // Apart stay only the two recordings that carry no date at all, which matching will not merge on title and name alone.
    expect(same.rows.filter((r) => !r.together).map((r) => r.marc).sort()).toEqual(UNDATED);
  });

  it('starts no second run of a list while one is queued or under way', async () => {
    repo.records = repositoryRecords(marc.slice(0, 3), 'CN-HV7');
    const first = await start({ library: 'CN-HV7', set: 'odd' });
    await expect(start({ library: 'CN-HV7', set: 'odd' })).rejects.toMatchObject({ code: 'HARVEST_RUNNING' });
    await expect(start({ library: 'CN-HV7', set: 'even' })).resolves.toMatchObject({ prefix: 'marc21' });
    await runHarvest(first.job);
    await expect(start({ library: 'CN-HV7', set: 'odd' })).resolves.toMatchObject({ prefix: 'marc21' });
  });

  it('speaks to a day-granular repository in days', async () => {
    repo.records = repositoryRecords(marc.slice(0, 12), 'CN-HV7');
    repo.granularity = 'YYYY-MM-DD';
    repo.requests.length = 0;
    try {
      const summary = await runHarvest((await start({ library: 'CN-HV7', from: '2024-03-10T18:00:00+08:00' })).job);
      expect(listRequests()[0]).toEqual({ verb: 'ListRecords', metadataPrefix: 'marc21', from: '2024-03-10' });
      expect(summary).toMatchObject({ records: 3, lastDatestamp: '2024-03-12' });
    } finally {
      repo.granularity = 'YYYY-MM-DDThh:mm:ssZ';
    }
  });
});
