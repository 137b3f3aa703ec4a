import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api';
import { ProblemNotice } from '../../../shared/ui';
import { emptyField, moved, toApi, toEditable, type EditableField, type EditableRecord } from '../domain/editable-record';
import { pathOfServerField, titleTag, validateRecord } from '../domain/validate-record';
import { useSaveRecord, type HeldRecord } from '../hooks/use-record';
import { FieldInput } from './field-input';
import { FieldRow } from './field-row';

/**
 * The record in an editable grid (issue 7): the leader, then every field. Problems show at their
 * box as the cataloguer types (a field's once it was touched, all of them after "save"); the
 * server's refusal goes to the box it names. Saved with the version it was opened at: when
 * someone else saved first, the cataloguer is told and reloads.
 */
export function RecordEditor({ record, onReload }: { record: HeldRecord; onReload: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<EditableRecord>(() => toEditable(record));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<{ path: string; message: string }[]>([]);
  const [note, setNote] = useState('');
  const save = useSaveRecord({ symbol: record.library, localId: record.localId });
  const problems = useMemo(() => validateRecord(draft), [draft]);
  const form = useRef<HTMLFormElement>(null);
  const noteId = useId();

  /** What to say at a box: our own finding while typing, else what the server said at the last save. */
  const problemAt = (path: string): string | undefined => {
    const fieldKey = /^fields\.(\d+)/.exec(path)?.[1];
    const shown = submitted || path === 'leader' ? true : fieldKey !== undefined && touched.has(draft.fields[Number(fieldKey)]?.key ?? '');
    const own = problems.find((p) => p.path === path);
    if (own && shown) return t(`record.problem.${own.code}`, own.params ?? {});
    return serverProblems.find((p) => p.path === path)?.message;
  };

  const edit = (fields: EditableField[], touchedKey?: string) => {
    setDraft((d) => ({ ...d, fields }));
    if (touchedKey) setTouched((s) => new Set(s).add(touchedKey));
    setServerProblems([]);
  };

  /** A new field goes at the end, and the cataloguer's focus into its tag, to type it at once. */
  const addField = (field: EditableField) => {
    edit([...draft.fields, field]);
    requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>('.marc-field:last-child .marc-tag input')?.focus());
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (problems.length > 0) {
      // The first box with a problem gets the focus, after React showed the problems.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate(
      { version: record.version, body: { ...toApi(draft), ...(note.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: (saved) => {
          setDraft(toEditable(saved));
          setTouched(new Set());
          setSubmitted(false);
          setNote('');
        },
        onError: (err) => {
          if (err instanceof ApiError && err.problem.errors?.length) {
            setServerProblems(err.problem.errors.map((p) => ({ path: pathOfServerField(p.field), message: p.message })));
          }
        },
      },
    );
  };

  const conflict = save.error instanceof ApiError && (save.error.status === 412 || save.error.status === 409 || save.error.status === 428);
  const recordProblem = problemAt('fields');

  return (
    <form ref={form} className="form record-editor" onSubmit={submit} noValidate>
      <FieldInput
        label={t('record.leader')}
        value={draft.leader}
        onChange={(leader) => {
          setDraft((d) => ({ ...d, leader }));
          setServerProblems([]);
        }}
        problem={problemAt('leader')}
        className="marc-leader"
      />
      <h2 id="fields-heading" tabIndex={-1}>{t('record.fields', { count: draft.fields.length })}</h2>
      {recordProblem && (
        <p className="field-problem" role="alert">
          {recordProblem}
        </p>
      )}
      <ol className="marc-fields" aria-labelledby="fields-heading">
        {draft.fields.map((f, i) => (
          <FieldRow
            key={f.key}
            field={f}
            index={i}
            count={draft.fields.length}
            problemAt={problemAt}
            onChange={(next) => edit(draft.fields.map((x, k) => (k === i ? next : x)), f.key)}
            onMove={(by) => edit(moved(draft.fields, i, by))}
            onRemove={() => {
              edit(draft.fields.filter((_, k) => k !== i));
              // The removed field's button is gone: the focus goes to the list's heading, not to the page's start.
              requestAnimationFrame(() => document.getElementById('fields-heading')?.focus());
            }}
          />
        ))}
      </ol>
      <p>
        <button type="button" className="button" onClick={() => addField(emptyField())}>
          {t('record.addField')}
        </button>{' '}
        {!draft.fields.some((f) => f.tag === titleTag[draft.flavour]) && (
          <button type="button" className="button" onClick={() => addField(emptyField(titleTag[draft.flavour]))}>
            {t('record.addTitle', { tag: titleTag[draft.flavour] })}
          </button>
        )}
      </p>
      <div className="field">
        <label htmlFor={noteId}>{t('record.note')}</label>
        <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </div>
      {submitted && problems.length > 0 && (
        <p className="notice notice-problem" role="alert">
          {t('record.fixFirst', { count: problems.length })}
        </p>
      )}
      {conflict && (
        <div className="notice notice-problem" role="alert">
          <p>{t('record.conflict')}</p>
          <button type="button" className="button" onClick={onReload}>
            {t('record.reload')}
          </button>
        </div>
      )}
      {save.isError && !conflict && <ProblemNotice error={save.error} />}
      {save.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('record.saved', { version: save.data.version })}
        </p>
      )}
      <p>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('status.working') : t('record.save')}
        </button>
      </p>
    </form>
  );
}
