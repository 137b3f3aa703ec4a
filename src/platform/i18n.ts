/**
 * Server-side language: readers and staff are Chinese and English speaking, so every message
 * that reaches a person exists in both (the web front end has its own i18next bundles).
 */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A text in both languages. */
export interface Localized {
  'zh-CN': string;
  en: string;
}

/**
 * The language to answer in: an explicit `lang` (query or cookie) first, then the best
 * match of Accept-Language (RFC 9110 §12.5.4, by q-value), else English.
 */
export function negotiateLocale(acceptLanguage: string | undefined, explicit?: string): Locale {
  const pick = (tag: string): Locale | undefined => {
    const t = tag.trim().toLowerCase();
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
    return undefined;
  };
  const chosen = explicit ? pick(explicit) : undefined;
  if (chosen) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const l = pick(tag);
    if (l) return l;
  }
  return 'en';
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function format(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function localize(text: Localized, locale: Locale, params?: Record<string, unknown>): string {
  return format(text[locale], params);
}
