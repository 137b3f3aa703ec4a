import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../shared/api';
import { ProblemNotice } from '../../../shared/ui';
import { useScan, type ScanAction } from '../hooks/use-desk';

const scanActions: ScanAction[] = ['mark-picked', 'ship', 'check-in', 'deliver-copy'];

/**
 * The lending desk's tools: the waiting pull slips to print (HTML for the browser's print, or
 * PDF), and the barcode scanner — a scanner types the slip's barcode and Enter, so the box keeps
 * the focus and is emptied for the next slip.
 */
export function LendingTools({ library }: { library: string }) {
  const { t } = useTranslation();
  const scan = useScan();
  const [barcode, setBarcode] = useState('');
  const [action, setAction] = useState<ScanAction>('mark-picked');
  const [dueDate, setDueDate] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const ids = { barcode: useId(), action: useId(), due: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!barcode.trim()) return;
    scan.mutate(
      { barcode: barcode.trim(), action, ...(action === 'ship' && dueDate ? { dueDate } : {}) },
      {
        onSettled: () => {
          setBarcode('');
          input.current?.focus();
        },
      },
    );
  };
  return (
    <section className="panel" aria-labelledby="lending-tools">
      <h2 id="lending-tools">{t('desk.tools')}</h2>
      <p>
        {t('desk.pullSlips')}{' '}
        <a href={apiUrl('/ill/lending/pull-slips', { library })} target="_blank" rel="noopener">
          {t('desk.printHtml')}
        </a>
        {' · '}
        <a href={apiUrl('/ill/lending/pull-slips', { library, format: 'pdf' })} target="_blank" rel="noopener">
          PDF
        </a>
      </p>
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.barcode}>{t('desk.barcode')}</label>
          <input id={ids.barcode} ref={input} value={barcode} onChange={(e) => setBarcode(e.target.value)} autoComplete="off" inputMode="text" placeholder="LEND-123" />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>{t('desk.scanAction')}</label>
          <select id={ids.action} value={action} onChange={(e) => setAction(e.target.value as ScanAction)}>
            {scanActions.map((a) => (
              <option key={a} value={a}>
                {t(`desk.scan.${a}`)}
              </option>
            ))}
          </select>
        </div>
        {action === 'ship' && (
          <div className="field">
            <label htmlFor={ids.due}>{t('desk.dueDate')}</label>
            <input id={ids.due} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={scan.isPending}>
          {t('desk.scanSubmit')}
        </button>
      </form>
      <div aria-live="polite">
        {scan.isSuccess && <p className="notice notice-success">{t('desk.scanned', { id: scan.data.id, state: scan.data.stateLabel })}</p>}
      </div>
      {scan.isError && <ProblemNotice error={scan.error} />}
    </section>
  );
}
