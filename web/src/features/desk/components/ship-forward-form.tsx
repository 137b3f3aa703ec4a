import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LibraryChoice, useLibraries } from '../../directory';
import type { RequestAction } from '../../requests';
import { ProblemNotice } from '../../../shared/ui';
import { useDeskAction, type DeskSide } from '../hooks/use-desk';

/**
 * `ship-forward` (ISO 18626 ShippedForward): the item goes on to the next library instead of back
 * to the lender. The next library (`forwardTo`) is chosen from the directory, leaving out this
 * desk's own library and the lender; the note goes to the lender with the message.
 */
export function ShipForwardForm({ side, id, action, exclude }: { side: DeskSide; id: number; action: RequestAction; exclude: (string | null)[] }) {
  const { t } = useTranslation();
  const libraries = useLibraries();
  const act = useDeskAction({ side, id });
  const [forwardTo, setForwardTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const headingId = useId();
  const problemId = useId();
  const noteId = useId();
  const choices = (libraries.data ?? []).map((l) => l.symbol).filter((s) => !exclude.includes(s));
  const missing = tried && !forwardTo;
  const submit = () => {
    setTried(true);
    if (!forwardTo) return;
    act.mutate({ action: action.action, forwardTo, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <section aria-labelledby={headingId} className="panel ship-forward">
      <h2 id={headingId}>{t('deskConditions.forwardTitle')}</h2>
      <p className="muted">{t('deskConditions.forwardIntro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {/* The choice's problem is the group's description (LibraryChoice is the directory's shared select). */}
        <fieldset className="form-body" aria-describedby={missing ? problemId : undefined}>
          <legend className="visually-hidden">{t('deskConditions.forwardTitle')}</legend>
          <LibraryChoice label={t('deskConditions.forwardTo')} placeholder={t('deskConditions.forwardChoose')} choices={choices} value={forwardTo} onChange={setForwardTo} />
          {missing && (
            <p id={problemId} className="field-problem" role="alert">
              {t('deskConditions.forwardRequired')}
            </p>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={noteId}>{t('deskConditions.forwardNote')}</label>
          <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div>
          <button type="submit" className="button" data-action={action.action} disabled={act.isPending} aria-describedby={missing ? problemId : undefined}>
            {action.label}
          </button>
        </div>
        {act.isError && <ProblemNotice error={act.error} />}
      </form>
    </section>
  );
}
