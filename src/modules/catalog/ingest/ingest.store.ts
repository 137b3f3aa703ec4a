/**
 * The SQL of member records as ingest writes them: the library's catalog profile, the records
 * already held under a batch's local ids, new and changed records with their previous versions,
 * deletions, and holdings with items. Bulk statements over JSON record sets, one per step.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import type { HoldingsFor } from './holdings.js';

export interface LibraryProfile {
  libraryId: number;
  symbol: string;
  localIdField: string;
  flavour: 'auto' | 'marc21' | 'unimarc';
  itemProfile: string;
  itemMapping: Record<string, unknown>;
  sourcePriority: number;
  /** The character set the library's records are in; null: each record's declaration. */
  charset: string | null;
}

/** The library and how its records are read; defaults when it has no catalog profile. Null: no such library. */
export async function libraryProfile(db: Queryable, symbol: string): Promise<LibraryProfile | null> {
  const { rows } = await db.query<{
    id: number; symbol: string; local_id_field: string | null; flavour: string | null; item_profile: string | null;
    item_mapping: Record<string, unknown> | null; source_priority: number | null; charset: string | null;
  }>(
    `SELECT l.id, l.symbol, p.local_id_field, p.flavour, p.item_profile, p.item_mapping, p.source_priority, p.charset
       FROM libraries l LEFT JOIN catalog_profiles p ON p.library_id = l.id WHERE l.symbol = $1`,
    [symbol],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    libraryId: Number(r.id),
    symbol: r.symbol,
    localIdField: r.local_id_field ?? '001',
    flavour: (r.flavour ?? 'auto') as LibraryProfile['flavour'],
    itemProfile: r.item_profile ?? 'auto',
    itemMapping: r.item_mapping ?? {},
    sourcePriority: Number(r.source_priority ?? 0),
    charset: r.charset,
  };
}

export interface HeldRecord {
  id: number;
  localId: string;
  hash: string;
  clusterId: number | null;
  deleted: boolean;
  matchKeys: string[];
}

/** The records the library holds under `localIds` (deleted ones too). */
export async function heldRecords(tx: Queryable, libraryId: number, localIds: string[]): Promise<Map<string, HeldRecord>> {
  const { rows } = await tx.query<{ id: number; local_id: string; content_hash: string; cluster_id: number | null; deleted: boolean; match_keys: string[] }>(
    prepared(`SELECT id, local_id, content_hash, cluster_id, deleted_at IS NOT NULL AS deleted, match_keys
       FROM records WHERE library_id = $1 AND local_id = ANY($2::text[])`),
    [libraryId, localIds],
  );
  const out = new Map<string, HeldRecord>();
  for (const r of rows) {
    out.set(r.local_id, {
      id: Number(r.id), localId: r.local_id, hash: r.content_hash, clusterId: r.cluster_id === null ? null : Number(r.cluster_id),
      deleted: r.deleted, matchKeys: r.match_keys,
    });
  }
  return out;
}

/** A record row as written (new or changed). */
export interface RecordRow {
  id: number;
  localId: string;
  clusterId: number;
  flavour: string;
  sourceFormat: string;
  contentHash: string;
  /** The record's canonical JSON text, or its UTF-8 bytes (a binary parameter: the PostgreSQL server only), sent as it is. */
  recordJson: string | Uint8Array;
  /** The normalised record's JSON text, or its UTF-8 bytes (as `recordJson`). */
  normalisedJson: string | Uint8Array;
  matchKeys: string[];
  encodingLevel: string;
  encodingRank: number;
  completeness: number;
}

/**
 * Rows go as the parameters of one multi-row VALUES, each record's JSON text its own parameter:
 * the server parses each document once, where `jsonb_to_recordset` over one document parsed the
 * whole set and then copied each record out of it, and Node sends the strings it has rather than
 * building one document of a batch (measured on 20,000 corpus records: a third less Node CPU
 * than the document, against `unnest`, whose array literals pg escapes in JavaScript, a sixth).
 *
 * The statement has one of a few fixed sizes (SHAPES rows), the rows past the batch's sent as
 * NULLs and skipped: its text is then one of a few, kept prepared on PostgreSQL (`prepared`), so
 * the server parses and plans a statement of thousands of parameters once per connection instead
 * of once per batch (docs/import.md, session 5).
 */
const PER_ROW = 12;
const SHAPES = [16, 64, 128, 256, 512] as const;
const LARGEST = SHAPES[SHAPES.length - 1]!;
const shapeOf = (n: number): number => SHAPES.find((s) => s >= n) ?? LARGEST;
function rowValues(n: number, from: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const o = from + i * PER_ROW;
    rows.push(`($${o + 1}::bigint, $${o + 2}::text, $${o + 3}::bigint, $${o + 4}::text, $${o + 5}::text, $${o + 6}::text, $${o + 7}::json, $${o + 8}::json, $${o + 9}::text[], $${o + 10}::text, $${o + 11}::int, $${o + 12}::int)`);
  }
  return rows.join(',');
}
function rowParams(rows: RecordRow[], shape: number, into: unknown[]): unknown[] {
  for (const r of rows) {
    into.push(r.id, r.localId, r.clusterId, r.flavour, r.sourceFormat, r.contentHash, r.recordJson, r.normalisedJson, r.matchKeys, r.encodingLevel, r.encodingRank, r.completeness);
  }
  for (let i = rows.length * PER_ROW; i < shape * PER_ROW; i++) into.push(null);
  return into;
}
const rowColumns = 'x(id, local_id, cluster_id, flavour, source_format, content_hash, record, normalised, match_keys, encoding_level, encoding_rank, completeness)';

const insertSql = new Map<number, string>();
const insertStatement = (shape: number): string => {
  let sql = insertSql.get(shape);
  if (sql === undefined) {
    sql = prepared(
      `INSERT INTO records (id, library_id, local_id, cluster_id, flavour, source_format, content_hash, record, normalised, match_keys, encoding_level,
                            encoding_rank, completeness, changed_by, changed_via)
       SELECT x.id, $1, x.local_id, x.cluster_id, x.flavour, x.source_format, x.content_hash, x.record, x.normalised,
              x.match_keys, x.encoding_level, x.encoding_rank, x.completeness, $3, $2
         FROM (VALUES ${rowValues(shape, 3)}) AS ${rowColumns}
        WHERE x.id IS NOT NULL`,
    );
    insertSql.set(shape, sql);
  }
  return sql;
};

/** Writes new records. */
export async function insertRecords(tx: Queryable, libraryId: number, rows: RecordRow[], via: string, userId: number | null): Promise<void> {
  for (let i = 0; i < rows.length; i += LARGEST) {
    const part = rows.length <= LARGEST ? rows : rows.slice(i, i + LARGEST);
    const shape = shapeOf(part.length);
    await tx.query(insertStatement(shape), rowParams(part, shape, [libraryId, via, userId]));
  }
}

const updateSql = new Map<number, string>();
const updateStatement = (shape: number): string => {
  let sql = updateSql.get(shape);
  if (sql === undefined) {
    sql = prepared(
      `UPDATE records r SET cluster_id = x.cluster_id, flavour = x.flavour, source_format = x.source_format, content_hash = x.content_hash,
              record = x.record, normalised = x.normalised, match_keys = x.match_keys, encoding_level = x.encoding_level,
              encoding_rank = x.encoding_rank, completeness = x.completeness,
              version = r.version + 1, deleted_at = NULL, changed_by = $2, changed_via = $1, updated_at = now()
         FROM (VALUES ${rowValues(shape, 2)}) AS ${rowColumns}
        WHERE r.id = x.id`,
    );
    updateSql.set(shape, sql);
  }
  return sql;
};

/**
 * Writes changed records as their next version, after keeping the version they replace in
 * record_versions (with who made it and how). A deleted record sent again comes back to life.
 */
export async function updateRecords(tx: Queryable, rows: RecordRow[], via: string, userId: number | null): Promise<void> {
  for (let i = 0; i < rows.length; i += LARGEST) {
    const part = rows.length <= LARGEST ? rows : rows.slice(i, i + LARGEST);
    const shape = shapeOf(part.length);
    await keepVersions(tx, part.map((r) => r.id));
    await tx.query(updateStatement(shape), rowParams(part, shape, [via, userId]));
  }
}

async function keepVersions(tx: Queryable, ids: number[]): Promise<void> {
  await tx.query(
    prepared(`INSERT INTO record_versions (record_id, version, record, content_hash, changed_by, changed_via, changed_at)
     SELECT id, version, record, content_hash, changed_by, coalesce(changed_via, 'import'), updated_at FROM records WHERE id = ANY($1::bigint[])
     ON CONFLICT (record_id, version) DO NOTHING`),
    [ids],
  );
}

/** Marks records deleted (they stay, so OAI-PMH can say so) and removes their holdings. */
export async function markDeleted(tx: Queryable, ids: number[], via: string, userId: number | null): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE records SET deleted_at = now(), changed_by = $3, changed_via = $2, updated_at = now() WHERE id = ANY($1::bigint[])', [ids, via, userId]);
  await tx.query('DELETE FROM holdings WHERE record_id = ANY($1::bigint[])', [ids]);
}

/** Moves records to other clusters (staff decisions), their holdings with them. */
export async function moveRecords(tx: Queryable, moves: { id: number; cluster: number }[]): Promise<void> {
  if (moves.length === 0) return;
  const ids = moves.map((m) => m.id);
  const clusters = moves.map((m) => m.cluster);
  await tx.query('UPDATE records r SET cluster_id = m.c, updated_at = now() FROM unnest($1::bigint[], $2::bigint[]) AS m(id, c) WHERE r.id = m.id', [ids, clusters]);
  await tx.query('UPDATE holdings h SET cluster_id = m.c FROM unnest($1::bigint[], $2::bigint[]) AS m(id, c) WHERE h.record_id = m.id', [ids, clusters]);
}

/**
 * Replaces the holdings and items of records (each record's holdings as its latest version
 * says). A barcode already used by another copy of the library is left off the new copy
 * rather than failing the batch. Holdings and their items go in one statement: the holdings'
 * ids are drawn from the sequence in it and the items find theirs by the holding's place in the
 * document (one round trip and one statement instead of three).
 */
export async function replaceHoldings(tx: Queryable, libraryId: number, recordIds: number[], holdings: HoldingsFor[]): Promise<void> {
  if (recordIds.length > 0) await tx.query(prepared('DELETE FROM holdings WHERE record_id = ANY($1::bigint[])'), [recordIds]);
  // The document is put together from each holding's text (made with the record, before the
  // transaction): only a record repeating a barcode of an earlier record of the batch is read again.
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const h of holdings) {
    if (h.holdings.length === 0) continue;
    const head = `{"record_id":${h.recordId},"cluster_id":${h.clusterId},`;
    if (!h.barcodes.some((b) => seen.has(b))) {
      for (const b of h.barcodes) seen.add(b);
      for (const tail of h.holdings) parts.push(head + tail);
      continue;
    }
    for (const tail of h.holdings) {
      const holding = JSON.parse(`{${tail}`) as { items: { barcode: string | null }[] };
      for (const it of holding.items) {
        if (it.barcode === null) continue;
        if (seen.has(it.barcode)) it.barcode = null;
        else seen.add(it.barcode);
      }
      parts.push(head + JSON.stringify(holding).slice(1));
    }
  }
  if (parts.length === 0) return;
  await tx.query(
    prepared(`WITH h AS MATERIALIZED (
       SELECT nextval('holdings_id_seq') AS id, x.record_id, x.cluster_id, x.location, x.call_number, x.summary, x.items
         FROM jsonb_to_recordset($1::jsonb) AS x(record_id bigint, cluster_id bigint, location text, call_number text, summary text, items jsonb)),
     made AS (
       INSERT INTO holdings (id, record_id, library_id, cluster_id, location, call_number, summary)
       SELECT id, record_id, $2, cluster_id, location, call_number, summary FROM h)
     INSERT INTO items (holding_id, library_id, barcode, location, call_number, material_type, status, due_date)
     SELECT h.id, $2, i.barcode, i.location, i.call_number, i.material_type, i.status, i.due_date
       FROM h CROSS JOIN LATERAL jsonb_to_recordset(h.items) AS i(barcode text, location text, call_number text, material_type text, status text, due_date date)
     ON CONFLICT (library_id, barcode) WHERE barcode IS NOT NULL DO NOTHING`),
    [`[${parts.join(',')}]`, libraryId],
  );
}
