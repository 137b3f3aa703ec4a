import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LibraryChoice, useLibraries, useLibraryName } from '../../directory';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { adminAccessOf } from '../hooks/admin-access';
import { useProviderChanges, useProviders, type Provider } from '../hooks/use-providers';
import { SavedNotice, SelectField, TextField, serverFieldProblems, useFieldProblem } from './form-kit';

/** A library's sign-in providers (`/admin/identity-providers?library=`): OpenID Connect, SAML 2.0, CAS — add, change, switch off. */
export function IdentityProvidersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.identityProviders'));
  const access = adminAccessOf(useSession().data?.grants ?? []);
  const [params, setParams] = useSearchParams();
  const libraries = useLibraries();
  const nameOf = useLibraryName();
  const library = params.get('library') ?? (access.network ? null : (access.libraryAdmin[0] ?? null));
  const choices = access.network ? (libraries.data ?? []).map((l) => l.symbol) : access.libraryAdmin;
  const providers = useProviders(library);
  return (
    <div className="page">
      <h1>{t('admin.identityProviders')}</h1>
      {choices.length === 0 && !access.network && <p className="notice">{t('admin.provider.onlyLibraryAdmins')}</p>}
      {(access.network || access.libraryAdmin.length > 1) && (
        <LibraryChoice label={t('librarySettings.library')} placeholder={t('librarySettings.chooseLibrary')} choices={choices} value={library} onChange={(s) => setParams(s ? { library: s } : {})} />
      )}
      {library && (
        <>
          <h2>{t('admin.provider.of', { library: nameOf(library) })}</h2>
          {providers.isPending && <Loading />}
          {providers.isError && <ProblemNotice error={providers.error} onRetry={() => void providers.refetch()} />}
          {providers.data && providers.data.length === 0 && <p>{t('admin.provider.none')}</p>}
          {providers.data && providers.data.length > 0 && (
            <ul className="request-list">
              {providers.data.map((p) => (
                <ProviderCard key={p.id} library={library} provider={p} />
              ))}
            </ul>
          )}
          <section aria-labelledby="new-provider">
            <h2 id="new-provider">{t('admin.provider.add')}</h2>
            <ProviderForm library={library} />
          </section>
        </>
      )}
    </div>
  );
}

function ProviderCard({ library, provider: p }: { library: string; provider: Provider }) {
  const { t } = useTranslation();
  const { change } = useProviderChanges(library);
  const [editing, setEditing] = useState(false);
  return (
    <li className="request-card">
      <h3>
        {p.name} <span className="muted">{t(`admin.provider.kind.${p.kind}`)}</span>
      </h3>
      <p>
        <span className="state">{p.enabled ? t('admin.provider.enabled') : t('admin.provider.disabled')}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('admin.provider.issuer')}</dt>
          <dd>{p.issuer}</dd>
        </div>
        {p.clientId && (
          <div>
            <dt>{t('admin.provider.clientId')}</dt>
            <dd>{p.clientId}</dd>
          </div>
        )}
        {p.kind === 'oidc' && (
          <div>
            <dt>{t('admin.provider.clientSecret')}</dt>
            <dd>{p.hasClientSecret ? t('admin.provider.secretStored') : t('admin.provider.noSecret')}</dd>
          </div>
        )}
        {p.redirectUri && (
          <div>
            <dt>{t('admin.provider.redirectUri')}</dt>
            <dd>
              <code>{p.redirectUri}</code>
            </dd>
          </div>
        )}
        {p.saml && (
          <div>
            <dt>{t('admin.provider.spMetadata')}</dt>
            <dd>
              <code>{p.saml.spMetadataUrl}</code>
            </dd>
          </div>
        )}
        {p.cas && (
          <div>
            <dt>{t('admin.provider.serviceUrl')}</dt>
            <dd>
              <code>{p.cas.serviceUrl}</code>
            </dd>
          </div>
        )}
      </dl>
      <div className="desk-buttons">
        <button type="button" className="button" disabled={change.isPending} onClick={() => change.mutate({ id: p.id, body: { enabled: !p.enabled } })}>
          {p.enabled ? t('admin.provider.disable', { name: p.name }) : t('admin.provider.enable', { name: p.name })}
        </button>
        <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('admin.provider.edit', { name: p.name })}
        </button>
      </div>
      {change.isError && !editing && <ProblemNotice error={change.error} />}
      {editing && <ProviderEdit library={library} provider={p} onDone={() => setEditing(false)} />}
    </li>
  );
}

/** Changing a provider: its name, and for OpenID Connect the client and a new secret (write-only; blank keeps the stored one). */
function ProviderEdit({ library, provider: p, onDone }: { library: string; provider: Provider; onDone: () => void }) {
  const { t } = useTranslation();
  const { change } = useProviderChanges(library);
  const [name, setName] = useState(p.name);
  const [clientId, setClientId] = useState(p.clientId ?? '');
  const [secret, setSecret] = useState('');
  const problemAt = useFieldProblem({ name: name.trim() ? undefined : 'admin.problem.required' }, serverFieldProblems(change.error));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    const body: Record<string, unknown> = { name: name.trim() };
    if (p.kind === 'oidc' && clientId.trim()) body.clientId = clientId.trim();
    if (p.kind === 'oidc' && secret) body.clientSecret = secret;
    change.mutate({ id: p.id, body }, { onSuccess: onDone });
    setSecret('');
  };
  return (
    <form className="form sub-panel" onSubmit={submit} noValidate aria-label={t('admin.provider.edit', { name: p.name })}>
      <TextField label={t('admin.provider.name')} value={name} onChange={setName} problem={problemAt('name')} required />
      {p.kind === 'oidc' && (
        <>
          <TextField label={t('admin.provider.clientId')} value={clientId} onChange={setClientId} problem={problemAt('clientId')} />
          <TextField
            label={t('admin.provider.newSecret')}
            hint={t('admin.provider.secretHint')}
            type="password"
            autoComplete="new-password"
            value={secret}
            onChange={setSecret}
            problem={problemAt('clientSecret')}
          />
        </>
      )}
      {change.isError && <ProblemNotice error={change.error} />}
      <div>
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {t('admin.save')}
        </button>
      </div>
    </form>
  );
}

interface ProviderDraft {
  kind: 'oidc' | 'saml' | 'cas';
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  idpMetadataUrl: string;
  idpMetadataXml: string;
  serverUrl: string;
  casVersion: string;
}
const emptyProvider: ProviderDraft = { kind: 'oidc', name: '', issuer: '', clientId: '', clientSecret: '', idpMetadataUrl: '', idpMetadataXml: '', serverUrl: '', casVersion: '3.0' };

const isLoopback = (h: string) => h === 'localhost' || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h);
/** The API's rule for addresses Anylib calls (an issuer, IdP metadata, a CAS server): https, or http on this machine only. */
function badServerUrl(s: string): string | undefined {
  try {
    const u = new URL(s);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname))) return u.search || u.hash ? 'admin.provider.problem.query' : undefined;
    return 'admin.provider.problem.https';
  } catch {
    return 'admin.problem.webAddress';
  }
}

function checkProvider(d: ProviderDraft): Record<string, string | undefined> {
  const p: Record<string, string | undefined> = {};
  if (!d.name.trim()) p.name = 'admin.problem.required';
  if (d.kind === 'oidc') {
    p.issuer = badServerUrl(d.issuer);
    if (!d.clientId.trim()) p.clientId = 'admin.problem.required';
  }
  if (d.kind === 'saml') {
    if (!d.idpMetadataUrl.trim() && !d.idpMetadataXml.trim()) p.idpMetadataUrl = 'admin.provider.problem.metadata';
    else if (d.idpMetadataUrl.trim()) p.idpMetadataUrl = badServerUrl(d.idpMetadataUrl);
  }
  if (d.kind === 'cas') p.serverUrl = badServerUrl(d.serverUrl);
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v));
}

function toBody(d: ProviderDraft): Record<string, unknown> {
  const name = d.name.trim();
  if (d.kind === 'oidc') return { kind: 'oidc', name, issuer: d.issuer.trim(), clientId: d.clientId.trim(), ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}) };
  if (d.kind === 'saml') return { kind: 'saml', name, ...(d.idpMetadataUrl.trim() ? { idpMetadataUrl: d.idpMetadataUrl.trim() } : { idpMetadataXml: d.idpMetadataXml }) };
  return { kind: 'cas', name, serverUrl: d.serverUrl.trim(), casVersion: d.casVersion };
}

function ProviderForm({ library }: { library: string }) {
  const { t } = useTranslation();
  const { add } = useProviderChanges(library);
  const [draft, setDraft] = useState(emptyProvider);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const all = checkProvider(draft);
  const shown = attempted ? all : Object.fromEntries(Object.entries(all).filter(([k]) => touched.has(k)));
  const problemAt = useFieldProblem(shown, serverFieldProblems(add.error));
  const set = (key: keyof ProviderDraft) => (v: string) => {
    setDraft((d) => ({ ...d, [key]: v }));
    setTouched((s) => new Set(s).add(key));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    if (Object.keys(all).length) return;
    // The secret leaves the page with the request and is not kept in it, whatever the answer.
    add.mutate(toBody(draft), {
      onSuccess: () => {
        setDraft(emptyProvider);
        setTouched(new Set());
        setAttempted(false);
      },
    });
    setDraft((d) => ({ ...d, clientSecret: '' }));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="new-provider">
      <SelectField
        label={t('admin.provider.kindLabel')}
        value={draft.kind}
        onChange={set('kind')}
        options={(['oidc', 'saml', 'cas'] as const).map((k) => ({ value: k, label: t(`admin.provider.kind.${k}`) }))}
      />
      <TextField label={t('admin.provider.name')} hint={t('admin.provider.nameHint')} value={draft.name} onChange={set('name')} problem={problemAt('name')} required />
      {draft.kind === 'oidc' && (
        <>
          <TextField label={t('admin.provider.issuer')} type="url" value={draft.issuer} onChange={set('issuer')} problem={problemAt('issuer')} required />
          <TextField label={t('admin.provider.clientId')} value={draft.clientId} onChange={set('clientId')} problem={problemAt('clientId')} required />
          <TextField
            label={t('admin.provider.clientSecret')}
            hint={t('admin.provider.secretHint')}
            type="password"
            autoComplete="new-password"
            value={draft.clientSecret}
            onChange={set('clientSecret')}
            problem={problemAt('clientSecret')}
          />
        </>
      )}
      {draft.kind === 'saml' && (
        <>
          <TextField label={t('admin.provider.metadataUrl')} type="url" value={draft.idpMetadataUrl} onChange={set('idpMetadataUrl')} problem={problemAt('idpMetadataUrl')} />
          <TextField label={t('admin.provider.metadataXml')} multiline value={draft.idpMetadataXml} onChange={set('idpMetadataXml')} problem={problemAt('idpMetadataXml')} />
        </>
      )}
      {draft.kind === 'cas' && (
        <>
          <TextField label={t('admin.provider.serverUrl')} type="url" value={draft.serverUrl} onChange={set('serverUrl')} problem={problemAt('serverUrl')} required />
          <SelectField label={t('admin.provider.casVersion')} value={draft.casVersion} onChange={set('casVersion')} options={['3.0', '2.0'].map((v) => ({ value: v, label: `CAS ${v}` }))} />
        </>
      )}
      {add.isError && <ProblemNotice error={add.error} />}
      <SavedNotice shown={add.isSuccess} text={t('admin.provider.added')} />
      <div>
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('status.working') : t('admin.provider.add')}
        </button>
      </div>
    </form>
  );
}
