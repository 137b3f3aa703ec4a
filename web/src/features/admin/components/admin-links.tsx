import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session';
import { adminAccessOf, administers, seesStatistics } from '../hooks/admin-access';

/** The header's links to the administration, the library's settings and the statistics dashboard, for accounts that use them. */
export function AdminLinks() {
  const { t } = useTranslation();
  const grants = useSession().data?.grants ?? [];
  const access = adminAccessOf(grants);
  return (
    <>
      {administers(access) && (
        <Link className="nav-link" to="/admin/libraries">
          {t('admin.title')}
        </Link>
      )}
      {(access.network || access.libraryAdmin.length > 0) && (
        <Link className="nav-link" to="/settings/library">
          {t('librarySettings.title')}
        </Link>
      )}
      {seesStatistics(access, grants) && (
        <Link className="nav-link" to="/dashboard">
          {t('dashboard.title')}
        </Link>
      )}
    </>
  );
}
