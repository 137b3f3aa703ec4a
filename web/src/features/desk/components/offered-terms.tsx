import { useTranslation } from 'react-i18next';
import { dayOf, type OfferedTerms } from '../domain/offered-terms';

/** What a lender's conditions say, as a list of facts: why, the loan conditions, the cost, the edition and service, the days, the note. */
export function OfferedTermsList({ terms }: { terms: OfferedTerms }) {
  const { t, i18n } = useTranslation();
  const money = (c: { amount: number; currency: string }) => {
    try {
      return new Intl.NumberFormat(i18n.language, { style: 'currency', currency: c.currency }).format(c.amount);
    } catch {
      return `${c.amount.toFixed(2)} ${c.currency}`; // a currency code Intl does not know
    }
  };
  const facts: [string, string][] = [];
  facts.push([t('deskConditions.reasonRetry'), terms.reasonRetry ? t(`deskConditions.reasons.${terms.reasonRetry}`, { defaultValue: terms.reasonRetry }) : t('deskConditions.noReason')]);
  if (terms.loanConditions?.length) {
    facts.push([t('deskConditions.loanConditions'), terms.loanConditions.map((c) => t(`deskConditions.loanCondition.${c}`, { defaultValue: c })).join(t('deskConditions.listSeparator'))]);
  }
  if (terms.offeredCost) facts.push([t('deskConditions.cost'), money(terms.offeredCost)]);
  if (terms.edition) facts.push([t('deskConditions.edition'), terms.edition]);
  if (terms.serviceType) facts.push([t('deskConditions.serviceType'), t(`deskConditions.service.${terms.serviceType.toLowerCase()}`, { defaultValue: terms.serviceType })]);
  if (terms.retryAfter) facts.push([t('deskConditions.retryAfter'), dayOf(terms.retryAfter)]);
  if (terms.retryBefore) facts.push([t('deskConditions.retryBefore'), dayOf(terms.retryBefore)]);
  if (terms.note) facts.push([t('deskConditions.note'), terms.note]);
  return (
    <dl className="facts offered-terms">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
