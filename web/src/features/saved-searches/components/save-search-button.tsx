import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { signInPath, useSession } from '../../session';
import { ProblemNotice } from '../../../shared/ui';
import { useSaveSearch } from '../hooks/use-saved-searches';

/**
 * "Save this search" on the results page (issue 7): a name (the words searched for, to begin
 * with), then saved with the address's query; a reader not signed in is offered to sign in first.
 */
export function SaveSearchButton({ query, suggestedName }: { query: string; suggestedName: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const save = useSaveSearch();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [tried, setTried] = useState(false);
  const nameId = useId();
  if (!session.data?.account) {
    return (
      <p className="save-search">
        <Link to={signInPath(location.pathname + location.search)}>{t('savedSearches.signInToSave')}</Link>
      </p>
    );
  }
  if (save.isSuccess) {
    return (
      <p className="notice notice-success save-search" role="status">
        {t('savedSearches.saved', { name: save.data.name })} <Link to="/saved-searches">{t('savedSearches.mine')}</Link>
      </p>
    );
  }
  if (!open) {
    return (
      <p className="save-search">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          {t('savedSearches.save')}
        </button>
      </p>
    );
  }
  const problem = tried && name.trim() === '' ? t('savedSearches.nameNeeded') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (name.trim()) save.mutate({ name: name.trim(), query });
  };
  return (
    <form className="form save-search" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={nameId}>{t('savedSearches.name')}</label>
        <input
          id={nameId}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          autoFocus
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${nameId}-problem` : undefined}
        />
        {problem && (
          <p id={`${nameId}-problem`} className="field-problem">
            {problem}
          </p>
        )}
      </div>
      {save.isError && <ProblemNotice error={save.error} />}
      <p className="desk-buttons">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('status.working') : t('savedSearches.saveConfirm')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('savedSearches.cancel')}
        </button>
      </p>
    </form>
  );
}
