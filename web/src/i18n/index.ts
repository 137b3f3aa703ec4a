import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The languages of the interface, in the order the switch shows them. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

/** Where the reader's choice of language is remembered between visits. */
export const languageStorageKey = 'anylib.language';

/** Any Chinese the browser asks for (zh, zh-TW, zh-Hans-CN) is answered in simplified Chinese; anything else in English. */
export const languageOf = (tag: string): Language => (tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

/** The language in use now: for API calls (Accept-Language) and dates. */
export const currentLanguage = (): Language => languageOf(i18next.resolvedLanguage ?? i18next.language ?? 'en');

/**
 * The reader's choice, remembered in localStorage. The `lang` cookie tells the server too, so
 * pages it renders itself (sign-in errors) and problem details speak the same language.
 */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(languageStorageKey, language);
  } catch {
    // Storage may be off (private mode): the choice lasts for this page.
  }
  await i18next.changeLanguage(language);
}

function reflect(language: string): void {
  const lang = languageOf(language);
  document.documentElement.lang = lang;
  document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
}

i18next.on('languageChanged', reflect);

/** Starts i18next: the remembered choice first, then the browser's languages. */
export const i18nReady = i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    supportedLngs: [...languages],
    fallbackLng: 'en',
    load: 'currentOnly',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: languageStorageKey,
      caches: [], // only an explicit choice is remembered (chooseLanguage)
      convertDetectedLanguage: languageOf,
    },
  });

export { i18next };
