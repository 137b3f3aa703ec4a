import { useId } from 'react';

/**
 * One box of the editor with its label (visually hidden when the grid's heading says it) and its
 * problem right under it, tied to it by aria-describedby, as the cataloguer types.
 */
export function FieldInput(props: {
  label: string;
  hideLabel?: boolean;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
  className?: string;
  maxLength?: number;
  readOnly?: boolean;
  inputMode?: 'text' | 'numeric';
  lang?: string;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  return (
    <div className={`marc-box ${props.className ?? ''}`}>
      <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : undefined}>
        {props.label}
      </label>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        maxLength={props.maxLength}
        readOnly={props.readOnly}
        inputMode={props.inputMode}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? problemId : undefined}
      />
      {props.problem && (
        <p id={problemId} className="field-problem">
          {props.problem}
        </p>
      )}
    </div>
  );
}
