import { useTranslation } from 'react-i18next';
import { ProblemNotice } from '../../../shared/ui';
import { useDeliveredCopy } from '../hooks/use-requests';

/** The download of a delivered copy: the link while it works, when it expires and how many downloads are left. */
export function DeliveredCopySection({ requestId, wanted }: { requestId: number; wanted: boolean }) {
  const { t, i18n } = useTranslation();
  const copy = useDeliveredCopy({ id: requestId, wanted });
  if (!wanted || copy.isPending || copy.data === null) return null;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (
    <section aria-labelledby="copy-heading">
      <h2 id="copy-heading">{t('requests.copy.title')}</h2>
      {copy.isError && <ProblemNotice error={copy.error} onRetry={() => void copy.refetch()} />}
      {copy.data?.downloadUrl ? (
        <>
          <p>
            <a className="button button-primary" href={copy.data.downloadUrl} download>
              {t('requests.copy.download')}
            </a>
          </p>
          <p className="muted">
            {copy.data.expiresAt && t('requests.copy.expires', { date: date.format(new Date(copy.data.expiresAt)) })}{' '}
            {t('requests.copy.left', { count: copy.data.downloadsLeft, max: copy.data.maxDownloads })}
          </p>
        </>
      ) : (
        copy.data && <p>{t('requests.copy.gone')}</p>
      )}
    </section>
  );
}
