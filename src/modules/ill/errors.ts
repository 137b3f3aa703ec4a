import { defineErrors } from '../../platform/errors/index.js';

/** Errors of interlibrary loan. Codes are stable: clients match on them. The machines' own refusals are in `errors[].code`. */
export const IllErrors = defineErrors({
  ILL_REQUEST_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no interlibrary loan request {id} you may see.', 'zh-CN': '没有您可查看的馆际互借请求 {id}。' },
  },
  ILL_SUPPLY_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no lending request {id}.', 'zh-CN': '没有借出请求 {id}。' },
  },
  ILL_CLUSTER_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no record {clusterId} in the union catalogue; type the citation instead.', 'zh-CN': '联合目录中没有记录 {clusterId}，请手工填写题录。' },
  },
  ILL_CITATION_MISSING: {
    status: 400,
    message: { en: 'Name the item: a record of the union catalogue (clusterId) or a citation with at least a title.', 'zh-CN': '请指明所需文献：联合目录记录（clusterId）或至少含题名的题录。' },
  },
  ILL_NO_LIBRARY: {
    status: 403,
    message: {
      en: 'Your account belongs to no library that can borrow for you ({library}); a reader requests through their own library.',
      'zh-CN': '您的账户不属于可为您借书的图书馆（{library}）；读者须通过本人所属图书馆提出请求。',
    },
  },
  ILL_READER_REQUIRED: {
    status: 400,
    message: { en: 'Staff placing a request name the reader it is for (readerId).', 'zh-CN': '馆员代为提出请求时须指明读者（readerId）。' },
  },
  ILL_READER_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no reader account {readerId}.', 'zh-CN': '没有读者账户 {readerId}。' },
  },
  ILL_NOT_ELIGIBLE: {
    status: 400,
    message: { en: 'The request cannot be placed: {count} reason(s), listed in errors.', 'zh-CN': '无法提出该请求：共 {count} 个原因，见 errors。' },
  },
  ILL_CONFIRMATION_NEEDED: {
    status: 409,
    message: {
      en: 'Please confirm: {reason} Send the request again with "confirm": true to place it anyway.',
      'zh-CN': '请确认：{reason} 如仍要提出请求，请加上 "confirm": true 再次提交。',
    },
  },
  ILL_ACTION_REFUSED: {
    status: 409,
    message: { en: '{reason}', 'zh-CN': '{reason}' },
  },
  ILL_CHANGED_MEANWHILE: {
    status: 409,
    message: { en: 'Someone changed request {id} at the same moment; look at it again and retry.', 'zh-CN': '请求 {id} 同时被他人修改，请刷新后重试。' },
  },
  ILL_LIBRARY_REQUIRED: {
    status: 400,
    message: { en: 'Name the desk’s library (?library=).', 'zh-CN': '请指明工作台所属的图书馆（?library=）。' },
  },
  ILL_NOT_YOUR_LIBRARY: {
    status: 403,
    message: { en: 'Your account may not act for {library} ({permission}).', 'zh-CN': '您的账户无权代表 {library} 执行此操作（{permission}）。' },
  },
});
