import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { solidCjk } from '../../../shared/text';
import type { Hit } from '../hooks/use-search';

/** One line per union record: title in its own script first, who, when, what, and where it is held. */
export function HitList({ hits, start }: { hits: Hit[]; start: number }) {
  const { t } = useTranslation();
  return (
    <ol className="hits" start={start}>
      {hits.map((h) => (
        <li key={h.clusterId} className="hit">
          <h3 className="hit-title">
            <Link to={`/clusters/${h.clusterId}`}>{solidCjk(h.vernacularTitle ?? h.title)}</Link>
          </h3>
          {h.vernacularTitle && h.vernacularTitle !== h.title && <p className="muted romanised" lang="zh-Latn">{h.title}</p>}
          <p className="hit-meta">
            {[solidCjk(h.vernacularAuthor ?? h.author), h.year, h.formatLabel].filter((x) => x !== null && x !== '').join(' · ')}
          </p>
          <p className="hit-holdings">
            <span>{t('search.heldBy', { count: h.holdings.libraries })}</span>
            {' · '}
            <span className={h.holdings.availableCopies > 0 ? 'available' : 'unavailable'}>
              {h.holdings.availableCopies > 0 ? t('search.availableCopies', { count: h.holdings.availableCopies }) : t('search.noneAvailable')}
            </span>
            {h.holdings.nearest && (
              <>
                {' · '}
                <span>
                  {h.holdings.nearest.distanceKm !== null
                    ? t('search.nearestAt', { name: h.holdings.nearest.name, km: Math.round(h.holdings.nearest.distanceKm) })
                    : t('search.nearest', { name: h.holdings.nearest.name })}
                </span>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
