/**
 * `anylib search <query> [--json] [--facets]` and `anylib index rebuild` (INTERFACES.md): the same
 * search as the API, printed for a person or as JSON; the index rebuilt with progress. On the
 * database itself the work runs here; when a server holds the embedded data directory, through
 * its API.
 */
import type { Command } from 'commander';
import { isAppError } from '../../platform/errors/index.js';
import { localize, type Locale } from '../../platform/i18n.js';
import type { SearchResultView } from '../../modules/search/index.js';
import { cliConfig, CliError, openTarget, type Target } from '../context.js';
import { cliLocale, say } from '../i18n.js';
import { progressLine } from './progress-line.js';

const texts = {
  results: { en: '{total} results{estimated} for {query}', 'zh-CN': '{query}：{total} 条结果{estimated}' },
  estimated: { en: ' (about)', 'zh-CN': '（约）' },
  held: { en: 'held by {libraries} libraries, {available} available', 'zh-CN': '{libraries} 馆收藏，{available} 册可借' },
  nearest: { en: 'nearest: {name}', 'zh-CN': '最近：{name}' },
  didYouMean: { en: 'Did you mean: {suggestions}', 'zh-CN': '您是不是要找：{suggestions}' },
  more: { en: 'More: --page {page}', 'zh-CN': '更多结果：--page {page}' },
  rebuilt: { en: 'Index rebuilt: {documents} documents.', 'zh-CN': '索引已重建：{documents} 条文献。' },
  rebuildQueued: { en: 'The server rebuilds the index as job {jobId}.', 'zh-CN': '服务器正在重建索引：任务 {jobId}。' },
} as const;

export interface SearchOptions {
  json?: boolean;
  facets?: boolean;
  page?: string;
  pageSize?: string;
  sort?: string;
  library?: string;
}

/** Registers `anylib search` and `anylib index rebuild`. */
export function searchCommands(program: Command): void {
  program
    .command('search')
    .description('search the union catalogue as the API does (words, "phrases", AND/OR/NOT, field:word, Chinese, pinyin, ISBN)')
    .argument('<query...>', 'what to look for')
    .option('--json', 'print the API’s JSON answer')
    .option('--facets', 'count facets too')
    .option('--page <n>', 'page of results', '1')
    .option('--page-size <n>', 'results per page', '10')
    .option('--sort <order>', 'relevance, year-desc, year-asc or title', 'relevance')
    .option('--library <symbol>', 'your library: nearest copy, "in my library"')
    .action(async (words: string[], opts: SearchOptions) => {
      const target = await openTarget(cliConfig());
      try {
        const result = await runSearch(target, words.join(' '), opts, cliLocale());
        console.log(opts.json ? JSON.stringify(result, null, 2) : formatResult(result, cliLocale()));
      } finally {
        await target.close();
      }
    });
  const index = program.commands.find((c) => c.name() === 'index') ?? program.command('index').description('the search index');
  index
    .command('rebuild')
    .description('rebuild every search document from the catalogue, with progress; search keeps answering')
    .action(async () => {
      const target = await openTarget(cliConfig());
      try {
        console.log(await rebuild(target));
      } finally {
        await target.close();
      }
    });
}

/** The search on the target; syntax errors and the like as a CliError in the terminal's language. */
export async function runSearch(target: Target, q: string, opts: SearchOptions, locale: Locale): Promise<SearchResultView> {
  const form = {
    q,
    page: Number(opts.page ?? 1),
    pageSize: Number(opts.pageSize ?? 10),
    sort: (opts.sort ?? 'relevance') as 'relevance',
    ...(opts.facets ? { facets: 'true' as const } : {}),
  };
  if (target.kind === 'server') {
    const qs = new URLSearchParams({ q, page: String(form.page), pageSize: String(form.pageSize), sort: form.sort, lang: locale, ...(opts.facets ? { facets: 'true' } : {}), ...(opts.library ? { myLibrary: opts.library } : {}) });
    return target.server.request<SearchResultView>('GET', `/api/v1/search?${qs}`);
  }
  const { searchCatalogue } = await import('../../modules/search/index.js');
  try {
    return await searchCatalogue(target.db, form, locale, opts.library);
  } catch (err) {
    if (isAppError(err)) throw new CliError(localize(err.definition.message, locale, err.params), 2);
    throw err;
  }
}

/** A result as lines for a person. */
export function formatResult(r: SearchResultView, locale: Locale): string {
  const lines = [say(texts.results, { total: r.total.toLocaleString('en'), estimated: r.totalEstimated ? say(texts.estimated, {}, locale) : '', query: r.query }, locale)];
  const first = (r.page - 1) * r.pageSize;
  r.hits.forEach((h, i) => {
    const by = h.author ? ` / ${h.author}` : '';
    const year = h.year !== null ? ` (${h.year})` : '';
    lines.push(`${first + i + 1}. ${h.title}${by}${year} [${h.formatLabel}] #${h.clusterId}`);
    if (h.vernacularTitle) lines.push(`   ${h.vernacularTitle}${h.vernacularAuthor ? ` / ${h.vernacularAuthor}` : ''}`);
    const held = say(texts.held, { libraries: h.holdings.libraries, available: h.holdings.availableCopies }, locale);
    const near = h.holdings.nearest ? `; ${say(texts.nearest, { name: h.holdings.nearest.name }, locale)}` : '';
    lines.push(`   ${held}${near}`);
  });
  for (const f of r.facets) {
    if (f.values.length > 0) lines.push(`${f.label}: ${f.values.map((v) => `${v.label ?? v.value} (${v.count})`).join(', ')}`);
  }
  if (r.suggestions.length > 0) lines.push(say(texts.didYouMean, { suggestions: r.suggestions.join(' | ') }, locale));
  if (r.next) lines.push(say(texts.more, { page: r.page + 1 }, locale));
  return lines.join('\n');
}

/** Rebuilds the index here with a progress line, or asks the server to (a job). */
export async function rebuild(target: Target): Promise<string> {
  if (target.kind === 'server') {
    const { jobId } = await target.server.request<{ jobId: number }>('POST', '/api/v1/search/index/rebuild');
    return say(texts.rebuildQueued, { jobId });
  }
  const { searchIndexFor } = await import('../../modules/search/index.js');
  const line = progressLine(process.stderr);
  const started = Date.now();
  const { documents } = await searchIndexFor(target.db).rebuild((p) => {
    const seconds = (Date.now() - started) / 1000;
    const perSecond = seconds > 0 ? Math.round(p.done / seconds) : undefined;
    line.show({ done: p.done, ...(perSecond ? { perSecond, etaSeconds: Math.round((p.total - p.done) / perSecond) } : {}) });
  });
  line.done();
  return say(texts.rebuilt, { documents });
}
