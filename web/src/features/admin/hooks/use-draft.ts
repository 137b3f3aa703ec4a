import { useCallback, useState } from 'react';

/**
 * A form's draft as typed, and which fields were touched: a field's problem shows once the user
 * has typed in it (validation as they type), every field's after the first attempt to save.
 */
export function useDraft<T>(initial: T) {
  const [draft, setDraft] = useState<T>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const update = useCallback((field: string, change: (d: T) => T) => {
    setDraft(change);
    setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  }, []);
  const reset = useCallback((next: T) => {
    setDraft(next);
    setTouched(new Set());
    setAttempted(false);
  }, []);
  /** The problems to show now: those of touched fields, all after an attempt to save. */
  const visible = useCallback(
    (problems: Record<string, string | undefined>) =>
      attempted ? problems : Object.fromEntries(Object.entries(problems).filter(([k]) => touched.has(k))),
    [attempted, touched],
  );
  return { draft, update, reset, attempt: () => setAttempted(true), visible };
}
