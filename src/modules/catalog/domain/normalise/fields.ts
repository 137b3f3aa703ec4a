/**
 * Reading fields and subfields out of a MarcRecord, for the normalisers of both flavours.
 */
import { isControlField, isDataField, type DataField, type MarcField, type MarcRecord } from '../marc/record.js';

/**
 * Fields by tag, built once per record: normalising asks for some twenty tags, and scanning
 * the whole record each time was most of its cost. Only the record being normalised is
 * indexed (records are normalised one at a time): a WeakMap keyed by every record kept each
 * record and its index alive through the young generation's collections, so an import's
 * parsed records were copied and promoted instead of dying young (reading and preparing a
 * file: ≈ −20 % CPU, docs/import.md, session 8).
 */
let indexed: MarcRecord | undefined;
let index = new Map<string, MarcField[]>();

function fieldsWithTag(record: MarcRecord, tag: string): MarcField[] {
  if (record !== indexed) {
    index = new Map();
    for (const f of record.fields) {
      const list = index.get(f.tag);
      if (list) list.push(f);
      else index.set(f.tag, [f]);
    }
    indexed = record;
  }
  return index.get(tag) ?? [];
}

/** The value of the first control field with this tag, or undefined. */
export function controlValue(record: MarcRecord, tag: string): string | undefined {
  for (const f of fieldsWithTag(record, tag)) if (isControlField(f)) return f.value;
  return undefined;
}

/** Every control field value with this tag. */
export function controlValues(record: MarcRecord, tag: string): string[] {
  const out: string[] = [];
  for (const f of fieldsWithTag(record, tag)) if (isControlField(f)) out.push(f.value);
  return out;
}

/** Every data field with one of these tags: by tag in the order asked, each in record order. */
export function dataFields(record: MarcRecord, ...tags: string[]): DataField[] {
  const out: DataField[] = [];
  for (const tag of tags) for (const f of fieldsWithTag(record, tag)) if (isDataField(f)) out.push(f);
  return out;
}

/** The values of a field's subfields with one of these codes, in field order. */
export function subfieldValues(field: DataField, codes: string): string[] {
  const out: string[] = [];
  for (const s of field.subfields) if (codes.includes(s.code)) out.push(s.value);
  return out;
}

/** The first value of a subfield code in a field, or undefined. */
export function subfield(field: DataField, code: string): string | undefined {
  for (const s of field.subfields) if (s.code === code) return s.value;
  return undefined;
}

/** The first value of a subfield code in the first field with this tag that has it. */
export function firstSubfield(record: MarcRecord, tag: string, code: string): string | undefined {
  for (const f of dataFields(record, tag)) {
    const v = subfield(f, code);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * MARC 21 880 fields (alternate graphic representation) linked to a tag: the vernacular
 * (Chinese, Japanese, Hebrew …) form of a romanised 245, 100, 260 … ($6 "245-01/$1").
 */
export function linkedVernacular(record: MarcRecord, tag: string): DataField[] {
  return dataFields(record, '880').filter((f) => subfield(f, '6')?.startsWith(tag) === true);
}

/** Subfield values joined with spaces (MARC punctuation stays; folding removes it). */
export function joined(field: DataField | undefined, codes: string): string {
  return field ? subfieldValues(field, codes).join(' ') : '';
}
