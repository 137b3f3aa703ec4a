import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLibraryName } from '../../directory';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { requestsPageSize, useMyRequests } from '../hooks/use-requests';

/** "My requests": every interlibrary loan and copy request of the reader, newest first. */
export function MyRequestsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('requests.mine'));
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useMyRequests({ page });
  const nameOf = useLibraryName();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <div className="page">
      <h1>{t('requests.mine')}</h1>
      {list.isPending && <Loading />}
      {list.isError && <ProblemNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && page === 1 && <p>{t('requests.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="request-list">
          {list.data.items.map((r) => (
            <li key={r.id} className="request-card">
              <h2>
                <Link to={`/requests/${r.id}`}>{r.citation.articleTitle ?? r.citation.title}</Link>
              </h2>
              <p>
                <span className={`state state-${r.state}`}>{r.stateLabel}</span>
                {' · '}
                {t(`request.services.${r.citation.service === 'copy' ? 'copy' : r.citation.service === 'either' ? 'either' : 'loan'}`)}
                {r.lender && ` · ${t('requests.from', { name: nameOf(r.lender) })}`}
              </p>
              <p className="muted">
                {t('requests.placedOn', { date: date.format(new Date(r.createdAt)) })}
                {r.dueDate && ` · ${t('requests.dueOn', { date: date.format(new Date(r.dueDate)) })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {list.data && (page > 1 || list.data.items.length === requestsPageSize) && (
        <nav className="pager" aria-label={t('search.pages')}>
          <button type="button" className="button" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>
            {t('search.previous')}
          </button>
          <button type="button" className="button" disabled={list.data.items.length < requestsPageSize} onClick={() => setParams({ page: String(page + 1) })}>
            {t('search.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
