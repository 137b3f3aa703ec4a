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
export function contentHash(json: string | Uint8Array): string {
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

/**
 * The canonical JSON of a record as UTF-8 bytes, the same bytes as `JSON.stringify(r)` gives as
 * text (leader, fields; tag, value or ind1, ind2, subfields; code, value — the order
 * `canonicalRecord` makes); undefined when a value holds a NUL or a lone surrogate, which the
 * database cannot store. For an import on the PostgreSQL server (sent there as they are, a
 * binary parameter, and hashed as they are): written byte by byte for ASCII values, which are
 * most, it costs about half of `JSON.stringify` and its hash, and the text lives outside the
 * JavaScript heap, so the scavenges no longer copy each record's ≈ 2 KB while its batch waits
 * for its commit (docs/import.md, session 13). Views of a shared block of 1 MB: a view is only
 * for this thread (posted to another, it would copy the whole block).
 */
export function canonicalJsonBytes(r: MarcRecord): Buffer | undefined {
  let o = block;
  const bound = boundOf(r);
  if (used + bound > o.length) {
    block = o = Buffer.allocUnsafeSlow(Math.max(BLOCK, bound));
    used = 0;
  }
  const start = used;
  let p = bytesOf(o, used, LEADER);
  p = put(o, p, r.leader);
  p = bytesOf(o, p, FIELDS);
  const fields = r.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (i > 0) o[p++] = 0x2c; // ,
    p = bytesOf(o, p, TAG);
    p = put(o, p, f.tag);
    if (isControlField(f)) {
      p = bytesOf(o, p, VALUE);
      p = put(o, p, f.value);
      p = bytesOf(o, p, CLOSE);
      continue;
    }
    p = bytesOf(o, p, IND1);
    p = put(o, p, f.ind1);
    p = bytesOf(o, p, IND2);
    p = put(o, p, f.ind2);
    p = bytesOf(o, p, SUBFIELDS);
    const subfields = f.subfields;
    for (let j = 0; j < subfields.length; j++) {
      const s = subfields[j]!;
      if (j > 0) o[p++] = 0x2c;
      p = bytesOf(o, p, CODE);
      p = put(o, p, s.code);
      p = bytesOf(o, p, VALUE);
      p = put(o, p, s.value);
      p = bytesOf(o, p, CLOSE);
    }
    o[p++] = 0x5d; // ]
    o[p++] = 0x7d; // }
  }
  o[p++] = 0x5d;
  o[p++] = 0x7d;
  if (unstorable) {
    unstorable = false;
    return undefined;
  }
  used = p;
  return o.subarray(start, p);
}

/**
 * A text's UTF-8 bytes in the same shared block (for the normalised record's JSON, beside the
 * record's own): off the JavaScript heap until the batch is committed.
 */
export function textBytes(s: string): Buffer {
  let o = block;
  if (used + 3 * s.length > o.length) {
    block = o = Buffer.allocUnsafeSlow(Math.max(BLOCK, 3 * s.length));
    used = 0;
  }
  const start = used;
  used += o.write(s, start, 'utf8');
  return o.subarray(start, used);
}

const BLOCK = 1 << 20;
let block = Buffer.allocUnsafeSlow(0);
let used = 0;
/** Set by `putOther` when a value cannot be stored: the record's bytes are then not kept. */
let unstorable = false;
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const LEADER = ascii('{"leader":"');
const FIELDS = ascii('","fields":[');
const TAG = ascii('{"tag":"');
const VALUE = ascii('","value":"');
const IND1 = ascii('","ind1":"');
const IND2 = ascii('","ind2":"');
const SUBFIELDS = ascii('","subfields":[');
const CODE = ascii('{"code":"');
const CLOSE = ascii('"}');
/** Characters JSON.stringify writes otherwise than as themselves. */
const ESCAPED = /[\x00-\x1f"\\\ud800-\udfff]/;
const UNSTORABLE = /(?<!\\)\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
/** Whether JSON text holds a NUL or a lone surrogate, which PostgreSQL's jsonb refuses. */
export const unstorableJson = (json: string): boolean => json.includes('\\u') && UNSTORABLE.test(json);

/** At most the bytes of the record's JSON: a character is at most 6 bytes there (`\u001f`, or 3 of UTF-8). */
function boundOf(r: MarcRecord): number {
  let n = 32 + 6 * r.leader.length;
  for (const f of r.fields) {
    if (isControlField(f)) n += 32 + 6 * (f.tag.length + f.value.length);
    else {
      n += 64 + 6 * (f.tag.length + f.ind1.length + f.ind2.length);
      for (const s of f.subfields) n += 32 + 6 * (s.code.length + s.value.length);
    }
  }
  return n;
}

function bytesOf(o: Buffer, p: number, a: readonly number[]): number {
  for (let i = 0; i < a.length; i++) o[p++] = a[i]!;
  return p;
}

/** Writes a string's JSON (without its quotes) at `p`; the position after it. */
function put(o: Buffer, p: number, s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || c < 0x20 || c === 0x22 || c === 0x5c) return putOther(o, p, s);
    o[p + i] = c;
  }
  return p + n;
}

function putOther(o: Buffer, p: number, s: string): number {
  if (!ESCAPED.test(s)) return p + o.write(s, p, 'utf8');
  const t = JSON.stringify(s).slice(1, -1);
  if (unstorableJson(t)) unstorable = true;
  return p + o.write(t, p, 'utf8');
}
