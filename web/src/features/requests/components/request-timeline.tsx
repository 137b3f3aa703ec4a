import { useTranslation } from 'react-i18next';
import { useLibraryName } from '../../directory';
import type { TimelineEvent } from '../hooks/use-requests';

/**
 * Every step of a request, oldest first, on both sides. A reader reads "your library" and "supplying
 * library"; at a desk (`staff`) the sides are the borrowing and the lending library.
 */
export function RequestTimeline({ events, staff = false }: { events: TimelineEvent[]; staff?: boolean }) {
  const { t, i18n } = useTranslation();
  const nameOf = useLibraryName();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
          <span className="timeline-state">{e.toLabel}</span>
          <span className="muted">
            {nameOf(e.library)} ·{' '}
            {staff
              ? e.side === 'lending'
                ? t('desk.lender')
                : t('desk.borrower')
              : e.side === 'lending'
                ? t('requests.side.lending')
                : t('requests.side.borrowing')}
          </span>
        </li>
      ))}
    </ol>
  );
}
