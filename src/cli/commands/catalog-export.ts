/**
 * `anylib catalog export --format iso2709|marcxml|marcjson [--library <SYMBOL>] [--out <file>]`
 * (INTERFACES.md): the union records (one per cluster) or one library's records, streamed to a
 * file or stdout. On the database itself the export runs here; when a server holds the embedded
 * data directory, the server's `GET /api/v1/export` is streamed to the file instead.
 */
import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { readLock } from '../../platform/db/index.js';
import { cliConfig, CliError, openTarget, ProblemError, type Target } from '../context.js';
import { badChoice } from '../i18n.js';

const formats = ['iso2709', 'marcxml', 'marcjson'] as const;
type Format = (typeof formats)[number];

export interface CatalogExportOptions {
  format: Format;
  library?: string;
  out?: string;
}

/** Registers `anylib catalog export`. */
export function catalogExportCommand(program: Command): void {
  const catalog = program.commands.find((c) => c.name() === 'catalog') ?? program.command('catalog').description('the union catalogue: member records in and out');
  catalog
    .command('export')
    .description('write the union records (one per cluster) or one library’s records as ISO 2709, MARCXML or MARC-in-JSON')
    .requiredOption('--format <format>', formats.join('|'))
    .option('--library <symbol>', 'one library’s records as it holds them (default: the union records)')
    .option('--out <file>', 'the file to write (default: standard output)')
    .action(async (opts: CatalogExportOptions) => {
      if (!(formats as readonly string[]).includes(opts.format)) throw new CliError(badChoice('format', formats, opts.format));
      const config = cliConfig();
      const target = await openTarget(config);
      try {
        const summary = await exportTo(target, opts, { token: readLock(config.dataDir)?.token });
        if (opts.out) console.error(summary);
      } finally {
        await target.close();
      }
    });
}

/** Runs the export on the target and writes it to `--out` or stdout; returns a summary line. */
export async function exportTo(target: Target, opts: CatalogExportOptions, server: { token?: string } = {}): Promise<string> {
  const what = opts.library ? `records of ${opts.library}` : 'union records';
  if (target.kind === 'db') {
    const { exportRecords } = await import('../../modules/catalog/index.js');
    const out = destination(opts.out);
    const report = await exportRecords(target.db, out, { format: opts.format, library: opts.library });
    if (opts.out) await finished(out);
    for (const s of report.skipped) console.error(`left out ${s.id}: ${s.problems.map((p) => p.reason).join('; ')}`);
    return `${report.written} ${what} written${opts.out ? ` to ${opts.out}` : ''}${report.skipped.length ? `, ${report.skipped.length} left out` : ''}`;
  }
  const query = new URLSearchParams({ format: opts.format, ...(opts.library ? { library: opts.library } : {}) });
  const res = await fetch(`${target.server.url}/api/v1/export?${query}`, { headers: server.token ? { authorization: `Bearer ${server.token}` } : {} });
  if (!res.ok || !res.body) {
    const text = await res.text();
    throw new ProblemError(res.status, /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text);
  }
  await pipeline(Readable.fromWeb(res.body as never), destination(opts.out));
  return `${what} written${opts.out ? ` to ${opts.out}` : ''} by the server at ${target.server.url}`;
}

/** The file, or stdout (which is never ended: the process goes on writing to it). */
function destination(file: string | undefined): Writable {
  if (file) return createWriteStream(file);
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (process.stdout.write(chunk)) done();
      else process.stdout.once('drain', () => done());
    },
  });
}
