import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { adminAccessOf } from '../hooks/admin-access';
import { pageSize, useLibraryPage, useProvinces } from '../hooks/use-directory';

const types = ['university', 'public', 'research', 'other'] as const;

/** The directory's libraries (`/admin/libraries?q=&type=&province=&page=`): search, filter, open one, add one. */
export function LibrariesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('admin.libraries'));
  const zh = i18n.language.startsWith('zh');
  const [params, setParams] = useSearchParams();
  const access = adminAccessOf(useSession().data?.grants ?? []);
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const filter = { q: params.get('q') ?? undefined, type: params.get('type') ?? undefined, province: params.get('province') ?? undefined, offset: page * pageSize };
  const list = useLibraryPage(filter);
  const provinces = useProvinces();
  const ids = { q: useId(), type: useId(), province: useId() };
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const total = list.data?.total ?? 0;
  return (
    <div className="page">
      <h1>{t('admin.libraries')}</h1>
      {access.network && (
        <p>
          <Link className="button" to="/admin/libraries/new">
            {t('admin.library.new')}
          </Link>
        </p>
      )}
      <div role="search" className="filters" aria-label={t('admin.filterLibraries')}>
        <div className="field">
          <label htmlFor={ids.q}>{t('admin.searchLibraries')}</label>
          <input id={ids.q} type="search" value={filter.q ?? ''} onChange={(e) => change('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.type}>{t('admin.library.type')}</label>
          <select id={ids.type} value={filter.type ?? ''} onChange={(e) => change('type', e.target.value)}>
            <option value="">{t('admin.any')}</option>
            {types.map((v) => (
              <option key={v} value={v}>
                {t(`admin.libraryType.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.province}>{t('admin.library.province')}</label>
          <select id={ids.province} value={filter.province ?? ''} onChange={(e) => change('province', e.target.value)}>
            <option value="">{t('admin.any')}</option>
            {(provinces.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {zh ? p.name.zh : p.name.en}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isError && <ProblemNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <Loading />}
      {list.data && (
        <>
          <p role="status">{t('admin.libraryCount', { count: total })}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('admin.libraries')}>
            <table className="items">
              <caption className="visually-hidden">{t('admin.libraries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.name')}</th>
                  <th scope="col">{t('admin.library.symbol')}</th>
                  <th scope="col">{t('admin.library.type')}</th>
                  <th scope="col">{t('admin.library.province')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((l) => (
                  <tr key={l.symbol}>
                    <td>
                      <Link to={`/admin/libraries/${encodeURIComponent(l.symbol)}`}>{zh ? l.name.zh : l.name.en}</Link>
                    </td>
                    <td>{l.symbol}</td>
                    <td>{t(`admin.libraryType.${l.type}`)}</td>
                    <td>{zh ? l.provinceName.zh : l.provinceName.en}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {total > pageSize && (
            <nav className="pager" aria-label={t('admin.pages')}>
              <button type="button" className="button" disabled={page === 0} onClick={() => setParams({ ...Object.fromEntries(params), page: String(page - 1) })}>
                {t('admin.previous')}
              </button>
              <span>{t('admin.pageOf', { page: page + 1, pages: Math.ceil(total / pageSize) })}</span>
              <button type="button" className="button" disabled={(page + 1) * pageSize >= total} onClick={() => setParams({ ...Object.fromEntries(params), page: String(page + 1) })}>
                {t('admin.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
