/** Small readers over MarcRecord fields shared by the item profiles. */
import type { DataField, MarcRecord } from '../marc/record.js';
import { isDataField } from '../marc/record.js';

/** The data fields of a tag, in record order (tags compared case-insensitively: 'Z30', 'z30'). */
export function dataFields(record: MarcRecord, tag: string): DataField[] {
  const wanted = tag.toUpperCase();
  return record.fields.filter((f): f is DataField => isDataField(f) && f.tag.toUpperCase() === wanted);
}

/** The first non-blank value among the given subfield codes, trimmed; codes tried in order. */
export function firstOf(field: DataField, codes: readonly string[] | undefined): string | undefined {
  for (const code of codes ?? []) {
    const sf = field.subfields.find((s) => s.code === code && s.value.trim() !== '');
    if (sf) return sf.value.trim();
  }
  return undefined;
}

/** Every non-blank value of the given codes, in field order, joined by a space (call numbers). */
export function joinOf(field: DataField, codes: readonly string[] | undefined): string | undefined {
  if (!codes || codes.length === 0) return undefined;
  const parts = field.subfields
    .filter((s) => codes.includes(s.code) && s.value.trim() !== '')
    .map((s) => s.value.trim());
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** "952[2]$q": where a problem sits, 1-based among the fields of that tag. */
export function where(tag: string, occurrence: number, code?: string): string {
  return `${tag}[${occurrence}]${code ? `$${code}` : ''}`;
}
