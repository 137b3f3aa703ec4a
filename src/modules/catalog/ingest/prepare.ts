/**
 * The work on each input that needs no database: the record as stored (canonical, NFC), its
 * local id by the library's profile, its content hash, whether it is a deletion. Done before the
 * batch's transaction so that the transaction stays short.
 */
import type { Flavour, MarcRecord, Problem } from '../domain/marc/index.js';
import { error } from '../domain/marc/problems.js';
import { canonicalRecord, contentHash, localIdOf } from './canonical.js';
import type { ParsedInput, SourceFormat } from './types.js';

const UNSTORABLE = /(?<!\\)\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

export type Prepared =
  | { kind: 'record'; index: number; position?: number; localId: string; record: MarcRecord; json: string; hash: string; flavour: Flavour; sourceFormat: SourceFormat }
  | { kind: 'delete'; index: number; position?: number; localId: string }
  | { kind: 'reject'; index: number; position?: number; localId?: string; problems: Problem[] };

export function prepare(input: ParsedInput, index: number, localIdField: string): Prepared {
  const position = input.position;
  if (input.kind === 'delete') {
    const localId = input.localId.trim();
    if (localId === '') return { kind: 'reject', index, position, problems: [error('no-fields', 'a deletion names no local id', localIdField)] };
    return { kind: 'delete', index, position, localId };
  }
  const record = canonicalRecord(input.record);
  const localId = localIdOf(record, localIdField);
  if (localId === undefined) {
    return { kind: 'reject', index, position, problems: [error('no-fields', `the record has no local id in ${localIdField}`, localIdField.slice(0, 3))] };
  }
  // Leader/05 'd': the member's system says the record is deleted (MARC 21 and UNIMARC alike).
  if (record.leader[5] === 'd') return { kind: 'delete', index, position, localId };
  const json = JSON.stringify(record);
  // PostgreSQL's jsonb refuses NUL and lone surrogates: one such value would fail its whole batch.
  if (json.includes('\\u') && UNSTORABLE.test(json)) {
    return { kind: 'reject', index, position, localId, problems: [error('invalid-encoding', 'the record holds a NUL character or a lone UTF-16 surrogate, which cannot be stored')] };
  }
  return { kind: 'record', index, position, localId, record, json, hash: contentHash(json), flavour: input.flavour, sourceFormat: input.sourceFormat };
}

/**
 * Splits prepared inputs into transactions of at most `size`, cutting also where a local id
 * comes again (the later one then sees the earlier one stored, as if sent apart).
 */
export function* chunks(items: Prepared[], size: number): Generator<Prepared[]> {
  let chunk: Prepared[] = [];
  let ids = new Set<string>();
  for (const p of items) {
    const id = p.kind === 'reject' ? undefined : p.localId;
    if (chunk.length >= size || (id !== undefined && ids.has(id))) {
      yield chunk;
      chunk = [];
      ids = new Set();
    }
    chunk.push(p);
    if (id !== undefined) ids.add(id);
  }
  if (chunk.length > 0) yield chunk;
}
