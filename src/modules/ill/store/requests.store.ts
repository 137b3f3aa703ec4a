/** SQL of the borrowing side: the request rows, their saves and the queues. */
import { prepared, type Queryable } from '../../../platform/db/index.js';
import { eventOf, eventParams, eventsSelect, historyOf, insertEventSql, iso, noHistory, requestColumns, requestColumnsWithoutRota, requestFrom, requestOf, savedOf, type EventRow, type NewEvent, type NoticeRequest, type RequestRow, type Saved, type SavedRow, type StoredContext } from './rows.js';
import { commitLast, lastAnswer } from './changed-meanwhile.js';
import { eventAfterMessageSql, logCtes, loggedOf, logParams, type LoggedRow, type MessageLog } from './messages.store.js';

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

const saveRequestSql = (history: boolean) =>
  prepared(`WITH ev AS (${insertEventSql(7)} RETURNING id)
   UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
    WHERE id = $1 AND version = $2
   RETURNING (SELECT id FROM ev) AS event_id, updated_at${history ? `, ${historyOf('ill_requests.id')}` : ''}`);
const SAVE_REQUEST = saveRequestSql(false);
const SAVE_REQUEST_WITH_HISTORY = saveRequestSql(true);
/**
 * {@link SAVE_REQUEST_WITH_HISTORY} as a transaction's last statement: a version that does not
 * match fails it (changed-meanwhile.ts). Without the history when the action knows it already (recent-rows.ts).
 */
const saveRequestLastSql = (history: boolean) => prepared(`WITH ev AS (${insertEventSql(7)} RETURNING id),
   u AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING updated_at, ${history ? historyOf('ill_requests.id') : noHistory})
   ${lastAnswer}`);
const SAVE_REQUEST_LAST = saveRequestLastSql(true);
const SAVE_REQUEST_LAST_ALONE = saveRequestLastSql(false);
const SAVE_REQUEST_WITH_MESSAGE = prepared(`WITH ${logCtes(17)},
   ev AS (${eventAfterMessageSql(7)}),
   u AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND EXISTS (SELECT 1 FROM m) RETURNING updated_at)
   SELECT (SELECT id FROM m) AS message_id, (SELECT id FROM ev) AS event_id, (SELECT updated_at FROM u) AS updated_at`);

/** The entries go as one JSON array of {@link eventParams} arrays, inserted in their order (ids rising). */
const SAVE_REQUEST_WITH_EVENTS = prepared(`WITH ev AS (
     INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
     SELECT (p->>0)::bigint, (p->>1)::bigint, p->>2, p->>3, p->>4, p->>5, p->>6, (p->>7)::bigint, (p->>8)::timestamptz, (p->>9)::jsonb
       FROM jsonb_array_elements($8::jsonb) WITH ORDINALITY AS e(p, n) ORDER BY n RETURNING id),
   u AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = $6, version = version + $7, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING updated_at)
   SELECT (SELECT array_agg(id ORDER BY id) FROM ev) AS event_ids, (SELECT updated_at FROM u) AS updated_at`);

/**
 * {@link SAVE_REQUEST_WITH_EVENTS} with the lending row a Request New creates, the request moved on
 * to it (as insertSupplyForRequest): `$6` counts the entries and the move, `$8`–`$9` the lender
 * and its row's context.
 */
const SAVE_REQUEST_WITH_EVENTS_AND_SUPPLY = prepared(`WITH ev AS (
     INSERT INTO ill_events (request_id, supply_id, side, from_state, to_state, event, actor, actor_user, at, details)
     SELECT (p->>0)::bigint, (p->>1)::bigint, p->>2, p->>3, p->>4, p->>5, p->>6, (p->>7)::bigint, (p->>8)::timestamptz, (p->>9)::jsonb
       FROM jsonb_array_elements($7::jsonb) WITH ORDINALITY AS e(p, n) ORDER BY n RETURNING id),
   s AS (INSERT INTO ill_supplies (request_id, lending_library_id, state, context, remote)
         VALUES ($1, $8, 'new', $9, EXISTS (SELECT 1 FROM ill_peers p WHERE p.library_id = $8)) RETURNING id, remote),
   u AS (UPDATE ill_requests SET state = $3, context = $4, lender_index = $5, current_supply_id = (SELECT id FROM s), version = version + $6, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING updated_at)
   SELECT (SELECT array_agg(id ORDER BY id) FROM ev) AS event_ids, (SELECT updated_at FROM u) AS updated_at, s.id, s.remote FROM s`);

export const requestStore = {
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
   * The request without its rota (a few kilobytes of JSON), for a notice: the rota's lender at
   * `lenderIndex` instead, the one entry a notice names (issue 5, session 13 — the notices'
   * follower read the whole row for each notice).
   */
  async requestForNotice(db: Queryable, id: number): Promise<NoticeRequest | undefined> {
    const { rows } = await db.query(
      prepared(`SELECT ${requestColumnsWithoutRota}, CASE WHEN r.lender_index >= 0 THEN r.rota->'ranked'->r.lender_index->>'symbol' END AS rota_lender
         FROM ${requestFrom} WHERE r.id = $1`),
      [id],
    );
    if (!rows[0]) return undefined;
    const { rota: _, ...row } = requestOf(rows[0]);
    return { ...row, rotaLender: (rows[0].rota_lender as string | null) ?? null };
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
   * {@link saveRequestWithEvent} with the history, as the transaction's last statement: committed
   * with it where the database can (changed-meanwhile.ts). Undefined when the version did not match.
   */
  async saveRequestWithEventLast(tx: Queryable, r: SavedRequest, e: NewEvent, history = true): Promise<Saved | undefined> {
    return commitLast(tx, history ? SAVE_REQUEST_LAST : SAVE_REQUEST_LAST_ALONE, [r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, ...eventParams(e)]);
  },

  /**
   * Several steps of one request saved at once, in one statement: their history entries in order
   * and the state the last one left; the version moves on by one a step, as if each were saved on
   * its own. Undefined when the version did not match; else the entries' ids in order.
   */
  async saveRequestWithEvents(tx: Queryable, r: SavedRequest, es: NewEvent[]): Promise<{ eventIds: number[]; updatedAt: string } | undefined> {
    const { rows } = await tx.query<{ event_ids: (string | number)[] | null; updated_at: unknown }>(SAVE_REQUEST_WITH_EVENTS, [
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, r.currentSupplyId, es.length,
      JSON.stringify(es.map((e) => eventParams(e))),
    ]);
    const row = rows[0];
    return row && row.updated_at !== null ? { eventIds: (row.event_ids ?? []).map(Number), updatedAt: iso(row.updated_at) } : undefined;
  },

  /**
   * {@link saveRequestWithEvents}, and the lending row of the Request New the last step sends, the
   * request moved on to it (`lenderIndex`, the current lending row): one statement where there were
   * two. The version moves on by one a step and one for the move, as before. Undefined when the
   * version did not match.
   */
  async saveRequestWithEventsAndSupply(
    tx: Queryable, r: SavedRequest, es: NewEvent[], lendingLibraryId: number, supplyContext: StoredContext,
  ): Promise<{ eventIds: number[]; updatedAt: string; supplyId: number; remote: boolean } | undefined> {
    const { rows } = await tx.query<{ event_ids: (string | number)[] | null; updated_at: unknown; id: string; remote: boolean }>(SAVE_REQUEST_WITH_EVENTS_AND_SUPPLY, [
      r.id, r.version, r.state, JSON.stringify(r.context), r.lenderIndex, es.length + 1,
      JSON.stringify(es.map((e) => eventParams(e))), lendingLibraryId, JSON.stringify(supplyContext),
    ]);
    const row = rows[0];
    return row && row.updated_at !== null
      ? { eventIds: (row.event_ids ?? []).map(Number), updatedAt: iso(row.updated_at), supplyId: Number(row.id), remote: row.remote === true }
      : undefined;
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

  /** The request with its whole history, in one statement (what the desk shows after an action). */
  async requestWithEvents(db: Queryable, id: number): Promise<(RequestRow & { events: EventRow[] }) | undefined> {
    const { rows } = await db.query(
      prepared(`SELECT ${requestColumns}, (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (${eventsSelect('r.id')}) x) AS events_json FROM ${requestFrom} WHERE r.id = $1`),
      [id],
    );
    return rows[0] ? { ...requestOf(rows[0]), events: (rows[0].events_json as Record<string, unknown>[]).map(eventOf) } : undefined;
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
};
