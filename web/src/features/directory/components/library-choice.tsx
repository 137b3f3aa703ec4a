import { useId } from 'react';
import { useLibraryName } from '../hooks/use-libraries';

interface Props {
  label: string;
  /** The empty choice's text ("choose a library"). */
  placeholder: string;
  /** Library symbols to choose from. */
  choices: readonly string[];
  value: string | null;
  onChange: (symbol: string | null) => void;
}

/** A labelled choice of one library, named in the reader's language with its symbol (desks, settings, administration). */
export function LibraryChoice({ label, placeholder, choices, value, onChange }: Props) {
  const id = useId();
  const nameOf = useLibraryName();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{placeholder}</option>
        {choices.map((s) => (
          <option key={s} value={s}>
            {nameOf(s)} ({s})
          </option>
        ))}
      </select>
    </div>
  );
}
