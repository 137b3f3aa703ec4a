import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../../shared/ui';
import { writeSearch } from '../domain/search-request';
import { SearchBox } from './search-box';

/** The reader portal's front door: one box for everything the alliance's libraries hold. */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(undefined);
  const examples = ['红楼梦', '中国 哲学', 'title:history year:1980-1989'];
  return (
    <div className="page home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <SearchBox large onSearch={(q) => navigate(`/search?${writeSearch({ q, choices: {}, sort: 'relevance', page: 1 })}`)} />
      <p className="muted examples">
        {t('home.examples')}{' '}
        {examples.map((q, i) => (
          <span key={q}>
            {i > 0 && ' · '}
            <Link to={`/search?${new URLSearchParams({ q })}`}>{q}</Link>
          </span>
        ))}
      </p>
      <p className="muted">{t('home.syntax')}</p>
    </div>
  );
}
