import { z } from 'zod';
import { localize, type Locale } from '../i18n.js';
import { AppError, isAppError, type FieldProblem } from './app-error.js';
import { PlatformErrors } from './platform-errors.js';

/** An RFC 9457 problem details document, with Anylib's stable `code` and per-field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldProblem[];
}

/** Zod issues found at the HTTP edge, kept raw so their messages can be told in the reader's language. */
export class RequestValidationError extends Error {
  validationContext?: string;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(`Invalid request: ${issues.length} issue(s)`);
  }
}

const zodLocales = { en: z.locales.en(), 'zh-CN': z.locales.zhCN() } as const;

/** One field problem per zod issue, its path written the way a person reads it: `libraries[3].symbol`. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], locale: Locale, prefix?: string): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    const base = [prefix, ...issue.path.map(String)].filter((p): p is string => Boolean(p));
    const path = (extra: string[] = []) =>
      [...base, ...extra].reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
    const message = (zodLocales[locale].localeError(issue as never) as string | { message: string } | undefined) ?? issue.message;
    const text = typeof message === 'string' ? message : message.message;
    // An unknown key is a problem of that key, not of the object around it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: path([k]), code: issue.code, message: text }));
    return [{ field: path() || (prefix ?? '(body)'), code: issue.code, message: text }];
  });
}

const statusTitles: Record<number, { en: string; 'zh-CN': string }> = {
  400: { en: 'Bad request', 'zh-CN': '请求有误' },
  401: { en: 'Not signed in', 'zh-CN': '未登录' },
  403: { en: 'Forbidden', 'zh-CN': '禁止访问' },
  404: { en: 'Not found', 'zh-CN': '未找到' },
  409: { en: 'Conflict', 'zh-CN': '冲突' },
  413: { en: 'Too large', 'zh-CN': '内容过大' },
  415: { en: 'Unsupported media type', 'zh-CN': '不支持的媒体类型' },
  422: { en: 'Unprocessable content', 'zh-CN': '无法处理的内容' },
  429: { en: 'Too many requests', 'zh-CN': '请求过多' },
  500: { en: 'Internal error', 'zh-CN': '内部错误' },
  503: { en: 'Service unavailable', 'zh-CN': '服务不可用' },
};

export interface ProblemContext {
  locale: Locale;
  requestId?: string;
  instance?: string;
  baseUrl: string;
}

/**
 * Turns anything thrown while answering into a problem document. `bug` is true when the error
 * is not one a user can cause: the caller logs those with their stack.
 */
export function toProblem(err: unknown, ctx: ProblemContext): { problem: Problem; bug: boolean } {
  const { appError, bug } = classify(err, ctx);
  const status = appError.status;
  const problem: Problem = {
    type: `${ctx.baseUrl}/api/v1/errors/${appError.code}`,
    title: localize(statusTitles[status] ?? statusTitles[status >= 500 ? 500 : 400]!, ctx.locale),
    status,
    detail: localize(appError.definition.message, ctx.locale, appError.params),
    code: appError.code,
  };
  if (ctx.instance) problem.instance = ctx.instance;
  if (ctx.requestId) problem.requestId = ctx.requestId;
  if (appError.fields.length) problem.errors = appError.fields;
  return { problem, bug };
}

function classify(err: unknown, ctx: ProblemContext): { appError: AppError; bug: boolean } {
  if (isAppError(err)) return { appError: err, bug: false };
  if (err instanceof RequestValidationError) {
    const fields = fieldProblems(err.issues, ctx.locale, contextPrefix(err.validationContext));
    return { appError: PlatformErrors.VALIDATION_FAILED({ count: fields.length }, fields), bug: false };
  }
  const e = err as { code?: string; statusCode?: number; message?: string };
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { appError: PlatformErrors.INVALID_JSON({ reason: e.message }), bug: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { appError: PlatformErrors.UNSUPPORTED_MEDIA_TYPE({ type: e.message?.match(/: (.*)$/)?.[1] ?? '?' }), bug: false };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { appError: PlatformErrors.PAYLOAD_TOO_LARGE(), bug: false };
  }
  if (err instanceof SyntaxError && e.statusCode === 400) return { appError: PlatformErrors.INVALID_JSON({ reason: e.message }), bug: false };
  return { appError: PlatformErrors.INTERNAL({ requestId: ctx.requestId ?? '?' }), bug: true };
}

function contextPrefix(context: string | undefined): string | undefined {
  // Body fields are named as they are; query and path parameters say where they came from.
  if (!context || context === 'body') return undefined;
  return context === 'querystring' ? 'query' : context;
}
