/**
 * The resolver's page: where a reader lands from a database's "find it in the alliance" link. Small
 * and server-rendered (no script), in the reader's language, accessible (landmarks, headings,
 * tables with headers, the language of the page declared). Everything from the link or the
 * catalogue is escaped: a citation is text typed by strangers.
 */
import { localize, type Locale, type Localized } from '../../../platform/i18n.js';
import { FOUND_BY, illRequestPath, type Citation } from '../domain/openurl/index.js';
import { FIELD_LABELS, GENRE_NAMES, M, PROBLEM_MESSAGES, STEP_NAMES } from './messages.js';
import type { Match, Resolution } from './resolve.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font:16px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.1rem;margin:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
ol.matches{padding:0;list-style:none}ol.matches>li{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}
td.n{text-align:right}a{color:#0645ad}a:focus{outline:3px solid #f90}.action{display:inline-block;margin-top:.5rem;font-weight:600}
.found{background:#eef6ee;padding:.5rem}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.problems{background:#fff6e0;padding:.5rem 1rem}nav{text-align:right}`;

export interface PageContext {
  locale: Locale;
  /** The link as the reader came (its KEV), to offer the page in the other language. */
  selfQuery: string;
}

function shell(ctx: PageContext, title: string, body: string): string {
  const other: Locale = ctx.locale === 'en' ? 'zh-CN' : 'en';
  const otherName = other === 'en' ? 'English' : '中文';
  const switchHref = `/openurl?${ctx.selfQuery ? `${ctx.selfQuery}&` : ''}lang=${other}`;
  return `<!doctype html>
<html lang="${ctx.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Anylib</title>
<style>${STYLE}</style>
</head>
<body>
<nav aria-label="${escapeHtml(localize(M.language, ctx.locale))}"><a href="${escapeHtml(switchHref)}" lang="${other}" hreflang="${other}">${otherName}</a></nav>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const t = (text: Localized, ctx: PageContext, params?: Record<string, unknown>) => escapeHtml(localize(text, ctx.locale, params));

/** The citation's fields that have a value, as label and text. */
export function citationRows(c: Citation, locale: Locale): [string, string][] {
  const rows: [keyof typeof FIELD_LABELS, string | null][] = [
    ['genre', localize(GENRE_NAMES[c.genre], locale)],
    ['title', c.title],
    ['articleTitle', c.articleTitle],
    ['journalTitle', c.journalTitle],
    ['authors', c.authors.map((a) => a.full).join('; ') || null],
    ['isbns', c.isbns.join(', ') || null],
    ['issns', c.issns.join(', ') || null],
    ['doi', c.doi],
    ['oclc', c.oclc],
    ['lccn', c.lccn],
    ['pmid', c.pmid],
    ['date', c.date],
    ['volume', c.volume],
    ['issue', c.issue],
    ['pages', c.pages ?? ([c.startPage, c.endPage].filter(Boolean).join('–') || null)],
    ['publisher', c.publisher],
    ['place', c.place],
    ['edition', c.edition],
  ];
  return rows.filter((r): r is [keyof typeof FIELD_LABELS, string] => r[1] !== null && r[1] !== '').map(([k, v]) => [localize(FIELD_LABELS[k], locale), v]);
}

function citationSection(res: Resolution, ctx: PageContext): string {
  const rows = citationRows(res.citation, ctx.locale)
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const referrer = res.citation.referrer ? `<p>${t(M.referrer, ctx, { referrer: res.citation.referrer })}</p>` : '';
  const problems = res.problems.length === 0 ? '' : `<section class="problems" aria-labelledby="problems-h">
<h2 id="problems-h">${t(M.problemsHeading, ctx)}</h2>
<ul>${res.problems.map((p) => `<li>${t(PROBLEM_MESSAGES[p.code], ctx, { field: p.field, value: p.value })}</li>`).join('')}</ul>
</section>`;
  return `<section aria-labelledby="citation-h">
<h2 id="citation-h">${t(M.citationHeading, ctx)}</h2>
<dl>
${rows}
</dl>
${referrer}
</section>
${problems}`;
}

function holdingsTable(m: Match, res: Resolution, ctx: PageContext): string {
  const a = m.availability;
  if (a.libraries.length === 0) return `<p>${t(M.noHoldings, ctx)}</p>`;
  const name = (symbol: string) => {
    const n = res.libraries.get(symbol);
    return n ? `${escapeHtml(ctx.locale === 'en' ? n.en : n.zh)} <small>(${escapeHtml(symbol)})</small>` : escapeHtml(symbol);
  };
  const rows = a.libraries
    .map((l) => `<tr><th scope="row">${name(l.symbol)}</th><td class="n">${l.copies}</td><td class="n">${l.available}</td><td class="n">${l.onLoan}</td><td>${escapeHtml(l.nextDue ?? '')}</td></tr>`)
    .join('\n');
  return `<p>${t(M.holdingsSummary, ctx, { libraries: a.libraries.length, available: a.available, copies: a.copies })}</p>
<table>
<caption class="sr-only">${t(M.holdingsCaption, ctx, { title: m.hit.title })}</caption>
<thead><tr><th scope="col">${t(M.library, ctx)}</th><th scope="col">${t(M.copies, ctx)}</th><th scope="col">${t(M.available, ctx)}</th><th scope="col">${t(M.onLoan, ctx)}</th><th scope="col">${t(M.nextDue, ctx)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function matchItem(m: Match, res: Resolution, ctx: PageContext, i: number): string {
  const h = m.hit;
  const byline = [h.author, h.year === null ? null : String(h.year)].filter((x): x is string => x !== null).map(escapeHtml).join(' · ');
  return `<li><article aria-labelledby="m${i}">
<h3 id="m${i}"><a href="/api/v1/clusters/${h.clusterId}">${escapeHtml(h.title)}</a></h3>
${byline ? `<p>${byline}</p>` : ''}
${holdingsTable(m, res, ctx)}
<a class="action" href="${escapeHtml(illRequestPath(res.citation, h.clusterId))}">${t(M.requestIll, ctx)}</a>
</article></li>`;
}

/** The page for a citation that was read: its matches with holdings, or "not in the union catalogue". */
export function resolutionPage(res: Resolution, ctx: PageContext): string {
  let body = citationSection(res, ctx);
  const tried = res.tried.map((s) => localize(STEP_NAMES[s], ctx.locale)).join(ctx.locale === 'en' ? ', ' : '、');
  if (res.foundBy !== null) {
    body += `
<section aria-labelledby="matches-h">
<h2 id="matches-h">${t(M.matchesHeading, ctx)}</h2>
<p class="found"><strong>${t(FOUND_BY[res.foundBy], ctx)}</strong></p>
${res.total > res.matches.length ? `<p>${t(M.matchCount, ctx, { total: res.total, shown: res.matches.length })}</p>` : ''}
<ol class="matches">
${res.matches.map((m, i) => matchItem(m, res, ctx, i)).join('\n')}
</ol>
</section>`;
  } else {
    body += `
<section aria-labelledby="matches-h">
<h2 id="matches-h">${t(M.matchesHeading, ctx)}</h2>
<p><strong>${t(M.noMatch, ctx)}</strong></p>
<p>${res.tried.length > 0 ? t(M.lookedFor, ctx, { steps: tried }) : t(M.nothingToLookFor, ctx)}</p>
<a class="action" href="${escapeHtml(illRequestPath(res.citation))}">${t(M.requestAnyway, ctx)}</a>
</section>`;
  }
  return shell(ctx, localize(M.pageTitle, ctx.locale), body);
}

/** The page for a link that cannot be resolved (answered with 400): what is wrong, in the reader's language. */
export function errorPage(detail: string, fields: { field: string; message: string }[], ctx: PageContext): string {
  const list = fields.length === 0 ? '' : `<ul>${fields.map((f) => `<li><code>${escapeHtml(f.field)}</code>: ${escapeHtml(f.message)}</li>`).join('')}</ul>`;
  return shell(ctx, localize(M.errorTitle, ctx.locale), `<p role="alert">${escapeHtml(detail)}</p>\n${list}`);
}
