/**
 * The work on each input that needs no database, in two steps. `prepare`: the record as stored
 * (canonical, NFC), its local id by the library's profile, its content hash, whether it is a
 * deletion. `complete`: what a new or changed record needs before it is written — normalisation,
 * match keys, display ranks, the summary and work key its cluster may show, its holdings — all as
 * JSON texts and flat values, after which the parsed record is let go (kept until the commit, it
 * was a good part of an import's garbage). An import does both as it reads its file
 * (import/read-batches.ts); other callers prepare in-process and complete only the
 * records the identity check finds new or changed.
 */
import type { Flavour, MarcRecord, Problem } from '../domain/marc/index.js';
import { error } from '../domain/marc/problems.js';
import type { HoldingsProblem, ItemProfile } from '../domain/holdings/index.js';
import { completeness, encodingRank, matchKeys, matchPartOf, storedMatchSummary, workKey, type MatchSummary } from '../domain/match/index.js';
import { normalise } from '../domain/normalise/index.js';
import { canonicalJsonBytes, canonicalRecord, contentHash, localIdOf, textBytes, unstorableJson } from './canonical.js';
import { holdingsOf } from './holdings.js';
import { summarise } from './summary.js';
import type { ParsedInput, SourceFormat } from './types.js';

/** What a new or changed record brings to its batch besides its own JSON. */
export interface Completed {
  /** The normalised record's JSON, as stored: text, or its UTF-8 bytes when the record's JSON is bytes (`prepare`'s `asBytes`). */
  nJson: string | Uint8Array;
  /**
   * What `decide` compares of it (`matchPartOf`), when made in this thread (else the normalised
   * record is parsed from `nJson` when a plan needs it): the rest of the normalised record is
   * let go with the parsed record.
   */
  match?: MatchSummary;
  keys: string[];
  encodingLevel: string;
  encodingRank: number;
  completeness: number;
  /** What a cluster shows when this record is its display record (JSON text), and its work key. */
  summaryJson: string;
  workKey: string | null;
  /** What `decide` compares of its cluster when this record is the display record (stored form, JSON text). */
  matchJson: string;
  /** Each holding as the end of a JSON object (`"location":…,"items":[…]}`): its record and cluster ids go in front. */
  holdings: string[];
  /** The barcodes of its copies, to leave off a copy that repeats another copy of the same batch. */
  barcodes: string[];
  holdingProblems: HoldingsProblem[];
}

export type Prepared =
  | {
    kind: 'record'; index: number; position?: number; localId: string;
    /** The canonical JSON: text, or its UTF-8 bytes (`prepare`'s `asBytes`). */
    json: string | Uint8Array;
    hash: string; flavour: Flavour; sourceFormat: SourceFormat;
    /** The parsed record until it is completed. */
    record?: MarcRecord;
    done?: Completed;
  }
  | { kind: 'delete'; index: number; position?: number; localId: string }
  | { kind: 'reject'; index: number; position?: number; localId?: string; problems: Problem[] };

/**
 * `asBytes`: the canonical JSON as UTF-8 bytes (`canonicalJsonBytes`), for the PostgreSQL
 * server's driver on this thread (an import's in-process reading); else text.
 */
export function prepare(input: ParsedInput, index: number, localIdField: string, asBytes = false): Prepared {
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
  const json = asBytes ? canonicalJsonBytes(record) : JSON.stringify(record);
  // PostgreSQL's jsonb refuses NUL and lone surrogates: one such value would fail its whole batch.
  if (json === undefined || (typeof json === 'string' && unstorableJson(json))) {
    return { kind: 'reject', index, position, localId, problems: [error('invalid-encoding', 'the record holds a NUL character or a lone UTF-16 surrogate, which cannot be stored')] };
  }
  return { kind: 'record', index, position, localId, record, json, hash: contentHash(json), flavour: input.flavour, sourceFormat: input.sourceFormat };
}

/**
 * Completes a prepared record (see `Completed`) and lets its parsed record go; a record with no
 * title becomes a reject. `keepNormalised`: keep what the plan compares of the normalised record
 * as an object too (in-process callers, who would otherwise parse its JSON again).
 */
export function complete(p: Extract<Prepared, { kind: 'record' }>, itemProfile: ItemProfile, keepNormalised: boolean): Prepared {
  const record = p.record;
  if (!record || p.done) return p;
  const n = normalise(record, p.flavour);
  if (n.title === '') {
    const tag = p.flavour === 'unimarc' ? '200' : '245';
    return { kind: 'reject', index: p.index, position: p.position, localId: p.localId, problems: [error('no-fields', `the record has no title (${tag} $a)`, tag, 'a')] };
  }
  const { holdings, problems } = holdingsOf(record, itemProfile);
  const barcodes: string[] = [];
  const tails = holdings.map((h) => {
    const items = h.items.map((it) => {
      if (it.barcode !== undefined) barcodes.push(it.barcode);
      return {
        barcode: it.barcode ?? null, location: it.location ?? null, call_number: it.callNumber ?? null, material_type: it.materialType ?? null, status: it.status,
        due_date: it.dueDate ?? null,
      };
    });
    return JSON.stringify({ location: h.location ?? null, call_number: h.callNumber ?? null, summary: h.summary ?? null, items }).slice(1);
  });
  const nJson = JSON.stringify(n);
  const done: Completed = {
    nJson: typeof p.json === 'string' ? nJson : textBytes(nJson), keys: matchKeys(n), encodingLevel: record.leader[17] ?? ' ', encodingRank: encodingRank(record, p.flavour),
    completeness: completeness(record, p.flavour), summaryJson: JSON.stringify(summarise(record, p.flavour, n)), workKey: workKey(n),
    matchJson: JSON.stringify(storedMatchSummary(n)), holdings: tails, barcodes, holdingProblems: problems,
  };
  if (keepNormalised) done.match = matchPartOf(n);
  const { record: _let, ...rest } = p;
  return { ...rest, done };
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
