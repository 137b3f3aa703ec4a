import { defineErrors } from '../../platform/errors/index.js';

/** Errors of the union catalogue. Codes are stable: clients match on them. Engineers add entries here. */
export const CatalogErrors = defineErrors({
  IMPORT_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no import {batchId} for library {symbol}.', 'zh-CN': '图书馆 {symbol} 没有导入批次 {batchId}。' },
  },
  UPLOAD_EMPTY: {
    status: 400,
    message: { en: 'The upload holds no file.', 'zh-CN': '上传内容中没有文件。' },
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    message: { en: 'The file is larger than the limit of {limit}.', 'zh-CN': '文件超过了 {limit} 的上限。' },
  },
});
