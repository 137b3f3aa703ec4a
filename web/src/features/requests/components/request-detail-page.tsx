import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLibraryName } from '../../directory';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { useRequest, useRequestAction } from '../hooks/use-requests';
import { DeliveredCopySection } from './delivered-copy';
import { RequestTimeline } from './request-timeline';

/** One request: where it stands, its whole timeline, and what the reader may do now (cancel, …). */
export function RequestDetailPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const request = useRequest({ id });
  const act = useRequestAction({ id });
  const nameOf = useLibraryName();
  useDocumentTitle(t('requests.one', { id }));
  if (request.isPending) return <Loading />;
  if (request.isError) return <ProblemNotice className="page" error={request.error} onRetry={() => void request.refetch()} />;
  const r = request.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const actions = (r.actions ?? []).filter((a) => a.allowed || a.reason);
  return (
    <article className="page narrow">
      <p>
        <Link to="/requests">{t('requests.back')}</Link>
      </p>
      <h1>{r.citation.articleTitle ?? r.citation.title}</h1>
      {r.citation.articleTitle && <p className="muted">{r.citation.title}</p>}
      <p className="lead">
        <span className={`state state-${r.state}`}>{r.stateLabel}</span>
      </p>
      {/* The lender's terms are the library's to accept or reject (docs/ill.md, conditions): the reader is told they wait. */}
      {r.state === 'conditional-answer' && (
        <p className="notice" role="status">
          {t('requests.conditionsAwaited')}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('requests.number')}</dt>
          <dd>{r.id}</dd>
        </div>
        <div>
          <dt>{t('request.service')}</dt>
          <dd>{t(`request.services.${r.citation.service === 'copy' ? 'copy' : r.citation.service === 'either' ? 'either' : 'loan'}`)}</dd>
        </div>
        {r.lender && (
          <div>
            <dt>{t('requests.lender')}</dt>
            <dd>{nameOf(r.lender)}</dd>
          </div>
        )}
        <div>
          <dt>{t('requests.borrowingLibrary')}</dt>
          <dd>{nameOf(r.borrowingLibrary)}</dd>
        </div>
        {r.dueDate && (
          <div>
            <dt>{t('cluster.dueDate')}</dt>
            <dd>{date.format(new Date(r.dueDate))}</dd>
          </div>
        )}
        {r.neededBy && (
          <div>
            <dt>{t('request.neededBy')}</dt>
            <dd>{date.format(new Date(r.neededBy))}</dd>
          </div>
        )}
      </dl>
      {r.citation.clusterId && (
        <p>
          <Link to={`/clusters/${r.citation.clusterId}`}>{t('request.backToRecord')}</Link>
        </p>
      )}
      <DeliveredCopySection requestId={r.id} wanted={r.citation.service !== 'loan'} />
      {actions.length > 0 && (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('requests.actions')}</h2>
          {actions.map((a) => (
            <p key={a.action}>
              <button type="button" className="button" disabled={!a.allowed || act.isPending} onClick={() => act.mutate({ action: a.action })}>
                {a.label}
              </button>
              {!a.allowed && a.reason && <span className="muted"> {a.reason.message}</span>}
            </p>
          ))}
          {act.isError && <ProblemNotice error={act.error} />}
        </section>
      )}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('requests.timeline')}</h2>
        <RequestTimeline events={r.timeline ?? []} />
      </section>
    </article>
  );
}
