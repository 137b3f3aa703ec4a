import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarvestError, OaiClient, retryAfterMs } from './oai-client.js';
import { OaiRepository } from './oai-repository.fixture.js';
import { concerto, repositoryRecords } from './test-records.fixture.js';

let repo: OaiRepository;
beforeAll(async () => {
  repo = await new OaiRepository().start();
  repo.records = repositoryRecords(concerto(3), 'CN-X');
});
afterAll(() => repo.stop());

const client = (retries: { attempt: number; waitMs: number; reason: string }[] = [], extra = {}) =>
  new OaiClient({ baseUrl: repo.url, backoffMs: 5, timeoutMs: 2_000, onRetry: (r) => retries.push(r), ...extra });

describe('OAI-PMH client', () => {
  it('reads Identify', async () => {
    const id = await client().identify();
    expect(id).toMatchObject({ protocolVersion: '2.0', granularity: 'YYYY-MM-DDThh:mm:ssZ', deletedRecord: 'persistent' });
  });

  it('waits as long as a 503 Retry-After says, and backs off on dropped connections and cut responses', async () => {
    const retries: { attempt: number; waitMs: number; reason: string }[] = [];
    repo.faults.push({ kind: 'status', status: 503, retryAfter: '1' }, { kind: 'drop' }, { kind: 'cut' }, { kind: 'status', status: 502 });
    const { records } = await client(retries).request({ verb: 'ListRecords', metadataPrefix: 'marc21' });
    expect(records).toHaveLength(3);
    expect(retries.map((r) => r.waitMs)).toEqual([1000, 10, 20, 40]);
    expect(retries[1]?.reason).toMatch(/network error/);
    expect(retries[2]?.reason).toMatch(/not well-formed/);
  });

  it('stops waiting out a Retry-After when told to stop', async () => {
    let stop = false;
    repo.faults.push({ kind: 'status', status: 503, retryAfter: '600' });
    const asked = client([], { stopping: () => stop }).request({ verb: 'Identify' });
    setTimeout(() => (stop = true), 100);
    await expect(asked).rejects.toMatchObject({ code: 'HTTP_503', transient: true });
  });

  it('gives a request up after its timeout, and after the last attempt', async () => {
    repo.faults.push({ kind: 'hang' }, { kind: 'hang' });
    const err = await client([], { timeoutMs: 200, attempts: 2 }).request({ verb: 'Identify' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HarvestError);
    expect(err).toMatchObject({ code: 'TIMEOUT', transient: true });
  });

  it('does not ask again after a refusal (404), and hands OAI-PMH errors back in the page', async () => {
    const retries: unknown[] = [];
    repo.faults.push({ kind: 'status', status: 404 });
    await expect(client(retries as never).request({ verb: 'Identify' })).rejects.toMatchObject({ code: 'HTTP_404', transient: false });
    expect(retries).toHaveLength(0);
    const { page } = await client().request({ verb: 'ListRecords', metadataPrefix: 'marc21', from: '2030-01-01' });
    expect(page.errors).toEqual([{ code: 'noRecordsMatch', message: 'no records match' }]);
  });

  it('gets one record by identifier, and nothing for an identifier the repository does not know', async () => {
    const r = await client().getRecord(repo.records[1]!.identifier, 'oai_dc');
    expect(r?.header.identifier).toBe(repo.records[1]!.identifier);
    expect(r?.metadata).toMatch(/^<oai_dc:dc /);
    expect(await client().getRecord('oai:nowhere:1', 'marc21')).toBeUndefined();
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
