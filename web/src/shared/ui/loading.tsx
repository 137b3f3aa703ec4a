import { useTranslation } from 'react-i18next';

/** A quiet "loading" that screen readers announce once. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('status.loading')}
    </p>
  );
}
