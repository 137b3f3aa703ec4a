/**
 * What a reader or writer found wrong with a record. A warning leaves the record usable (it is
 * kept, and the warning goes with it into the batch report); an error means the record cannot be
 * taken as it is and is rejected (issue 3, "Bad input": rejected records are reported with field
 * and reason and kept for inspection).
 */
export type Severity = 'warning' | 'error';

export interface Problem {
  severity: Severity;
  /** Stable machine code, e.g. `record-length`, `invalid-utf8` (the importer translates these). */
  code: ProblemCode;
  /** The field's tag (`245`), or `leader`, `directory`; absent for the record as a whole. */
  field?: string;
  /** The subfield code when the problem is in one subfield. */
  subfield?: string;
  /** Plain English with the details (bytes, offsets) a cataloguer needs to find the fault. */
  reason: string;
}

/** Every kind of problem the MARC readers and writers report. */
export const problemCodes = [
  // framing of ISO 2709 records in a stream
  'record-length',
  'record-terminator-missing',
  'truncated-record',
  'garbage-skipped',
  'record-too-short',
  'record-too-long',
  // leader and directory
  'leader-invalid',
  'base-address',
  'directory-terminator-missing',
  'directory-length',
  'directory-entry',
  'field-location',
  'field-terminator-missing',
  'no-fields',
  // fields
  'tag-invalid',
  'indicator-invalid',
  'indicators-missing',
  'subfield-code-invalid',
  'subfield-code-missing',
  'data-before-subfield',
  'no-subfields',
  'empty-field',
  'field-too-long',
  'delimiter-in-data',
  // characters
  'invalid-utf8',
  'invalid-encoding',
  'xml-forbidden-character',
  // formats
  'flavour-undetermined',
  'xml-malformed',
  'xml-structure',
  'json-malformed',
  'json-structure',
  'not-a-record',
  // holdings and items (a warning: the record is stored, the copy kept)
  'holdings',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** A warning (the record is kept). */
export const warning = (code: ProblemCode, reason: string, field?: string, subfield?: string): Problem =>
  withPlace({ severity: 'warning', code, reason }, field, subfield);

/** An error (the record is rejected). */
export const error = (code: ProblemCode, reason: string, field?: string, subfield?: string): Problem =>
  withPlace({ severity: 'error', code, reason }, field, subfield);

function withPlace(p: Problem, field?: string, subfield?: string): Problem {
  if (field !== undefined) p.field = field;
  if (subfield !== undefined) p.subfield = subfield;
  return p;
}

/** True when any of `problems` rejects the record. */
export const hasError = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');

/** Two hex digits per byte, for reasons that must show the bytes as they were: `0xC3`. */
export const hexByte = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
