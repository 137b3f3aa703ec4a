import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { deskLibraries } from '../../desk';
import { LibraryChoice, useLibraries } from '../../directory';
import { useSession } from '../../session';
import { Loading, ProblemNotice, useDocumentTitle } from '../../../shared/ui';
import { isRunning, useImports, useRejects, useUpload, type ImportBatch } from '../hooks/use-imports';

const formats = ['auto', 'iso2709', 'marcxml', 'marcjson'];
const flavours = ['auto', 'marc21', 'unimarc'];

/**
 * The cataloguer's imports (`/catalogue/imports?library=CN-NJU`): upload a file of records, watch
 * its import run (a progress bar, asked every second), then the counts and every rejected record
 * with its reasons.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('catalogue.imports'));
  const [params, setParams] = useSearchParams();
  const allowed = deskLibraries(useSession().data?.grants ?? [], 'catalogue');
  const library = params.get('library') ?? (allowed === 'all' ? null : (allowed[0] ?? null));
  const libraries = useLibraries();
  const imports = useImports({ library });
  const [shown, setShown] = useState<number | null>(null);
  const choices = allowed === 'all' ? (libraries.data ?? []).map((l) => l.symbol) : allowed;

  return (
    <div className="page">
      <h1>{t('catalogue.imports')}</h1>
      {allowed !== 'all' && allowed.length === 0 && <p>{t('catalogue.noLibrary')}</p>}
      {(allowed === 'all' || allowed.length > 1) && (
        <div className="filters">
          <LibraryChoice label={t('desk.library')} placeholder={t('desk.chooseLibrary')} choices={choices} value={library} onChange={(s) => setParams(s ? { library: s } : {})} />
        </div>
      )}
      {library && <UploadForm library={library} />}
      {imports.isError && <ProblemNotice error={imports.error} onRetry={() => void imports.refetch()} />}
      {library && imports.isPending && <Loading />}
      {imports.data && imports.data.length === 0 && <p>{t('catalogue.noImports')}</p>}
      {imports.data && imports.data.length > 0 && (
        <ul className="request-list">
          {imports.data.map((b) => (
            <li key={b.id} className="request-card">
              <BatchSummary batch={b} />
              {b.counts.rejected + b.counts.warnings > 0 && (
                <button type="button" className="link-button" aria-expanded={shown === b.id} onClick={() => setShown(shown === b.id ? null : b.id)}>
                  {t('catalogue.showRejects', { count: b.counts.rejected + b.counts.warnings })}
                </button>
              )}
              {shown === b.id && library && <Rejects library={library} batchId={b.id} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BatchSummary({ batch: b }: { batch: ImportBatch }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const p = b.job?.progress;
  const running = isRunning(b);
  return (
    <>
      <h2>
        {b.source} <span className="muted">#{b.id}</span>
      </h2>
      <p>
        <span className="state">{running ? t('catalogue.running') : b.job?.status === 'failed' ? t('catalogue.failed') : t('catalogue.done')}</span>
        {' · '}
        {when.format(new Date(b.startedAt))}
      </p>
      {running && (
        <p>
          <label>
            {t('catalogue.progress', { done: p?.done ?? 0, total: p?.total ?? '?' })}{' '}
            <progress value={p?.done ?? 0} max={p?.total ?? undefined} />
          </label>
        </p>
      )}
      <p className="muted">
        {t('catalogue.counts', {
          read: b.counts.read,
          created: b.counts.created,
          updated: b.counts.updated,
          unchanged: b.counts.unchanged,
          deleted: b.counts.deleted,
          rejected: b.counts.rejected,
          warnings: b.counts.warnings,
        })}
      </p>
    </>
  );
}

function Rejects({ library, batchId }: { library: string; batchId: number }) {
  const { t } = useTranslation();
  const rejects = useRejects({ library, batchId });
  if (rejects.isPending) return <Loading />;
  if (rejects.isError) return <ProblemNotice error={rejects.error} onRetry={() => void rejects.refetch()} />;
  return (
    <ol className="rejects">
      {rejects.data.map((r) => (
        <li key={r.position} value={r.position}>
          <strong>{r.severity === 'error' ? t('catalogue.rejected') : t('catalogue.warning')}</strong>
          {r.localId && <code> {r.localId}</code>}
          <ul>
            {r.problems.map((pr, i) => (
              <li key={i}>
                {pr.field && <code>{[pr.field, pr.subfield].filter(Boolean).join('$')} </code>}
                {pr.reason}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function UploadForm({ library }: { library: string }) {
  const { t } = useTranslation();
  const upload = useUpload({ library });
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('auto');
  const [flavour, setFlavour] = useState('auto');
  const ids = { file: useId(), format: useId(), flavour: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate({ file, format, flavour });
  };
  return (
    <form className="panel form" onSubmit={submit}>
      <h2>{t('catalogue.upload')}</h2>
      <div className="field">
        <label htmlFor={ids.file}>{t('catalogue.file')}</label>
        <input id={ids.file} type="file" accept=".mrc,.marc,.iso,.xml,.json,.dat" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="filters">
        <div className="field">
          <label htmlFor={ids.format}>{t('catalogue.format')}</label>
          <select id={ids.format} value={format} onChange={(e) => setFormat(e.target.value)}>
            {formats.map((f) => (
              <option key={f} value={f}>
                {f === 'auto' ? t('catalogue.detect') : f}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.flavour}>{t('catalogue.flavour')}</label>
          <select id={ids.flavour} value={flavour} onChange={(e) => setFlavour(e.target.value)}>
            {flavours.map((f) => (
              <option key={f} value={f}>
                {f === 'auto' ? t('catalogue.detect') : f === 'marc21' ? 'MARC 21' : 'UNIMARC / CNMARC'}
              </option>
            ))}
          </select>
        </div>
      </div>
      {upload.isError && <ProblemNotice error={upload.error} onRetry={() => file && upload.mutate({ file, format, flavour })} />}
      {upload.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('catalogue.started', { id: upload.data.batchId })}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={!file || upload.isPending}>
        {upload.isPending ? t('status.working') : t('catalogue.start')}
      </button>
    </form>
  );
}
