import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { LibraryChoice, useLibraries, useLibraryName } from '../../directory';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { deskLibraries } from '../hooks/desk-libraries';
import { useDeskQueue, type DeskSide } from '../hooks/use-desk';
import { LendingTools } from './lending-tools';

/** States a desk filters by, in the order work goes through them. */
const states: Record<DeskSide, string[]> = {
  lending: ['new', 'awaiting-conditions', 'awaiting-pull-slip', 'awaiting-picking', 'awaiting-shipping', 'shipped', 'returned', 'completed', 'unfilled'],
  borrowing: ['sent', 'conditional-answer', 'shipped', 'received', 'checked-out', 'overdue', 'returned-by-reader', 'shipped-back', 'completed', 'end-of-rota', 'cancelled'],
};

/**
 * A desk's queue (`/desk/lending?library=CN-NJU&state=awaiting-picking`): the library's requests
 * by state, each opening its page with the timeline and the steps the desk may take.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const side: DeskSide = useParams().side === 'borrowing' ? 'borrowing' : 'lending';
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const allowed = deskLibraries(session.data?.grants ?? [], side);
  const library = params.get('library') ?? (allowed === 'all' ? null : (allowed[0] ?? null));
  const state = params.get('state') ?? '';
  const queue = useDeskQueue({ side, library, state });
  const nameOf = useLibraryName();
  const libraries = useLibraries();
  const stateId = useId();
  const title = t(side === 'lending' ? 'desk.lending' : 'desk.borrowing');
  useDocumentTitle(title);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const choices = allowed === 'all' ? (libraries.data ?? []).map((l) => l.symbol) : allowed;

  return (
    <div className="page">
      <h1>{title}</h1>
      {allowed !== 'all' && allowed.length === 0 && <p>{t('desk.noLibrary')}</p>}
      <div className="filters">
        {(allowed === 'all' || allowed.length > 1) && (
          <LibraryChoice label={t('desk.library')} placeholder={t('desk.chooseLibrary')} choices={choices} value={library} onChange={(s) => set('library', s ?? '')} />
        )}
        <div className="field">
          <label htmlFor={stateId}>{t('desk.state')}</label>
          <select id={stateId} value={state} onChange={(e) => set('state', e.target.value)}>
            <option value="">{t('desk.allStates')}</option>
            {states[side].map((s) => (
              <option key={s} value={s}>
                {t(`desk.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {side === 'lending' && library && <LendingTools library={library} />}
      {queue.isError && <ProblemNotice error={queue.error} onRetry={() => void queue.refetch()} />}
      {library && queue.isPending && <Loading />}
      {queue.data && queue.data.length === 0 && <p>{t('desk.empty')}</p>}
      {queue.data && queue.data.length > 0 && (
        <div className="table-scroll">
          <table className="items desk-queue">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('requests.number')}</th>
                <th scope="col">{t('desk.item')}</th>
                <th scope="col">{t(side === 'lending' ? 'desk.borrower' : 'desk.lender')}</th>
                <th scope="col">{t('desk.state')}</th>
                <th scope="col">{t('request.neededBy')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link to={`/desk/${side}/${item.id}`}>{item.id}</Link>
                  </td>
                  <td>
                    <Link to={`/desk/${side}/${item.id}`}>{item.title}</Link>
                    {item.reader && <div className="muted">{item.reader}</div>}
                  </td>
                  <td>{item.partner ? nameOf(item.partner) : '—'}</td>
                  <td>{item.stateLabel}</td>
                  <td>{item.neededBy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
