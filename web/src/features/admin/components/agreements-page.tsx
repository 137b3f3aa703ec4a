import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { adminAccessOf } from '../hooks/admin-access';
import { checkAgreement, emptyAgreement, toAgreement, type AgreementDraft } from '../domain/agreement-draft';
import { useDraft } from '../hooks/use-draft';
import { useAddAgreement, useAgreements } from '../hooks/use-directory';
import { AgreementTable } from './agreement-table';
import { CheckboxField, SavedNotice, SelectField, TextField, serverFieldProblems, useFieldProblem } from './form-kit';

/** Agreements between libraries and alliances (`/admin/agreements`): their terms, and a new one. */
export function AgreementsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.agreements'));
  const agreements = useAgreements({});
  const network = adminAccessOf(useSession().data?.grants ?? []).network;
  return (
    <div className="page">
      <h1>{t('admin.agreements')}</h1>
      {agreements.isPending && <Loading />}
      {agreements.isError && <ProblemNotice error={agreements.error} onRetry={() => void agreements.refetch()} />}
      {agreements.data && <AgreementTable agreements={agreements.data} />}
      <section aria-labelledby="new-agreement">
        <h2 id="new-agreement">{t('admin.agreement.add')}</h2>
        {network ? <AgreementForm /> : <p className="notice">{t('admin.agreement.onlyNetwork')}</p>}
      </section>
    </div>
  );
}

function AgreementForm() {
  const { t } = useTranslation();
  const { draft, update, reset, attempt, visible } = useDraft<AgreementDraft>(emptyAgreement);
  const add = useAddAgreement();
  const problemAt = useFieldProblem(visible(checkAgreement(draft)), serverFieldProblems(add.error));
  const set = (field: string, key: keyof AgreementDraft) => (v: string | boolean) => update(field, (d) => ({ ...d, [key]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt();
    if (Object.keys(checkAgreement(draft)).length) return;
    add.mutate(toAgreement(draft), { onSuccess: () => reset(emptyAgreement) });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="new-agreement">
      <TextField label={t('admin.agreement.code')} hint={t('admin.agreement.codeHint')} value={draft.code} onChange={set('code', 'code')} problem={problemAt('code')} required />
      <div className="field-pair">
        <TextField label={t('admin.nameZh')} value={draft.nameZh} onChange={set('name.zh', 'nameZh')} problem={problemAt('name.zh')} required />
        <TextField label={t('admin.nameEn')} value={draft.nameEn} onChange={set('name.en', 'nameEn')} problem={problemAt('name.en')} required />
      </div>
      <fieldset>
        <legend>{t('admin.agreement.parties')}</legend>
        {draft.parties.map((p, i) => {
          const setParty = (change: Partial<typeof p>) =>
            update(`parties[${i}].${change.kind ?? p.kind}`, (d) => ({ ...d, parties: d.parties.map((x, j) => (j === i ? { ...x, ...change } : x)) }));
          return (
            <div key={i} className="field-pair" role="group" aria-label={t('admin.agreement.partyN', { n: i + 1 })}>
              <SelectField
                label={t('admin.agreement.partyKind', { n: i + 1 })}
                value={p.kind}
                onChange={(v) => setParty({ kind: v as 'library' | 'alliance' })}
                options={[
                  { value: 'alliance', label: t('admin.agreement.alliance') },
                  { value: 'library', label: t('admin.agreement.library') },
                ]}
              />
              <TextField
                label={t(p.kind === 'library' ? 'admin.agreement.partyLibrary' : 'admin.agreement.partyAlliance', { n: i + 1 })}
                value={p.value}
                onChange={(v) => setParty({ value: v })}
                problem={problemAt(`parties[${i}].${p.kind}`)}
                required
              />
            </div>
          );
        })}
        <button type="button" className="button" onClick={() => update('parties', (d) => ({ ...d, parties: [...d.parties, { kind: 'library', value: '' }] }))}>
          {t('admin.agreement.addParty')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('admin.agreement.terms')}</legend>
        <CheckboxField label={t('admin.agreement.feesWaived')} checked={draft.feesWaived} onChange={set('feesWaived', 'feesWaived')} />
        {!draft.feesWaived && (
          <div className="field-pair">
            <TextField label={t('librarySettings.currency')} value={draft.currency} onChange={set('fees.currency', 'currency')} problem={problemAt('fees.currency')} />
            <TextField label={t('librarySettings.feeLoan')} inputMode="decimal" value={draft.loan} onChange={set('fees.loan', 'loan')} problem={problemAt('fees.loan')} />
            <TextField label={t('librarySettings.feeCopyPerPage')} inputMode="decimal" value={draft.copyPerPage} onChange={set('fees.copyPerPage', 'copyPerPage')} problem={problemAt('fees.copyPerPage')} />
          </div>
        )}
        <div className="field-pair">
          <TextField label={t('admin.agreement.subsidyPercent')} inputMode="decimal" value={draft.subsidyPercent} onChange={set('subsidyRate', 'subsidyPercent')} problem={problemAt('subsidyRate')} />
          <TextField label={t('admin.agreement.turnaroundDays')} inputMode="numeric" value={draft.turnaroundDays} onChange={set('turnaroundDays', 'turnaroundDays')} problem={problemAt('turnaroundDays')} />
        </div>
        <div className="field-pair">
          <TextField label={t('admin.agreement.validFrom')} type="date" value={draft.validFrom} onChange={set('validFrom', 'validFrom')} problem={problemAt('validFrom')} required />
          <TextField label={t('admin.agreement.validTo')} type="date" value={draft.validTo} onChange={set('validTo', 'validTo')} problem={problemAt('validTo')} />
        </div>
      </fieldset>
      {add.isError && <ProblemNotice error={add.error} onRetry={() => add.mutate(toAgreement(draft))} />}
      <SavedNotice shown={add.isSuccess} text={t('admin.agreement.added')} />
      <div>
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? t('status.working') : t('admin.agreement.add')}
        </button>
      </div>
    </form>
  );
}
