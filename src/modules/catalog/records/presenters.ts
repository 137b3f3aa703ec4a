import { isDataField, type MarcField } from '../domain/marc/index.js';
import type { HeldRecord } from './store.js';

/** A field as JSON: control fields with `value`, data fields with indicators and subfields. */
export const presentField = (f: MarcField) =>
  isDataField(f) ? { tag: f.tag, ind1: f.ind1, ind2: f.ind2, subfields: f.subfields.map((s) => ({ code: s.code, value: s.value })) } : { tag: f.tag, value: f.value };

/** A member record, field by field (INTERFACES.md: library, localId, clusterId, format, flavour, version, fields). */
export const presentRecord = (r: HeldRecord) => ({
  library: r.library,
  localId: r.localId,
  clusterId: r.clusterId,
  format: r.sourceFormat,
  flavour: r.flavour,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
  leader: r.record.leader,
  fields: r.record.fields.map(presentField),
});

/** A line of a list of records. */
export const presentRecordSummary = (r: HeldRecord) => ({
  library: r.library,
  localId: r.localId,
  clusterId: r.clusterId,
  flavour: r.flavour,
  version: r.version,
  deleted: r.deletedAt !== null,
  updatedAt: r.updatedAt.toISOString(),
});

/** The ETag of a record's version: what `If-Match` must repeat to change it. */
export const etagOf = (r: Pick<HeldRecord, 'version'>): string => `"${r.version}"`;

/**
 * The version an `If-Match` header names: `"3"`, `W/"3"` or `3`; `*` (any version) is undefined
 * as if none was given, and so is a header we cannot read (NaN is refused by the caller).
 */
export function versionFromIfMatch(header: string | undefined): number | 'any' | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const h = header.trim();
  if (h === '*') return 'any';
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h);
  return m ? Number(m[1]) : Number.NaN;
}
