import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';
import { ProblemNotice } from '../../../shared/ui';
import type { AllianceView } from '../hooks/use-directory';
import { useDraft } from '../hooks/use-draft';
import { SavedNotice, SelectField, TextField, serverFieldProblems, useFieldProblem } from './form-kit';

const kinds = ['national', 'provincial', 'municipal', 'inter-provincial', 'industry'] as const;
const tiers = ['national', 'regional', 'provincial', 'municipal'] as const;

interface AllianceDraft {
  nameZh: string;
  nameEn: string;
  kind: string;
  tier: string;
  parent: string;
  managementCentre: string;
  founded: string;
  website: string;
}

const draftOf = (a: AllianceView): AllianceDraft => ({
  nameZh: a.name.zh,
  nameEn: a.name.en,
  kind: a.kind,
  tier: a.tier,
  parent: a.parent ?? '',
  managementCentre: a.managementCentre ?? '',
  founded: a.founded === undefined ? '' : String(a.founded),
  website: a.website ?? '',
});

/** The API schema's rules (src/modules/network/domain/document.ts), by the body's field names. */
function check(d: AllianceDraft, code: string): Record<string, string> {
  const p: Record<string, string> = {};
  if (!d.nameZh.trim()) p['name.zh'] = 'admin.problem.required';
  if (!d.nameEn.trim()) p['name.en'] = 'admin.problem.required';
  if (d.parent && !/^[A-Z][A-Z0-9-]{0,63}$/.test(d.parent)) p.parent = 'admin.problem.code';
  else if (d.parent === code) p.parent = 'admin.alliance.problem.ownParent';
  if (d.managementCentre && !/^[A-Z]{2}-[A-Za-z0-9-]{1,13}$|^[A-Z][A-Z0-9-]{1,15}:[A-Za-z0-9._-]{1,32}$/.test(d.managementCentre)) p.managementCentre = 'admin.problem.symbol';
  const year = Number(d.founded);
  if (d.founded && (!Number.isInteger(year) || year < 1800 || year > 2200)) p.founded = 'admin.alliance.problem.year';
  if (d.website && !/^https?:\/\/\S+$/.test(d.website)) p.website = 'admin.problem.webAddress';
  return p;
}

/** PATCH body: changed fields, `null` clearing an optional one. */
function toPatch(d: AllianceDraft): Record<string, unknown> {
  const or = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: { zh: d.nameZh.trim(), en: d.nameEn.trim() },
    kind: d.kind,
    tier: d.tier,
    parent: or(d.parent),
    managementCentre: or(d.managementCentre),
    founded: d.founded ? Number(d.founded) : null,
    website: or(d.website),
  };
}

/** An alliance's own entry: names, kind, its tier and the alliance one tier up, management centre (its administrators, PATCH /api/v1/alliances/{code}). */
export function AllianceForm({ alliance }: { alliance: AllianceView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { draft, update, reset, attempt, visible } = useDraft(draftOf(alliance));
  useEffect(() => reset(draftOf(alliance)), [alliance, reset]);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<AllianceView>(`/alliances/${encodeURIComponent(alliance.code)}`, { method: 'PATCH', body }),
    onSuccess: (saved) => {
      client.setQueryData(['admin', 'alliance', alliance.code], saved);
      void client.invalidateQueries({ queryKey: ['admin', 'alliances'] });
    },
  });
  const problemAt = useFieldProblem(visible(check(draft, alliance.code)), serverFieldProblems(save.error));
  const set = (field: string, key: keyof AllianceDraft) => (v: string) => update(field, (d) => ({ ...d, [key]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt();
    if (Object.keys(check(draft, alliance.code)).length === 0) save.mutate(toPatch(draft));
  };
  return (
    <form className="form sub-panel" onSubmit={submit} noValidate aria-label={t('admin.alliance.change')}>
      <div className="field-pair">
        <TextField label={t('admin.nameZh')} value={draft.nameZh} onChange={set('name.zh', 'nameZh')} problem={problemAt('name.zh')} required />
        <TextField label={t('admin.nameEn')} value={draft.nameEn} onChange={set('name.en', 'nameEn')} problem={problemAt('name.en')} required />
      </div>
      <div className="field-pair">
        <SelectField label={t('admin.alliance.kind')} value={draft.kind} onChange={set('kind', 'kind')} options={kinds.map((k) => ({ value: k, label: t(`admin.allianceKind.${k}`) }))} />
        <SelectField label={t('admin.alliance.tier')} value={draft.tier} onChange={set('tier', 'tier')} options={tiers.map((k) => ({ value: k, label: t(`admin.tier.${k}`) }))} />
      </div>
      <div className="field-pair">
        <TextField label={t('admin.alliance.parentCode')} value={draft.parent} onChange={set('parent', 'parent')} problem={problemAt('parent')} />
        <TextField label={t('admin.alliance.managementCentre')} hint={t('admin.library.symbolHint')} value={draft.managementCentre} onChange={set('managementCentre', 'managementCentre')} problem={problemAt('managementCentre')} />
      </div>
      <div className="field-pair">
        <TextField label={t('admin.alliance.founded')} inputMode="numeric" value={draft.founded} onChange={set('founded', 'founded')} problem={problemAt('founded')} />
        <TextField label={t('admin.alliance.website')} type="url" value={draft.website} onChange={set('website', 'website')} problem={problemAt('website')} />
      </div>
      {save.isError && <ProblemNotice error={save.error} onRetry={() => save.mutate(toPatch(draft))} />}
      <SavedNotice shown={save.isSuccess} />
      <div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('status.working') : t('admin.save')}
        </button>
      </div>
    </form>
  );
}
