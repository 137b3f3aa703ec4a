/**
 * A library's view of its readers' profiles: category and block. Every read and change is in the
 * audit log (issue 6: "all access to readers' data is in the audit log"); a block ends the
 * reader's sessions at once and refuses their next sign-in through the library's provider.
 */
import type { Db } from '../../../platform/db/index.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { IdentityErrors } from '../errors.js';
import { sessionStore } from '../session-store.js';
import { providerStore, type ReaderRow } from './provider-store.js';
import type { ReaderCategory } from './mapping.js';

const view = (r: ReaderRow) => ({
  userId: r.user_id,
  library: r.library,
  email: r.email,
  displayName: r.display_name,
  category: r.category,
  blocked: r.blocked,
  blockedReason: r.blocked_reason,
  updatedAt: r.updated_at,
});

/** The route's access rule has checked library-admin or lending in `library`. */
export async function getReader(db: Db, ctx: RequestContext, library: string, userId: number) {
  const r = await providerStore.reader(db, userId, library);
  if (!r) throw IdentityErrors.READER_NOT_FOUND({ id: userId, library });
  await recordAudit(db, { actor: ctx.actor, action: 'reader.read', target: `user:${userId}`, library, ip: ctx.ip, requestId: ctx.requestId });
  return view(r);
}

export async function updateReader(
  db: Db,
  ctx: RequestContext,
  library: string,
  userId: number,
  c: { category?: ReaderCategory; blocked?: boolean; blockedReason?: string | null },
) {
  return db.transaction(async (tx) => {
    const before = await providerStore.reader(tx, userId, library);
    if (!before) throw IdentityErrors.READER_NOT_FOUND({ id: userId, library });
    await providerStore.updateReader(tx, userId, library, c);
    const after = (await providerStore.reader(tx, userId, library))!;
    const blocking = after.blocked && !before.blocked;
    const ended = blocking ? await sessionStore.deleteSessionsOf(tx, userId) : 0;
    const action = blocking ? 'reader.block' : before.blocked && !after.blocked ? 'reader.unblock' : 'reader.update';
    await recordAudit(tx, {
      actor: ctx.actor,
      action,
      target: `user:${userId}`,
      library,
      details: { category: { from: before.category, to: after.category }, blockedReason: after.blocked_reason, sessionsEnded: ended },
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return view(after);
  });
}
