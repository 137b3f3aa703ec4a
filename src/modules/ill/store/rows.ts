/**
 * The rows of interlibrary loan as the service reads them — requests (borrowing side), supplies
 * (lending side), the history — and the SQL fragments the stores share to read and write them
 * (migrations/0010_ill.sql).
 */
import type { IllContext, Rota } from '../domain/index.js';

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

export const iso = (v: unknown): string => new Date(v as string).toISOString();
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const day = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v.slice(0, 10) : new Date(v as Date).toISOString().slice(0, 10));

export const requestColumns = `r.*, b.symbol AS borrowing_symbol,
  (SELECT cl.symbol FROM ill_supplies cs JOIN libraries cl ON cl.id = cs.lending_library_id WHERE cs.id = r.current_supply_id) AS current_lender`;
export const requestFrom = `ill_requests r JOIN libraries b ON b.id = r.borrowing_library_id`;
/** {@link requestColumns} but the rota (requestOf leaves `rota` undefined). */
export const requestColumnsWithoutRota = `r.id, r.borrowing_library_id, r.reader_id, r.reader_name, r.reader_email, r.placed_by, r.cluster_id, r.title, r.author,
  r.isbn, r.issn, r.publication_year, r.material_type, r.service, r.edition, r.article_title, r.pages, r.volume, r.issue, r.needed_by, r.pickup_location,
  r.note, r.citation_key, r.state, r.context, r.lender_index, r.current_supply_id, r.peer_request_id, r.peer_agency, r.version, r.created_at, r.updated_at,
  b.symbol AS borrowing_symbol,
  (SELECT cl.symbol FROM ill_supplies cs JOIN libraries cl ON cl.id = cs.lending_library_id WHERE cs.id = r.current_supply_id) AS current_lender`;

/** A request as a notice reads it: everything but the rota, and the rota's lender at `lenderIndex` (`rotaLender`). */
export type NoticeRequest = Omit<RequestRow, 'rota'> & { rotaLender: string | null };

export function requestOf(r: Record<string, unknown>): RequestRow {
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

export const supplyColumns = `s.*, l.symbol AS lending_symbol, b.symbol AS borrowing_symbol, r.title, r.author, r.needed_by`;
export const supplyFrom = `ill_supplies s JOIN ill_requests r ON r.id = s.request_id JOIN libraries l ON l.id = s.lending_library_id JOIN libraries b ON b.id = r.borrowing_library_id`;

export function supplyOf(r: Record<string, unknown>): SupplyRow {
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

/**
 * A request's history (of one lending row when `supplyId` is given): its own aliases, so that it
 * can stand inside another query. An entry's library is its lending row's lender, else the
 * borrower: the request's few symbols are read once (`libs`: the borrower, and the lender of each
 * of its lending rows) and each entry picks its own from them. Joined per entry, `libraries` was
 * scanned whole for every entry — 100 libraries in 5 pages cost the planner less than an index
 * probe (issue 5, session 9).
 */
export const eventsSelect = (requestId: string, supplyId?: string): string =>
  `WITH libs AS MATERIALIZED (
     SELECT NULL::bigint AS supply_id, b.symbol FROM ill_requests er JOIN libraries b ON b.id = er.borrowing_library_id WHERE er.id = ${requestId}
     UNION ALL
     SELECT s.id, l.symbol FROM ill_supplies s JOIN libraries l ON l.id = s.lending_library_id WHERE s.request_id = ${requestId})
   SELECT e.*, coalesce((SELECT symbol FROM libs WHERE libs.supply_id = e.supply_id), (SELECT symbol FROM libs WHERE libs.supply_id IS NULL)) AS library
     FROM ill_events e
    WHERE e.request_id = ${requestId}${supplyId === undefined ? '' : ` AND e.supply_id = ${supplyId}`}`;

export const eventOf = (r: Record<string, unknown>): EventRow => ({
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
export const insertEventSql = (from: number): string =>
  `INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
   VALUES (${Array.from({ length: 10 }, (_, i) => `$${from + i}`).join(', ')})`;
export const eventParams = (e: NewEvent): unknown[] => [e.requestId, e.supplyId, e.side, e.fromState, e.toState, e.event, e.actor, e.actorUser, e.at, JSON.stringify(e.details)];

/** What a save with its history entry returns (illStore.saveRequestWithEvent, saveSupplyWithEvent). */
export interface Saved {
  eventId: number;
  /** The saved row's `updated_at`: the transaction's time, the same for every row it saves. */
  updatedAt: string;
  /** The history before this entry, when asked for. */
  history?: EventRow[];
}
export type SavedRow = { event_id: string; updated_at: unknown; events_json?: Record<string, unknown>[] };
export const savedOf = (r: SavedRow | undefined): Saved | undefined =>
  r ? { eventId: Number(r.event_id), updatedAt: iso(r.updated_at), ...(r.events_json ? { history: r.events_json.map(eventOf) } : {}) } : undefined;

/**
 * The history as the statement's snapshot sees it: what was committed before, and what this
 * transaction wrote in earlier statements — not the entry the statement's own CTE inserts.
 */
export const historyOf = (requestId: string, supplyId?: string) => `(SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (${eventsSelect(requestId, supplyId)}) x) AS events_json`;
/** In place of {@link historyOf} where the caller knows the history already: the column, empty. */
export const noHistory = 'NULL::json AS events_json';
