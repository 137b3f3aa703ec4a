/**
 * The record as stored: NFC text, fields in a fixed key order, so that the same record sent twice
 * gives the same JSON and the same content hash (issue 3, "Identity and idempotency").
 */
import { createHash } from 'node:crypto';
import { isControlField, isDataField, type MarcField, type MarcRecord } from '../domain/marc/index.js';

// ASCII is NFC already: testing first keeps the common case cheap.
const NON_ASCII = /[^\x00-\x7f]/;
const nfc = (s: string): string => (NON_ASCII.test(s) ? s.normalize('NFC') : s);

/** The record rebuilt with NFC strings and keys in one order (leader, fields; tag, ind1, ind2, subfields). */
export function canonicalRecord(r: MarcRecord): MarcRecord {
  const fields: MarcField[] = r.fields.map((f) =>
    isControlField(f)
      ? { tag: f.tag, value: nfc(f.value) }
      : { tag: f.tag, ind1: f.ind1, ind2: f.ind2, subfields: f.subfields.map((s) => ({ code: s.code, value: nfc(s.value) })) },
  );
  return { leader: nfc(r.leader), fields };
}

/** The hash of the canonical JSON of a record: equal records, equal hashes. */
export function contentHash(json: string): string {
  return createHash('sha1').update(json).digest('base64url');
}

/**
 * The local id of a record by the library's profile: a control field (`001`) or a subfield
 * (`035$a`, `999$c`). Trimmed; undefined when the record has none.
 */
export function localIdOf(r: MarcRecord, field: string): string | undefined {
  const [tag, code] = field.split('$') as [string, string | undefined];
  for (const f of r.fields) {
    if (f.tag !== tag) continue;
    if (code === undefined) {
      if (isControlField(f)) {
        const v = f.value.trim();
        if (v !== '') return v;
      }
    } else if (isDataField(f)) {
      const v = f.subfields.find((s) => s.code === code)?.value.trim();
      if (v) return v;
    }
  }
  return undefined;
}
