import { defineErrors } from '../../platform/errors/index.js';

export const IdentityErrors = defineErrors({
  TOKEN_INVALID: {
    status: 401,
    message: {
      en: 'The API token is unknown, revoked or expired.',
      'zh-CN': 'API 令牌无效、已撤销或已过期。',
    },
  },
  SCOPE_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no {kind} {name} to grant a role in.', 'zh-CN': '不存在可授予角色的{kind} {name}。' },
  },
  EMAIL_TAKEN: {
    status: 409,
    message: { en: 'An account with the e-mail {email} exists already.', 'zh-CN': '电子邮箱 {email} 已有账户。' },
  },
});
