import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { rememberedLibrary } from '../../directory';
import { SaveSearchButton } from '../../saved-searches';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { maxPage, readSearch, sorts, toggleChoice, writeSearch, type SearchRequest } from '../domain/search-request';
import { useSearch } from '../hooks/use-search';
import { FacetPanel } from './facet-panel';
import { HitList } from './hit-list';
import { SearchBox } from './search-box';

/** Results of a search, all of it in the address (`/search?q=…&format=book&page=2`): shareable, and Back works. */
export function ResultsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const address = params.toString();
  const request = useMemo(() => readSearch(new URLSearchParams(address)), [address]);
  const session = useSession();
  const myLibrary = session.data?.account ? null : rememberedLibrary.get();
  const result = useSearch({ request, myLibrary, language: i18n.language });
  useDocumentTitle(request.q ? t('search.titleFor', { q: request.q }) : t('search.results'));
  const go = (next: SearchRequest) => setParams(writeSearch(next));

  // After a new page of results, the reader continues from the top of the list.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownPage = result.data?.page;
  useEffect(() => {
    if (shownPage && shownPage > 1) heading.current?.focus();
  }, [shownPage]);

  const data = result.data;
  const pages = data ? Math.min(Math.ceil(data.total / data.pageSize), maxPage) : 0;
  return (
    <div className="page results">
      <SearchBox key={request.q} initial={request.q} onSearch={(q) => go({ ...request, q, page: 1 })} />
      {!request.q && !Object.keys(request.choices).length && <p>{t('search.typeSomething')}</p>}
      {result.isError && <ProblemNotice error={result.error} onRetry={() => void result.refetch()} />}
      {result.isPending && result.fetchStatus !== 'idle' && <Loading label={t('search.searching')} />}
      {data && (
        <div className="results-layout">
          <FacetPanel facets={data.facets} request={request} onToggle={(f, v) => go(toggleChoice(request, f, v))} />
          <section className="results-main" aria-labelledby="results-heading" aria-busy={result.isFetching || result.isPlaceholderData}>
            <div className="results-bar">
              <h1 id="results-heading" ref={heading} tabIndex={-1} aria-live="polite">
                {data.total === 0
                  ? t('search.none')
                  : t(data.totalEstimated ? 'search.countEstimated' : 'search.count', { count: data.total, formatted: data.total.toLocaleString() })}
              </h1>
              <label className="sort">
                {t('search.sortBy')}{' '}
                <select value={request.sort} onChange={(e) => go({ ...request, sort: e.target.value as SearchRequest['sort'], page: 1 })}>
                  {sorts.map((s) => (
                    <option key={s} value={s}>
                      {t(`search.sort.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {data.suggestions.length > 0 && (
              <p className="did-you-mean">
                {t('search.didYouMean')}{' '}
                {data.suggestions.map((s) => (
                  <Link key={s} to={`/search?${writeSearch({ ...request, q: s, page: 1 })}`}>
                    {s}
                  </Link>
                ))}
              </p>
            )}
            {data.total > 0 && <SaveSearchButton key={address} query={String(writeSearch({ ...request, page: 1 }))} suggestedName={request.q || t('savedSearches.defaultName')} />}
            {result.isFetching && <Loading label={t('search.searching')} />}
            <HitList hits={data.hits} start={(data.page - 1) * data.pageSize + 1} />
            {pages > 1 && (
              <nav className="pager" aria-label={t('search.pages')}>
                <button type="button" className="button" disabled={request.page <= 1} onClick={() => go({ ...request, page: request.page - 1 })}>
                  {t('search.previous')}
                </button>
                <span>{t('search.pageOf', { page: request.page, pages })}</span>
                <button type="button" className="button" disabled={request.page >= pages} onClick={() => go({ ...request, page: request.page + 1 })}>
                  {t('search.next')}
                </button>
              </nav>
            )}
            {Object.keys(request.choices).length > 0 && (
              <p>
                <button type="button" className="link-button" onClick={() => navigate(`/search?${writeSearch({ q: request.q, choices: {}, sort: request.sort, page: 1 })}`)}>
                  {t('search.clearChoices')}
                </button>
              </p>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
