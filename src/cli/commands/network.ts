import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isAppError } from '../../platform/errors/index.js';
import { negotiateLocale } from '../../platform/i18n.js';
import type { ImportReport, NetworkCsvLayout } from '../../modules/network/index.js';

// Loaded when a command runs, so that `anylib serve` does not pay for it at start-up.
const network = () => import('../../modules/network/index.js');
import { cliConfig, CliError, openTarget, type Target } from '../context.js';
import { badChoice, cliTexts, say } from '../i18n.js';

export interface ImportFileOptions {
  dryRun?: boolean;
  /** ANYLIB_SECRET, to seal identity providers' client secrets written straight to the database. */
  secret?: string;
}

export interface ExportOptions {
  format: 'json' | 'csv';
  layout: NetworkCsvLayout;
}

const layouts = ['libraries', 'alliances', 'memberships'] as const;

/** `anylib network import|export`: the directory of libraries and alliances, as JSON or CSV (docs/network-format.md). */
export function networkCommands(program: Command): void {
  const network = program.command('network').description('the directory of libraries and alliances');

  network
    .command('import')
    .description('import a network document (.json) or a CSV file (.csv): all or nothing, every problem listed')
    .argument('<file>', 'file.json or file.csv')
    .option('--dry-run', 'check and count, write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      await withTarget(async (target) => console.log(describeReport(await importFile(target, file, { dryRun: opts.dryRun, secret: cliConfig().secret }))));
    });

  network
    .command('export')
    .description('write the directory as a network document (JSON) or one CSV layout')
    .option('--format <format>', 'json or csv', 'json')
    .option('--layout <layout>', `for CSV: ${layouts.join(', ')}`, 'libraries')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: string; layout: string; out?: string }) => {
      if (opts.format !== 'json' && opts.format !== 'csv') throw new CliError(badChoice('format', ['json', 'csv'], opts.format));
      if (!(layouts as readonly string[]).includes(opts.layout)) throw new CliError(badChoice('layout', layouts, opts.layout));
      await withTarget(async (target) => {
        const text = await exportText(target, { format: opts.format as ExportOptions['format'], layout: opts.layout as NetworkCsvLayout });
        if (opts.out) {
          writeFileSync(opts.out, text);
          console.error(say(texts.wrote, { file: opts.out }));
        } else process.stdout.write(text);
      });
    });
}

async function withTarget(fn: (target: Target) => Promise<void>): Promise<void> {
  const target = await openTarget(cliConfig());
  try {
    await fn(target);
  } finally {
    await target.close();
  }
}

/**
 * Imports a file into the database, or through the running server that holds it. A file with
 * problems fails with every problem listed (CliError, exit code 1).
 */
export async function importFile(target: Target, file: string, options: ImportFileOptions = {}): Promise<ImportReport> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(say(cliTexts.cannotRead, { file, reason: `: ${(err as Error).message}` }));
  }
  const csv = /\.csv$/i.test(file);
  if (target.kind === 'server') {
    const query = options.dryRun ? '?dryRun=true' : '';
    return target.server.request<ImportReport>('POST', `/api/v1/network/import${query}`, text, csv ? 'text/csv' : 'application/json');
  }
  const locale = negotiateLocale(process.env.LC_ALL ?? process.env.LANG);
  const actor = { name: 'anylib CLI' };
  try {
    if (csv) return await (await network()).importNetworkCsv(target.db, text, actor, { ...options, locale });
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (err) {
      throw new CliError(say(cliTexts.notJson, { file, reason: (err as Error).message }));
    }
    return await (await network()).importNetwork(target.db, document, actor, { ...options, locale });
  } catch (err) {
    if (isAppError(err)) throw new CliError([err.message, ...err.fields.map((f) => `  ${f.field}: ${f.message}`)].join('\n'));
    throw err;
  }
}

/** The directory as text: a JSON document or one CSV layout, with contacts complete (the operator's copy). */
export async function exportText(target: Target, options: ExportOptions): Promise<string> {
  if (target.kind === 'server') {
    const body = await target.server.request<unknown>('GET', `/api/v1/network/export?format=${options.format}&layout=${options.layout}`);
    return typeof body === 'string' ? body : `${JSON.stringify(body, null, 2)}\n`;
  }
  if (options.format === 'csv') return (await network()).exportNetworkCsv(target.db, options.layout, { staff: true });
  // The operator on the database is the network's administrator: the identity providers come too (never a secret).
  return `${JSON.stringify(await (await network()).exportNetwork(target.db, { staff: true, identityProviders: true }), null, 2)}\n`;
}

/** One line per kind of entry: `libraries: 137 created, 0 updated, 0 unchanged`. */
const texts = {
  counts: { en: '{kind}: {created} created, {updated} updated, {unchanged} unchanged', 'zh-CN': '{kind}：新建 {created}，更新 {updated}，未变 {unchanged}' },
  dryRun: { en: 'Dry run — nothing was written.', 'zh-CN': '试运行——未写入任何内容。' },
  wrote: { en: 'Wrote {file}', 'zh-CN': '已写入 {file}' },
  libraries: { en: 'libraries', 'zh-CN': '图书馆' },
  alliances: { en: 'alliances', 'zh-CN': '联盟' },
  agreements: { en: 'agreements', 'zh-CN': '协议' },
} as const;

export function describeReport(r: ImportReport): string {
  const line = (name: 'libraries' | 'alliances' | 'agreements', c: ImportReport['libraries']) => say(texts.counts, { kind: say(texts[name]), ...c });
  const kinds = r.layout === 'libraries' ? ['libraries'] : r.layout ? ['alliances'] : ['libraries', 'alliances', 'agreements'];
  const lines = kinds.map((k) => line(k as 'libraries', r[k as 'libraries']));
  return [r.dryRun ? say(texts.dryRun) : undefined, ...lines].filter(Boolean).join('\n');
}
