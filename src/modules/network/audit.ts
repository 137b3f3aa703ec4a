import type { Queryable } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import { recordAudit } from '../identity/index.js';

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
 */
export async function recordNetworkAudit(tx: Queryable, a: Actor, e: NetworkAuditEvent): Promise<void> {
  await recordAudit(tx, {
    actor: a.principal,
    actorName: a.name,
    action: e.action,
    target: e.target,
    library: e.library,
    alliance: e.alliance,
    details: e.details,
    ip: a.ip,
    requestId: a.requestId,
  });
}
