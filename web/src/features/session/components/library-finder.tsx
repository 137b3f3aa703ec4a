import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberedLibrary } from '../../directory';
import { Loading, ProblemNotice } from '../../../shared/ui';
import { useWhereFrom, type LibraryChoice } from '../hooks/use-where-from';

/**
 * "Where are you from?": the reader types part of their library's name (Chinese or English, an
 * abbreviation, pinyin) and chooses it; then its ways to sign in are shown. The library chosen
 * last time (the server's cookie, or this device's memory) is chosen already.
 */
export function LibraryFinder({ returnTo }: { returnTo: string }) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState(() => rememberedLibrary.get() ?? '');
  const [chosen, setChosen] = useState<LibraryChoice | null>(null);
  const [changing, setChanging] = useState(false);
  const found = useWhereFrom({ text: typed, returnTo });
  const inputId = useId();
  const nameOf = (c: LibraryChoice) => (i18n.language.startsWith('zh') ? c.name.zh : c.name.en) || c.name.zh || c.name.en || c.symbol;

  // The library chosen before is chosen again, once, unless the reader is choosing another.
  const remembered = found.data?.remembered ?? found.data?.items.find((c) => c.symbol === rememberedLibrary.get()) ?? null;
  useEffect(() => {
    if (!chosen && !changing && remembered) setChosen(remembered);
  }, [chosen, changing, remembered]);

  const choose = (c: LibraryChoice | null) => {
    rememberedLibrary.set(c?.symbol ?? null);
    setChosen(c);
    setChanging(c === null);
    if (c === null) setTyped('');
  };

  if (chosen) {
    return (
      <>
        <p className="chosen-library">
          {t('signIn.yourLibrary')} <strong>{nameOf(chosen)}</strong>{' '}
          <button type="button" className="link-button" onClick={() => choose(null)}>
            {t('signIn.changeLibrary')}
          </button>
        </p>
        {chosen.signIn.length > 0 ? (
          <ul className="provider-list">
            {chosen.signIn.map((p) => (
              <li key={p.id}>
                <a className="button button-primary" href={p.startUrl}>
                  {t('signIn.withProvider', { name: p.name })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('signIn.noProviders')}</p>
        )}
      </>
    );
  }
  const matches = typed.trim() ? (found.data?.items ?? []) : [];
  return (
    <div className="library-finder">
      <label htmlFor={inputId}>{t('signIn.whereFrom')}</label>
      <input id={inputId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('signIn.libraryPlaceholder')} autoComplete="organization" />
      {found.isPending && typed.trim() && <Loading />}
      {found.isError && <ProblemNotice error={found.error} onRetry={() => void found.refetch()} />}
      {matches.length > 0 && (
        <ul className="choice-list" aria-label={t('signIn.matchingLibraries')}>
          {matches.map((c) => (
            <li key={c.symbol}>
              <button type="button" className="choice" onClick={() => choose(c)}>
                {nameOf(c)} <span className="muted">{c.symbol}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {typed.trim() && found.data && !found.isPlaceholderData && matches.length === 0 && <p className="muted">{t('signIn.noLibrary')}</p>}
    </div>
  );
}
