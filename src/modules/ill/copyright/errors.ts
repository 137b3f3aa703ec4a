import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of copyright clearance and rules. Codes are stable: clients match on them. */
export const CopyrightErrors = defineErrors({
  ILL_COPYRIGHT_NOT_WAITING: {
    status: 409,
    message: {
      en: 'Request {id} is not waiting for copyright clearance (it is {state}).',
      'zh-CN': '请求 {id} 不在待版权审核状态（当前：{state}）。',
    },
  },
  ILL_COPYRIGHT_USE_CLEARANCE: {
    status: 409,
    message: {
      en: 'Copyright decisions are taken with POST /api/v1/ill/requests/{id}/copyright-clearance, which keeps the reason in the ledger.',
      'zh-CN': '版权审核请使用 POST /api/v1/ill/requests/{id}/copyright-clearance，审核理由将记入版权台账。',
    },
  },
  ILL_COPYRIGHT_RULE_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no copyright rule {id}.', 'zh-CN': '没有版权规则 {id}。' },
  },
  ILL_COPYRIGHT_ALLIANCE_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no alliance {alliance}.', 'zh-CN': '没有联盟 {alliance}。' },
  },
  ILL_COPYRIGHT_NOT_YOURS: {
    status: 403,
    message: {
      en: 'Only the administrators of {scope} may change its copyright rules.',
      'zh-CN': '只有 {scope} 的管理员可以修改其版权规则。',
    },
  },
});
