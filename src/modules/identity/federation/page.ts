/**
 * The page a reader sees when a sign-in through their library does not work: server-rendered,
 * no script, in their language, saying what happened and what to do — never the technical reason
 * (that is in the log and the audit log, under the request id shown).
 */
import type { AppError } from '../../../platform/errors/index.js';
import { localize, type Locale, type Localized } from '../../../platform/i18n.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const M = {
  title: { en: 'You are not signed in', 'zh-CN': '未能登录' },
  again: { en: 'Start signing in again', 'zh-CN': '重新登录' },
  home: { en: 'Back to the home page', 'zh-CN': '返回首页' },
  reference: { en: 'If you ask for help, give this reference: {id}', 'zh-CN': '如需帮助，请提供此编号：{id}' },
} satisfies Record<string, Localized>;

const STYLE = `body{font:16px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.5rem}.reason{background:#fff3f3;border-left:4px solid #c00;padding:.75rem 1rem}a{color:#0645ad}a:focus{outline:3px solid #f90}.ref{color:#555;font-size:.9rem}`;

export function errorPage(p: { locale: Locale; problem: AppError; requestId: string; retryHref?: string }): string {
  const t = (text: Localized, params?: Record<string, unknown>) => escapeHtml(localize(text, p.locale, params));
  const message = escapeHtml(localize(p.problem.definition.message, p.locale, p.problem.params));
  const links = [p.retryHref ? `<li><a href="${escapeHtml(p.retryHref)}">${t(M.again)}</a></li>` : '', `<li><a href="/">${t(M.home)}</a></li>`].join('');
  return `<!doctype html>
<html lang="${p.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">
<title>${t(M.title)} · Anylib</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${t(M.title)}</h1>
<p class="reason" role="alert" data-code="${escapeHtml(p.problem.code)}">${message}</p>
<ul>${links}</ul>
<p class="ref">${t(M.reference, { id: p.requestId })}</p>
</main>
</body>
</html>`;
}
