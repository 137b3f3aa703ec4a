import { defineErrors } from '../../../platform/errors/index.js';

/** Errors of harvesting (kept beside the harvest code; codes are stable like every catalogue code). */
export const HarvestErrors = defineErrors({
  HARVEST_NO_URL: {
    status: 400,
    message: {
      en: 'Library {symbol} has no OAI-PMH address: give one, or set it in its harvest settings or directory entry.',
      'zh-CN': '图书馆 {symbol} 没有 OAI-PMH 地址：请指定地址，或在其收割设置或名录条目中填写。',
    },
  },
  HARVEST_NOT_FOUND: {
    status: 404,
    message: { en: 'There is no harvest {batchId} for library {symbol}.', 'zh-CN': '图书馆 {symbol} 没有收割批次 {batchId}。' },
  },
  HARVEST_RUNNING: {
    status: 409,
    message: {
      en: 'Library {symbol} is already being harvested from this address (harvest {batchId}); wait for it to finish.',
      'zh-CN': '图书馆 {symbol} 正在从该地址收割（批次 {batchId}），请等待其完成。',
    },
  },
  HARVEST_BAD_DATE: {
    status: 400,
    message: {
      en: '{value} is not a date: write it as 2024-05-01 or 2024-05-01T10:00:00Z.',
      'zh-CN': '{value} 不是日期：请写成 2024-05-01 或 2024-05-01T10:00:00Z。',
    },
  },
});
