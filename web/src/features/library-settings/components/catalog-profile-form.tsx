import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SavedNotice, SelectField, TextField, serverFieldProblems, useDraft, useFieldProblem } from '../../admin';
import { Loading, ProblemNotice } from '../../../shared/ui';
import { useCatalogProfile, useSaveCatalogProfile, type CatalogProfile, type CatalogProfileBody } from '../hooks/use-library-settings';

const flavours = ['auto', 'marc21', 'unimarc'] as const;
const itemProfiles = ['auto', 'marc21-852', 'koha-952', 'aleph-z30', 'iii-945', 'unimarc-995', 'none'] as const;
const prefixes = ['', 'marc21', 'oai_dc'] as const;
const schedules = ['', 'daily', 'weekly', 'off'] as const;

interface ProfileDraft {
  localIdField: string;
  flavour: string;
  itemProfile: string;
  itemTag: string;
  sourcePriority: string;
  harvestUrl: string;
  harvestSet: string;
  harvestPrefix: string;
  harvestSchedule: string;
}

const draftOf = (p: CatalogProfile): ProfileDraft => ({
  localIdField: p.localIdField,
  flavour: p.flavour,
  itemProfile: p.itemProfile,
  itemTag: typeof p.itemMapping.tag === 'string' ? p.itemMapping.tag : '',
  sourcePriority: String(p.sourcePriority),
  harvestUrl: p.harvest?.url ?? '',
  harvestSet: p.harvest?.set ?? '',
  harvestPrefix: p.harvest?.prefix ?? '',
  harvestSchedule: p.harvest?.schedule ?? '',
});

/** The same checks as the API's schema (src/modules/catalog/holdings/schemas.ts), by the body's paths. */
function check(d: ProfileDraft): Record<string, string> {
  const p: Record<string, string> = {};
  if (!/^(00[1-9]|(0[1-9][0-9]|[1-9][0-9]{2})\$[a-z0-9])$/.test(d.localIdField)) p.localIdField = 'librarySettings.problem.localIdField';
  if (d.itemTag && !/^(0[1-9][0-9]|[1-9][0-9]{2}|[A-Z][A-Z0-9]{2})$/i.test(d.itemTag)) p['itemMapping.tag'] = 'librarySettings.problem.itemTag';
  else if (d.itemTag && (d.itemProfile === 'auto' || d.itemProfile === 'none')) p['itemMapping.tag'] = 'librarySettings.problem.itemTagNeedsProfile';
  const prio = Number(d.sourcePriority);
  if (d.sourcePriority.trim() === '' || !Number.isInteger(prio) || prio < -1000 || prio > 1000) p.sourcePriority = 'librarySettings.problem.priority';
  if (d.harvestUrl && !/^https?:\/\/[^\s]+$/.test(d.harvestUrl)) p['harvest.url'] = 'admin.problem.webAddress';
  return p;
}

function toBody(d: ProfileDraft, before: CatalogProfile): CatalogProfileBody {
  const { tag: _old, ...mapping } = before.itemMapping;
  const harvest = { url: d.harvestUrl || undefined, set: d.harvestSet || undefined, prefix: d.harvestPrefix || undefined, schedule: d.harvestSchedule || undefined };
  const anyHarvest = Object.values(harvest).some(Boolean);
  return {
    localIdField: d.localIdField,
    flavour: d.flavour,
    charset: before.charset,
    itemProfile: d.itemProfile,
    itemMapping: d.itemTag ? { ...mapping, tag: d.itemTag } : mapping,
    sourcePriority: Number(d.sourcePriority),
    harvest: anyHarvest ? harvest : null,
  };
}

/** The library's catalogue profile: where its local record id is, how its items are read, its OAI-PMH harvest. */
export function CatalogProfileForm({ library }: { library: string }) {
  const { t } = useTranslation();
  const profile = useCatalogProfile(library);
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ProblemNotice error={profile.error} onRetry={() => void profile.refetch()} />;
  return <ProfileForm library={library} profile={profile.data} label={t('librarySettings.catalogProfile')} />;
}

function ProfileForm({ library, profile, label }: { library: string; profile: CatalogProfile; label: string }) {
  const { t } = useTranslation();
  const { draft, update, reset, attempt, visible } = useDraft(draftOf(profile));
  useEffect(() => reset(draftOf(profile)), [profile, reset]);
  const save = useSaveCatalogProfile(library);
  const problemAt = useFieldProblem(visible(check(draft)), serverFieldProblems(save.error));
  const set = (field: string, key: keyof ProfileDraft) => (v: string) => update(field, (d) => ({ ...d, [key]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt();
    if (Object.keys(check(draft)).length === 0) save.mutate(toBody(draft, profile));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={label}>
      <div className="field-pair">
        <TextField label={t('librarySettings.localIdField')} hint={t('librarySettings.localIdFieldHint')} value={draft.localIdField} onChange={set('localIdField', 'localIdField')} problem={problemAt('localIdField')} />
        <SelectField
          label={t('librarySettings.flavour')}
          value={draft.flavour}
          onChange={set('flavour', 'flavour')}
          options={flavours.map((f) => ({ value: f, label: f === 'auto' ? t('librarySettings.detect') : f === 'marc21' ? 'MARC 21' : 'UNIMARC / CNMARC' }))}
        />
      </div>
      <div className="field-pair">
        <SelectField
          label={t('librarySettings.itemProfile')}
          value={draft.itemProfile}
          onChange={set('itemProfile', 'itemProfile')}
          options={itemProfiles.map((p) => ({ value: p, label: p === 'auto' ? t('librarySettings.detect') : p === 'none' ? t('librarySettings.noItems') : p }))}
        />
        <TextField label={t('librarySettings.itemTag')} hint={t('librarySettings.itemTagHint')} value={draft.itemTag} onChange={set('itemMapping.tag', 'itemTag')} problem={problemAt('itemMapping.tag')} />
      </div>
      <TextField label={t('librarySettings.sourcePriority')} hint={t('librarySettings.sourcePriorityHint')} inputMode="numeric" value={draft.sourcePriority} onChange={set('sourcePriority', 'sourcePriority')} problem={problemAt('sourcePriority')} />
      <fieldset>
        <legend>{t('librarySettings.harvest')}</legend>
        <TextField label={t('librarySettings.harvestUrl')} hint={t('librarySettings.harvestUrlHint')} type="url" value={draft.harvestUrl} onChange={set('harvest.url', 'harvestUrl')} problem={problemAt('harvest.url')} />
        <div className="field-pair">
          <TextField label={t('librarySettings.harvestSet')} value={draft.harvestSet} onChange={set('harvest.set', 'harvestSet')} problem={problemAt('harvest.set')} />
          <SelectField label={t('librarySettings.harvestPrefix')} value={draft.harvestPrefix} onChange={set('harvest.prefix', 'harvestPrefix')} options={prefixes.map((p) => ({ value: p, label: p || t('librarySettings.default') }))} />
          <SelectField
            label={t('librarySettings.harvestSchedule')}
            value={draft.harvestSchedule}
            onChange={set('harvest.schedule', 'harvestSchedule')}
            options={schedules.map((s) => ({ value: s, label: s ? t(`librarySettings.schedule.${s}`) : t('librarySettings.default') }))}
          />
        </div>
      </fieldset>
      {save.isError && <ProblemNotice error={save.error} onRetry={() => save.mutate(toBody(draft, profile))} />}
      <SavedNotice shown={save.isSuccess} />
      <div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('status.working') : t('librarySettings.saveCatalogProfile')}
        </button>
      </div>
    </form>
  );
}
