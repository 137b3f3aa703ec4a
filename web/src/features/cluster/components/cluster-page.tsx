import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLibraryName } from '../../directory';
import { isCataloguer } from '../../record';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { describeRecord, type Field } from '../domain/describe-record';
import { useCluster } from '../hooks/use-cluster';
import { HoldingsList } from './holdings-list';
import { OtherEditions } from './other-editions';

/** Staff's merge and split: loaded only for cataloguers, so readers never download it. */
const ClusterAdmin = lazy(() => import('./cluster-admin').then((m) => ({ default: m.ClusterAdmin })));

/** A union record: what it is, who holds it and how to get it (request), and the member records behind it. */
export function ClusterPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const cluster = useCluster({ id });
  const navigate = useNavigate();
  const nameOf = useLibraryName();
  const staff = isCataloguer(useSession().data?.grants ?? []);
  const d = cluster.data?.displayRecord ? describeRecord(cluster.data.displayRecord) : null;
  const title = d?.title ?? cluster.data?.summary.title ?? undefined;
  useDocumentTitle(title ?? t('cluster.record'));

  // A merged cluster answers as the one it became: the address follows.
  const shownId = cluster.data?.id;
  useEffect(() => {
    if (shownId && shownId !== id) navigate(`/clusters/${shownId}`, { replace: true });
  }, [shownId, id, navigate]);

  if (!Number.isInteger(id) || id < 1) return <p className="page">{t('cluster.notFound')}</p>;
  if (cluster.isPending) return <Loading />;
  if (cluster.isError) return <ProblemNotice className="page" error={cluster.error} onRetry={() => void cluster.refetch()} />;
  const c = cluster.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const facts: [string, string | null][] = d
    ? [
        [t('cluster.authors'), d.authors.join('; ') || null],
        [t('cluster.edition'), d.edition],
        [t('cluster.publication'), d.publication],
        [t('cluster.physical'), d.physical],
        [t('cluster.series'), d.series.join('; ') || null],
        [t('cluster.isbn'), d.isbns.join(', ') || null],
        [t('cluster.issn'), d.issns.join(', ') || null],
      ]
    : [
        [t('cluster.authors'), c.summary.author ?? null],
        [t('cluster.year'), c.summary.year ? String(c.summary.year) : null],
      ];

  return (
    <article className="page cluster">
      <header className="cluster-header">
        <h1>{title ?? t('cluster.untitled')}</h1>
        {d?.romanisedTitle && (
          <p className="muted romanised" lang="zh-Latn">
            {d.romanisedTitle}
          </p>
        )}
        <p className="availability-line">
          <span>{t('search.heldBy', { count: c.availability.libraries.length || c.holdings.length })}</span>
          {' · '}
          <span className={c.availability.available > 0 ? 'available' : 'unavailable'}>
            {c.availability.available > 0 ? t('search.availableCopies', { count: c.availability.available }) : t('search.noneAvailable')}
          </span>
          {c.availability.available === 0 && c.availability.nextDue && <span> · {t('cluster.nextDue', { date: date.format(new Date(c.availability.nextDue)) })}</span>}
        </p>
        <p>
          <Link className="button button-primary" to={`/clusters/${c.id}/request`}>
            {t('request.button')}
          </Link>
        </p>
      </header>

      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t('cluster.about')}</h2>
        <dl className="facts">
          {facts
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
        {d && d.subjects.length > 0 && (
          <>
            <h3>{t('cluster.subjects')}</h3>
            <ul className="tags">
              {d.subjects.map((s) => (
                <li key={s}>
                  <Link to={`/search?${new URLSearchParams({ q: `subject:"${s.replace(/"/g, '')}"` })}`}>{s}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
        {d && d.notes.length > 0 && (
          <>
            <h3>{t('cluster.notes')}</h3>
            {d.notes.map((n, i) => (
              <p key={i}>{n}</p>
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="holdings-heading">
        <h2 id="holdings-heading">{t('cluster.holdings')}</h2>
        <HoldingsList cluster={c} />
      </section>

      <OtherEditions id={c.id} />

      <section aria-labelledby="records-heading">
        <h2 id="records-heading">{t('cluster.memberRecords', { count: c.records.length })}</h2>
        <ul className="member-records">
          {c.records.map((r) => (
            <li key={`${r.library}/${r.localId}`}>
              {nameOf(r.library)} · <code>{r.localId}</code> · {t('cluster.version', { version: r.version })} · {date.format(new Date(r.updatedAt))}
              {r.deleted && <span className="muted"> ({t('cluster.deleted')})</span>}
            </li>
          ))}
        </ul>
        {c.displayRecord && <MarcView fields={c.displayRecord.fields} leader={c.displayRecord.leader} />}
      </section>

      {staff && (
        <Suspense fallback={<Loading />}>
          <ClusterAdmin id={c.id} />
        </Suspense>
      )}
    </article>
  );
}

/** The union record as MARC, for librarians, folded away. */
function MarcView({ fields, leader }: { fields: Field[]; leader: string }) {
  const { t } = useTranslation();
  return (
    <details className="marc">
      <summary>{t('cluster.marc')}</summary>
      <pre>
        {`LDR ${leader}\n`}
        {fields
          .map((f) => (f.value !== undefined ? `${f.tag} ${f.value}` : `${f.tag} ${f.ind1 ?? ' '}${f.ind2 ?? ' '} ${(f.subfields ?? []).map((s) => `$${s.code}${s.value}`).join('')}`))
          .join('\n')}
      </pre>
    </details>
  );
}
