import type { Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';

/** Who changes the directory: a signed-in account or token, or the system (demo loader, CLI on the database). */
export interface Actor {
  principal?: Principal;
  /** Names the actor when there is no principal (`anylib CLI`, `demo`); default `system`. */
  name?: string;
  ip?: string;
  requestId?: string;
}

/** The actor of a request. */
export function actorOf(req: { principal: Principal | undefined; ip: string; id: string }): Actor {
  return { principal: req.principal, ip: req.ip, requestId: req.id };
}

export interface NetworkAuditEvent {
  /** `library.create`, `alliance.members.add`, `network.import` … */
  action: string;
  /** `library:CN-NJU`, `alliance:JALIS`, `agreement:YRD-RECIPROCAL-2024`, `network` */
  target: string;
  library?: string;
  alliance?: string;
  details?: Record<string, unknown>;
}

/**
 * Writes a privileged change of the directory to the audit log, in the transaction of the change
 * (both are written or neither).
 *
 * TODO(identity): this is a stand-in written while the identity module's `recordAudit` was being
 * built; replace the body with `recordAudit(tx, { actor: a.principal, actorName: a.name, … })`
 * from '../identity/index.js' once that is exported.
 */
export async function recordNetworkAudit(tx: Queryable, a: Actor, e: NetworkAuditEvent): Promise<void> {
  // The CLI's local principal is no row in users: it is named, not referenced.
  const actorId = a.principal && a.principal.via !== 'local' && a.principal.userId > 0 ? a.principal.userId : null;
  await tx.query(
    `INSERT INTO audit_log (actor_id, actor, action, target, library_id, alliance_id, details, ip, request_id)
     VALUES ($1, $2, $3, $4, (SELECT id FROM libraries WHERE symbol = $5), (SELECT id FROM alliances WHERE code = $6), $7, $8, $9)`,
    [actorId, a.principal?.email ?? a.name ?? 'system', e.action, e.target, e.library ?? null, e.alliance ?? null, JSON.stringify(e.details ?? {}), a.ip ?? null, a.requestId ?? null],
  );
}
