import type { Db } from '../../platform/db/index.js';
import type { TokenRow } from './store.js';
import type { RoleGrant } from '../../platform/http/access.js';

/** A live token as the authentication reads it: its row, its account's name and address, the account's grants. */
export type ActiveToken = TokenRow & { email: string; display_name: string; grants: RoleGrant[] };

/** Enough for every token a busy deployment's systems and desks use at once; past it, all are read again. */
const MAX_KEPT = 10_000;

/**
 * API tokens kept in memory, so that a call made with one does not read it, its account and its
 * grants first (issue 5 figures: that read was one statement of every call). Kept only while the
 * server listens for `anylib_identity` on a PostgreSQL server (migration 0035): a statement that
 * revokes, expires or re-scopes a token, disables or renames an account, changes any grant, or
 * renames a library or alliance notifies every server when it commits, and each drops all it
 * kept. A change made through this server drops it at once as well ({@link forgetKeptTokens}),
 * so its next call never sees the old token. What is left: a change made elsewhere (another
 * server, SQL by hand) counts once its notification arrives — milliseconds after its commit; a
 * call already past the check runs on. While the listening connection is down nothing is kept
 * (every call reads, as before). A read that began before a notification is not kept (its
 * snapshot may predate the change). Expiry is checked at every call by this server's clock. On
 * PGlite nothing is kept: no listening, and nothing to save there.
 */
class TokenCache {
  private readonly kept = new Map<string, ActiveToken>();
  private generation = 0;
  private listening = false;

  constructor(db: Db) {
    db.listen?.('anylib_identity', {
      notified: () => this.forget(),
      listening: (up) => {
        this.forget();
        this.listening = up;
      },
    });
  }

  forget(): void {
    this.generation++;
    this.kept.clear();
  }

  async read(tokenHash: string, load: () => Promise<ActiveToken | undefined>): Promise<ActiveToken | undefined> {
    const kept = this.kept.get(tokenHash);
    if (kept && (kept.expires_at === null || new Date(kept.expires_at).getTime() > Date.now())) return kept;
    if (kept) this.kept.delete(tokenHash);
    const generation = this.generation;
    const token = await load();
    if (token && this.listening && generation === this.generation) {
      if (this.kept.size >= MAX_KEPT) this.kept.clear();
      this.kept.set(tokenHash, token);
    }
    return token;
  }
}

const caches = new WeakMap<Db, TokenCache>();
const all = new Set<WeakRef<TokenCache>>();

/** The kept tokens of one database (one per Db, so that a process with several keeps them apart). */
export function tokenCache(db: Db): TokenCache {
  let c = caches.get(db);
  if (!c) {
    c = new TokenCache(db);
    caches.set(db, c);
    all.add(new WeakRef(c));
  }
  return c;
}

/**
 * Something that a kept token stands for was changed through this process (a token revoked, an
 * account or its grants changed): every kept token is read again, from the very next call on,
 * without waiting for the notification.
 */
export function forgetKeptTokens(): void {
  for (const ref of all) {
    const c = ref.deref();
    if (c) c.forget();
    else all.delete(ref);
  }
}
