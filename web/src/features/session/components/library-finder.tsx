import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraries, useLibraryName, type Library } from '../../directory';
import { Loading, ProblemNotice } from '../../../shared/ui';

/** Folds a name for matching as the reader types: case, width and spaces do not matter. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** "Where are you from?": the reader types part of their library's name (either language) or its symbol. */
export function LibraryFinder({ chosen, onChoose }: { chosen: string | null; onChoose: (symbol: string | null) => void }) {
  const { t } = useTranslation();
  const libraries = useLibraries();
  const nameOf = useLibraryName();
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const matches = useMemo(() => {
    const q = fold(typed);
    if (!q || !libraries.data) return [];
    const hit = (l: Library) => [l.name.zh, l.name.en, l.symbol, l.city?.zh ?? '', l.city?.en ?? ''].some((s) => fold(s).includes(q));
    return libraries.data.filter(hit).slice(0, 8);
  }, [typed, libraries.data]);

  if (chosen) {
    return (
      <p className="chosen-library">
        {t('signIn.yourLibrary')} <strong>{nameOf(chosen)}</strong>{' '}
        <button type="button" className="link-button" onClick={() => onChoose(null)}>
          {t('signIn.changeLibrary')}
        </button>
      </p>
    );
  }
  return (
    <div className="library-finder">
      <label htmlFor={inputId}>{t('signIn.whereFrom')}</label>
      <input id={inputId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('signIn.libraryPlaceholder')} autoComplete="organization" />
      {libraries.isPending && typed && <Loading />}
      {libraries.isError && <ProblemNotice error={libraries.error} onRetry={() => void libraries.refetch()} />}
      {matches.length > 0 && (
        <ul className="choice-list" aria-label={t('signIn.matchingLibraries')}>
          {matches.map((l) => (
            <li key={l.symbol}>
              <button type="button" className="choice" onClick={() => onChoose(l.symbol)}>
                {nameOf(l.symbol)} <span className="muted">{l.symbol}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {typed && libraries.data && matches.length === 0 && <p className="muted">{t('signIn.noLibrary')}</p>}
    </div>
  );
}
