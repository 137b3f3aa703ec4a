/** Small readers over MarcRecord fields shared by the item profiles. */
import type { DataField, MarcRecord } from '../marc/record.js';
import { isDataField } from '../marc/record.js';

/** The data fields of a tag, in record order (tags compared case-insensitively: 'Z30', 'z30'). */
export function dataFields(record: MarcRecord, tag: string): DataField[] {
  const wanted = tag.toUpperCase();
  return record.fields.filter((f): f is DataField => isDataField(f) && f.tag.toUpperCase() === wanted);
}

/** The first non-blank value among the given subfield codes, trimmed; codes tried in order. */
export function firstOf(field: DataField, codes: readonly string[] | undefined): { code: string; value: string } | undefined {
  for (const code of codes ?? []) {
    const sf = field.subfields.find((s) => s.code === code && s.value.trim() !== '');
    if (sf) return { code, value: sf.value.trim() };
  }
  return undefined;
}

/** The first value among the codes, or undefined. */
export const valueOf = (field: DataField, codes: readonly string[] | undefined): string | undefined => firstOf(field, codes)?.value;

/**
 * Every non-blank value of the given codes, in field order, repeated values once, joined by
 * `separator` (call numbers: prefix, class, cutter, suffix; locations: branch / shelf).
 */
export function joinOf(field: DataField, codes: readonly string[] | undefined, separator: string): string | undefined {
  if (!codes || codes.length === 0) return undefined;
  const parts: string[] = [];
  for (const s of field.subfields) {
    const v = s.value.trim();
    if (codes.includes(s.code) && v !== '' && !parts.includes(v)) parts.push(v);
  }
  return parts.length > 0 ? parts.join(separator) : undefined;
}

/** "952[2]$q": where a problem sits, 1-based among the fields of that tag. */
export function where(tag: string, occurrence: number, code?: string): string {
  return `${tag}[${occurrence}]${code ? `$${code}` : ''}`;
}
