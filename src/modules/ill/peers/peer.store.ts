/**
 * SQL of interlibrary loan between deployments (migrations/0013_ill_peers.sql): the peers and
 * the upper tier, the message log as POST /iso18626 and the outbox use it, and the outbox itself.
 */
import { prepared, type Queryable } from '../../../platform/db/index.js';

export interface Peer {
  libraryId: number;
  symbol: string;
  url: string;
  version: '1.2' | '2021';
  upperTier: boolean;
  updatedAt: string;
  /** Whether we issued the peer a secret (only its hash is kept) and whether it gave us one: never the secrets themselves. */
  inboundSecret: boolean;
  outboundSecret: boolean;
  secretsUpdatedAt: string | null;
}

export interface OutboxRow {
  id: number;
  messageId: number;
  requestId: number | null;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  outcome: string | null;
  xml: string;
  /** The secret the peer issued to us, sent as `Authorization: Bearer` (read when posting: a rotation applies to waiting messages). */
  outboundSecret: string | null;
  /** The message's direction (its confirmation comes the other way). */
  direction: 'to-lender' | 'to-borrower';
}

export interface LoggedMessage {
  requestId: number | null;
  supplyId: number | null;
  direction: 'to-lender' | 'to-borrower';
  kind: string;
  key: string;
  version: string;
  xml: string;
  transport: 'in-process' | 'http-in' | 'http-out';
  outcome?: string;
  confirms?: number;
  peer?: string;
  at: string;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const peerOf = (r: Record<string, unknown>): Peer => ({
  libraryId: Number(r.library_id),
  symbol: r.symbol as string,
  url: r.url as string,
  version: r.version as Peer['version'],
  upperTier: r.upper_tier === true,
  updatedAt: iso(r.updated_at),
  inboundSecret: r.inbound_secret_hash !== null && r.inbound_secret_hash !== undefined,
  outboundSecret: r.outbound_secret !== null && r.outbound_secret !== undefined,
  secretsUpdatedAt: r.secrets_updated_at ? iso(r.secrets_updated_at) : null,
});

const peerSelect = 'SELECT p.*, l.symbol FROM ill_peers p JOIN libraries l ON l.id = p.library_id';

export const peerStore = {
  async peers(db: Queryable): Promise<Peer[]> {
    const { rows } = await db.query(`${peerSelect} ORDER BY l.symbol`);
    return rows.map(peerOf);
  },

  async peerOfLibrary(db: Queryable, libraryId: number): Promise<Peer | undefined> {
    const { rows } = await db.query(prepared(`${peerSelect} WHERE p.library_id = $1`), [libraryId]);
    return rows[0] ? peerOf(rows[0]) : undefined;
  },

  async peerBySymbol(db: Queryable, symbol: string): Promise<Peer | undefined> {
    const { rows } = await db.query(`${peerSelect} WHERE l.symbol = $1`, [symbol]);
    return rows[0] ? peerOf(rows[0]) : undefined;
  },

  async upperTier(db: Queryable): Promise<Peer | undefined> {
    const { rows } = await db.query(`${peerSelect} WHERE p.upper_tier`);
    return rows[0] ? peerOf(rows[0]) : undefined;
  },

  /** Sets a library's peer address; naming a new upper tier takes the role from the former one (one transaction). */
  async putPeer(tx: Queryable, libraryId: number, p: { url: string; version: Peer['version']; upperTier: boolean }): Promise<void> {
    if (p.upperTier) await tx.query('UPDATE ill_peers SET upper_tier = false, updated_at = now() WHERE upper_tier AND library_id <> $1', [libraryId]);
    await tx.query(
      `INSERT INTO ill_peers (library_id, url, version, upper_tier) VALUES ($1, $2, $3, $4)
       ON CONFLICT (library_id) DO UPDATE SET url = EXCLUDED.url, version = EXCLUDED.version, upper_tier = EXCLUDED.upper_tier, updated_at = now()`,
      [libraryId, p.url, p.version, p.upperTier],
    );
  },

  /**
   * Sets a peer's secrets: the hash of the one we issued it (inbound), the one it issued us
   * (outbound). `undefined` leaves a secret as it is; `null` removes it.
   */
  async setSecrets(tx: Queryable, libraryId: number, s: { inboundHash?: string | null; outbound?: string | null }): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE ill_peers SET inbound_secret_hash = CASE WHEN $2::boolean THEN $3 ELSE inbound_secret_hash END,
              outbound_secret = CASE WHEN $4::boolean THEN $5 ELSE outbound_secret END, secrets_updated_at = now()
        WHERE library_id = $1`,
      [libraryId, s.inboundHash !== undefined, s.inboundHash ?? null, s.outbound !== undefined, s.outbound ?? null],
    );
    return rowCount === 1;
  },

  /** The hash of the secret we issued to the peer serving `symbol`: undefined when it is no peer, null when it has none. */
  async inboundSecretHash(db: Queryable, symbol: string): Promise<string | null | undefined> {
    const { rows } = await db.query<{ inbound_secret_hash: string | null }>(
      'SELECT p.inbound_secret_hash FROM ill_peers p JOIN libraries l ON l.id = p.library_id WHERE l.symbol = $1', [symbol],
    );
    return rows[0] ? rows[0].inbound_secret_hash : undefined;
  },

  /** Whether some peer holds a secret with this hash (a message we cannot read is answered only for a peer). */
  async anyPeerWithSecret(db: Queryable, hash: string): Promise<boolean> {
    const { rows } = await db.query('SELECT 1 FROM ill_peers WHERE inbound_secret_hash = $1 LIMIT 1', [hash]);
    return rows.length > 0;
  },

  async deletePeer(db: Queryable, libraryId: number): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM ill_peers WHERE library_id = $1', [libraryId]);
    return rowCount === 1;
  },

  /** A request a peer sent us, by the peer's library and the peer's own request id. */
  async proxyRequestId(db: Queryable, borrowingLibraryId: number, peerRequestId: string): Promise<number | undefined> {
    const { rows } = await db.query<{ id: string }>('SELECT id FROM ill_requests WHERE borrowing_library_id = $1 AND peer_request_id = $2', [
      borrowingLibraryId, peerRequestId,
    ]);
    return rows[0] ? Number(rows[0].id) : undefined;
  },

  /**
   * One of our requests, locked, with its lending row at the given peer library (newest, when
   * several): what a SupplyingAgencyMessage needs, in one statement (the message's hot path).
   */
  async requestAndRemoteLender(tx: Queryable, requestId: number, lenderSymbol: string): Promise<
    { state: string; borrowingLibrary: string; peerAgency: string | null; currentSupplyId: number | null; supply: { id: number; peerRequestId: string | null } | null } | undefined
  > {
    const { rows } = await tx.query<{ state: string; symbol: string; peer_agency: string | null; current_supply_id: string | null; supply_id: string | null; supply_peer_request_id: string | null }>(
      `SELECT r.state, b.symbol, r.peer_agency, r.current_supply_id, s.id AS supply_id, s.peer_request_id AS supply_peer_request_id
         FROM ill_requests r JOIN libraries b ON b.id = r.borrowing_library_id
         LEFT JOIN LATERAL (SELECT x.id, x.peer_request_id FROM ill_supplies x JOIN libraries l ON l.id = x.lending_library_id
                             WHERE x.request_id = r.id AND x.remote AND l.symbol = $2 ORDER BY x.id DESC LIMIT 1) s ON true
        WHERE r.id = $1 FOR UPDATE OF r`,
      [requestId, lenderSymbol],
    );
    const r = rows[0];
    return r && {
      state: r.state, borrowingLibrary: r.symbol, peerAgency: r.peer_agency, currentSupplyId: num(r.current_supply_id),
      supply: r.supply_id === null ? null : { id: Number(r.supply_id), peerRequestId: r.supply_peer_request_id },
    };
  },

  async setSupplyPeerRequestId(tx: Queryable, supplyId: number, peerRequestId: string): Promise<void> {
    await tx.query('UPDATE ill_supplies SET peer_request_id = $2 WHERE id = $1 AND peer_request_id IS NULL', [supplyId, peerRequestId]);
  },

  /** Logs a message; its id, or undefined when its key was logged already (the same message again). */
  async log(tx: Queryable, m: LoggedMessage): Promise<number | undefined> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO ill_messages (request_id, supply_id, direction, kind, message_key, version, xml, outcome, at, transport, confirms, peer)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (message_key) DO NOTHING RETURNING id`,
      [m.requestId, m.supplyId, m.direction, m.kind, m.key, m.version, m.xml, m.outcome ?? null, m.at, m.transport, m.confirms ?? null, m.peer ?? null],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  },

  /** Names the request a logged message turned out to be about. */
  async linkMessage(tx: Queryable, id: number, requestId: number | null, supplyId: number | null): Promise<void> {
    await tx.query('UPDATE ill_messages SET request_id = $2, supply_id = $3 WHERE id = $1', [id, requestId, supplyId]);
  },

  /** The confirmation we gave the message logged under this key (a peer sending it again gets the same). */
  async confirmationOf(db: Queryable, key: string): Promise<{ xml: string; outcome: string | null } | undefined> {
    const { rows } = await db.query<{ xml: string; outcome: string | null }>(
      'SELECT c.xml, c.outcome FROM ill_messages m JOIN ill_messages c ON c.confirms = m.id WHERE m.message_key = $1 ORDER BY c.id LIMIT 1',
      [key],
    );
    return rows[0];
  },

  async enqueue(tx: Queryable, o: { messageId: number; requestId: number | null; url: string; peerLibraryId: number }): Promise<number> {
    const { rows } = await tx.query<{ id: string }>('INSERT INTO ill_outbox (message_id, request_id, url, peer_library_id) VALUES ($1, $2, $3, $4) RETURNING id', [
      o.messageId, o.requestId, o.url, o.peerLibraryId,
    ]);
    return Number(rows[0]!.id);
  },

  /**
   * Claims the next message due, for `leaseSeconds`: the oldest pending one of its request (a
   * request's messages reach the peer in the order they were written), skipping rows another
   * node holds (SKIP LOCKED).
   */
  async claim(tx: Queryable, leaseSeconds: number): Promise<OutboxRow | undefined> {
    const { rows } = await tx.query(
      `UPDATE ill_outbox o SET locked_until = now() + make_interval(secs => $1), attempts = o.attempts + 1
        FROM ill_messages m
        WHERE m.id = o.message_id AND o.id = (
          SELECT c.id FROM ill_outbox c
           WHERE c.status = 'pending' AND c.next_attempt_at <= now() AND (c.locked_until IS NULL OR c.locked_until < now())
             AND NOT EXISTS (SELECT 1 FROM ill_outbox e WHERE e.status = 'pending' AND e.request_id = c.request_id AND e.id < c.id)
           ORDER BY c.next_attempt_at, c.id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING o.*, m.xml, m.direction,
          COALESCE((SELECT p.outbound_secret FROM ill_peers p WHERE p.library_id = o.peer_library_id),
                   (SELECT p.outbound_secret FROM ill_peers p WHERE p.url = o.url AND p.outbound_secret IS NOT NULL ORDER BY p.library_id LIMIT 1)) AS outbound_secret`,
      [leaseSeconds],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: Number(r.id), messageId: Number(r.message_id), requestId: num(r.request_id), url: r.url as string, status: r.status as OutboxRow['status'],
      attempts: Number(r.attempts), nextAttemptAt: iso(r.next_attempt_at), lastError: (r.last_error as string | null) ?? null, outcome: (r.outcome as string | null) ?? null,
      xml: r.xml as string, direction: r.direction as OutboxRow['direction'], outboundSecret: (r.outbound_secret as string | null) ?? null,
    };
  },

  async delivered(tx: Queryable, id: number, outcome: string, confirmationId: number | null): Promise<void> {
    await tx.query(
      `UPDATE ill_outbox SET status = 'delivered', outcome = $2, confirmation_id = $3, delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`,
      [id, outcome, confirmationId],
    );
  },

  /** A failed attempt: tried again after `delayMs`, or given up (`failed`) when `giveUp`. */
  async attemptFailed(tx: Queryable, id: number, error: string, delayMs: number, giveUp: boolean): Promise<void> {
    await tx.query(
      `UPDATE ill_outbox SET last_error = $2, locked_until = NULL, status = CASE WHEN $4::boolean THEN 'failed' ELSE status END,
              next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
      [id, error.slice(0, 2000), delayMs, giveUp],
    );
  },

  /** The outbox for operators: by status, newest first. */
  async outboxByStatus(db: Queryable, status: OutboxRow['status'] | undefined, limit: number, offset: number): Promise<(Omit<OutboxRow, 'xml' | 'outboundSecret'> & { kind: string; createdAt: string; deliveredAt: string | null })[]> {
    const { rows } = await db.query(
      `SELECT o.*, m.kind, m.direction FROM ill_outbox o JOIN ill_messages m ON m.id = o.message_id
        WHERE ($1::text IS NULL OR o.status = $1) ORDER BY o.id DESC LIMIT $2 OFFSET $3`,
      [status ?? null, limit, offset],
    );
    return rows.map((r) => ({
      id: Number(r.id), messageId: Number(r.message_id), requestId: num(r.request_id), url: r.url as string, status: r.status as OutboxRow['status'],
      attempts: Number(r.attempts), nextAttemptAt: iso(r.next_attempt_at), lastError: (r.last_error as string | null) ?? null, outcome: (r.outcome as string | null) ?? null,
      direction: r.direction as OutboxRow['direction'], kind: r.kind as string, createdAt: iso(r.created_at), deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
    }));
  },

  async outbox(db: Queryable, requestId?: number): Promise<OutboxRow[]> {
    const { rows } = await db.query(
      `SELECT o.*, m.xml, m.direction FROM ill_outbox o JOIN ill_messages m ON m.id = o.message_id ${requestId === undefined ? '' : 'WHERE o.request_id = $1'} ORDER BY o.id`,
      requestId === undefined ? [] : [requestId],
    );
    return rows.map((r) => ({
      id: Number(r.id), messageId: Number(r.message_id), requestId: num(r.request_id), url: r.url as string, status: r.status as OutboxRow['status'],
      attempts: Number(r.attempts), nextAttemptAt: iso(r.next_attempt_at), lastError: (r.last_error as string | null) ?? null, outcome: (r.outcome as string | null) ?? null,
      xml: r.xml as string, direction: r.direction as OutboxRow['direction'], outboundSecret: null,
    }));
  },
};
