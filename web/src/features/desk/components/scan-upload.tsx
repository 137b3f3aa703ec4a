import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '../../../shared/ui';
import { useUploadScan } from '../hooks/use-desk';

/** Document delivery at the lending desk: the scan (PDF) of a copy request, then "deliver copy". */
export function ScanUpload({ supplyId }: { supplyId: number }) {
  const { t } = useTranslation();
  const upload = useUploadScan({ id: supplyId });
  const [file, setFile] = useState<File | null>(null);
  const fileId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <form className="panel form" onSubmit={submit}>
      <h2>{t('desk.scanTitle')}</h2>
      <div className="field">
        <label htmlFor={fileId}>{t('desk.scanFile')}</label>
        <input id={fileId} type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      {upload.isError && <ProblemNotice error={upload.error} onRetry={() => file && upload.mutate(file)} />}
      {upload.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('desk.scanUploaded', { kb: Math.max(1, Math.round(upload.data.size / 1024)) })}
        </p>
      )}
      <button type="submit" className="button" disabled={!file || upload.isPending}>
        {upload.isPending ? t('status.working') : t('desk.scanUpload')}
      </button>
    </form>
  );
}
