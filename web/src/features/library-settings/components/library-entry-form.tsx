import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, CheckboxGroup, SavedNotice, SelectField, TextField, serverFieldProblems, useDraft, useFieldProblem } from '../../admin';
import { ProblemNotice } from '../../../shared/ui';
import {
  checkLibraryDraft,
  contactRoles,
  draftOf,
  emptyLibraryDraft,
  endpointNames,
  libraryTypes,
  materialTypes,
  toLibraryEntry,
  type LibraryDraft,
  type LibraryEntry,
} from '../domain/library-draft';
import { useProvinceList, useSaveLibraryEntry } from '../hooks/use-library-entry';

/**
 * A library's directory entry as a form. `network`: every field (a network administrator; a
 * new library when there is no entry yet). `self`: the library's own administrators, who keep
 * its contacts, systems, lending policy and closed days (the server holds the rest to them).
 * `read`: anyone else (an alliance's staff) sees the entry without changing it.
 */
export function LibraryEntryForm({ entry, mode, onSaved }: { entry: LibraryEntry | null; mode: 'network' | 'self' | 'read'; onSaved?: (symbol: string) => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const isNew = entry === null;
  const { draft, update, reset, attempt, visible } = useDraft<LibraryDraft>(entry ? draftOf(entry) : emptyLibraryDraft);
  useEffect(() => {
    if (entry) reset(draftOf(entry));
  }, [entry, reset]);
  const save = useSaveLibraryEntry(entry?.symbol);
  const provinces = useProvinceList();
  const local = visible(checkLibraryDraft(draft, isNew));
  const problemAt = useFieldProblem(local, serverFieldProblems(save.error));
  const fixed = mode === 'self';
  const set = <K extends keyof LibraryDraft>(field: string, key: K) => (value: LibraryDraft[K]) => update(field, (d) => ({ ...d, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt();
    if (Object.keys(checkLibraryDraft(draft, isNew)).length) return;
    save.mutate(toLibraryEntry(draft), { onSuccess: (saved) => onSaved?.(saved.symbol) });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('librarySettings.entryForm')}>
      {mode === 'read' && <p className="notice">{t('librarySettings.readOnly')}</p>}
      <fieldset className="form-body" disabled={mode === 'read'}>
        <fieldset>
          <legend>{t('librarySettings.profile')}</legend>
          {fixed && <p className="muted">{t('librarySettings.profileByNetwork')}</p>}
          {isNew && <TextField label={t('admin.library.symbol')} hint={t('admin.library.symbolHint')} value={draft.symbol} onChange={set('symbol', 'symbol')} problem={problemAt('symbol')} required />}
          <div className="field-pair">
            <TextField label={t('admin.nameZh')} value={draft.nameZh} onChange={set('name.zh', 'nameZh')} problem={problemAt('name.zh')} required disabled={fixed} />
            <TextField label={t('admin.nameEn')} value={draft.nameEn} onChange={set('name.en', 'nameEn')} problem={problemAt('name.en')} required disabled={fixed} />
          </div>
          <div className="field-pair">
            <SelectField
              label={t('admin.library.type')}
              value={draft.type}
              onChange={set('type', 'type')}
              options={libraryTypes.map((v) => ({ value: v, label: t(`admin.libraryType.${v}`) }))}
              disabled={fixed}
            />
            <SelectField
              label={t('admin.library.province')}
              value={draft.province}
              onChange={set('province', 'province')}
              problem={problemAt('province')}
              options={(provinces.data ?? [{ code: draft.province, name: { zh: draft.province, en: draft.province } }]).map((p) => ({ value: p.code, label: zh ? p.name.zh : p.name.en }))}
              disabled={fixed}
            />
          </div>
          <div className="field-pair">
            <TextField label={t('admin.library.cityZh')} value={draft.cityZh} onChange={set('city.zh', 'cityZh')} problem={problemAt('city.zh')} disabled={fixed} />
            <TextField label={t('admin.library.cityEn')} value={draft.cityEn} onChange={set('city.en', 'cityEn')} problem={problemAt('city.en')} disabled={fixed} />
          </div>
          <div className="field-pair">
            <TextField label={t('admin.library.fte')} inputMode="numeric" value={draft.fte} onChange={set('fte', 'fte')} problem={problemAt('fte')} disabled={fixed} />
            <TextField
              label={t('admin.library.targetRatio')}
              hint={t('admin.library.targetRatioHint')}
              inputMode="decimal"
              value={draft.targetRatio}
              onChange={set('targetLendBorrowRatio', 'targetRatio')}
              problem={problemAt('targetLendBorrowRatio')}
              disabled={fixed}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('librarySettings.contacts')}</legend>
          {draft.contacts.length === 0 && <p className="muted">{t('librarySettings.noContacts')}</p>}
          {draft.contacts.map((c, i) => {
            const setContact = (key: keyof typeof c) => (value: string) =>
              update(`contacts[${i}].${key}`, (d) => ({ ...d, contacts: d.contacts.map((x, j) => (j === i ? { ...x, [key]: value } : x)) }));
            return (
              <div key={i} className="sub-panel" role="group" aria-label={t('librarySettings.contactN', { n: i + 1 })}>
                <div className="field-pair">
                  <TextField label={t('librarySettings.contactName')} value={c.name} onChange={setContact('name')} problem={problemAt(`contacts[${i}].name`)} required />
                  <SelectField label={t('librarySettings.contactRole')} value={c.role} onChange={setContact('role')} options={contactRoles.map((r) => ({ value: r, label: t(`librarySettings.contactRoles.${r}`) }))} />
                </div>
                <div className="field-pair">
                  <TextField label={t('librarySettings.email')} type="email" value={c.email} onChange={setContact('email')} problem={problemAt(`contacts[${i}].email`)} />
                  <TextField label={t('librarySettings.phone')} type="tel" value={c.phone} onChange={setContact('phone')} problem={problemAt(`contacts[${i}].phone`)} />
                </div>
                <button type="button" className="link-button" onClick={() => update('contacts', (d) => ({ ...d, contacts: d.contacts.filter((_, j) => j !== i) }))}>
                  {t('librarySettings.removeContact', { n: i + 1 })}
                </button>
              </div>
            );
          })}
          <button type="button" className="button" onClick={() => update('contacts', (d) => ({ ...d, contacts: [...d.contacts, { name: '', role: 'ill', email: '', phone: '' }] }))}>
            {t('librarySettings.addContact')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('librarySettings.lendingPolicy')}</legend>
          <CheckboxField label={t('librarySettings.takesPart')} checked={draft.hasPolicy} onChange={set('lendingPolicy', 'hasPolicy')} />
          {draft.hasPolicy && (
            <>
              <CheckboxField label={t('librarySettings.lendsReturnables')} checked={draft.lendsReturnables} onChange={set('lendingPolicy.lendsReturnables', 'lendsReturnables')} />
              <CheckboxField label={t('librarySettings.suppliesCopies')} checked={draft.suppliesCopies} onChange={set('lendingPolicy.suppliesCopies', 'suppliesCopies')} />
              <div className="field-pair">
                <TextField
                  label={t('librarySettings.loanPeriodDays')}
                  inputMode="numeric"
                  value={draft.loanPeriodDays}
                  onChange={set('lendingPolicy.loanPeriodDays', 'loanPeriodDays')}
                  problem={problemAt('lendingPolicy.loanPeriodDays')}
                />
                <TextField label={t('librarySettings.renewals')} inputMode="numeric" value={draft.renewals} onChange={set('lendingPolicy.renewals', 'renewals')} problem={problemAt('lendingPolicy.renewals')} />
              </div>
              <CheckboxGroup
                legend={t('librarySettings.excluded')}
                values={materialTypes}
                chosen={draft.excluded}
                onChange={set('lendingPolicy.excludedMaterialTypes', 'excluded')}
                labelOf={(v) => t(`librarySettings.materialTypes.${v}`)}
              />
              <div className="field-pair">
                <TextField label={t('librarySettings.currency')} value={draft.currency} onChange={set('lendingPolicy.fees.currency', 'currency')} problem={problemAt('lendingPolicy.fees.currency')} />
                <TextField label={t('librarySettings.feeLoan')} inputMode="decimal" value={draft.feeLoan} onChange={set('lendingPolicy.fees.loan', 'feeLoan')} problem={problemAt('lendingPolicy.fees.loan')} />
              </div>
              <div className="field-pair">
                <TextField
                  label={t('librarySettings.feeCopyPerPage')}
                  inputMode="decimal"
                  value={draft.feeCopyPerPage}
                  onChange={set('lendingPolicy.fees.copyPerPage', 'feeCopyPerPage')}
                  problem={problemAt('lendingPolicy.fees.copyPerPage')}
                />
                <TextField
                  label={t('librarySettings.feeCopyMinimum')}
                  inputMode="decimal"
                  value={draft.feeCopyMinimum}
                  onChange={set('lendingPolicy.fees.copyMinimum', 'feeCopyMinimum')}
                  problem={problemAt('lendingPolicy.fees.copyMinimum')}
                />
              </div>
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('librarySettings.closedDays')}</legend>
          <p className="muted">{t('librarySettings.closedDaysHint')}</p>
          {draft.closedDays.map((c, i) => {
            const setDay = (key: keyof typeof c, path: string) => (value: string) =>
              update(`closedDays[${i}].${path}`, (d) => ({ ...d, closedDays: d.closedDays.map((x, j) => (j === i ? { ...x, [key]: value } : x)) }));
            return (
              <div key={i} className="sub-panel" role="group" aria-label={t('librarySettings.closedN', { n: i + 1 })}>
                <div className="field-pair">
                  <TextField label={t('librarySettings.from')} type="date" value={c.from} onChange={setDay('from', 'from')} problem={problemAt(`closedDays[${i}].from`)} required />
                  <TextField label={t('librarySettings.to')} type="date" value={c.to} onChange={setDay('to', 'to')} problem={problemAt(`closedDays[${i}].to`)} required />
                </div>
                <div className="field-pair">
                  <TextField label={t('librarySettings.reasonZh')} value={c.reasonZh} onChange={setDay('reasonZh', 'reason.zh')} problem={problemAt(`closedDays[${i}].reason.zh`)} />
                  <TextField label={t('librarySettings.reasonEn')} value={c.reasonEn} onChange={setDay('reasonEn', 'reason.en')} problem={problemAt(`closedDays[${i}].reason.en`)} />
                </div>
                <button type="button" className="link-button" onClick={() => update('closedDays', (d) => ({ ...d, closedDays: d.closedDays.filter((_, j) => j !== i) }))}>
                  {t('librarySettings.removeClosed', { n: i + 1 })}
                </button>
              </div>
            );
          })}
          <button type="button" className="button" onClick={() => update('closedDays', (d) => ({ ...d, closedDays: [...d.closedDays, { from: '', to: '', reasonZh: '', reasonEn: '' }] }))}>
            {t('librarySettings.addClosed')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('librarySettings.endpoints')}</legend>
          <p className="muted">{t('librarySettings.endpointsHint')}</p>
          {endpointNames.map((k) => (
            <TextField
              key={k}
              label={t(`librarySettings.endpoint.${k}`)}
              type="url"
              value={draft.endpoints[k]}
              onChange={(v) => update(`endpoints.${k}`, (d) => ({ ...d, endpoints: { ...d.endpoints, [k]: v } }))}
              problem={problemAt(`endpoints.${k}`)}
            />
          ))}
        </fieldset>

      </fieldset>
      {save.isError && <ProblemNotice error={save.error} onRetry={() => save.mutate(toLibraryEntry(draft))} />}
      <SavedNotice shown={save.isSuccess} />
      {mode !== 'read' && (
        <div>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('status.working') : isNew ? t('admin.library.create') : t('admin.save')}
          </button>
        </div>
      )}
    </form>
  );
}
