import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api';
import './form-kit.css';

/**
 * The small form controls of the administration pages: every control labelled, its problem
 * (checked as the user types, or the server's) beside it and tied to it with aria-describedby,
 * aria-invalid set while it has one.
 */

/** The server's field problems (RFC 9457 `errors` of Anylib's problems) by the field's path, `body.` dropped. */
export function serverFieldProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of error.problem.errors ?? []) {
    const field = f.field.replace(/^body\./, '');
    out[field] ??= f.message;
  }
  return out;
}

/**
 * The problem to show at a field: what the user's typing broke (an i18n key, translated), else
 * what the server said about the field at the last save.
 */
export function useFieldProblem(local: Record<string, string | undefined>, server: Record<string, string>) {
  const { t } = useTranslation();
  return (field: string): string | undefined => {
    const key = local[field];
    return key ? t(key) : server[field];
  };
}

interface Described {
  id: string;
  describedBy: string | undefined;
  problemNode: ReactNode;
  hintNode: ReactNode;
}

function useDescribed(problem: string | undefined, hint: string | undefined): Described {
  const id = useId();
  const problemId = `${id}-problem`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
  return {
    id,
    describedBy,
    hintNode: hint ? (
      <p id={hintId} className="field-hint muted">
        {hint}
      </p>
    ) : null,
    problemNode: problem ? (
      <p id={problemId} className="field-problem">
        {problem}
      </p>
    ) : null,
  };
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  hint?: string;
  type?: 'text' | 'email' | 'url' | 'number' | 'date' | 'password' | 'tel' | 'search';
  required?: boolean;
  disabled?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'url';
}

export function TextField({ label, value, onChange, problem, hint, type = 'text', required, disabled, autoComplete, multiline, inputMode }: TextFieldProps) {
  const d = useDescribed(problem, hint);
  const common = {
    id: d.id,
    value,
    disabled,
    required,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': d.describedBy,
  } as const;
  return (
    <div className="field">
      <label htmlFor={d.id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {d.hintNode}
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} inputMode={inputMode} autoComplete={autoComplete ?? 'off'} onChange={(e) => onChange(e.target.value)} />
      )}
      {d.problemNode}
    </div>
  );
}

export interface SelectFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  problem?: string;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
}

export function SelectField({ label, value, onChange, options, problem, hint, disabled, required }: SelectFieldProps) {
  const d = useDescribed(problem, hint);
  return (
    <div className="field">
      <label htmlFor={d.id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {d.hintNode}
      <select id={d.id} value={value} disabled={disabled} aria-invalid={problem ? true : undefined} aria-describedby={d.describedBy} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {d.problemNode}
    </div>
  );
}

export function CheckboxField({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  return (
    <label className="radio">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** A group of checkboxes for a list of values (material types, permissions, services). */
export function CheckboxGroup({
  legend,
  values,
  chosen,
  onChange,
  labelOf,
  disabled,
}: {
  legend: string;
  values: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  labelOf: (value: string) => string;
  disabled?: boolean;
}) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {values.map((v) => (
        <CheckboxField
          key={v}
          label={labelOf(v)}
          checked={chosen.includes(v)}
          disabled={disabled}
          onChange={(on) => onChange(on ? [...chosen, v] : chosen.filter((c) => c !== v))}
        />
      ))}
    </fieldset>
  );
}

/** "Saved" after a successful write, announced to screen readers. */
export function SavedNotice({ shown, text }: { shown: boolean; text?: string }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return (
    <p className="notice notice-success" role="status">
      {text ?? t('admin.saved')}
    </p>
  );
}
