import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLibraryName } from '../../directory';
import { RequestTimeline } from '../../requests';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useDeskAction, useDeskItem, type DeskSide } from '../hooks/use-desk';
import { ConditionsDecision, PendingOffer } from './conditions-panels';
import { DeskLog } from './desk-log';
import { OfferConditionsForm } from './offer-conditions-form';
import { ScanUpload } from './scan-upload';
import { ShipForwardForm } from './ship-forward-form';
import './desk.css';

/** Steps that take a due date: shipping a loan (the lender's) and lending it to the reader (the borrower's). */
const takesDueDate = new Set(['ship', 'check-out', 'renew']);
/** ISO 18626 ReasonUnfilled: why the lender cannot supply. */
const reasonsUnfilled = ['NotHeld', 'NotOnShelf', 'NonCirculating', 'NotAvailableForILL', 'PolicyProblem', 'PoorCondition'];
/** Steps with a form of their own (the terms to offer or to answer, the next library): not among the plain buttons. */
const ownForm = new Set(['offer-conditions', 'accept-conditions', 'reject-conditions', 'ship-forward']);

/** One request at a desk: what it is, every step so far, and the steps the API allows now. */
export function DeskItemPage() {
  const { t } = useTranslation();
  const params = useParams();
  const side: DeskSide = params.side === 'borrowing' ? 'borrowing' : 'lending';
  const id = Number(params.id);
  const item = useDeskItem({ side, id });
  const act = useDeskAction({ side, id });
  const nameOf = useLibraryName();
  const [note, setNote] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const noteId = useId();
  const dueId = useId();
  const reasonId = useId();
  useDocumentTitle(t('requests.one', { id }));
  if (item.isPending) return <Loading />;
  if (item.isError) return <ProblemNotice className="page" error={item.error} onRetry={() => void item.refetch()} />;
  const r = item.data;
  const allowed = r.actions.filter((a) => a.allowed && !ownForm.has(a.action));
  const allowedAction = (name: string) => r.actions.find((a) => a.action === name && a.allowed);
  const shipForward = allowedAction('ship-forward');
  const offered = side === 'borrowing' && (allowedAction('accept-conditions') || allowedAction('reject-conditions')) ? r.offeredConditions : null;
  const run = (action: string) =>
    act.mutate(
      {
        action,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(dueDate && takesDueDate.has(action) ? { dueDate } : {}),
        ...(reason && action === 'cannot-supply' ? { reasonUnfilled: reason } : {}),
      },
      { onSuccess: () => setNote('') },
    );

  return (
    <article className="page narrow desk-item">
      <p>
        <Link to={`/desk/${side}`}>{t(side === 'lending' ? 'desk.lending' : 'desk.borrowing')}</Link>
      </p>
      <h1>{r.title}</h1>
      {r.author && <p className="muted">{r.author}</p>}
      <p className="lead">
        <span className="state">{r.stateLabel}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('requests.number')}</dt>
          <dd>{r.id}</dd>
        </div>
        {r.partner && (
          <div>
            <dt>{t(side === 'lending' ? 'desk.borrower' : 'desk.lender')}</dt>
            <dd>{nameOf(r.partner)}</dd>
          </div>
        )}
        {r.reader && (
          <div>
            <dt>{t('desk.reader')}</dt>
            <dd>{r.reader}</dd>
          </div>
        )}
        {r.dueDate && (
          <div>
            <dt>{t('cluster.dueDate')}</dt>
            <dd>{r.dueDate}</dd>
          </div>
        )}
      </dl>
      {side === 'lending' && r.actions.some((a) => a.action === 'deliver-copy') && <ScanUpload supplyId={r.id} />}
      {side === 'lending' && r.state === 'awaiting-conditions' && <PendingOffer terms={r.offeredConditions} />}
      {offered && <ConditionsDecision id={r.id} lender={r.partner} terms={offered} actions={r.actions} />}
      {allowed.length > 0 && (
        <section aria-labelledby="desk-actions" className="panel">
          <h2 id="desk-actions">{t('desk.nextSteps')}</h2>
          <div className="form">
            {allowed.some((a) => takesDueDate.has(a.action)) && (
              <div className="field">
                <label htmlFor={dueId}>{t('desk.dueDate')}</label>
                <input id={dueId} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
              </div>
            )}
            {allowed.some((a) => a.action === 'cannot-supply') && (
              <div className="field">
                <label htmlFor={reasonId}>{t('desk.reasonUnfilled')}</label>
                <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)}>
                  <option value="">—</option>
                  {reasonsUnfilled.map((x) => (
                    <option key={x} value={x}>
                      {t(`desk.reasons.${x}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor={noteId}>{t('desk.note')}</label>
              <textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="desk-buttons">
              {allowed.map((a) => (
                <button key={a.action} type="button" className="button" data-action={a.action} disabled={act.isPending} onClick={() => run(a.action)}>
                  {a.label}
                </button>
              ))}
            </div>
            {act.isError && <ProblemNotice error={act.error} />}
          </div>
        </section>
      )}
      {side === 'lending' && allowedAction('offer-conditions') && <OfferConditionsForm id={r.id} />}
      {shipForward && <ShipForwardForm side={side} id={r.id} action={shipForward} exclude={[r.library, r.partner]} />}
      <section aria-labelledby="desk-timeline">
        <h2 id="desk-timeline">{t('requests.timeline')}</h2>
        <RequestTimeline events={r.timeline} staff />
      </section>
      <DeskLog side={side} id={id} />
    </article>
  );
}
