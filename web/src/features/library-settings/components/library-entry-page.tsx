import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { adminAccessOf } from '../../admin';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useLibraryEntry } from '../hooks/use-library-entry';
import { LibraryEntryForm } from './library-entry-form';

/** The administration's page of one library (`/admin/libraries/{symbol}`), or a new one (`/admin/libraries/new`). */
export function LibraryEntryPage() {
  const { t, i18n } = useTranslation();
  const { symbol } = useParams();
  const navigate = useNavigate();
  const entry = useLibraryEntry(symbol);
  const access = adminAccessOf(useSession().data?.grants ?? []);
  // The network's administrators keep every entry, a library's its own; others read it.
  const mode = access.network ? 'network' : symbol && access.libraryAdmin.includes(symbol) ? 'self' : 'read';
  const name = entry.data ? (i18n.language.startsWith('zh') ? entry.data.name.zh : entry.data.name.en) : undefined;
  const title = symbol ? (name ?? symbol) : t('admin.library.new');
  useDocumentTitle(title);
  return (
    <div className="page narrow">
      <p>
        <Link to="/admin/libraries">{t('admin.libraries')}</Link>
      </p>
      <h1>{title}</h1>
      {symbol && <p className="muted">{symbol}</p>}
      {symbol && entry.isPending && <Loading />}
      {entry.isError && <ProblemNotice error={entry.error} onRetry={() => void entry.refetch()} />}
      {entry.data && entry.data.memberships.length > 0 && (
        <p>
          {t('admin.library.memberOf')}{' '}
          {entry.data.memberships.map((m, i) => (
            <span key={m.alliance}>
              {i > 0 && ', '}
              <Link to={`/admin/alliances/${encodeURIComponent(m.alliance)}`}>{m.alliance}</Link>
            </span>
          ))}
        </p>
      )}
      {(!symbol || entry.data) && (
        <LibraryEntryForm
          entry={entry.data ?? null}
          mode={mode}
          onSaved={(saved) => {
            if (!symbol) void navigate(`/admin/libraries/${encodeURIComponent(saved)}`);
          }}
        />
      )}
    </div>
  );
}
