import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, SelectField, TextField, serverFieldProblems, useDraft } from '../../admin';
import { ProblemNotice } from '../../../shared/ui';
import { checkConditions, emptyConditions, fieldOfServerPath, loanConditionCodes, reasonsRetry, toOfferBody, type ConditionsDraft, type ConditionsProblems } from '../domain/conditions-draft';
import { useDeskAction } from '../hooks/use-desk';

/**
 * The lending desk's `offer-conditions` (ISO 18626 RetryPossible): why (reasonRetry), the loan
 * conditions, a cost with its currency, another edition or service, the days to ask again in, and
 * a note. Problems show at their field as the librarian types, all of them after the first try;
 * the server's field problems are shown at the field they name.
 */
export function OfferConditionsForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const act = useDeskAction({ side: 'lending', id });
  const { draft, update, reset, attempt, visible } = useDraft<ConditionsDraft>(emptyConditions());
  const termsProblemId = useId();
  const headingId = useId();
  const problems = checkConditions(draft);
  const shown = visible(problems);
  const server: ConditionsProblems = {};
  for (const [path, message] of Object.entries(serverFieldProblems(act.error))) {
    const field = fieldOfServerPath(path);
    if (field) server[field] ??= message;
  }
  const problemAt = (field: keyof ConditionsProblems) => (shown[field] ? t(shown[field]) : server[field]);
  const set = <K extends keyof ConditionsDraft>(field: K) => (value: ConditionsDraft[K]) => update(field === 'loanConditions' ? 'terms' : field, (d) => ({ ...d, [field]: value }));
  const termsProblem = shown.terms ? t(shown.terms) : undefined;

  const submit = () => {
    attempt();
    if (Object.keys(problems).length > 0) return;
    act.mutate({ action: 'offer-conditions', ...toOfferBody(draft) }, { onSuccess: () => reset(emptyConditions()) });
  };

  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>{t('deskConditions.offerTitle')}</h2>
      <p className="muted">{t('deskConditions.offerIntro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SelectField
          label={t('deskConditions.reasonRetry')}
          value={draft.reasonRetry}
          onChange={set('reasonRetry')}
          options={[{ value: '', label: t('deskConditions.noReason') }, ...reasonsRetry.map((r) => ({ value: r, label: t(`deskConditions.reasons.${r}`) }))]}
        />
        <CheckboxGroup
          legend={t('deskConditions.loanConditions')}
          values={loanConditionCodes}
          chosen={draft.loanConditions}
          onChange={set('loanConditions')}
          labelOf={(c) => t(`deskConditions.loanCondition.${c}`)}
        />
        <div className="field-pair">
          <TextField label={t('deskConditions.amount')} hint={t('deskConditions.amountHint')} inputMode="decimal" value={draft.amount} onChange={set('amount')} problem={problemAt('amount')} />
          <TextField label={t('deskConditions.currency')} hint={t('deskConditions.currencyHint')} value={draft.currency} onChange={(v) => set('currency')(v.toUpperCase())} problem={problemAt('currency')} />
        </div>
        <div className="field-pair">
          <TextField label={t('deskConditions.edition')} value={draft.edition} onChange={set('edition')} problem={problemAt('edition')} />
          <SelectField
            label={t('deskConditions.serviceType')}
            value={draft.serviceType}
            onChange={(v) => set('serviceType')(v === 'loan' || v === 'copy' ? v : '')}
            options={[
              { value: '', label: t('deskConditions.serviceAsAsked') },
              { value: 'loan', label: t('deskConditions.service.loan') },
              { value: 'copy', label: t('deskConditions.service.copy') },
            ]}
          />
        </div>
        <div className="field-pair">
          <TextField label={t('deskConditions.retryAfter')} type="date" value={draft.retryAfter} onChange={set('retryAfter')} />
          <TextField label={t('deskConditions.retryBefore')} type="date" value={draft.retryBefore} onChange={set('retryBefore')} problem={problemAt('retryBefore')} />
        </div>
        <TextField label={t('deskConditions.offerNote')} multiline value={draft.note} onChange={set('note')} problem={problemAt('note')} />
        {termsProblem && (
          <p id={termsProblemId} className="field-problem" role="alert">
            {termsProblem}
          </p>
        )}
        <div>
          <button type="submit" className="button" data-action="offer-conditions" disabled={act.isPending} aria-describedby={termsProblem ? termsProblemId : undefined}>
            {t('deskConditions.offer')}
          </button>
        </div>
        {act.isError && <ProblemNotice error={act.error} />}
      </form>
    </section>
  );
}
