import { useTranslation } from 'react-i18next';
import { chooseLanguage, languageOf, languages } from '../i18n';

/** Each language named in itself, so a reader who cannot read the current one still finds theirs. */
const names = { 'zh-CN': '中文', en: 'English' } as const;
const tags = { 'zh-CN': 'zh-CN', en: 'en' } as const;

/** The header's language switch: the other language as a button, remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = languageOf(i18n.language);
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          lang={tags[l]}
          className="link-button"
          aria-pressed={l === current}
          onClick={() => l !== current && void chooseLanguage(l)}
        >
          {names[l]}
        </button>
      ))}
    </div>
  );
}
