import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useDeleteSearch, useRenameSearch, useSavedSearches, type SavedSearch } from '../hooks/use-saved-searches';

/** "My saved searches" (`/saved-searches`): run, rename, delete. */
export function SavedSearchesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('savedSearches.mine'));
  const list = useSavedSearches();
  const remove = useDeleteSearch();
  return (
    <div className="page saved-searches">
      <h1>{t('savedSearches.mine')}</h1>
      {list.isPending && <Loading />}
      {list.isError && <ProblemNotice error={list.error} onRetry={() => void list.refetch()} />}
      {remove.isError && <ProblemNotice error={remove.error} />}
      {list.data && list.data.items.length === 0 && (
        <p>
          {t('savedSearches.none')} <Link to="/">{t('savedSearches.toSearch')}</Link>
        </p>
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <p className="muted">{t('savedSearches.count', { count: list.data.items.length, limit: list.data.limit })}</p>
          <ul className="request-list">
            {list.data.items.map((s) => (
              <SavedSearchItem key={s.id} search={s} onDelete={() => remove.mutate(s.id)} deleting={remove.isPending && remove.variables === s.id} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** What a saved search looks for, in words: its query and its refinements. */
function describe(query: string): string {
  const params = new URLSearchParams(query);
  const q = params.get('q');
  const rest = [...params].filter(([k]) => k !== 'q').map(([k, v]) => `${k}: ${v}`);
  return [q ? `“${q}”` : null, ...rest].filter(Boolean).join(' · ');
}

function SavedSearchItem({ search: s, onDelete, deleting }: { search: SavedSearch; onDelete: () => void; deleting: boolean }) {
  const { t, i18n } = useTranslation();
  const rename = useRenameSearch();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(s.name);
  const nameId = useId();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) rename.mutate({ id: s.id, name: name.trim() }, { onSuccess: () => setEditing(false) });
  };
  return (
    <li className="request-card">
      {editing ? (
        <form className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={nameId}>{t('savedSearches.newName')}</label>
            <input
              id={nameId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={200}
              autoFocus
              aria-invalid={name.trim() === '' ? true : undefined}
              aria-describedby={name.trim() === '' ? `${nameId}-problem` : undefined}
            />
            {name.trim() === '' && (
              <p id={`${nameId}-problem`} className="field-problem">
                {t('savedSearches.nameNeeded')}
              </p>
            )}
          </div>
          {rename.isError && <ProblemNotice error={rename.error} />}
          <p className="desk-buttons">
            <button type="submit" className="button button-primary" disabled={rename.isPending}>
              {t('savedSearches.renameConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('savedSearches.cancel')}
            </button>
          </p>
        </form>
      ) : (
        <h2>
          <Link to={`/search?${s.query}`}>{s.name}</Link>
        </h2>
      )}
      <p className="muted">
        {describe(s.query)} · {t('savedSearches.savedOn', { date: when.format(new Date(s.createdAt)) })}
      </p>
      {!editing && (
        <p className="desk-buttons">
          <Link className="button button-primary" to={`/search?${s.query}`} aria-label={t('savedSearches.runLabel', { name: s.name })}>
            {t('savedSearches.run')}
          </Link>
          <button type="button" className="button" onClick={() => setEditing(true)} aria-label={t('savedSearches.renameLabel', { name: s.name })}>
            {t('savedSearches.rename')}
          </button>
          <button type="button" className="button" disabled={deleting} onClick={onDelete} aria-label={t('savedSearches.deleteLabel', { name: s.name })}>
            {t('savedSearches.delete')}
          </button>
        </p>
      )}
    </li>
  );
}
