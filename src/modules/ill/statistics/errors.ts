import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of interlibrary loan statistics. Codes are stable: clients match on them. */
export const StatisticsErrors = defineErrors({
  ILL_STATISTICS_PERIOD: {
    status: 400,
    message: {
      en: 'The period runs from {from} to {to}: "from" must not be after "to", and a period is at most 5 years.',
      'zh-CN': '统计期间为 {from} 至 {to}：起始日期不得晚于结束日期，且期间最长 5 年。',
    },
  },
  ILL_STATISTICS_ALLIANCE_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no alliance {alliance}.', 'zh-CN': '没有联盟 {alliance}。' },
  },
  ILL_STATISTICS_NOT_MEMBER: {
    status: 400,
    message: { en: '{library} is not a member of {alliance}.', 'zh-CN': '{library} 不是 {alliance} 的成员馆。' },
  },
  ILL_STATISTICS_LIBRARY_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no library {library}.', 'zh-CN': '没有图书馆 {library}。' },
  },
});
