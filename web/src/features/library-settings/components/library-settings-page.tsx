import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { adminAccessOf } from '../../admin';
import { LibraryChoice, useLibraries, useLibraryName } from '../../directory';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useLibraryEntry } from '../hooks/use-library-entry';
import { CatalogProfileForm } from './catalog-profile-form';
import { LibraryEntryForm } from './library-entry-form';
import { ReaderCategories } from './reader-categories';

/**
 * A library's own settings (`/settings/library?library=CN-NJU`), for its administrators: its
 * entry in the directory (contacts, closed days, lending policy, systems), its catalogue profile
 * and the interlibrary-loan limits of each reader category.
 */
export function LibrarySettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('librarySettings.title'));
  const [params, setParams] = useSearchParams();
  const access = adminAccessOf(useSession().data?.grants ?? []);
  const libraries = useLibraries();
  const nameOf = useLibraryName();
  const choices = access.network ? (libraries.data ?? []).map((l) => l.symbol) : access.libraryAdmin;
  const library = params.get('library') ?? (access.network ? null : (access.libraryAdmin[0] ?? null));
  const entry = useLibraryEntry(library ?? undefined);
  return (
    <div className="page narrow library-settings">
      <h1>{t('librarySettings.title')}</h1>
      {!access.network && access.libraryAdmin.length === 0 && <p>{t('librarySettings.notAdmin')}</p>}
      {(access.network || access.libraryAdmin.length > 1) && (
        <LibraryChoice label={t('librarySettings.library')} placeholder={t('librarySettings.chooseLibrary')} choices={choices} value={library} onChange={(s) => setParams(s ? { library: s } : {})} />
      )}
      {library && (
        <>
          <p className="lead">
            {nameOf(library)} <span className="muted">{library}</span>
          </p>
          <section aria-labelledby="settings-entry">
            <h2 id="settings-entry">{t('librarySettings.entry')}</h2>
            {entry.isPending && <Loading />}
            {entry.isError && <ProblemNotice error={entry.error} onRetry={() => void entry.refetch()} />}
            {entry.data && <LibraryEntryForm entry={entry.data} mode={access.network ? 'network' : 'self'} />}
          </section>
          <section aria-labelledby="settings-catalog">
            <h2 id="settings-catalog">{t('librarySettings.catalogProfile')}</h2>
            <CatalogProfileForm library={library} />
          </section>
          <section aria-labelledby="settings-categories">
            <h2 id="settings-categories">{t('librarySettings.readerCategories')}</h2>
            <p className="muted">{t('librarySettings.readerCategoriesHint')}</p>
            <ReaderCategories library={library} />
          </section>
        </>
      )}
    </div>
  );
}
