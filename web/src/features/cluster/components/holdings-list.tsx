import { useTranslation } from 'react-i18next';
import { useLibraryName } from '../../directory';
import type { Cluster } from '../hooks/use-cluster';

const itemStatuses = ['available', 'on-loan', 'in-transit', 'missing', 'lost', 'reference-only', 'unavailable'];

/** Every holding library: where the copies are, their call numbers, whether on the shelf and when due back. */
export function HoldingsList({ cluster }: { cluster: Cluster }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLibraryName();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const statusLabel = (s: string) => (itemStatuses.includes(s) ? t(`item.status.${s}`) : s);
  const byLibrary = new Map(cluster.availability.libraries.map((l) => [l.symbol, l]));
  // Libraries with a copy on the shelf first, then by name.
  const holdings = [...cluster.holdings].sort(
    (a, b) => (byLibrary.get(b.library)?.available ?? 0) - (byLibrary.get(a.library)?.available ?? 0) || nameOf(a.library).localeCompare(nameOf(b.library)),
  );
  if (!holdings.length) return <p>{t('cluster.noHoldings')}</p>;
  return (
    <ul className="holdings">
      {holdings.map((h, i) => {
        const a = byLibrary.get(h.library);
        return (
          <li key={`${h.library}-${i}`} className="holding">
            <h3>
              {nameOf(h.library)} <span className="muted">{h.library}</span>
            </h3>
            {a && (
              <p className={a.available > 0 ? 'available' : 'unavailable'}>
                {t('cluster.copiesAvailable', { available: a.available, copies: a.copies })}
                {a.nextDue && a.available === 0 && ` · ${t('cluster.nextDue', { date: date.format(new Date(a.nextDue)) })}`}
              </p>
            )}
            {(h.location || h.callNumber) && (
              <p>
                {h.location && <span>{h.location}</span>}
                {h.location && h.callNumber && ' · '}
                {h.callNumber && (
                  <span>
                    {t('cluster.callNumber')} <code>{h.callNumber}</code>
                  </span>
                )}
              </p>
            )}
            {h.summary && <p className="muted">{h.summary}</p>}
            {h.items.length > 0 && (
              <div className="table-scroll">
                <table className="items">
                  <caption className="visually-hidden">{t('cluster.copiesAt', { name: nameOf(h.library) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('cluster.callNumber')}</th>
                      <th scope="col">{t('cluster.location')}</th>
                      <th scope="col">{t('cluster.status')}</th>
                      <th scope="col">{t('cluster.dueDate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {h.items.map((item, j) => (
                      <tr key={j}>
                        <td>{item.callNumber ?? h.callNumber ?? '—'}</td>
                        <td>{item.location ?? h.location ?? '—'}</td>
                        <td className={`status status-${item.status}`}>{statusLabel(item.status)}</td>
                        <td>{item.dueDate ? date.format(new Date(item.dueDate)) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
