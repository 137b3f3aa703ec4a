/**
 * SQL of interlibrary loan: requests (borrowing side), supplies (lending side), the event history
 * and the message log (migrations/0010_ill.sql).
 */
import { prepared, type Queryable } from '../../platform/db/index.js';
import { LIBRARY_AVAILABILITY, type ClusterSummary, type LibraryAvailability } from '../catalog/index.js';
import type { DirectoryVersion } from './directory.js';
import type { IllContext, Rota } from './domain/index.js';

/** What the service keeps of a side's context (the clock and the rota's answer are filled in per step). */
export type StoredContext = Omit<IllContext, 'now' | 'hasNextLender'>;

export interface Citation {
  clusterId: number | null;
  title: string;
  author: string | null;
  isbn: string | null;
  issn: string | null;
  year: number | null;
  materialType: string;
  service: 'loan' | 'copy' | 'either';
  edition: 'this' | 'any';
  articleTitle: string | null;
  pages: string | null;
  volume: string | null;
  issue: string | null;
}

export interface RequestRow {
  id: number;
  borrowingLibraryId: number;
  borrowingLibrary: string;
  /** NULL for a request a peer sent us (its reader is the peer's). */
  readerId: number | null;
  readerName: string;
  readerEmail: string | null;
  placedBy: number | null;
  citation: Citation;
  neededBy: string | null;
  pickupLocation: string | null;
  note: string | null;
  citationKey: string;
  state: string;
  context: StoredContext;
  rota: Rota;
  lenderIndex: number;
  currentSupplyId: number | null;
  /** The current lender's symbol: the rota's, or the upper tier's after federation. */
  currentLender: string | null;
  /** A request a peer sent us: the peer's request id and the agency it addressed (migrations/0013). */
  peerRequestId: string | null;
  peerAgency: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SupplyRow {
  id: number;
  requestId: number;
  lendingLibraryId: number;
  lendingLibrary: string;
  borrowingLibrary: string;
  state: string;
  context: StoredContext;
  /** The lender lives at a peer: its side runs there; `peerRequestId` is the id the peer gave the request. */
  remote: boolean;
  peerRequestId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  title: string;
  author: string | null;
  neededBy: string | null;
}

export interface EventRow {
  id: number;
  side: 'borrowing' | 'lending';
  supplyId: number | null;
  library: string;
  fromState: string | null;
  toState: string;
  event: string;
  actor: string;
  actorUser: number | null;
  at: string;
  details: Record<string, unknown>;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v.slice(0, 10) : new Date(v as Date).toISOString().slice(0, 10));

const requestColumns = `r.*, b.symbol AS borrowing_symbol,
  (SELECT cl.symbol FROM ill_supplies cs JOIN libraries cl ON cl.id = cs.lending_library_id WHERE cs.id = r.current_supply_id) AS current_lender`;
const requestFrom = `ill_requests r JOIN libraries b ON b.id = r.borrowing_library_id`;

function requestOf(r: Record<string, unknown>): RequestRow {
  return {
    id: Number(r.id),
    borrowingLibraryId: Number(r.borrowing_library_id),
    borrowingLibrary: r.borrowing_symbol as string,
    readerId: num(r.reader_id),
    readerName: r.reader_name as string,
    readerEmail: (r.reader_email as string | null) ?? null,
    placedBy: num(r.placed_by),
    citation: {
      clusterId: num(r.cluster_id),
      title: r.title as string,
      author: (r.author as string | null) ?? null,
      isbn: (r.isbn as string | null) ?? null,
      issn: (r.issn as string | null) ?? null,
      year: num(r.publication_year),
      materialType: r.material_type as string,
      service: r.service as Citation['service'],
      edition: r.edition as Citation['edition'],
      articleTitle: (r.article_title as string | null) ?? null,
      pages: (r.pages as string | null) ?? null,
      volume: (r.volume as string | null) ?? null,
      issue: (r.issue as string | null) ?? null,
    },
    neededBy: day(r.needed_by),
    pickupLocation: (r.pickup_location as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    citationKey: r.citation_key as string,
    state: r.state as string,
    context: r.context as StoredContext,
    rota: r.rota as Rota,
    lenderIndex: Number(r.lender_index),
    currentSupplyId: num(r.current_supply_id),
    currentLender: (r.current_lender as string | null) ?? null,
    peerRequestId: (r.peer_request_id as string | null) ?? null,
    peerAgency: (r.peer_agency as string | null) ?? null,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const supplyColumns = `s.*, l.symbol AS lending_symbol, b.symbol AS borrowing_symbol, r.title, r.author, r.needed_by`;
const supplyFrom = `ill_supplies s JOIN ill_requests r ON r.id = s.request_id JOIN libraries l ON l.id = s.lending_library_id JOIN libraries b ON b.id = r.borrowing_library_id`;

function supplyOf(r: Record<string, unknown>): SupplyRow {
  return {
    id: Number(r.id),
    requestId: Number(r.request_id),
    lendingLibraryId: Number(r.lending_library_id),
    lendingLibrary: r.lending_symbol as string,
    borrowingLibrary: r.borrowing_symbol as string,
    state: r.state as string,
    context: r.context as StoredContext,
    remote: r.remote === true,
    peerRequestId: (r.peer_request_id as string | null) ?? null,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    title: r.title as string,
    author: (r.author as string | null) ?? null,
    neededBy: day(r.needed_by),
  };
}

/** A cluster as sourcing reads it (illStore.clusterForSourcing). */
export interface ClusterForSourcing {
  directory: DirectoryVersion;
  /** Undefined when there is no such live cluster with a display record. */
  cluster: { summary: ClusterSummary; issns: string[] } | undefined;
  libraries: LibraryAvailability[];
}

/** A request's history (of one lending row when `supplyId` is given): its own aliases, so that it can stand inside another query. */
const eventsSelect = (requestId: string, supplyId?: string): string =>
  `SELECT e.*, coalesce(el.symbol, eb.symbol) AS library
     FROM ill_events e JOIN ill_requests er ON er.id = e.request_id JOIN libraries eb ON eb.id = er.borrowing_library_id
     LEFT JOIN ill_supplies es ON es.id = e.supply_id LEFT JOIN libraries el ON el.id = es.lending_library_id
    WHERE e.request_id = ${requestId}${supplyId === undefined ? '' : ` AND e.supply_id = ${supplyId}`}`;

const eventOf = (r: Record<string, unknown>): EventRow => ({
  id: Number(r.id),
  side: r.side as EventRow['side'],
  supplyId: num(r.supply_id),
  library: r.library as string,
  fromState: (r.from_state as string | null) ?? null,
  toState: r.to_state as string,
  event: r.event as string,
  actor: r.actor as string,
  actorUser: num(r.actor_user),
  at: iso(r.at),
  details: r.details as Record<string, unknown>,
});

/** An entry of the history as a step writes it. */
export type NewEvent = Omit<EventRow, 'id' | 'at' | 'library'> & { requestId: number; at: string };

/** The INSERT of one history entry, its ten parameters numbered from `from`. */
const insertEventSql = (from: number): string =>
  `INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
   VALUES (${Array.from({ length: 10 }, (_, i) => `$${from + i}`).join(', ')})`;
const eventParams = (e: NewEvent): unknown[] => [e.requestId, e.supplyId, e.side, e.fromState, e.toState, e.event, e.actor, e.actorUser, e.at, JSON.stringify(e.details)];

/** What placing a request writes: a request row before the database gives it an id, a borrowing library's symbol, a version and times. */
export type NewRequest = Pick<RequestRow,
  'borrowingLibraryId' | 'readerId' | 'readerName' | 'readerEmail' | 'placedBy' | 'citation' | 'neededBy' | 'pickupLocation' |
  'note' | 'citationKey' | 'state' | 'context' | 'rota'> & Partial<Pick<RequestRow, 'peerRequestId' | 'peerAgency'>>;

/**
 * What a step saves of a request. The rota is written once, with the request (it is computed
 * when the request is placed and never changed afterwards): a save leaves the stored one as it
 * is, rather than writing — and PostgreSQL compressing — its few kilobytes again at every step.
 */
export type SavedRequest = Pick<RequestRow, 'id' | 'version' | 'state' | 'context' | 'lenderIndex' | 'currentSupplyId'>;

/** What a save with its history entry returns (illStore.saveRequestWithEvent, saveSupplyWithEvent). */
export interface Saved {
  eventId: number;
  /** The saved row's `updated_at`: the transaction's time, the same for every row it saves. */
  updatedAt: string;
  /** The history before this entry, when asked for. */
  history?: EventRow[];
}
type SavedRow = { event_id: string; updated_at: unknown; events_json?: Record<string, unknown>[] };
const savedOf = (r: SavedRow | undefined): Saved | undefined =>
  r ? { eventId: Number(r.event_id), updatedAt: iso(r.updated_at), ...(r.events_json ? { history: r.events_json.map(eventOf) } : {}) } : undefined;

/**
 * The history as the statement's snapshot sees it: what was committed before, and what this
 * transaction wrote in earlier statements — not the entry the statement's own CTE inserts.
 */
const historyOf = (requestId: string, supplyId?: string) => `(SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (${eventsSelect(requestId, supplyId)}) x) AS events_json`;
const saveRequestSql = (history: boolean) =>
  prepared(`WITH ev AS (${insertEventSql(7)} RETURNING id)
   UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
    WHERE id = $1 AND version = $2
   RETURNING (SELECT id FROM ev) AS event_id, updated_at${history ? `, ${historyOf('ill_requests.id')}` : ''}`);
const SAVE_REQUEST = saveRequestSql(false);
const SAVE_REQUEST_WITH_HISTORY = saveRequestSql(true);
const saveSupplySql = (history: boolean) =>
  prepared(`WITH ev AS (${insertEventSql(5)} RETURNING id)
   UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2
   RETURNING (SELECT id FROM ev) AS event_id, updated_at${history ? `, ${historyOf('ill_supplies.request_id', 'ill_supplies.id')}` : ''}`);
const SAVE_SUPPLY = saveSupplySql(false);
const SAVE_SUPPLY_WITH_HISTORY = saveSupplySql(true);

/**
 * A message passed in-process and its confirmation, to be logged in the same statement as the
 * step the message makes on the receiving side (illStore.saveRequestWithEvent and friends).
 */
export interface MessageLog {
  message: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower'; kind: string; key: string; version: string; xml: string; at: string };
  confirmation: { direction: 'to-lender' | 'to-borrower'; kind: string; key: string; xml: string; outcome: string; at: string };
}
const logParams = ({ message: m, confirmation: c }: MessageLog): unknown[] =>
  [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.at, c.direction, c.kind, c.key, c.xml, c.outcome, c.at];
/**
 * The message (CTE `m`: empty when its key was logged already — the same message again) and its
 * confirmation (`c`, written only with a new message), their fourteen parameters numbered from `f`.
 */
const logCtes = (f: number): string => {
  const p = (i: number) => `$${f + i}`;
  return `m AS (
     INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, at)
     VALUES (${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}) ON CONFLICT (message_key) DO NOTHING RETURNING id),
   c AS (
     INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at, confirms)
     SELECT ${p(0)}, ${p(1)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(5)}, ${p(11)}, ${p(12)}, ${p(13)}, m.id FROM m
     ON CONFLICT (message_key) DO NOTHING RETURNING id)`;
};
/** The history entry written only with a new message (`m`), its ten parameters numbered from `f`. */
const eventAfterMessageSql = (f: number): string =>
  `INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
   SELECT ${Array.from({ length: 10 }, (_, i) => `$${f + i}`).join(', ')} FROM m RETURNING id`;
/** The statement's answer: undefined when the message was logged before (nothing else was written), else what the step's save gave. */
type LoggedRow = { message_id: string | null; event_id: string | null; updated_at: unknown };
const loggedOf = (r: LoggedRow): Saved | 'duplicate' | undefined =>
  r.message_id === null ? 'duplicate' : r.updated_at === null ? undefined : { eventId: Number(r.event_id), updatedAt: iso(r.updated_at) };
const SAVE_REQUEST_WITH_MESSAGE = prepared(`WITH ${logCtes(17)},
   ev AS (${eventAfterMessageSql(7)}),
   u AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at`);
const SAVE_SUPPLY_WITH_MESSAGE = prepared(`WITH ${logCtes(15)},
   ev AS (${eventAfterMessageSql(5)}),
   u AS (UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at`);
const EVENT_WITH_MESSAGE = prepared(`WITH ${logCtes(1)}, ev AS (${eventAfterMessageSql(15)})
   SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id`);

export const illStore = {
  /**
   * What placing a request reads of the catalogue, in one statement: the cluster's citation (its
   * summary and the display record's ISSNs, as the catalogue's clustersForIndex gives them), its
   * copies library by library with live availability (the catalogue's availabilityOfClusters,
   * the same counts), and the directory's version — the directory look-ups after it come from the
   * cache of that version (directory.ts).
   */
  async clusterForSourcing(db: Queryable, clusterId: number): Promise<ClusterForSourcing> {
    const { rows } = await db.query<{
      database_id: string; version: string; summary: ClusterSummary | null; issns: string[] | null; displayed: boolean;
      symbol: string | null; copies: number; available: number; on_loan: number; in_transit: number; reference_only: number; next_due: string | null;
    }>(
      prepared(`SELECT v.database_id, v.version::text AS version, c.summary, d.normalised->'issns' AS issns, d.id IS NOT NULL AS displayed, a.*
         FROM ill_directory_version v
         LEFT JOIN clusters c ON c.id = $1 AND c.merged_into IS NULL
         LEFT JOIN records d ON d.id = c.display_record_id AND d.deleted_at IS NULL
         LEFT JOIN LATERAL (
           SELECT l.symbol, ${LIBRARY_AVAILABILITY}
            WHERE r.cluster_id = $1 AND r.deleted_at IS NULL
            GROUP BY l.symbol) a ON true
        ORDER BY a.symbol`),
      [clusterId],
    );
    const first = rows[0]!;
    return {
      directory: { databaseId: first.database_id, version: first.version },
      cluster: first.displayed && first.summary ? { summary: first.summary, issns: first.issns ?? [] } : undefined,
      libraries: rows.filter((r) => r.symbol !== null).map((r) => ({
        symbol: r.symbol!, copies: Number(r.copies), available: Number(r.available), onLoan: Number(r.on_loan), inTransit: Number(r.in_transit),
        referenceOnly: Number(r.reference_only), nextDue: r.next_due,
      })),
    };
  },

  async insertRequest(tx: Queryable, n: NewRequest): Promise<number> {
    const c = n.citation;
    const { rows } = await tx.query<{ id: string }>(
      prepared(`INSERT INTO ill_requests (borrowing_library_id, reader_id, reader_name, reader_email, placed_by, cluster_id, title, author, isbn, issn,
         publication_year, material_type, service, edition, article_title, pages, volume, issue, needed_by, pickup_location, note, citation_key,
         state, context, rota, peer_request_id, peer_agency)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27) RETURNING id`),
      [
        n.borrowingLibraryId, n.readerId, n.readerName, n.readerEmail, n.placedBy, c.clusterId, c.title, c.author, c.isbn, c.issn,
        c.year, c.materialType, c.service, c.edition, c.articleTitle, c.pages, c.volume, c.issue, n.neededBy, n.pickupLocation, n.note, n.citationKey,
        n.state, JSON.stringify(n.context), JSON.stringify(n.rota), n.peerRequestId ?? null, n.peerAgency ?? null,
      ],
    );
    return Number(rows[0]!.id);
  },

  /**
   * Placing a request: the row and its first history entry (`place`) in one statement. Returns
   * the row as {@link request} would read it (the borrowing library's symbol is the caller's;
   * a new request has no lender yet) and the entry's id.
   */
  async insertRequestWithEvent(tx: Queryable, n: NewRequest, borrowingSymbol: string, e: Omit<NewEvent, 'requestId'>): Promise<{ request: RequestRow; eventId: number }> {
    const c = n.citation;
    const { rows } = await tx.query<Record<string, unknown>>(
      prepared(`WITH r AS (
         INSERT INTO ill_requests (borrowing_library_id, reader_id, reader_name, reader_email, placed_by, cluster_id, title, author, isbn, issn,
           publication_year, material_type, service, edition, article_title, pages, volume, issue, needed_by, pickup_location, note, citation_key,
           state, context, rota, peer_request_id, peer_agency)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27) RETURNING *),
       ev AS (
         INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
         SELECT r.id, $28, $29, $30, $31, $32, $33, $34, $35, $36 FROM r RETURNING id)
       SELECT r.*, (SELECT id FROM ev) AS event_id FROM r`),
      [
        n.borrowingLibraryId, n.readerId, n.readerName, n.readerEmail, n.placedBy, c.clusterId, c.title, c.author, c.isbn, c.issn,
        c.year, c.materialType, c.service, c.edition, c.articleTitle, c.pages, c.volume, c.issue, n.neededBy, n.pickupLocation, n.note, n.citationKey,
        n.state, JSON.stringify(n.context), JSON.stringify(n.rota), n.peerRequestId ?? null, n.peerAgency ?? null,
        ...eventParams({ ...e, requestId: 0 }).slice(1),
      ],
    );
    const row = rows[0]!;
    return { request: requestOf({ ...row, borrowing_symbol: borrowingSymbol, current_lender: null }), eventId: Number(row.event_id) };
  },

  /** The request, locked for this transaction when `lock` (FOR UPDATE: a second action waits, then sees the first one's result). */
  async request(db: Queryable, id: number, lock = false): Promise<RequestRow | undefined> {
    const { rows } = await db.query(prepared(`SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`), [id]);
    return rows[0] ? requestOf(rows[0]) : undefined;
  },

  /**
   * Writes the request's state after a step, if nobody changed it since it was read (version);
   * false when somebody did: the caller refuses rather than overwrite.
   */
  async saveRequest(tx: Queryable, r: SavedRequest): Promise<boolean> {
    const { rowCount } = await tx.query(
      prepared(`UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`),
      [r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId],
    );
    return rowCount === 1;
  },

  /**
   * {@link saveRequest} with the step's entry in the history, in one statement (the entry is
   * written whether or not the save succeeds: the caller rolls back when it does not). Undefined
   * when the version did not match; else the entry's id, the row's `updated_at` (the
   * transaction's time) and, with `history`, the request's history before this entry (what an
   * action shows afterwards, without reading it again after the commit).
   */
  async saveRequestWithEvent(tx: Queryable, r: SavedRequest, e: NewEvent, history = false): Promise<Saved | undefined> {
    const { rows } = await tx.query<SavedRow>(
      history ? SAVE_REQUEST_WITH_HISTORY : SAVE_REQUEST,
      [r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(e)],
    );
    return savedOf(rows[0]);
  },

  /**
   * The step a message makes on the borrowing side, saved with the message and its confirmation
   * logged, in one statement: 'duplicate' when the message's key was logged before (then nothing
   * is written, as the same message is applied once), undefined when the version did not match.
   */
  async saveRequestWithMessage(tx: Queryable, r: SavedRequest, e: NewEvent, log: MessageLog): Promise<Saved | 'duplicate' | undefined> {
    const { rows } = await tx.query<LoggedRow>(SAVE_REQUEST_WITH_MESSAGE, [
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(e), ...logParams(log),
    ]);
    return loggedOf(rows[0]!);
  },

  /** The same for the lending side's step. */
  async saveSupplyWithMessage(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>, e: NewEvent, log: MessageLog): Promise<Saved | 'duplicate' | undefined> {
    const { rows } = await tx.query<LoggedRow>(SAVE_SUPPLY_WITH_MESSAGE, [s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(e), ...logParams(log)]);
    return loggedOf(rows[0]!);
  },

  /** A message logged with its confirmation and the history entry it makes (a Request reaching its lender), in one statement; undefined when logged before. */
  async logMessageWithEvent(tx: Queryable, log: MessageLog, e: NewEvent): Promise<number | undefined> {
    const { rows } = await tx.query<{ message_id: string | null; event_id: string | null }>(EVENT_WITH_MESSAGE, [...logParams(log), ...eventParams(e)]);
    return rows[0]!.message_id === null ? undefined : Number(rows[0]!.event_id);
  },

  async insertSupply(tx: Queryable, requestId: number, lendingLibraryId: number, state: string, context: StoredContext, remote = false): Promise<number> {
    const { rows } = await tx.query<{ id: string }>(
      prepared('INSERT INTO ill_supplies (request_id, lending_library_id, state, context, remote) VALUES ($1, $2, $3, $4, $5) RETURNING id'),
      [requestId, lendingLibraryId, state, JSON.stringify(context), remote],
    );
    return Number(rows[0]!.id);
  },

  /**
   * A Request New to a lender: its lending row (in `new`; `remote` when the library is served by
   * a peer, its side running there) and the request moved on to it (`lenderIndex`, the current
   * lending row), in one statement. Undefined when the request's version did not match (the
   * lending row is written anyway: the caller rolls back).
   */
  async insertSupplyForRequest(
    tx: Queryable, r: Pick<RequestRow, 'id' | 'version' | 'lenderIndex'>, lendingLibraryId: number, context: StoredContext,
  ): Promise<{ supplyId: number; remote: boolean } | undefined> {
    const { rows } = await tx.query<{ id: string; remote: boolean; saved: boolean }>(
      prepared(`WITH s AS (
         INSERT INTO ill_supplies (request_id, lending_library_id, state, context, remote)
         VALUES ($1, $3, 'new', $4, EXISTS (SELECT 1 FROM ill_peers p JOIN libraries l ON l.id = p.library_id WHERE p.library_id = $3)) RETURNING id, remote),
       u AS (
         UPDATE ill_requests SET lender_index = $5, current_supply_id = (SELECT id FROM s), version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING id)
       SELECT s.id, s.remote, EXISTS (SELECT 1 FROM u) AS saved FROM s`),
      [r.id, r.version, lendingLibraryId, JSON.stringify(context), r.lenderIndex],
    );
    const row = rows[0]!;
    return row.saved ? { supplyId: Number(row.id), remote: row.remote === true } : undefined;
  },

  async supply(db: Queryable, id: number, lock = false): Promise<SupplyRow | undefined> {
    const { rows } = await db.query(prepared(`SELECT ${supplyColumns} FROM ${supplyFrom} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`), [id]);
    return rows[0] ? supplyOf(rows[0]) : undefined;
  },

  /**
   * A lending row locked for this transaction, its borrower's request locked first (the order
   * every action keeps, so that two cannot deadlock), in one statement: the request is locked by
   * the InitPlan the lending row's filter reads, before the row itself is returned and locked.
   */
  async lockSupplyAndRequest(tx: Queryable, id: number): Promise<{ supply: SupplyRow; request: RequestRow } | undefined> {
    const { rows } = await tx.query(
      prepared(`WITH lr AS MATERIALIZED (SELECT ${requestColumns} FROM ${requestFrom} WHERE r.id = (SELECT request_id FROM ill_supplies WHERE id = $1) FOR UPDATE OF r)
       SELECT ${supplyColumns}, (SELECT to_jsonb(lr) FROM lr) AS locked_request FROM ${supplyFrom} WHERE s.id = $1 AND s.request_id = (SELECT id FROM lr) FOR UPDATE OF s`),
      [id],
    );
    const row = rows[0];
    return row ? { supply: supplyOf(row), request: requestOf(row.locked_request as Record<string, unknown>) } : undefined;
  },

  async saveSupply(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>): Promise<boolean> {
    const { rowCount } = await tx.query(prepared('UPDATE ill_supplies SET state = $3, context = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2'), [
      s.id, s.version, s.state, JSON.stringify(s.context),
    ]);
    return rowCount === 1;
  },

  /** {@link saveSupply} with the step's entry in the history, in one statement (as {@link saveRequestWithEvent}; `history`: the lending row's side of it). */
  async saveSupplyWithEvent(tx: Queryable, s: Pick<SupplyRow, 'id' | 'version' | 'state' | 'context'>, e: NewEvent, history = false): Promise<Saved | undefined> {
    const { rows } = await tx.query<SavedRow>(history ? SAVE_SUPPLY_WITH_HISTORY : SAVE_SUPPLY, [s.id, s.version, s.state, JSON.stringify(s.context), ...eventParams(e)]);
    return savedOf(rows[0]);
  },

  /** Writes one history entry; returns its id. */
  async insertEvent(tx: Queryable, e: NewEvent): Promise<number> {
    const { rows } = await tx.query<{ id: string }>(prepared(`${insertEventSql(1)} RETURNING id`), eventParams(e));
    return Number(rows[0]!.id);
  },

  async events(db: Queryable, requestId: number, supplyId?: number): Promise<EventRow[]> {
    const { rows } = await db.query(`${eventsSelect('$1', supplyId === undefined ? undefined : '$2')} ORDER BY e.id`, supplyId === undefined ? [requestId] : [requestId, supplyId]);
    return rows.map(eventOf);
  },

  /** The request with its whole history, in one statement (what the desk shows after an action). */
  async requestWithEvents(db: Queryable, id: number): Promise<(RequestRow & { events: EventRow[] }) | undefined> {
    const { rows } = await db.query(
      prepared(`SELECT ${requestColumns}, (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (${eventsSelect('r.id')}) x) AS events_json FROM ${requestFrom} WHERE r.id = $1`),
      [id],
    );
    return rows[0] ? { ...requestOf(rows[0]), events: (rows[0].events_json as Record<string, unknown>[]).map(eventOf) } : undefined;
  },

  /** The lending row with its side of the history, in one statement. */
  async supplyWithEvents(db: Queryable, id: number): Promise<(SupplyRow & { events: EventRow[] }) | undefined> {
    const { rows } = await db.query(
      prepared(`SELECT ${supplyColumns}, (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (${eventsSelect('s.request_id', 's.id')}) x) AS events_json FROM ${supplyFrom} WHERE s.id = $1`),
      [id],
    );
    return rows[0] ? { ...supplyOf(rows[0]), events: (rows[0].events_json as Record<string, unknown>[]).map(eventOf) } : undefined;
  },

  /** Logs a message; false when its key was logged already (the same message a second time). */
  async logMessage(
    tx: Queryable,
    m: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower'; kind: string; key: string; version: string; xml: string; outcome?: string; at: string },
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      prepared(`INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (message_key) DO NOTHING`),
      [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.outcome ?? null, m.at],
    );
    return rowCount === 1;
  },

  /**
   * Logs a message passed in-process together with its confirmation, in one statement; the
   * confirmation is written only when the message is new (undefined when its key was logged
   * already: the same message a second time). Returns the confirmation's id (null if its own key
   * was taken), so that it can be replaced when the receiving side refuses the message after all
   * ({@link replaceConfirmation}).
   */
  async logMessageWithConfirmation(
    tx: Queryable,
    m: { requestId: number; supplyId: number | null; direction: 'to-lender' | 'to-borrower'; kind: string; key: string; version: string; xml: string; at: string },
    c: { direction: 'to-lender' | 'to-borrower'; kind: string; key: string; xml: string; outcome: string; at: string },
  ): Promise<{ confirmationId: number | null } | undefined> {
    const { rows } = await tx.query<{ message_id: number | null; confirmation_id: number | null }>(
      prepared(`WITH m AS (
         INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_key) DO NOTHING RETURNING id),
       c AS (
         INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at, confirms)
         SELECT $1, $2, $9, $10, $11, $6, $12, $13, $14, m.id FROM m
         ON CONFLICT (message_key) DO NOTHING RETURNING id)
       SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM c) AS confirmation_id`),
      [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.at, c.direction, c.kind, c.key, c.xml, c.outcome, c.at],
    );
    const r = rows[0]!;
    return r.message_id === null ? undefined : { confirmationId: r.confirmation_id === null ? null : Number(r.confirmation_id) };
  },

  /** The confirmation logged with its message, replaced by the one actually sent (an ERROR). */
  async replaceConfirmation(tx: Queryable, id: number, c: { key: string; xml: string; outcome: string; at: string }): Promise<void> {
    await tx.query(prepared('UPDATE ill_messages SET message_key = $2, xml = $3, outcome = $4, at = $5 WHERE id = $1'), [id, c.key, c.xml, c.outcome, c.at]);
  },

  async messages(db: Queryable, requestId: number): Promise<{ direction: string; kind: string; xml: string; outcome: string | null; supplyId: number | null }[]> {
    const { rows } = await db.query<{ direction: string; kind: string; xml: string; outcome: string | null; supply_id: string | null }>(
      'SELECT direction, kind, xml, outcome, supply_id FROM ill_messages WHERE request_id = $1 ORDER BY id',
      [requestId],
    );
    return rows.map((r) => ({ direction: r.direction, kind: r.kind, xml: r.xml, outcome: r.outcome, supplyId: num(r.supply_id) }));
  },

  /** A reader's requests, newest first. */
  async requestsOfReader(db: Queryable, readerId: number, limit: number, offset: number): Promise<RequestRow[]> {
    const { rows } = await db.query(`SELECT ${requestColumns} FROM ${requestFrom} WHERE r.reader_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3`, [
      readerId, limit, offset,
    ]);
    return rows.map(requestOf);
  },

  /** The borrowing desk's queue: its library's requests, and those peers sent to it (it brokers them). */
  async borrowingQueue(db: Queryable, libraryId: number, state: string | undefined, limit: number, offset: number): Promise<RequestRow[]> {
    const { rows } = await db.query(
      `SELECT ${requestColumns} FROM ${requestFrom}
        WHERE (r.borrowing_library_id = $1 OR r.peer_agency = (SELECT symbol FROM libraries WHERE id = $1)) AND ($2::text IS NULL OR r.state = $2)
        ORDER BY r.needed_by NULLS LAST, r.updated_at, r.id LIMIT $3 OFFSET $4`,
      [libraryId, state ?? null, limit, offset],
    );
    return rows.map(requestOf);
  },

  /** The lending desk's queue. */
  async lendingQueue(db: Queryable, libraryId: number, state: string | undefined, limit: number, offset: number): Promise<SupplyRow[]> {
    const { rows } = await db.query(
      `SELECT ${supplyColumns} FROM ${supplyFrom} WHERE s.lending_library_id = $1 AND NOT s.remote AND ($2::text IS NULL OR s.state = $2)
        ORDER BY r.needed_by NULLS LAST, s.updated_at, s.id LIMIT $3 OFFSET $4`,
      [libraryId, state ?? null, limit, offset],
    );
    return rows.map(supplyOf);
  },

  /** The reader's requests for the eligibility check: open ones, and the recent ones for duplicates. */
  async readerHistory(db: Queryable, readerId: number): Promise<{ id: number; citationKey: string; createdAt: string; closed: boolean }[]> {
    const { rows } = await db.query<{ id: string; citation_key: string; created_at: string; state: string }>(
      prepared(`SELECT id, citation_key, created_at, state FROM ill_requests WHERE reader_id = $1 AND (state NOT IN ('completed', 'cancelled') OR created_at > now() - interval '60 days')`),
      [readerId],
    );
    return rows.map((r) => ({ id: Number(r.id), citationKey: r.citation_key, createdAt: iso(r.created_at), closed: r.state === 'completed' || r.state === 'cancelled' }));
  },
};
