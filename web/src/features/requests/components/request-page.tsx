import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { describeRecord, useCluster } from '../../cluster';
import { useLibraryName } from '../../directory';
import { ApiError } from '../../../shared/api';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { readLinkedRequest } from '../domain/openurl-citation';
import { checkDraft, emptyDraft, toNewRequest, type RequestDraft } from '../hooks/request-form';
import { usePlaceRequest } from '../hooks/use-requests';

/**
 * Asking for a loan or a copy: of a union record (`/clusters/{id}/request`), or of what an
 * OpenURL link names (`/ill/request?<KEV>[&cluster=<id>]`, the resolver's "request through
 * interlibrary loan"), with the link's article, pages, volume and issue filled in. The answer is told in plain words: where the
 * request went (the first lender of the rota), or why it cannot be placed (the eligibility
 * reasons), or a question (your own library has it on the shelf: place it anyway?).
 */
export function RequestPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [query] = useSearchParams();
  const [linked] = useState(() => readLinkedRequest(query));
  const target = params.id ? { clusterId: Number(params.id), citation: null } : { clusterId: linked.clusterId, citation: linked.citation };
  const id = target.clusterId ?? 0;
  const cluster = useCluster({ id });
  const place = usePlaceRequest();
  const nameOf = useLibraryName();
  const [draft, setDraft] = useState<RequestDraft>(() => ({ ...emptyDraft, ...(params.id ? {} : linked.draft) }));
  const [touched, setTouched] = useState<Partial<Record<keyof RequestDraft, boolean>>>({});
  const today = new Date().toISOString().slice(0, 10);
  const problems = checkDraft(draft, today);
  const title = cluster.data?.displayRecord ? describeRecord(cluster.data.displayRecord).title : (cluster.data?.summary.title ?? target.citation?.title);
  const byline = target.clusterId ? null : [target.citation?.author, target.citation?.year].filter(Boolean).join(' · ');
  useDocumentTitle(t('request.title'));

  const set = <K extends keyof RequestDraft>(k: K, v: RequestDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setTouched((x) => ({ ...x, [k]: true }));
  };
  const send = (confirm: boolean) => place.mutate(toNewRequest(target, draft, confirm));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(Object.fromEntries(Object.keys(draft).map((k) => [k, true])));
    if (Object.keys(problems).length === 0) send(false);
  };

  if (place.isSuccess) {
    const r = place.data;
    return (
      <div className="page narrow">
        <h1>{t('request.placedTitle')}</h1>
        <div className="notice notice-success" role="status">
          <p>{t('request.placed', { id: r.id, state: r.stateLabel })}</p>
          <p>
            {r.lender
              ? t('request.firstChoice', { name: nameOf(r.lender) })
              : r.state === 'end-of-rota' || r.state === 'unfilled'
                ? t('request.noLender')
                : r.state === 'copyright-clearance'
                  ? t('request.copyrightHold')
                  : t('request.noLenderYet')}
          </p>
        </div>
        <p>
          <Link className="button button-primary" to={`/requests/${r.id}`}>
            {t('request.follow')}
          </Link>{' '}
          {target.clusterId && <Link to={`/clusters/${id}`}>{t('request.backToRecord')}</Link>}
        </p>
      </div>
    );
  }

  if (!target.clusterId && !target.citation) {
    return (
      <div className="page narrow">
        <h1>{t('request.title')}</h1>
        <p>{t('request.nothingNamed')}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </div>
    );
  }

  const error = place.error;
  const refused = error instanceof ApiError && error.code === 'ILL_NOT_ELIGIBLE';
  const askConfirm = error instanceof ApiError && error.code === 'ILL_CONFIRMATION_NEEDED';
  const shownProblem = (k: keyof RequestDraft) => (touched[k] && problems[k] ? t(problems[k]) : undefined);
  return (
    <div className="page narrow">
      <h1>{t('request.title')}</h1>
      {target.clusterId !== null && cluster.isPending && <Loading />}
      {cluster.isError && <ProblemNotice error={cluster.error} onRetry={() => void cluster.refetch()} />}
      {title && <p className="lead">{target.clusterId ? <Link to={`/clusters/${id}`}>{title}</Link> : title}</p>}
      {byline && <p className="muted">{byline}</p>}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('request.service')}</legend>
          {(['loan', 'copy', 'either'] as const).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="service" value={s} checked={draft.service === s} onChange={() => set('service', s)} /> {t(`request.services.${s}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('request.edition')}</legend>
          {(['any', 'this'] as const).map((s) => (
            <label key={s} className="radio">
              <input type="radio" name="edition" value={s} checked={draft.edition === s} onChange={() => set('edition', s)} /> {t(`request.editions.${s}`)}
            </label>
          ))}
        </fieldset>
        {draft.service !== 'loan' && (
          <fieldset>
            <legend>{t('request.copyDetails')}</legend>
            <TextField label={t('request.articleTitle')} value={draft.articleTitle} onChange={(v) => set('articleTitle', v)} problem={shownProblem('articleTitle')} />
            <div className="field-row">
              <TextField label={t('request.pages')} value={draft.pages} onChange={(v) => set('pages', v)} problem={shownProblem('pages')} />
              <TextField label={t('request.volume')} value={draft.volume} onChange={(v) => set('volume', v)} problem={shownProblem('volume')} />
              <TextField label={t('request.issue')} value={draft.issue} onChange={(v) => set('issue', v)} problem={shownProblem('issue')} />
            </div>
          </fieldset>
        )}
        <TextField label={t('request.neededBy')} type="date" min={today} value={draft.neededBy} onChange={(v) => set('neededBy', v)} problem={shownProblem('neededBy')} />
        <TextField label={t('request.pickupLocation')} value={draft.pickupLocation} onChange={(v) => set('pickupLocation', v)} problem={shownProblem('pickupLocation')} />
        <TextField label={t('request.note')} value={draft.note} onChange={(v) => set('note', v)} problem={shownProblem('note')} multiline />

        {refused && (
          <div className="notice notice-problem" role="alert">
            <p>{t('request.refused')}</p>
            <ul>
              {(error.problem.errors ?? []).map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          </div>
        )}
        {askConfirm && (
          <div className="notice" role="alert">
            <p>{t('request.ownCopy')}</p>
            <button type="button" className="button" onClick={() => send(true)} disabled={place.isPending}>
              {t('request.placeAnyway')}
            </button>
          </div>
        )}
        {error && !refused && !askConfirm && <ProblemNotice error={error} onRetry={() => send(false)} />}
        <button type="submit" className="button button-primary" disabled={place.isPending}>
          {place.isPending ? t('status.working') : t('request.send')}
        </button>
      </form>
    </div>
  );
}

function TextField(props: { label: string; value: string; onChange: (v: string) => void; problem?: string; type?: string; min?: string; multiline?: boolean }) {
  const id = useId();
  const problemId = `${id}-problem`;
  const common = {
    id,
    value: props.value,
    'aria-invalid': props.problem ? true : undefined,
    'aria-describedby': props.problem ? problemId : undefined,
  };
  let input: ReactNode;
  if (props.multiline) input = <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />;
  else input = <input {...common} type={props.type ?? 'text'} min={props.min} onChange={(e) => props.onChange(e.target.value)} />;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {input}
      {props.problem && (
        <p id={problemId} className="field-problem">
          {props.problem}
        </p>
      )}
    </div>
  );
}
