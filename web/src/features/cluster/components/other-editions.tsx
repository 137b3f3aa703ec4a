import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEditions } from '../hooks/use-editions';

const knownFormats = new Set(['book', 'e-book', 'serial', 'newspaper', 'thesis', 'conference', 'map', 'score', 'audio', 'video', 'other']);

/** Other editions and printings of the same work (the clusters sharing its work key), each a link. Nothing when there are none. */
export function OtherEditions({ id }: { id: number }) {
  const { t } = useTranslation();
  const editions = useEditions({ id });
  if (!editions.data || editions.data.length === 0) return null;
  return (
    <section aria-labelledby="editions-heading">
      <h2 id="editions-heading">{t('editions.heading', { count: editions.data.length })}</h2>
      <ul className="other-editions">
        {editions.data.map((e) => (
          <li key={e.id}>
            <Link to={`/clusters/${e.id}`}>{e.title ?? t('editions.untitled')}</Link>
            {[e.edition, e.year ? String(e.year) : null, e.format && knownFormats.has(e.format) ? t(`editions.format.${e.format}`) : e.format]
              .filter(Boolean)
              .map((x) => ` · ${x}`)
              .join('')}
            {' · '}
            <span className="muted">{t('editions.heldBy', { count: e.holdingCount })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
