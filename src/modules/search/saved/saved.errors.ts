import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of saved searches. Codes are stable: clients match on them. */
export const SavedSearchErrors = defineErrors({
  SAVED_SEARCH_NOT_FOUND: {
    status: 404,
    message: { en: 'You have no saved search {id}.', 'zh-CN': '您没有编号为 {id} 的已保存检索。' },
  },
  SAVED_SEARCH_LIMIT: {
    status: 409,
    message: {
      en: 'You have saved {limit} searches, the most one account may keep: delete one before saving another.',
      'zh-CN': '您已保存 {limit} 个检索，已达每个账户的上限：请先删除一个再保存。',
    },
  },
  SAVED_SEARCH_EMPTY: {
    status: 422,
    message: { en: 'There is nothing to save: the search has no words, facets or filters.', 'zh-CN': '没有可保存的内容：该检索没有检索词、分面或筛选条件。' },
  },
});
