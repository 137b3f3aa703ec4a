import { localize, negotiateLocale, type Locale, type Localized } from '../platform/i18n.js';

/** The language of the terminal (LC_ALL, then LANG: `zh_CN.UTF-8` → zh-CN), English otherwise. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return negotiateLocale(undefined, env.LC_ALL || env.LANG || 'en');
}

/** A message of the command line, in the terminal's language. */
export function say(text: Localized, params?: Record<string, unknown>, locale: Locale = cliLocale()): string {
  return localize(text, locale, params);
}
