import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, isRetryable } from '../api';

/**
 * What went wrong, in the reader's language: our own words for the problem's `code` when we have
 * them (`problems.<CODE>`), else the server's `detail` (it answers in the language we ask for),
 * else its title. A failure worth repeating comes with a retry button, never a blank page.
 */
export function ProblemNotice({ error, onRetry, className }: { error: unknown; onRetry?: () => void; className?: string }) {
  const { t, i18n } = useTranslation();
  let message: string;
  let fields: { field: string; message: string }[] = [];
  if (error instanceof NetworkError) {
    message = t('problem.network');
  } else if (error instanceof ApiError) {
    const key = `problems.${error.code ?? ''}`;
    message = error.code && i18n.exists(key) ? t(key) : (error.problem.detail ?? error.problem.title);
    fields = error.problem.errors ?? [];
  } else {
    message = t('problem.unexpected');
  }
  return (
    <div className={`notice notice-problem ${className ?? ''}`} role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>{f.message}</li>
          ))}
        </ul>
      )}
      {onRetry && isRetryable(error) && (
        <button type="button" className="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}
