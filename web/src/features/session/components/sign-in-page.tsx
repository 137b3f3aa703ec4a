import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useSignIn } from '../hooks/use-session';
import { safeReturnTo } from '../hooks/return-to';
import { LibraryFinder } from './library-finder';

/**
 * Signing in: "where are you from?" (the reader's library and the identity providers it offers),
 * and e-mail with password for local accounts. Afterwards the reader is back where they were.
 */
export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('session.signIn'));
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));

  return (
    <div className="page narrow">
      <h1>{t('session.signIn')}</h1>
      {params.get('reason') === 'expired' && (
        <p className="notice" role="status">
          {t('signIn.expired')}
        </p>
      )}
      <section aria-labelledby="sso-heading" className="panel">
        <h2 id="sso-heading">{t('signIn.throughLibrary')}</h2>
        <LibraryFinder returnTo={returnTo} />
      </section>
      <section aria-labelledby="local-heading" className="panel">
        <h2 id="local-heading">{t('signIn.withPassword')}</h2>
        <PasswordForm onDone={returnTo} />
      </section>
    </div>
  );
}

function PasswordForm({ onDone }: { onDone: string }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailId = useId();
  const passwordId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(onDone, { replace: true }) });
  };
  return (
    <form onSubmit={submit} className="form" noValidate={false}>
      <div className="field">
        <label htmlFor={emailId}>{t('signIn.email')}</label>
        <input id={emailId} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={passwordId}>{t('signIn.password')}</label>
        <input id={passwordId} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {signIn.isError && <ProblemNotice error={signIn.error} />}
      <button type="submit" className="button button-primary" disabled={signIn.isPending}>
        {signIn.isPending ? t('status.working') : t('session.signIn')}
      </button>
    </form>
  );
}
