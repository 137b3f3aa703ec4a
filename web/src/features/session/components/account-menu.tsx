import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession, useSignOut } from '../hooks/use-session';
import { signInPath } from '../hooks/return-to';

/** The header's corner: "sign in", or the reader's name with "my requests" and "sign out". */
export function AccountMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const navigate = useNavigate();
  const account = session.data?.account;
  if (!account) {
    if (location.pathname.startsWith('/sign-in')) return null;
    return (
      <Link className="nav-link" to={signInPath(location.pathname + location.search)}>
        {t('session.signIn')}
      </Link>
    );
  }
  return (
    <>
      <Link className="nav-link" to="/requests">
        {t('requests.mine')}
      </Link>
      <Link className="nav-link" to="/saved-searches">
        {t('savedSearches.mine')}
      </Link>
      <span className="account-name" title={account.email}>
        {account.displayName}
      </span>
      <button type="button" className="link-button" onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/') })}>
        {t('session.signOut')}
      </button>
    </>
  );
}
