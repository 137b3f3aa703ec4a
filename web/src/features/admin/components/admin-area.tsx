import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import './admin.css';
import { LibraryEntryPage } from '../../library-settings';
import { useSession } from '../../session';
import { adminAccessOf, administers } from '../hooks/admin-access';
import { AccountsPage } from './accounts-page';
import { AgreementsPage } from './agreements-page';
import { AlliancePage } from './alliance-page';
import { AlliancesPage } from './alliances-page';
import { IdentityProvidersPage } from './identity-providers-page';
import { LibrariesPage } from './libraries-page';

/** The alliance administration (`/admin/…`): its sections' navigation and pages. */
export function AdminArea() {
  const { t } = useTranslation();
  const access = adminAccessOf(useSession().data?.grants ?? []);
  if (!administers(access)) return <p className="notice">{t('admin.notAdmin')}</p>;
  const sections = [
    ['libraries', t('admin.libraries')],
    ['alliances', t('admin.alliances')],
    ['agreements', t('admin.agreements')],
    ['accounts', t('admin.accounts')],
    ['identity-providers', t('admin.identityProviders')],
  ] as const;
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('admin.title')}>
        <ul>
          {sections.map(([path, label]) => (
            <li key={path}>
              <NavLink to={`/admin/${path}`}>{label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<LibrariesPage />} />
        <Route path="libraries" element={<LibrariesPage />} />
        <Route path="libraries/new" element={<LibraryEntryPage />} />
        <Route path="libraries/:symbol" element={<LibraryEntryPage />} />
        <Route path="alliances" element={<AlliancesPage />} />
        <Route path="alliances/:code" element={<AlliancePage />} />
        <Route path="agreements" element={<AgreementsPage />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="identity-providers" element={<IdentityProvidersPage />} />
      </Routes>
    </div>
  );
}
