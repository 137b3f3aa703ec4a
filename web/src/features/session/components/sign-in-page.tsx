import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { rememberedLibrary } from '../../directory';
import { ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useSignIn } from '../hooks/use-session';
import { providerHref, useSignInOptions, type SignInProvider } from '../hooks/use-sign-in-options';
import { safeReturnTo } from '../hooks/return-to';
import { LibraryFinder } from './library-finder';

/**
 * Signing in: "where are you from?" (the reader's library and the identity providers it offers),
 * and e-mail with password for local accounts. Afterwards the reader is back where they were.
 */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('session.signIn'));
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [library, setLibrary] = useState<string | null>(() => rememberedLibrary.get());
  const options = useSignInOptions(library);
  const choose = (symbol: string | null) => {
    rememberedLibrary.set(symbol);
    setLibrary(symbol);
  };
  const providerName = (p: SignInProvider) =>
    typeof p.name === 'string' ? p.name : ((i18n.language.startsWith('zh') ? p.name.zh : p.name.en) ?? p.name.zh ?? p.name.en ?? p.id);

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
        <LibraryFinder chosen={library} onChoose={choose} />
        {library && options.isError && <ProblemNotice error={options.error} onRetry={() => void options.refetch()} />}
        {library && options.data && options.data.providers.length > 0 && (
          <ul className="provider-list">
            {options.data.providers.map((p) => (
              <li key={p.id}>
                <a className="button button-primary" href={providerHref(p, returnTo)}>
                  {t('signIn.withProvider', { name: providerName(p) })}
                </a>
              </li>
            ))}
          </ul>
        )}
        {library && options.data && options.data.providers.length === 0 && <p className="muted">{t('signIn.noProviders')}</p>}
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
