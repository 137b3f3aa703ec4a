import { defineErrors } from '../../platform/errors/index.js';

/** The identity module's errors: stable codes, HTTP status, messages in zh-CN and en. */
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
    message: { en: 'There is no {kind} {name} to grant a role in.', 'zh-CN': '不存在可授予角色的图书馆或联盟 {name}。' },
  },
  EMAIL_TAKEN: {
    status: 409,
    message: { en: 'An account with the e-mail {email} exists already.', 'zh-CN': '电子邮箱 {email} 已有账户。' },
  },
  LOGIN_FAILED: {
    status: 401,
    message: { en: 'The e-mail address or the password is wrong.', 'zh-CN': '电子邮箱或密码错误。' },
  },
  ACCOUNT_DISABLED: {
    status: 403,
    message: { en: 'This account is disabled; ask your library’s administrator.', 'zh-CN': '此账户已停用，请联系本馆管理员。' },
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: {
      en: 'Choose a new password first: the one you signed in with was for one use only.',
      'zh-CN': '请先设置新密码：您登录所用的是一次性密码。',
    },
  },
  PASSWORD_TOO_SHORT: {
    status: 400,
    message: { en: 'The password must have at least {min} characters.', 'zh-CN': '密码至少需要 {min} 个字符。' },
  },
  PASSWORD_TOO_LONG: {
    status: 400,
    message: { en: 'The password may have at most {max} characters.', 'zh-CN': '密码最多 {max} 个字符。' },
  },
  PASSWORD_IS_EMAIL: {
    status: 400,
    message: { en: 'The password may not be the account’s e-mail address.', 'zh-CN': '密码不能与账户的电子邮箱相同。' },
  },
  CURRENT_PASSWORD_WRONG: {
    status: 400,
    message: { en: 'The current password is wrong.', 'zh-CN': '当前密码错误。' },
  },
  PASSWORD_NOT_CHANGED: {
    status: 400,
    message: { en: 'The new password must differ from the current one.', 'zh-CN': '新密码不能与当前密码相同。' },
  },
  ACCOUNT_REQUIRED: {
    status: 403,
    message: {
      en: 'This needs a personal account; the command line’s local access has none.',
      'zh-CN': '此操作需要个人账户；命令行的本地访问没有账户。',
    },
  },
  USER_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no account {id}.', 'zh-CN': '账户 {id} 不存在。' },
  },
  GRANT_NOT_ALLOWED: {
    status: 403,
    message: {
      en: 'You may not give or take away the role {role} in {scope}.',
      'zh-CN': '您无权授予或撤销{scope}中的角色 {role}。',
    },
  },
  LAST_NETWORK_ADMIN: {
    status: 409,
    message: {
      en: 'This is the last network administrator who can sign in; make another one first.',
      'zh-CN': '这是最后一位可用的网络管理员，请先设置另一位。',
    },
  },
  CANNOT_DISABLE_SELF: {
    status: 409,
    message: { en: 'You cannot disable your own account.', 'zh-CN': '不能停用自己的账户。' },
  },
  TOKEN_NOT_FOUND: {
    status: 404,
    message: { en: 'You have no API token {id}.', 'zh-CN': '您没有编号为 {id} 的 API 令牌。' },
  },
  TOKEN_SCOPE_NOT_HELD: {
    status: 403,
    message: {
      en: 'A token cannot be given the permission {permission}, which you do not hold.',
      'zh-CN': '不能给令牌授予您本身没有的权限 {permission}。',
    },
  },
  TOKEN_EXPIRY_INVALID: {
    status: 400,
    message: {
      en: 'A token must expire in the future and within {maxDays} days.',
      'zh-CN': '令牌的过期时间必须在将来且不超过 {maxDays} 天。',
    },
  },
  IDENTITY_PROVIDER_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no sign-in provider {id}.', 'zh-CN': '登录服务 {id} 不存在。' },
  },
  IDENTITY_PROVIDER_DISABLED: {
    status: 403,
    message: { en: 'Sign-in through {name} is switched off at present; ask your library.', 'zh-CN': '目前已停用通过 {name} 登录，请咨询您的图书馆。' },
  },
  IDENTITY_PROVIDER_UNREACHABLE: {
    status: 502,
    message: {
      en: 'Your library’s sign-in service ({name}) does not answer; please try again later.',
      'zh-CN': '您所在图书馆的统一认证服务（{name}）没有响应，请稍后再试。',
    },
  },
  IDENTITY_PROVIDER_MISCONFIGURED: {
    status: 502,
    message: {
      en: 'Your library’s sign-in service ({name}) is not set up correctly; the library has been told.',
      'zh-CN': '您所在图书馆的统一认证服务（{name}）配置有误，已记录并通知图书馆。',
    },
  },
  SIGN_IN_STATE_INVALID: {
    status: 400,
    message: {
      en: 'This sign-in link is not valid any more (used already, too old, or started elsewhere). Please start signing in again.',
      'zh-CN': '此登录链接已失效（已使用、已过期或在其他地方发起）。请重新登录。',
    },
  },
  SIGN_IN_REJECTED: {
    status: 401,
    message: {
      en: 'The answer from your library’s sign-in service could not be verified, so you are not signed in. Please try again.',
      'zh-CN': '无法验证您所在图书馆统一认证服务的应答，因此未能登录。请重试。',
    },
  },
  SIGN_IN_CANCELLED: {
    status: 401,
    message: { en: 'Your library’s sign-in service did not sign you in ({error}).', 'zh-CN': '您所在图书馆的统一认证服务未能让您登录（{error}）。' },
  },
  SIGN_IN_CLAIM_MISSING: {
    status: 403,
    message: {
      en: 'Your library’s sign-in service did not tell us your {claim}, which is needed to sign you in; ask your library.',
      'zh-CN': '您所在图书馆的统一认证服务没有提供登录所需的信息（{claim}），请咨询您的图书馆。',
    },
  },
  READER_BLOCKED: {
    status: 403,
    message: {
      en: 'Your library has blocked your reader account, so you cannot sign in here; please contact your library.',
      'zh-CN': '您的读者账户已被所在图书馆停用，暂时无法登录，请联系您的图书馆。',
    },
  },
  READER_NOT_FOUND: {
    status: 404,
    message: { en: 'Account {id} is no reader of {library}.', 'zh-CN': '账户 {id} 不是 {library} 的读者。' },
  },
});
