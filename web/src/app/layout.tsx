import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AdminLinks } from '../features/admin';
import { deskLibraries } from '../features/desk';
import { AccountMenu, useSession } from '../features/session';
import { LanguageSwitch } from './language-switch';

/** Every page's frame: skip link, header (name, account, language), the page, a footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  // After moving to another page, a screen reader starts at its content, not at the old focus.
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return; // the first page: focus stays where the browser put it
    shown.current = pathname;
    document.getElementById('main')?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          {t('app.name')}
          <span className="brand-sub">{t('app.tagline')}</span>
        </Link>
        <nav className="site-nav" aria-label={t('app.navigation')}>
          <DeskLinks />
          <AdminLinks />
          <AccountMenu />
          <LanguageSwitch />
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t('app.footer')} · <a href="/docs">{t('app.apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}

/** The librarian workspace's pages an account works in (each loads when opened). */
function DeskLinks() {
  const { t } = useTranslation();
  const grants = useSession().data?.grants ?? [];
  const sides = (['lending', 'borrowing'] as const).filter((side) => {
    const libraries = deskLibraries(grants, side);
    return libraries === 'all' || libraries.length > 0;
  });
  const catalogue = deskLibraries(grants, 'catalogue');
  return (
    <>
      {sides.map((side) => (
        <Link key={side} className="nav-link" to={`/desk/${side}`}>
          {t(side === 'lending' ? 'desk.lending' : 'desk.borrowing')}
        </Link>
      ))}
      {(catalogue === 'all' || catalogue.length > 0) && (
        <Link className="nav-link" to="/catalogue/imports">
          {t('catalogue.imports')}
        </Link>
      )}
    </>
  );
}
