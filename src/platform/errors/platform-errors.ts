import { defineErrors } from './catalogue.js';

/** Errors of the platform itself, which any route may answer with. */
export const PlatformErrors = defineErrors({
  VALIDATION_FAILED: {
    status: 400,
    message: { en: 'The request has {count} invalid field(s).', 'zh-CN': '请求中有 {count} 个字段无效。' },
  },
  INVALID_JSON: {
    status: 400,
    message: { en: 'The request body is not valid JSON: {reason}', 'zh-CN': '请求体不是有效的 JSON：{reason}' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: { en: 'The content type {type} is not accepted here.', 'zh-CN': '此处不接受内容类型 {type}。' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: { en: 'The request body is too large.', 'zh-CN': '请求体过大。' },
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    message: { en: 'There is nothing at {method} {path}.', 'zh-CN': '{method} {path} 不存在。' },
  },
  UNAUTHENTICATED: {
    status: 401,
    message: { en: 'Sign in or send an API token to do this.', 'zh-CN': '请先登录或提供 API 令牌。' },
  },
  FORBIDDEN: {
    status: 403,
    message: { en: 'Your account may not do this ({permission}).', 'zh-CN': '您的账户无权执行此操作（{permission}）。' },
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: {
      en: 'The CSRF token is missing or wrong: send the x-csrf-token header of your session.',
      'zh-CN': 'CSRF 令牌缺失或错误：请在 x-csrf-token 请求头中发送会话的令牌。',
    },
  },
  RATE_LIMITED: {
    status: 429,
    message: { en: 'Too many attempts; try again in {seconds} seconds.', 'zh-CN': '尝试次数过多，请在 {seconds} 秒后重试。' },
  },
  NOT_READY: {
    status: 503,
    message: { en: 'The service is not ready: {reason}', 'zh-CN': '服务尚未就绪：{reason}' },
  },
  INTERNAL: {
    status: 500,
    message: {
      en: 'Something went wrong on our side; it has been logged (request {requestId}).',
      'zh-CN': '服务器内部出错，已记录（请求 {requestId}）。',
    },
  },
  JOB_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no job {id}.', 'zh-CN': '任务 {id} 不存在。' },
  },
  JOB_NOT_CANCELLABLE: {
    status: 409,
    message: { en: 'Job {id} is {status} and can no longer be cancelled.', 'zh-CN': '任务 {id} 状态为 {status}，无法取消。' },
  },
});
