import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, CheckboxGroup, SavedNotice, TextField, serverFieldProblems, useDraft, useFieldProblem } from '../../admin';
import { Loading, ProblemNotice } from '../../../shared/ui';
import { materialTypes } from '../domain/library-draft';
import { useReaderCategories, useSaveReaderCategory, type IllLimits } from '../hooks/use-library-settings';

interface LimitsDraft {
  own: boolean;
  mayRequest: boolean;
  services: string[];
  maxOpenRequests: string;
  excluded: string[];
}

const draftOf = (l: IllLimits | null): LimitsDraft => ({
  own: l !== null,
  mayRequest: l?.mayRequest ?? true,
  services: l?.services ?? ['loan', 'copy'],
  maxOpenRequests: String(l?.maxOpenRequests ?? 10),
  excluded: l?.excludedMaterialTypes ?? [],
});

function check(d: LimitsDraft): Record<string, string> {
  if (!d.own) return {};
  const n = Number(d.maxOpenRequests);
  return d.maxOpenRequests.trim() === '' || !Number.isInteger(n) || n < 0 || n > 1000 ? { 'illLimits.maxOpenRequests': 'librarySettings.problem.maxOpen' } : {};
}

const toLimits = (d: LimitsDraft): IllLimits | null =>
  d.own ? { mayRequest: d.mayRequest, services: d.services as IllLimits['services'], maxOpenRequests: Number(d.maxOpenRequests), excludedMaterialTypes: d.excluded } : null;

/** Interlibrary-loan limits per reader category (PUT /api/v1/libraries/{symbol}/reader-categories/{category}). */
export function ReaderCategories({ library }: { library: string }) {
  const categories = useReaderCategories(library);
  if (categories.isPending) return <Loading />;
  if (categories.isError) return <ProblemNotice error={categories.error} onRetry={() => void categories.refetch()} />;
  return (
    <>
      {categories.data.map((c) => (
        <CategoryForm key={c.category} library={library} category={c.category} limits={c.illLimits} />
      ))}
    </>
  );
}

function CategoryForm({ library, category, limits }: { library: string; category: string; limits: IllLimits | null }) {
  const { t } = useTranslation();
  const { draft, update, reset, attempt, visible } = useDraft(draftOf(limits));
  useEffect(() => reset(draftOf(limits)), [limits, reset]);
  const save = useSaveReaderCategory(library, category);
  const problemAt = useFieldProblem(visible(check(draft)), serverFieldProblems(save.error));
  const name = t(`librarySettings.categories.${category}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    attempt();
    if (Object.keys(check(draft)).length === 0) save.mutate(toLimits(draft));
  };
  return (
    <form className="form sub-panel" onSubmit={submit} noValidate aria-labelledby={`category-${category}`}>
      <h3 id={`category-${category}`}>{name}</h3>
      <CheckboxField label={t('librarySettings.ownLimits')} checked={draft.own} onChange={(v) => update('own', (d) => ({ ...d, own: v }))} />
      {!draft.own && <p className="muted">{t('librarySettings.defaultLimits')}</p>}
      {draft.own && (
        <>
          <CheckboxField label={t('librarySettings.mayRequest')} checked={draft.mayRequest} onChange={(v) => update('illLimits.mayRequest', (d) => ({ ...d, mayRequest: v }))} />
          <CheckboxGroup
            legend={t('librarySettings.services')}
            values={['loan', 'copy']}
            chosen={draft.services}
            onChange={(v) => update('illLimits.services', (d) => ({ ...d, services: v }))}
            labelOf={(s) => t(`librarySettings.service.${s}`)}
          />
          <TextField
            label={t('librarySettings.maxOpenRequests')}
            inputMode="numeric"
            value={draft.maxOpenRequests}
            onChange={(v) => update('illLimits.maxOpenRequests', (d) => ({ ...d, maxOpenRequests: v }))}
            problem={problemAt('illLimits.maxOpenRequests')}
          />
          <details>
            <summary>{t('librarySettings.categoryExcluded', { count: draft.excluded.length })}</summary>
            <CheckboxGroup
              legend={t('librarySettings.excluded')}
              values={materialTypes}
              chosen={draft.excluded}
              onChange={(v) => update('illLimits.excludedMaterialTypes', (d) => ({ ...d, excluded: v }))}
              labelOf={(v) => t(`librarySettings.materialTypes.${v}`)}
            />
          </details>
        </>
      )}
      {save.isError && <ProblemNotice error={save.error} onRetry={() => save.mutate(toLimits(draft))} />}
      <SavedNotice shown={save.isSuccess} />
      <div>
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('status.working') : t('librarySettings.saveCategory', { category: name })}
        </button>
      </div>
    </form>
  );
}
