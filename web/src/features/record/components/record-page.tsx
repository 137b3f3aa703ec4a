import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLibraryName } from '../../directory';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { isControlTag } from '../domain/editable-record';
import { mayCatalogue } from '../domain/may-edit';
import { recordKey, useRecord, useVersions, type HeldRecord } from '../hooks/use-record';
import { RecordEditor } from './record-editor';
import './record.css';

/**
 * A member record (`/catalogue/records/{symbol}/{localId}`): its MARC fields, its versions, and
 * for a cataloguer of its library the editor (cooperative cataloguing, docs/cataloguing.md).
 */
export function RecordPage() {
  const { t } = useTranslation();
  const { symbol = '', localId = '' } = useParams();
  const record = useRecord({ symbol, localId });
  const nameOf = useLibraryName();
  const grants = useSession().data?.grants ?? [];
  const [generation, setGeneration] = useState(0);
  const client = useQueryClient();
  // After a conflict: the record and its versions as they are now, and a fresh editor on them.
  const reload = () => void client.invalidateQueries({ queryKey: recordKey(symbol, localId) }).then(() => setGeneration((g) => g + 1));
  useDocumentTitle(t('record.title', { localId }));

  if (record.isPending) return <Loading />;
  if (record.isError) return <ProblemNotice className="page" error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  const editable = mayCatalogue(grants, r.library);
  return (
    <div className="page record-page">
      <h1>{t('record.title', { localId: r.localId })}</h1>
      <p className="muted">
        {nameOf(r.library)} ({r.library}) · {r.flavour === 'unimarc' ? 'UNIMARC / CNMARC' : 'MARC 21'} · {t('record.versionNow', { version: r.version })}
        {r.clusterId && (
          <>
            {' · '}
            <Link to={`/clusters/${r.clusterId}`}>{t('record.unionRecord')}</Link>
          </>
        )}
      </p>
      {editable ? (
        <RecordEditor key={generation} record={r} onReload={reload} />
      ) : (
        <>
          <p>{t('record.readOnly')}</p>
          <MarcTable record={r} />
        </>
      )}
      <Versions symbol={r.library} localId={r.localId} />
    </div>
  );
}

/** The record as a readable grid: tag, indicators, subfields. */
function MarcTable({ record }: { record: HeldRecord }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="items marc-table">
        <caption className="visually-hidden">{t('record.fields', { count: record.fields.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('record.tag')}</th>
            <th scope="col">{t('record.indicators')}</th>
            <th scope="col">{t('record.data')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">LDR</th>
            <td />
            <td>
              <code>{record.leader}</code>
            </td>
          </tr>
          {record.fields.map((f, i) => (
            <tr key={i}>
              <th scope="row">{f.tag}</th>
              <td>
                <code>{isControlTag(f.tag) ? '' : `${(f.ind1 ?? ' ').replace(' ', '#')}${(f.ind2 ?? ' ').replace(' ', '#')}`}</code>
              </td>
              <td>
                {f.value !== undefined
                  ? f.value
                  : (f.subfields ?? []).map((s, j) => (
                      <span key={j} className="marc-sub">
                        <b>${s.code}</b> {s.value}{' '}
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every version of the record, newest first. */
function Versions({ symbol, localId }: { symbol: string; localId: string }) {
  const { t, i18n } = useTranslation();
  const versions = useVersions({ symbol, localId });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('record.versions')}</h2>
      {versions.isPending && <Loading />}
      {versions.isError && <ProblemNotice error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.data && (
        <ol className="record-versions">
          {versions.data.versions.map((v) => (
            <li key={v.version}>
              <strong>{t('record.versionN', { version: v.version })}</strong>
              {v.version === versions.data.current && <span className="muted"> ({t('record.current')})</span>} · {when.format(new Date(v.changedAt))} · {v.changedBy?.name ?? t('record.system')} ·{' '}
              {t(`record.via.${v.via.split(':')[0]}`, { defaultValue: v.via })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
