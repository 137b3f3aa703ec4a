import { localize, negotiateLocale, type Locale, type Localized } from '../platform/i18n.js';

/** The language of the terminal (LC_ALL, then LANG: `zh_CN.UTF-8` → zh-CN), English otherwise. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return negotiateLocale(undefined, env.LC_ALL || env.LANG || 'en');
}

/** A message of the command line, in the terminal's language. */
export function say(text: Localized, params?: Record<string, unknown>, locale: Locale = cliLocale()): string {
  return localize(text, locale, params);
}

/** Messages more than one command prints. */
export const cliTexts = {
  badChoice: { en: '--{option} must be one of {choices}, not {value}', 'zh-CN': '--{option} 只能是 {choices} 之一，而不是 {value}' },
  cannotRead: { en: 'Cannot read {file}{reason}', 'zh-CN': '无法读取 {file}{reason}' },
  notJson: { en: '{file} is not valid JSON: {reason}', 'zh-CN': '{file} 不是有效的 JSON：{reason}' },
  noLibrary: { en: 'There is no library {symbol} in the directory.', 'zh-CN': '成员馆目录中没有图书馆 {symbol}。' },
  stopServerFirst: { en: 'Stop the server first: the demo loads into the database directly.', 'zh-CN': '请先停止服务器：演示数据直接载入数据库。' },
  harvestEnded: { en: 'The harvest {status}: {error}', 'zh-CN': '收割{status}：{error}' },
  harvestInServer: {
    en: 'The harvest goes on in the server as job {jobId} (batch {batchId}).',
    'zh-CN': '收割在服务器上继续进行：任务 {jobId}（批次 {batchId}）。',
  },
  harvestStopped: {
    en: 'Stopped; run the same command again to go on from the last stored page (batch {batchId}).',
    'zh-CN': '已停止；再次运行同一命令即可从最后保存的一页继续（批次 {batchId}）。',
  },
  harvestFailed: { en: 'The harvest failed: {code}: {message}', 'zh-CN': '收割失败：{code}：{message}' },
} as const;

/** The message for an option given a value it does not take. */
export const badChoice = (option: string, choices: readonly string[], value: string): string =>
  say(cliTexts.badChoice, { option, choices: choices.join(', '), value });
