import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession, type Grant } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { adminAccessOf } from '../hooks/admin-access';
import { grantInputOf, sameGrant, staffPermissions, useAccounts, useSetGrants, type Account, type GrantInput } from '../hooks/use-accounts';
import { CheckboxGroup, SelectField, TextField, serverFieldProblems, useFieldProblem } from './form-kit';

/** Accounts and their roles (`/admin/accounts?q=`): find an account, give a role in a library or alliance, take one away. */
export function AccountsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.accounts'));
  const access = adminAccessOf(useSession().data?.grants ?? []);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const library = access.network ? null : (params.get('library') ?? access.libraryAdmin[0] ?? null);
  const accounts = useAccounts({ q, library });
  const searchId = useId();
  const mayList = access.network || library !== null;
  return (
    <div className="page">
      <h1>{t('admin.accounts')}</h1>
      {!mayList && <p className="notice">{t('admin.account.onlyNetwork')}</p>}
      {mayList && (
        <>
          <div role="search" className="filters">
            <div className="field">
              <label htmlFor={searchId}>{t('admin.account.search')}</label>
              <input id={searchId} type="search" value={q} onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })} />
            </div>
          </div>
          {accounts.isPending && <Loading />}
          {accounts.isError && <ProblemNotice error={accounts.error} onRetry={() => void accounts.refetch()} />}
          {accounts.data && accounts.data.items.length === 0 && <p>{t('admin.account.none')}</p>}
          {accounts.data && (
            <ul className="request-list">
              {accounts.data.items.map((a) => (
                <AccountCard key={a.id} account={a} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function useGrantLabel() {
  const { t } = useTranslation();
  return (g: Grant) => {
    const scope = g.library ?? g.alliance;
    const role = t(`admin.role.${g.role}`);
    const perms = g.role === 'library-staff' ? ` (${g.permissions.map((p) => t(`admin.permission.${p}`)).join(', ')})` : '';
    return `${role}${scope ? ` · ${scope}` : ''}${perms}`;
  };
}

function AccountCard({ account }: { account: Account }) {
  const { t } = useTranslation();
  const label = useGrantLabel();
  const setGrants = useSetGrants();
  const [open, setOpen] = useState(false);
  const current = account.grants.map(grantInputOf);
  const revoke = (g: Grant) => setGrants.mutate({ id: account.id, grants: account.grants.filter((x) => !sameGrant(x, g)).map(grantInputOf) });
  return (
    <li className="request-card">
      <h2>
        {account.displayName} <span className="muted">{account.email}</span>
      </h2>
      {account.disabled && <p className="state">{t('admin.account.disabled')}</p>}
      <ul aria-label={t('admin.account.roles', { name: account.displayName })}>
        {account.grants.length === 0 && <li className="muted">{t('admin.account.noRoles')}</li>}
        {account.grants.map((g) => (
          <li key={`${g.role}|${g.library ?? ''}|${g.alliance ?? ''}`}>
            {label(g)}{' '}
            <button type="button" className="link-button" disabled={setGrants.isPending} onClick={() => revoke(g)}>
              {t('admin.account.revoke', { role: label(g) })}
            </button>
          </li>
        ))}
      </ul>
      {setGrants.isError && !open && <ProblemNotice error={setGrants.error} />}
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('admin.account.grant')}
      </button>
      {open && <GrantForm account={account} current={current} onDone={() => setOpen(false)} />}
    </li>
  );
}

const roles = ['library-staff', 'reader', 'alliance-staff', 'network-admin'] as const;

function GrantForm({ account, current, onDone }: { account: Account; current: GrantInput[]; onDone: () => void }) {
  const { t } = useTranslation();
  const setGrants = useSetGrants();
  const [role, setRole] = useState<(typeof roles)[number]>('library-staff');
  const [scope, setScope] = useState('');
  const [permissions, setPermissions] = useState<string[]>(['lending', 'borrowing']);
  const [touched, setTouched] = useState(false);
  const needsLibrary = role === 'reader' || role === 'library-staff';
  const local: Record<string, string | undefined> = {};
  if (touched && role !== 'network-admin' && !scope.trim()) local.scope = needsLibrary ? 'admin.account.needLibrary' : 'admin.account.needAlliance';
  if (touched && role === 'library-staff' && permissions.length === 0) local.permissions = 'admin.account.needPermission';
  const server = serverFieldProblems(setGrants.error);
  const scopeKey = Object.keys(server).find((k) => /\.(library|alliance)$/.test(k));
  const problemAt = useFieldProblem(local, scopeKey ? { scope: server[scopeKey]! } : {});
  const grant = (): GrantInput =>
    role === 'reader'
      ? { role, library: scope.trim() }
      : role === 'library-staff'
        ? { role, library: scope.trim(), permissions }
        : role === 'alliance-staff'
          ? { role, alliance: scope.trim() }
          : { role };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if ((role !== 'network-admin' && !scope.trim()) || (role === 'library-staff' && permissions.length === 0)) return;
    setGrants.mutate({ id: account.id, grants: [...current, grant()] }, { onSuccess: onDone });
  };
  return (
    <form className="form sub-panel" onSubmit={submit} noValidate aria-label={t('admin.account.grantTo', { name: account.displayName })}>
      <SelectField label={t('admin.account.role')} value={role} onChange={(v) => setRole(v as (typeof roles)[number])} options={roles.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))} />
      {role !== 'network-admin' && (
        <TextField
          label={needsLibrary ? t('admin.account.inLibrary') : t('admin.account.inAlliance')}
          hint={needsLibrary ? t('admin.library.symbolHint') : undefined}
          value={scope}
          onChange={(v) => {
            setScope(v);
            setTouched(true);
          }}
          problem={problemAt('scope')}
          required
        />
      )}
      {role === 'library-staff' && (
        <>
          <CheckboxGroup legend={t('admin.account.permissions')} values={staffPermissions} chosen={permissions} onChange={setPermissions} labelOf={(p) => t(`admin.permission.${p}`)} />
          {problemAt('permissions') && <p className="field-problem">{problemAt('permissions')}</p>}
        </>
      )}
      {setGrants.isError && <ProblemNotice error={setGrants.error} />}
      <div>
        <button type="submit" className="button button-primary" disabled={setGrants.isPending}>
          {t('admin.account.give')}
        </button>
      </div>
    </form>
  );
}
