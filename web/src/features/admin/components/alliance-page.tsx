import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useAgreements, useAlliance, useMemberChanges, type AllianceView } from '../hooks/use-directory';
import { AgreementTable } from './agreement-table';
import { AllianceForm } from './alliance-form';
import { GovernanceForm } from './governance-form';
import { SelectField, TextField, serverFieldProblems, useFieldProblem } from './form-kit';

const memberRoles = ['management-centre', 'regional-centre', 'provincial-centre', 'discipline-centre', 'business-centre', 'member'] as const;

/** One alliance (`/admin/alliances/{code}`): its place among the tiers, members, governance bodies and agreements. */
export function AlliancePage() {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const { code } = useParams();
  const alliance = useAlliance(code);
  const agreements = useAgreements({ alliance: code });
  const a = alliance.data;
  useDocumentTitle(a ? (zh ? a.name.zh : a.name.en) : code);
  if (alliance.isPending) return <Loading />;
  if (alliance.isError) return <ProblemNotice error={alliance.error} onRetry={() => void alliance.refetch()} />;
  const l = (x: { zh: string; en: string } | undefined) => (x ? (zh ? x.zh : x.en) : '');
  return (
    <div className="page">
      <p>
        <Link to="/admin/alliances">{t('admin.alliances')}</Link>
      </p>
      <h1>{l(a!.name)}</h1>
      <dl className="facts">
        <Fact term={t('admin.alliance.code')} value={a!.code} />
        <Fact term={t('admin.alliance.kind')} value={t(`admin.allianceKind.${a!.kind}`)} />
        <Fact term={t('admin.alliance.tier')} value={t(`admin.tier.${a!.tier}`)} />
        {a!.parent && (
          <div>
            <dt>{t('admin.alliance.parent')}</dt>
            <dd>
              <Link to={`/admin/alliances/${encodeURIComponent(a!.parent)}`}>{a!.parent}</Link>
            </dd>
          </div>
        )}
        {a!.children.length > 0 && (
          <div>
            <dt>{t('admin.alliance.children')}</dt>
            <dd>
              {a!.children.map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <Link to={`/admin/alliances/${encodeURIComponent(c)}`}>{c}</Link>
                </span>
              ))}
            </dd>
          </div>
        )}
        {a!.managementCentre && <Fact term={t('admin.alliance.managementCentre')} value={a!.managementCentre} />}
        {a!.founded && <Fact term={t('admin.alliance.founded')} value={String(a!.founded)} />}
        {a!.description && <Fact term={t('admin.alliance.description')} value={l(a!.description)} />}
      </dl>

      <details className="edit-details">
        <summary>{t('admin.alliance.change')}</summary>
        <AllianceForm alliance={a!} />
      </details>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('admin.alliance.members', { count: a!.members.length })}</h2>
        <Members alliance={a!} />
      </section>

      <section aria-labelledby="governance-heading">
        <h2 id="governance-heading">{t('admin.alliance.governance')}</h2>
        {a!.governance.length === 0 && <p className="muted">{t('admin.alliance.noGovernance')}</p>}
        {a!.governance.map((g, i) => (
          <div key={i} className="sub-panel">
            <h3>{g.name ? l(g.name) : t(`admin.body.${g.body}`)}</h3>
            {g.seats && g.seats.length > 0 && (
              <ul>
                {g.seats.map((s, j) => (
                  <li key={j}>
                    {t(`admin.position.${s.position}`)}: {[s.person, s.library].filter(Boolean).join(' · ')}
                    {s.termStart && <span className="muted"> ({[s.termStart, s.termEnd].filter(Boolean).join(' – ')})</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
        <details className="edit-details">
          <summary>{t('admin.governance.form')}</summary>
          <GovernanceForm alliance={a!} />
        </details>
      </section>

      <section aria-labelledby="agreements-heading">
        <h2 id="agreements-heading">{t('admin.agreements')}</h2>
        {agreements.isError && <ProblemNotice error={agreements.error} onRetry={() => void agreements.refetch()} />}
        {agreements.data && <AgreementTable agreements={agreements.data} />}
        <p>
          <Link to="/admin/agreements">{t('admin.agreement.add')}</Link>
        </p>
      </section>
    </div>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Members({ alliance }: { alliance: AllianceView }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const changes = useMemberChanges(alliance.code);
  const [library, setLibrary] = useState('');
  const [role, setRole] = useState('member');
  const problemAt = useFieldProblem({}, serverFieldProblems(changes.add.error));
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (library.trim()) changes.add.mutate({ library: library.trim(), role }, { onSuccess: () => setLibrary('') });
  };
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="members-heading">
        <table className="items">
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.alliance.role')}</th>
              <th scope="col">{t('admin.alliance.joined')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {alliance.members.map((m) => (
              <tr key={m.library}>
                <td>
                  <Link to={`/admin/libraries/${encodeURIComponent(m.library)}`}>{zh ? m.libraryName.zh : m.libraryName.en}</Link> <span className="muted">{m.library}</span>
                </td>
                <td>
                  <select
                    aria-label={t('admin.alliance.roleOf', { library: zh ? m.libraryName.zh : m.libraryName.en })}
                    value={m.role}
                    disabled={changes.changeRole.isPending}
                    onChange={(e) => changes.changeRole.mutate({ symbol: m.library, role: e.target.value })}
                  >
                    {memberRoles.map((r) => (
                      <option key={r} value={r}>
                        {t(`admin.memberRole.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{m.joined ?? ''}</td>
                <td>
                  <button type="button" className="link-button" disabled={changes.remove.isPending} onClick={() => changes.remove.mutate(m.library)}>
                    {t('admin.alliance.removeMember', { library: m.library })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes.remove.isError && <ProblemNotice error={changes.remove.error} />}
      {changes.changeRole.isError && <ProblemNotice error={changes.changeRole.error} />}
      <form className="form sub-panel" onSubmit={add} aria-label={t('admin.alliance.addMember')}>
        <div className="field-pair">
          <TextField label={t('admin.library.symbol')} value={library} onChange={setLibrary} problem={problemAt('library')} />
          <SelectField label={t('admin.alliance.role')} value={role} onChange={setRole} options={memberRoles.map((r) => ({ value: r, label: t(`admin.memberRole.${r}`) }))} />
        </div>
        {changes.add.isError && <ProblemNotice error={changes.add.error} />}
        <div>
          <button type="submit" className="button" disabled={changes.add.isPending || !library.trim()}>
            {t('admin.alliance.addMember')}
          </button>
        </div>
      </form>
    </>
  );
}
