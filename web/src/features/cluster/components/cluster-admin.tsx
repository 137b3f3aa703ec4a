import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLibraryName } from '../../directory';
import { Loading, ProblemNotice } from '../../../shared/ui';
import { memberTitle, useClusterRecords, useDecisions, useMerge, useMergeCandidates, useRevoke, useSplit, type MemberRecord } from '../hooks/use-cluster-admin';
import './cluster-admin.css';

/** A decision needs a reason the server keeps (at least 3 characters, docs/cataloguing.md). */
const reasonOk = (reason: string) => reason.trim().length >= 3;

/**
 * Staff's part of a cluster page (issue 7, "cluster merge and split"): the member records with
 * "split this record out", "merge with another cluster", and the decisions on this cluster with
 * "revoke". The server decides who may (a cataloguer of a library holding one of the records).
 */
export function ClusterAdmin({ id }: { id: number }) {
  const { t } = useTranslation();
  return (
    <section className="cluster-admin panel" aria-labelledby="cluster-admin-heading">
      <h2 id="cluster-admin-heading">{t('clusterAdmin.heading')}</h2>
      <Members id={id} />
      <MergeForm id={id} />
      <Decisions id={id} />
    </section>
  );
}

function Members({ id }: { id: number }) {
  const { t } = useTranslation();
  const records = useClusterRecords({ id });
  const nameOf = useLibraryName();
  const [splitting, setSplitting] = useState<string | null>(null);
  // Shown above the list: the record split out leaves it as soon as the cluster is read again.
  const [splitOut, setSplitOut] = useState<{ localId: string; to: number } | null>(null);
  if (records.isPending) return <Loading />;
  if (records.isError) return <ProblemNotice error={records.error} onRetry={() => void records.refetch()} />;
  return (
    <>
      <h3>{t('clusterAdmin.members', { count: records.data.length })}</h3>
      {splitOut && (
        <p className="notice notice-success" role="status">
          {t('clusterAdmin.splitDone', { localId: splitOut.localId })} <Link to={`/clusters/${splitOut.to}`}>{t('clusterAdmin.openCluster', { id: splitOut.to })}</Link>
        </p>
      )}
      <ul className="member-records">
        {records.data.map((r) => {
          const key = `${r.library}/${r.localId}`;
          return (
            <li key={key}>
              <Link to={`/catalogue/records/${encodeURIComponent(r.library)}/${encodeURIComponent(r.localId)}`}>
                {nameOf(r.library)} · {r.localId}
              </Link>
              {memberTitle(r) && <span className="muted"> · {memberTitle(r)}</span>}
              {records.data.length > 1 && splitting !== key && (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={() => setSplitting(key)} aria-label={t('clusterAdmin.splitLabel', { library: r.library, localId: r.localId })}>
                    {t('clusterAdmin.split')}
                  </button>
                </>
              )}
              {splitting === key && (
                <SplitForm
                  id={id}
                  record={r}
                  onCancel={() => setSplitting(null)}
                  onSplit={(to) => {
                    setSplitting(null);
                    setSplitOut({ localId: r.localId, to });
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function SplitForm({ id, record, onCancel, onSplit }: { id: number; record: MemberRecord; onCancel: () => void; onSplit: (to: number) => void }) {
  const { t } = useTranslation();
  const split = useSplit({ id });
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const reasonId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!reasonOk(reason)) return;
    split.mutate(
      { record: { library: record.library, localId: record.localId }, reason: reason.trim() },
      { onSuccess: (r) => onSplit(r.moves.find((m) => m.library === record.library && m.localId === record.localId)?.to ?? id) },
    );
  };
  const problem = tried && !reasonOk(reason) ? t('clusterAdmin.reasonNeeded') : undefined;
  return (
    <form className="form split-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={reasonId}>{t('clusterAdmin.splitReason', { localId: record.localId })}</label>
        <textarea
          id={reasonId}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          maxLength={2000}
          required
          autoFocus
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${reasonId}-problem` : undefined}
        />
        {problem && (
          <p id={`${reasonId}-problem`} className="field-problem">
            {problem}
          </p>
        )}
      </div>
      {split.isError && <ProblemNotice error={split.error} />}
      <p className="desk-buttons">
        <button type="submit" className="button button-primary" disabled={split.isPending}>
          {split.isPending ? t('status.working') : t('clusterAdmin.splitConfirm')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('clusterAdmin.cancel')}
        </button>
      </p>
    </form>
  );
}

function MergeForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const merge = useMerge({ id });
  const [text, setText] = useState('');
  const [other, setOther] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [tried, setTried] = useState(false);
  const candidates = useMergeCandidates({ text });
  const ids = { find: useId(), reason: useId() };
  const confirmRef = useRef<HTMLDivElement>(null);
  const byId = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const chosen = byId ?? other;
  const reasonProblem = tried && !reasonOk(reason) ? t('clusterAdmin.reasonNeeded') : undefined;
  const otherProblem = tried && (!chosen || chosen === id) ? t(chosen === id ? 'clusterAdmin.sameCluster' : 'clusterAdmin.chooseOther') : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!chosen || chosen === id || !reasonOk(reason)) return;
    setConfirming(true);
    requestAnimationFrame(() => confirmRef.current?.focus());
  };
  return (
    <form className="form merge-form" onSubmit={submit} noValidate>
      <h3>{t('clusterAdmin.mergeHeading')}</h3>
      <div className="field">
        <label htmlFor={ids.find}>{t('clusterAdmin.findOther')}</label>
        <input
          id={ids.find}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOther(null);
            setConfirming(false);
          }}
          aria-invalid={otherProblem ? true : undefined}
          aria-describedby={otherProblem ? `${ids.find}-problem` : undefined}
        />
        {otherProblem && (
          <p id={`${ids.find}-problem`} className="field-problem">
            {otherProblem}
          </p>
        )}
      </div>
      {byId === null && candidates.data && (
        <fieldset>
          <legend>{t('clusterAdmin.candidates')}</legend>
          {candidates.data.filter((h) => h.clusterId !== id).length === 0 && <p>{t('clusterAdmin.noCandidates')}</p>}
          {candidates.data
            .filter((h) => h.clusterId !== id)
            .map((h) => (
              <label key={h.clusterId} className="radio">
                <input type="radio" name={`merge-${id}`} checked={other === h.clusterId} onChange={() => setOther(h.clusterId)} />
                <span>
                  {h.title} {h.author && <span className="muted">· {h.author}</span>} {h.year && <span className="muted">· {h.year}</span>} <span className="muted">(#{h.clusterId})</span>
                </span>
              </label>
            ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={ids.reason}>{t('clusterAdmin.mergeReason')}</label>
        <textarea
          id={ids.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          maxLength={2000}
          required
          aria-invalid={reasonProblem ? true : undefined}
          aria-describedby={reasonProblem ? `${ids.reason}-problem` : undefined}
        />
        {reasonProblem && (
          <p id={`${ids.reason}-problem`} className="field-problem">
            {reasonProblem}
          </p>
        )}
      </div>
      {!confirming && (
        <p>
          <button type="submit" className="button">
            {t('clusterAdmin.merge')}
          </button>
        </p>
      )}
      {confirming && chosen && (
        <div className="notice" role="group" tabIndex={-1} ref={confirmRef} aria-labelledby={`${ids.reason}-confirm`}>
          <p id={`${ids.reason}-confirm`}>{t('clusterAdmin.mergeQuestion', { id, other: chosen })}</p>
          {merge.isError && <ProblemNotice error={merge.error} />}
          {merge.isSuccess ? (
            <p className="notice notice-success" role="status">
              {t('clusterAdmin.mergeDone', { target: Math.min(id, chosen) })}
            </p>
          ) : (
            <p className="desk-buttons">
              <button type="button" className="button button-primary" disabled={merge.isPending} onClick={() => merge.mutate({ other: chosen, reason: reason.trim() })}>
                {merge.isPending ? t('status.working') : t('clusterAdmin.mergeConfirm')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('clusterAdmin.cancel')}
              </button>
            </p>
          )}
        </div>
      )}
    </form>
  );
}

function Decisions({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const decisions = useDecisions({ id });
  const revoke = useRevoke({ id });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <h3>{t('clusterAdmin.decisions')}</h3>
      {decisions.isPending && <Loading />}
      {decisions.isError && <ProblemNotice error={decisions.error} onRetry={() => void decisions.refetch()} />}
      {decisions.data?.length === 0 && <p>{t('clusterAdmin.noDecisions')}</p>}
      {revoke.isError && <ProblemNotice error={revoke.error} />}
      {decisions.data && decisions.data.length > 0 && (
        <ul className="request-list decisions">
          {decisions.data.map((d) => (
            <li key={d.id} className="request-card">
              <p>
                <strong>{t(d.kind === 'merge' ? 'clusterAdmin.kindMerge' : 'clusterAdmin.kindSplit')}</strong> · {d.records.map((r) => `${r.library} ${r.localId}`).join(', ')}
              </p>
              <p>{t('clusterAdmin.because', { reason: d.reason })}</p>
              <p className="muted">
                {t('clusterAdmin.decidedBy', { name: d.decidedBy?.name ?? '—', date: when.format(new Date(d.decidedAt)) })}
                {d.revokedAt && ` · ${t('clusterAdmin.revokedAt', { date: when.format(new Date(d.revokedAt)) })}`}
              </p>
              {!d.revokedAt && (
                <button type="button" className="button" disabled={revoke.isPending} onClick={() => revoke.mutate(d.id)} aria-label={t('clusterAdmin.revokeLabel', { id: d.id, reason: d.reason })}>
                  {t('clusterAdmin.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
