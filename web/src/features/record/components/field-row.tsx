import { useTranslation } from 'react-i18next';
import { emptySubfield, isControlTag, moved, type EditableField } from '../domain/editable-record';
import { FieldInput } from './field-input';

/**
 * One field of the record in the editor's grid: tag, then a control field's value or a data
 * field's two indicators and its subfields (code and value), each with its problem; buttons to
 * move and remove the field and its subfields, and to add a subfield.
 */
export function FieldRow(props: {
  field: EditableField;
  index: number;
  count: number;
  problemAt: (path: string) => string | undefined;
  onChange: (field: EditableField) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { field: f, index: i } = props;
  const n = i + 1;
  const at = `fields.${i}`;
  const name = f.tag || '???';
  const control = isControlTag(f.tag) && f.subfields.length === 0;
  const set = (patch: Partial<EditableField>) => props.onChange({ ...f, ...patch });
  const setSub = (j: number, patch: { code?: string; value?: string }) => set({ subfields: f.subfields.map((s, k) => (k === j ? { ...s, ...patch } : s)) });
  const subfieldsProblem = props.problemAt(`${at}.subfields`);

  return (
    <li className="marc-field">
      <div className="marc-field-head">
        <FieldInput label={t('record.tagOf', { n })} value={f.tag} onChange={(tag) => set({ tag })} problem={props.problemAt(`${at}.tag`)} className="marc-tag" maxLength={3} />
        {!control && (
          <>
            <FieldInput label={t('record.ind1Of', { n, tag: name })} value={f.ind1} onChange={(ind1) => set({ ind1 })} problem={props.problemAt(`${at}.ind1`)} className="marc-ind" />
            <FieldInput label={t('record.ind2Of', { n, tag: name })} value={f.ind2} onChange={(ind2) => set({ ind2 })} problem={props.problemAt(`${at}.ind2`)} className="marc-ind" />
          </>
        )}
        {control && <FieldInput label={t('record.valueOf', { n, tag: name })} value={f.value} onChange={(value) => set({ value })} problem={props.problemAt(`${at}.value`)} className="marc-value" />}
        <div className="marc-actions" role="group" aria-label={t('record.fieldActions', { n, tag: name })}>
          <button type="button" className="button button-small" disabled={i === 0} onClick={() => props.onMove(-1)} aria-label={t('record.moveUp', { n, tag: name })}>
            ↑
          </button>
          <button type="button" className="button button-small" disabled={i === props.count - 1} onClick={() => props.onMove(1)} aria-label={t('record.moveDown', { n, tag: name })}>
            ↓
          </button>
          <button type="button" className="button button-small" onClick={props.onRemove} aria-label={t('record.removeField', { n, tag: name })}>
            ✕
          </button>
        </div>
      </div>
      {!control && (
        <ol className="marc-subfields">
          {f.subfields.map((s, j) => (
            <li key={s.key} className="marc-subfield">
              <span aria-hidden="true" className="marc-dollar">
                $
              </span>
              <FieldInput label={t('record.codeOf', { n, tag: name, m: j + 1 })} value={s.code} onChange={(code) => setSub(j, { code })} problem={props.problemAt(`${at}.subfields.${j}.code`)} className="marc-code" maxLength={1} />
              <FieldInput label={t('record.subfieldValueOf', { n, tag: name, code: s.code || '?' })} value={s.value} onChange={(value) => setSub(j, { value })} problem={props.problemAt(`${at}.subfields.${j}.value`)} className="marc-value" />
              <div className="marc-actions" role="group" aria-label={t('record.subfieldActions', { tag: name, code: s.code || '?', m: j + 1 })}>
                <button type="button" className="button button-small" disabled={j === 0} onClick={() => set({ subfields: moved(f.subfields, j, -1) })} aria-label={t('record.subfieldUp', { tag: name, code: s.code || '?', m: j + 1 })}>
                  ↑
                </button>
                <button type="button" className="button button-small" disabled={j === f.subfields.length - 1} onClick={() => set({ subfields: moved(f.subfields, j, 1) })} aria-label={t('record.subfieldDown', { tag: name, code: s.code || '?', m: j + 1 })}>
                  ↓
                </button>
                <button type="button" className="button button-small" onClick={() => set({ subfields: f.subfields.filter((_, k) => k !== j) })} aria-label={t('record.removeSubfield', { tag: name, code: s.code || '?', m: j + 1 })}>
                  ✕
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {subfieldsProblem && <p className="field-problem">{subfieldsProblem}</p>}
      {!control && (
        <button type="button" className="link-button" onClick={() => set({ subfields: [...f.subfields, emptySubfield()] })}>
          {t('record.addSubfield', { n, tag: name })}
        </button>
      )}
    </li>
  );
}
