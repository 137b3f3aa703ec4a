import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLibraryName } from '../../directory';
import type { RequestAction } from '../../requests';
import { ProblemNotice } from '../../../shared/ui';
import type { OfferedTerms } from '../domain/offered-terms';
import { useDeskAction } from '../hooks/use-desk';
import { OfferedTermsList } from './offered-terms';

/** The lending desk's offer while the borrowing library decides (`awaiting-conditions`): what it sent, from the lending request's `offeredConditions`. */
export function PendingOffer({ terms }: { terms: OfferedTerms | null }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="panel pending-offer">
      <h2 id={headingId}>{t('deskConditions.pendingTitle')}</h2>
      <p>{t('deskConditions.pendingIntro')}</p>
      {terms && <OfferedTermsList terms={terms} />}
    </section>
  );
}

/**
 * The borrowing desk's answer to a lender's conditions (`conditional-answer`): the terms and the
 * lender's note (the request's `offeredConditions`) beside the two buttons, so staff read what they
 * agree to before they click. Accepting sends a Request Retry to the lender that offered them;
 * rejecting sends Cancel and goes on to the next lender.
 */
export function ConditionsDecision({ id, lender, terms, actions }: { id: number; lender: string | null; terms: OfferedTerms; actions: RequestAction[] }) {
  const { t } = useTranslation();
  const nameOf = useLibraryName();
  const act = useDeskAction({ side: 'borrowing', id });
  const [note, setNote] = useState('');
  const headingId = useId();
  const noteId = useId();
  const acceptHintId = useId();
  const rejectHintId = useId();
  const accept = actions.find((a) => a.action === 'accept-conditions' && a.allowed);
  const reject = actions.find((a) => a.action === 'reject-conditions' && a.allowed);
  const run = (action: string) => act.mutate({ action, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote('') });
  return (
    <section aria-labelledby={headingId} className="panel offered-conditions">
      <h2 id={headingId}>{t('deskConditions.offeredTitle', { library: nameOf(lender) })}</h2>
      <p>{t('deskConditions.offeredIntro')}</p>
      <OfferedTermsList terms={terms} />
      <div className="form">
        <div className="field">
          <label htmlFor={noteId}>{t('deskConditions.decisionNote')}</label>
          <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ul className="decision-hints">
          {accept && <li id={acceptHintId}>{t('deskConditions.acceptHint')}</li>}
          {reject && <li id={rejectHintId}>{t('deskConditions.rejectHint')}</li>}
        </ul>
        <div className="desk-buttons">
          {accept && (
            <button type="button" className="button" data-action={accept.action} aria-describedby={acceptHintId} disabled={act.isPending} onClick={() => run(accept.action)}>
              {accept.label}
            </button>
          )}
          {reject && (
            <button type="button" className="button" data-action={reject.action} aria-describedby={rejectHintId} disabled={act.isPending} onClick={() => run(reject.action)}>
              {reject.label}
            </button>
          )}
        </div>
        {act.isError && <ProblemNotice error={act.error} />}
      </div>
    </section>
  );
}
