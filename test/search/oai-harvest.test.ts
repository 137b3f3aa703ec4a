/**
 * Harvesters that no test of the provider wrote drive it over HTTP: Anylib's own (the catalogue's
 * `catalog.harvest` job, which another Anylib network or a member's Anylib would run) and the
 * Perl OAI-PMH library Debian ships (libhttp-oai-perl, HTTP::OAI::Harvester), both following
 * resumption tokens over small pages. A missing Perl module fails the test.
 */
import { spawn } from 'node:child_process';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_HARVEST, harvestJob, harvestStatus, startHarvest } from '../../src/modules/catalog/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import type { App } from '../../src/platform/http/app.js';
import { JobRunner } from '../../src/platform/jobs/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary } from '../network/factories.js';
import { deleteOnlyHere, loadCatalogue, smallPageApp } from './oai.fixture.js';

let t: TestApp;
let server: App;
let url: string;
let runner: JobRunner;

beforeAll(async () => {
  t = await testApp();
  await loadCatalogue(t);
  await deleteOnlyHere(t);
  await importNetwork(t.db, { libraries: [aLibrary({ symbol: 'CN-HW' })] });
  server = await smallPageApp(t, { records: 4, identifiers: 5 });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  url = `${address}/oai`;
  runner = new JobRunner({ db: t.db, handlers: { [CATALOG_HARVEST]: harvestJob({ backoffMs: 5 }) as never }, log: pino({ level: 'silent' }), pollMs: 25 });
  runner.start();
});
afterAll(async () => {
  await runner?.stop();
  await server?.close();
  await t?.close();
});

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.db.query<{ n: string }>(sql, params)).rows[0]!.n);

describe("Anylib's own harvester", () => {
  it('harvests the union catalogue in MARC 21 into another library: each union record comes back as a record of its cluster', async () => {
    const live = await count("SELECT count(*) AS n FROM clusters c JOIN records d ON d.id = c.display_record_id AND d.deleted_at IS NULL WHERE c.record_count > 0 AND d.flavour = 'marc21'");
    const started = await startHarvest(t.db, t.jobs, { library: 'CN-HV', url, prefix: 'marc21' }, null);
    const job = await t.jobs.waitFor(started.job.id, { timeoutMs: 60_000 });
    expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');
    const status = await harvestStatus(t.db, 'CN-HV', started.batchId);
    expect(status).toMatchObject({ status: 'done', counts: { created: live, rejected: 0 } });
    // Harvesting into the catalogue it harvests: each page's records join their clusters, which
    // changes their datestamps and puts them again at the end of the list (seen again, unchanged).
    expect(status!.pages).toBeGreaterThanOrEqual(Math.ceil((live + 1) / 4));
    // The union record's 001 is its cluster id: harvested back, it joins that very cluster.
    const { rows } = await t.db.query<{ local_id: string; cluster_id: string }>("SELECT r.local_id, r.cluster_id FROM records r JOIN libraries l ON l.id = r.library_id WHERE l.symbol = 'CN-HV'");
    expect(rows.length).toBe(live);
    expect(rows.filter((r) => r.local_id === String(r.cluster_id)).length).toBe(live);
  });

  it('harvests it in oai_dc too, the UNIMARC record included, one set at a time', async () => {
    const started = await startHarvest(t.db, t.jobs, { library: 'CN-HW', url, prefix: 'oai_dc', set: 'library:CN-OC' }, null);
    const job = await t.jobs.waitFor(started.job.id, { timeoutMs: 60_000 });
    expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');
    const titles = (await t.db.query<{ t: string }>("SELECT c.summary->>'title' AS t FROM records r JOIN libraries l ON l.id = r.library_id JOIN clusters c ON c.id = r.cluster_id WHERE l.symbol = 'CN-HW' AND r.deleted_at IS NULL")).rows.map((r) => r.t);
    expect(titles.length).toBe(1);
    expect(titles[0]).toMatch(/Stato innovatore/i);
  });
});

/** Runs Perl with HTTP::OAI (Debian libhttp-oai-perl); the script prints one line of counts. */
function perl(script: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('perl', ['-MHTTP::OAI', '-e', script, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const HARVEST = String.raw`
my ($url, $prefix) = @ARGV;
my $h = HTTP::OAI::Harvester->new(baseURL => $url);
# Identify is read but not made the harvester's repository: its baseURL is BASE_URL, not this test server's port.
my $id = $h->Identify; die "Identify: " . $id->message . "\n" if $id->is_error;
my ($records, $deleted, $titles, $ids) = (0, 0, 0, 0);
my $r = $h->ListRecords(metadataPrefix => $prefix, onRecord => sub {
  my $rec = shift; $records++;
  if ($rec->is_deleted) { $deleted++ } elsif ($prefix eq 'oai_dc') { my @t = $rec->metadata->dom->findnodes('.//*[local-name()="title"]'); $titles++ if @t }
});
die "ListRecords: " . $r->message . "\n" if $r->is_error;
my @errors = $r->errors; die "ListRecords: " . join('; ', map { $_->code } @errors) . "\n" if @errors;
$r = $h->ListIdentifiers(metadataPrefix => $prefix, onRecord => sub { $ids++ });
die "ListIdentifiers: " . $r->message . "\n" if $r->is_error;
print "repository=" . $id->repositoryName . " records=$records deleted=$deleted titles=$titles identifiers=$ids\n";
`;

describe('HTTP::OAI::Harvester (Debian libhttp-oai-perl)', () => {
  it('harvests every record over all pages, and every identifier, in oai_dc and marc21', async () => {
    const all = await count('SELECT count(*) AS n FROM clusters');
    const deleted = await count('SELECT count(*) AS n FROM clusters WHERE record_count = 0 OR merged_into IS NOT NULL');
    const dc = await perl(HARVEST, url, 'oai_dc');
    expect(dc.code, dc.stderr).toBe(0);
    expect(dc.stdout.trim()).toBe(`repository=Anylib 联合目录 / Anylib union catalogue records=${all} deleted=${deleted} titles=${all - deleted} identifiers=${all}`);
    const marc = await perl(HARVEST, url, 'marc21');
    expect(marc.code, marc.stderr).toBe(0);
    const marc21 = await count("SELECT count(*) AS n FROM clusters c WHERE c.record_count = 0 OR EXISTS (SELECT 1 FROM records d WHERE d.id = c.display_record_id AND d.flavour = 'marc21')");
    expect(marc.stdout).toMatch(new RegExp(`records=${marc21} deleted=${deleted} titles=0 identifiers=${marc21}$`, 'm'));
  });
});
