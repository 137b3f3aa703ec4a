import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of fees, subsidies and statements. Codes are stable: clients match on them. */
export const FeeErrors = defineErrors({
  ILL_FEES_LIBRARY_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no library {symbol} in the directory.', 'zh-CN': '目录中没有图书馆 {symbol}。' },
  },
});
