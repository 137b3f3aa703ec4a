/**
 * The record as stored: NFC text, fields in a fixed key order, so that the same record sent twice
 * gives the same JSON and the same content hash (issue 3, "Identity and idempotency").
 */
import { hash } from 'node:crypto';
import { isControlField, isDataField, type MarcField, type MarcRecord } from '../domain/marc/index.js';

// ASCII is NFC already: testing first keeps the common case cheap.
const NON_ASCII = /[^\x00-\x7f]/;
const nfc = (s: string): string => (NON_ASCII.test(s) ? s.normalize('NFC') : s);

const isNfc = (s: unknown): boolean => typeof s === 'string' && (!NON_ASCII.test(s) || s.normalize('NFC') === s);

/** Whether an object's own keys are exactly these, in this order (no array made). */
function keysAre(o: object, a: string, b: string, c?: string, d?: string): boolean {
  let i = 0;
  for (const k in o) {
    if (k !== (i === 0 ? a : i === 1 ? b : i === 2 ? c : i === 3 ? d : undefined)) return false;
    i++;
  }
  return i === (d !== undefined ? 4 : 2);
}

/**
 * Whether a record is canonical already: what the readers give (NFC text, keys in the order
 * below) is, and then it is used as it is rather than copied (a copy of every record was a
 * good part of an import's garbage).
 */
function isCanonical(r: MarcRecord): boolean {
  if (!keysAre(r, 'leader', 'fields') || !isNfc(r.leader)) return false;
  for (const f of r.fields) {
    if (isControlField(f)) {
      if (!keysAre(f, 'tag', 'value') || !isNfc(f.value) || !isNfc(f.tag)) return false;
      continue;
    }
    if (!keysAre(f, 'tag', 'ind1', 'ind2', 'subfields') || !isNfc(f.tag) || !isNfc(f.ind1) || !isNfc(f.ind2)) return false;
    for (const s of f.subfields) if (!keysAre(s, 'code', 'value') || !isNfc(s.code) || !isNfc(s.value)) return false;
  }
  return true;
}

/** The record rebuilt with NFC strings and keys in one order (leader, fields; tag, ind1, ind2, subfields). */
export function canonicalRecord(r: MarcRecord): MarcRecord {
  if (isCanonical(r)) return r;
  return copyCanonical(r);
}

function copyCanonical(r: MarcRecord): MarcRecord {
  const fields: MarcField[] = r.fields.map((f) =>
    isControlField(f)
      ? { tag: f.tag, value: nfc(f.value) }
      : { tag: f.tag, ind1: f.ind1, ind2: f.ind2, subfields: f.subfields.map((s) => ({ code: s.code, value: nfc(s.value) })) },
  );
  return { leader: nfc(r.leader), fields };
}

/**
 * The hash of the canonical JSON of a record: equal records, equal hashes. The one-shot
 * `crypto.hash` gives the same digest as `createHash(…).update(…).digest(…)` without making a
 * Hash object per record (≈ 2.5 × faster on a record's 2 KB).
 */
export function contentHash(json: string): string {
  return hash('sha1', json, 'base64url');
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
