import { useTranslation } from 'react-i18next';
import type { Agreement } from '../hooks/use-directory';

/** Agreements with their terms: parties, fees (or waived), the alliance's subsidy, committed turnaround, validity. */
export function AgreementTable({ agreements }: { agreements: Agreement[] }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  if (agreements.length === 0) return <p className="muted">{t('admin.agreement.none')}</p>;
  const money = (n: number | undefined, currency: string) => (n === undefined ? null : new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(n));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('admin.agreements')}>
      <table className="items">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.agreement.parties')}</th>
            <th scope="col">{t('admin.agreement.fees')}</th>
            <th scope="col">{t('admin.agreement.subsidyRate')}</th>
            <th scope="col">{t('admin.agreement.turnaroundDays')}</th>
            <th scope="col">{t('admin.agreement.valid')}</th>
          </tr>
        </thead>
        <tbody>
          {agreements.map((a) => (
            <tr key={a.code}>
              <td>
                {zh ? a.name.zh : a.name.en} <span className="muted">{a.code}</span>
              </td>
              <td>{a.parties.map((p) => p.library ?? p.alliance).join(', ')}</td>
              <td>
                {a.feesWaived
                  ? t('admin.agreement.waived')
                  : a.fees
                    ? [
                        a.fees.loan !== undefined && t('admin.agreement.loanFee', { amount: money(a.fees.loan, a.fees.currency) }),
                        a.fees.copyPerPage !== undefined && t('admin.agreement.perPage', { amount: money(a.fees.copyPerPage, a.fees.currency) }),
                      ]
                        .filter(Boolean)
                        .join('; ')
                    : '—'}
              </td>
              <td>{a.subsidyRate !== undefined ? `${Math.round(a.subsidyRate * 100)}%` : '—'}</td>
              <td>{a.turnaroundDays ?? '—'}</td>
              <td>
                {a.validFrom} – {a.validTo ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
