/**
 * `anylib catalog import --library <SYMBOL> [--format …] [--flavour …] [--errors <file.jsonl>] <file>…`
 * (INTERFACES.md): loads a member's record files. On the database itself the import runs here,
 * as the `catalog.import` job would; when a server holds the embedded data directory the file is
 * uploaded (streamed) to it and its job followed. A progress line on a terminal, a summary line
 * per file; exit 0 when every record was read, 2 when some were rejected (listed in --errors).
 */
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { Db } from '../../platform/db/index.js';
import { readLock } from '../../platform/db/index.js';
import type { Job } from '../../platform/jobs/index.js';
import { cliConfig, CliError, openTarget, ProblemError, type ServerClient, type Target } from '../context.js';
import { progressLine, type ProgressShown } from './progress-line.js';
import { badChoice, cliTexts, say } from '../i18n.js';

const formats = ['auto', 'iso2709', 'marcxml', 'marcjson'] as const;
const flavours = ['auto', 'marc21', 'unimarc'] as const;

export interface CatalogImportOptions {
  library: string;
  format: (typeof formats)[number];
  flavour: (typeof flavours)[number];
  /** JSON lines, one per rejected record. */
  errors?: string;
}

export interface FileOutcome {
  file: string;
  batchId: number;
  status: string;
  counts: { read: number; created: number; updated: number; unchanged: number; deleted: number; rejected: number; warnings?: number };
}

interface RejectLine {
  position: number;
  byteOffset: number | null;
  localId: string | null;
  problems: unknown[];
  raw: string | null;
}

/** Registers `anylib catalog import`. */
export function catalogImportCommand(program: Command): void {
  const catalog = program.commands.find((c) => c.name() === 'catalog') ?? program.command('catalog').description('the union catalogue: member records in and out');
  catalog
    .command('import')
    .description('load a member library’s record files (ISO 2709, MARCXML, MARC-in-JSON)')
    .requiredOption('--library <symbol>', 'the library the records belong to')
    .option('--format <format>', formats.join('|'), 'auto')
    .option('--flavour <flavour>', flavours.join('|'), 'auto')
    .option('--errors <file>', 'write each rejected record, and each stored with holdings warnings, as one JSON line (severity error or warning)')
    .argument('<file...>', 'record files')
    .action(async (files: string[], opts: CatalogImportOptions) => {
      if (!(formats as readonly string[]).includes(opts.format)) throw new CliError(badChoice('format', formats, opts.format));
      if (!(flavours as readonly string[]).includes(opts.flavour)) throw new CliError(badChoice('flavour', flavours, opts.flavour));
      const config = cliConfig();
      const target = await openTarget(config);
      try {
        process.exitCode = exitCodeOf(await importFiles(target, files, opts, { token: readLock(config.dataDir)?.token }));
      } finally {
        await target.close();
      }
    });
}

/** 0 when every record was read, 2 when some were rejected, 1 when an import failed (INTERFACES.md). */
export function exitCodeOf(outcomes: readonly FileOutcome[]): number {
  if (outcomes.some((o) => o.status === 'failed')) return 1;
  return outcomes.some((o) => o.counts.rejected > 0) ? 2 : 0;
}

const summaryText = {
  en: '{library} {file}: read {read}, created {created}, updated {updated}, unchanged {unchanged}, deleted {deleted}, rejected {rejected}, holdings warnings {warnings} (import {batch}, {status})',
  'zh-CN': '{library} {file}：读取 {read}，新建 {created}，更新 {updated}，未变 {unchanged}，删除 {deleted}，拒收 {rejected}，馆藏警告 {warnings}（导入批次 {batch}，{status}）',
} as const;

/** One summary line: `CN-X a.mrc: read 1000, created 990, … (import 12)`. */
export function describeOutcome(library: string, o: FileOutcome): string {
  const c = o.counts;
  return say(summaryText, { library, file: path.basename(o.file), ...c, warnings: c.warnings ?? 0, batch: o.batchId, status: o.status });
}

/** Imports each file in turn; prints a progress line (on a terminal) and a summary per file. */
export async function importFiles(target: Target, files: string[], opts: CatalogImportOptions, server: { token?: string } = {}, out: Pick<Console, 'log'> = console): Promise<FileOutcome[]> {
  for (const f of files) {
    try {
      if (!statSync(f).isFile()) throw new Error('not a file');
    } catch {
      throw new CliError(say(cliTexts.cannotRead, { file: f, reason: '' }));
    }
  }
  const errors = opts.errors ? createWriteStream(opts.errors) : undefined;
  const outcomes: FileOutcome[] = [];
  try {
    for (const file of files) {
      const bar = progressLine(process.stderr, statSync(file).size);
      const outcome = target.kind === 'db' ? await onDatabase(target.db, file, opts, bar) : await onServer(target.server, server.token, file, opts, bar);
      bar.done();
      outcomes.push(outcome);
      out.log(describeOutcome(opts.library, outcome));
      if (errors && (outcome.counts.rejected > 0 || (outcome.counts.warnings ?? 0) > 0)) await writeRejects(errors, file, outcome.batchId, await rejectsOf(target, opts.library, outcome.batchId));
    }
  } finally {
    if (errors) await new Promise((res) => errors.end(res));
  }
  return outcomes;
}

async function onDatabase(db: Db, file: string, opts: CatalogImportOptions, bar: ProgressShown): Promise<FileOutcome> {
  const catalog = await import('../../modules/catalog/index.js');
  const { rows } = await db.query<{ id: number }>('SELECT id FROM libraries WHERE symbol = $1', [opts.library]);
  if (!rows[0]) throw new CliError(say(cliTexts.noLibrary, { symbol: opts.library }));
  const batchId = await catalog.importStore.create(db, { libraryId: Number(rows[0].id), kind: 'file', source: path.basename(file), format: opts.format, flavour: opts.flavour });
  const ctx = { stopping: false, job: { attempts: 1, maxAttempts: 1 } as Job, progress: async (p: { done: number; perSecond?: number; etaSeconds?: number }) => bar.show(p) };
  const counts = await catalog.runImport(db, { batchId, path: path.resolve(file), library: opts.library, format: opts.format, flavour: opts.flavour }, ctx);
  return { file, batchId, status: 'done', counts };
}

const contentTypes: Record<CatalogImportOptions['format'], string> = {
  auto: 'application/octet-stream', iso2709: 'application/marc', marcxml: 'application/marcxml+xml', marcjson: 'application/json',
};

async function onServer(server: ServerClient, token: string | undefined, file: string, opts: CatalogImportOptions, bar: ProgressShown): Promise<FileOutcome> {
  const base = `/api/v1/libraries/${encodeURIComponent(opts.library)}/imports`;
  const query = `?format=${opts.format}&flavour=${opts.flavour}&filename=${encodeURIComponent(path.basename(file))}`;
  // Streamed: a file of several GB is never read whole.
  const res = await fetch(server.url + base + query, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': contentTypes[opts.format] },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const answer = (await res.json()) as { batchId: number; jobId: number };
  if (!res.ok) throw new ProblemError(res.status, answer);
  for (;;) {
    const b = await server.request<{ status: string; counts: FileOutcome['counts']; job: { status: string; progress: { done: number; perSecond?: number; etaSeconds?: number } | null } | null }>(
      'GET', `${base}/${answer.batchId}`,
    );
    if (b.job?.progress) bar.show(b.job.progress);
    if (b.status !== 'running' || b.job?.status === 'failed' || b.job?.status === 'cancelled') return { file, batchId: answer.batchId, status: b.status === 'running' ? 'failed' : b.status, counts: b.counts };
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function rejectsOf(target: Target, library: string, batchId: number): Promise<RejectLine[]> {
  const out: RejectLine[] = [];
  if (target.kind === 'db') {
    const { importStore } = await import('../../modules/catalog/index.js');
    for (let after = 0; ;) {
      const page = await importStore.rejects(target.db, batchId, 500, after);
      out.push(...page.map((r) => ({ ...r, raw: r.raw?.toString('base64') ?? null })));
      if (page.length < 500) return out;
      after = page[page.length - 1]!.position;
    }
  }
  for (let after = 0; ;) {
    const page = await target.server.request<{ items: RejectLine[]; next: number | null }>('GET', `/api/v1/libraries/${encodeURIComponent(library)}/imports/${batchId}/rejects?limit=500&after=${after}`);
    out.push(...page.items);
    if (page.next === null) return out;
    after = page.next;
  }
}

async function writeRejects(to: WriteStream, file: string, batchId: number, rejects: RejectLine[]): Promise<void> {
  for (const r of rejects) {
    if (!to.write(JSON.stringify({ file, batch: batchId, ...r }) + '\n')) await new Promise<void>((res) => to.once('drain', () => res()));
  }
}
