import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useAlliances, type AllianceSummary } from '../hooks/use-directory';

/** The alliances as a tree of tiers (national → regional centres → provincial → municipal), with their member counts. */
export function AlliancesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('admin.alliances'));
  const zh = i18n.language.startsWith('zh');
  const alliances = useAlliances();
  if (alliances.isPending) return <Loading />;
  if (alliances.isError) return <ProblemNotice error={alliances.error} onRetry={() => void alliances.refetch()} />;
  const all = alliances.data;
  const codes = new Set(all.map((a) => a.code));
  const childrenOf = (code: string | undefined) => all.filter((a) => (code ? a.parent === code : !a.parent || !codes.has(a.parent)));
  const tree = (parent: string | undefined, depth: number): ReactNode => {
    const items = childrenOf(parent);
    if (!items.length || depth > 8) return null;
    return (
      <ul className={depth === 0 ? 'tree' : undefined}>
        {items.map((a: AllianceSummary) => (
          <li key={a.code}>
            <Link to={`/admin/alliances/${encodeURIComponent(a.code)}`}>{zh ? a.name.zh : a.name.en}</Link> <span className="muted">{a.code}</span>
            <span className="muted">
              {' · '}
              {t(`admin.tier.${a.tier}`)} · {t('admin.memberCount', { count: a.memberCount })}
            </span>
            {tree(a.code, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <div className="page">
      <h1>{t('admin.alliances')}</h1>
      <p className="muted">{t('admin.alliancesHint')}</p>
      {tree(undefined, 0)}
    </div>
  );
}
