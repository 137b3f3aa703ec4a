import { lazy, Suspense, useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useLibraries, useLibraryName } from '../../directory';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { barsHeight, busiestLibraries, fillRatePerMonth, lendingBorrowing, monthLabel, requestsPerMonth, topTitles, turnaround } from '../domain/chart-options';
import { useAlliances } from '../hooks/use-alliances';
import { useStatistics, type Statistics } from '../hooks/use-statistics';
import './dashboard.css';

// ECharts comes with the first chart, not with the page: the figures' tables show at once.
const Chart = lazy(() => import('./chart').then((m) => ({ default: m.Chart })));

/**
 * The interlibrary loan dashboard (`/dashboard?from=&to=&alliance=&library=`): requests per month,
 * fill rate, turnaround, lending and borrowing per library, the titles asked for most. Each chart
 * has its figures in a table beside it.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('dashboard.title'));
  const zh = i18n.language.startsWith('zh');
  const [params, setParams] = useSearchParams();
  const grants = useSession().data?.grants ?? [];
  const network = grants.some((g) => g.role === 'network-admin');
  const myAlliances = [...new Set(grants.filter((g) => g.alliance && g.permissions.includes('statistics')).map((g) => g.alliance!))];
  const myLibraries = [...new Set(grants.filter((g) => g.library && g.permissions.includes('statistics')).map((g) => g.library!))];
  const filter = {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    alliance: params.get('alliance') ?? (network || myLibraries.length ? undefined : myAlliances[0]),
    library: params.get('library') ?? undefined,
  };
  const stats = useStatistics(filter);
  const alliances = useAlliances();
  const libraries = useLibraries();
  const ids = { from: useId(), to: useId(), alliance: useId(), library: useId() };
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const allianceChoices = network ? (alliances.data ?? []).map((a) => ({ code: a.code, name: zh ? a.name.zh : a.name.en })) : myAlliances.map((c) => ({ code: c, name: c }));
  const libraryChoices = network || filter.alliance ? (libraries.data ?? []).map((l) => l.symbol) : myLibraries;
  const nameOf = useLibraryName();

  return (
    <div className="page dashboard">
      <h1>{t('dashboard.title')}</h1>
      <form className="filters" aria-label={t('dashboard.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.from}>{t('dashboard.from')}</label>
          <input id={ids.from} type="date" value={filter.from ?? stats.data?.from ?? ''} onChange={(e) => change('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('dashboard.to')}</label>
          <input id={ids.to} type="date" value={filter.to ?? stats.data?.to ?? ''} onChange={(e) => change('to', e.target.value)} />
        </div>
        {allianceChoices.length > 0 && (
          <div className="field">
            <label htmlFor={ids.alliance}>{t('dashboard.alliance')}</label>
            <select id={ids.alliance} value={filter.alliance ?? ''} onChange={(e) => change('alliance', e.target.value)}>
              {network && <option value="">{t('dashboard.wholeNetwork')}</option>}
              {allianceChoices.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {libraryChoices.length > 0 && (
          <div className="field">
            <label htmlFor={ids.library}>{t('dashboard.library')}</label>
            <select id={ids.library} value={filter.library ?? ''} onChange={(e) => change('library', e.target.value)}>
              <option value="">{filter.alliance ? t('dashboard.allMembers') : network ? t('dashboard.allLibraries') : t('dashboard.myLibrary')}</option>
              {libraryChoices.map((s) => (
                <option key={s} value={s}>
                  {nameOf(s)}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      {stats.isError && <ProblemNotice error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.isPending && <Loading />}
      {stats.data && <Figures stats={stats.data} busy={stats.isFetching} />}
    </div>
  );
}

function Figures({ stats: s, busy }: { stats: Statistics; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const zh = language.startsWith('zh');
  const nameOf = useLibraryName();
  const percent = (r: number | null) => (r === null ? '—' : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(r));
  const hours = (h: number | null) => (h === null ? '—' : t('dashboard.hoursValue', { hours: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(h) }));
  const options = useMemo(
    () => ({
      requests: requestsPerMonth(s, t, language),
      fillRate: fillRatePerMonth(s, t, language),
      turnaround: turnaround(s, t),
      libraries: lendingBorrowing(s, t, zh),
      titles: topTitles(s, t),
    }),
    [s, t, language, zh],
  );
  const scope = s.library ? nameOf(s.library) : s.alliance ? s.alliance : t('dashboard.wholeNetwork');
  return (
    <div aria-busy={busy}>
      <p className="lead" role="status">
        {t('dashboard.scope', { scope, from: s.from, to: s.to })}
      </p>
      <dl className="totals">
        <div>
          <dt>{t('dashboard.series.requests')}</dt>
          <dd>{s.totals.requests}</dd>
        </div>
        <div>
          <dt>{t('dashboard.series.filled')}</dt>
          <dd>{s.totals.filled}</dd>
        </div>
        <div>
          <dt>{t('dashboard.series.unfilled')}</dt>
          <dd>{s.totals.unfilled}</dd>
        </div>
        <div>
          <dt>{t('dashboard.series.fillRate')}</dt>
          <dd>{percent(s.totals.fillRate)}</dd>
        </div>
      </dl>

      <ChartFigure id="requests" title={t('dashboard.requestsPerMonth')} option={options.requests}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.month')}</th>
            <th scope="col">{t('dashboard.series.requests')}</th>
            <th scope="col">{t('dashboard.series.filled')}</th>
            <th scope="col">{t('dashboard.series.unfilled')}</th>
            <th scope="col">{t('dashboard.series.fillRate')}</th>
          </tr>
        </thead>
        <tbody>
          {s.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month, language)}</th>
              <td>{m.requests}</td>
              <td>{m.filled}</td>
              <td>{m.unfilled}</td>
              <td>{percent(m.fillRate)}</td>
            </tr>
          ))}
        </tbody>
      </ChartFigure>

      <ChartFigure id="fill-rate" title={t('dashboard.fillRate')} option={options.fillRate} summary={t('dashboard.fillRateSummary', { rate: percent(s.totals.fillRate), filled: s.totals.filled, ended: s.totals.ended })} />

      <ChartFigure id="turnaround" title={t('dashboard.turnaround')} option={options.turnaround}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.stepLabel')}</th>
            <th scope="col">{t('dashboard.series.median')}</th>
            <th scope="col">{t('dashboard.series.p90')}</th>
            <th scope="col">{t('dashboard.throughStep')}</th>
          </tr>
        </thead>
        <tbody>
          {s.turnaround.map((x) => (
            <tr key={x.step}>
              <th scope="row">{t(`dashboard.step.${x.step}`)}</th>
              <td>{hours(x.medianHours)}</td>
              <td>{hours(x.p90Hours)}</td>
              <td>{x.count}</td>
            </tr>
          ))}
        </tbody>
      </ChartFigure>

      <ChartFigure id="libraries" title={t('dashboard.lendingBorrowing')} option={options.libraries} height={barsHeight(busiestLibraries(s).length * 2)}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.libraryColumn')}</th>
            <th scope="col">{t('dashboard.series.lent')}</th>
            <th scope="col">{t('dashboard.series.borrowed')}</th>
            <th scope="col">{t('dashboard.ratio')}</th>
            <th scope="col">{t('dashboard.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {busiestLibraries(s, Infinity).map((l) => (
            <tr key={l.symbol}>
              <th scope="row">{zh ? l.name.zh : l.name.en}</th>
              <td>{l.lent}</td>
              <td>{l.borrowed}</td>
              <td>{l.ratio ?? '—'}</td>
              <td>{l.balance ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </ChartFigure>

      <ChartFigure id="titles" title={t('dashboard.topTitles')} option={options.titles} height={barsHeight(s.topTitles.length * 2)}>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.titleColumn')}</th>
            <th scope="col">{t('dashboard.series.requests')}</th>
            <th scope="col">{t('dashboard.series.filled')}</th>
          </tr>
        </thead>
        <tbody>
          {s.topTitles.map((x, i) => (
            <tr key={`${x.clusterId ?? 'c'}-${i}`}>
              <th scope="row">
                {x.clusterId ? <a href={`/clusters/${x.clusterId}`}>{x.title}</a> : x.title}
                {x.author && <span className="muted"> · {x.author}</span>}
              </th>
              <td>{x.requests}</td>
              <td>{x.filled}</td>
            </tr>
          ))}
        </tbody>
      </ChartFigure>
    </div>
  );
}

/** A chart with its title, and the same figures as a table (or a sentence) for those who do not see it. */
function ChartFigure({ id, title, option, children, summary, height }: { id: string; title: string; option: Record<string, unknown>; children?: ReactNode; summary?: string; height?: number }) {
  const { t } = useTranslation();
  return (
    <section className="chart-figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <Suspense fallback={<div className="chart" style={{ height: height ?? 280 }} />}>
        <Chart option={option} height={height} />
      </Suspense>
      {summary && <p>{summary}</p>}
      {children && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dashboard.tableOf', { title })}>
          <table className="items" id={`${id}-table`}>
            <caption>{t('dashboard.tableOf', { title })}</caption>
            {children}
          </table>
        </div>
      )}
    </section>
  );
}
