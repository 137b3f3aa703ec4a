/**
 * A member record as the editor holds it: every field and subfield with a key of its own (so
 * React keeps the focus in the right box when fields move), indicators as typed. Converted from
 * and to the API's shape (`GET`/`PUT /api/v1/records/{symbol}/{localId}`, docs/cataloguing.md).
 */

export type Flavour = 'marc21' | 'unimarc';

/** A field as the API sends and takes it. */
export interface ApiField {
  tag: string;
  value?: string;
  ind1?: string;
  ind2?: string;
  subfields?: { code: string; value: string }[];
}

export interface EditableSubfield {
  key: string;
  code: string;
  value: string;
}

export interface EditableField {
  key: string;
  tag: string;
  /** A control field's value (001–009). */
  value: string;
  ind1: string;
  ind2: string;
  subfields: EditableSubfield[];
}

export interface EditableRecord {
  flavour: Flavour;
  leader: string;
  fields: EditableField[];
}

let counter = 0;
/** A key for a new field or subfield, unique in this page's life. */
export const newKey = (): string => `k${++counter}`;

/** 001–009: a value, no indicators, no subfields (MARC 21 and UNIMARC alike). */
export const isControlTag = (tag: string): boolean => /^00[1-9]$/.test(tag);

/** A blank indicator is shown as `#`, as cataloguers write it. */
const shownIndicator = (i: string | undefined): string => (i === undefined || i === ' ' ? '#' : i);
/** `#`, `_`, a space or nothing: blank. */
const sentIndicator = (i: string): string => (i === '' || i === '#' || i === '_' ? ' ' : i);

export function toEditable(record: { flavour: Flavour; leader: string; fields: ApiField[] }): EditableRecord {
  return {
    flavour: record.flavour,
    leader: record.leader,
    fields: record.fields.map((f) => ({
      key: newKey(),
      tag: f.tag,
      value: f.value ?? '',
      ind1: f.value !== undefined ? '' : shownIndicator(f.ind1),
      ind2: f.value !== undefined ? '' : shownIndicator(f.ind2),
      subfields: (f.subfields ?? []).map((s) => ({ key: newKey(), code: s.code, value: s.value })),
    })),
  };
}

/** The body of `PUT /api/v1/records/{symbol}/{localId}`: control fields as values, data fields with blanks as spaces. */
export function toApi(record: EditableRecord): { flavour: Flavour; leader: string; fields: ApiField[] } {
  return {
    flavour: record.flavour,
    leader: record.leader,
    fields: record.fields.map((f) =>
      isControlTag(f.tag) && f.subfields.length === 0
        ? { tag: f.tag, value: f.value }
        : { tag: f.tag, ind1: sentIndicator(f.ind1), ind2: sentIndicator(f.ind2), subfields: f.subfields.map((s) => ({ code: s.code, value: s.value })) },
    ),
  };
}

export const emptyField = (tag = ''): EditableField => ({ key: newKey(), tag, value: '', ind1: '#', ind2: '#', subfields: [{ key: newKey(), code: 'a', value: '' }] });
export const emptySubfield = (code = ''): EditableSubfield => ({ key: newKey(), code, value: '' });

/** Moves the item at `from` by `by` places (−1 up, +1 down); the same list when it cannot move. */
export function moved<T>(list: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}
