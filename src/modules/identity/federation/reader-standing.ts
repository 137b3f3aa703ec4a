/**
 * A reader's standing in a library: their category, whether the library has blocked them, and
 * the interlibrary-loan limits the library set for that category. The ILL module's eligibility
 * reads it through identity's index (`readerStanding`); libraries set the limits through the API.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { IdentityErrors } from '../errors.js';
import { readerCategories, type ReaderCategory } from './mapping.js';

/** What a library allows readers of one category (the shape of ILL's ReaderCategoryRules). */
export interface IllLimits {
  mayRequest: boolean;
  services: ('loan' | 'copy')[];
  maxOpenRequests: number;
  excludedMaterialTypes: string[];
}

export interface ReaderStanding {
  userId: number;
  library: string;
  category: ReaderCategory;
  blocked: boolean;
  blockedReason: string | null;
  /** null: the library set no limits for this category (ILL applies its defaults). */
  illLimits: IllLimits | null;
}

interface LimitRow {
  category: ReaderCategory;
  may_request: boolean;
  services: ('loan' | 'copy')[];
  max_open_requests: number;
  excluded_material_types: string[];
}

const limitsOf = (r: LimitRow): IllLimits => ({ mayRequest: r.may_request, services: r.services, maxOpenRequests: r.max_open_requests, excludedMaterialTypes: r.excluded_material_types });

/**
 * The reader's standing as one SQL expression: a JSON object, or null when the account is no
 * reader in the library — for a module that reads it with its own statement (ILL reads it with the
 * cluster when a request is placed, one round trip instead of three). `user` and `library` are the
 * statement's parameters (`$n`) for the account's id and the library's symbol; read it back with
 * {@link standingOf}.
 */
export const readerStandingSql = (user: string, library: string): string =>
  `(SELECT json_build_object('category', r.category, 'blocked', r.blocked, 'blocked_reason', r.blocked_reason, 'has_limits', c.category IS NOT NULL,
            'may_request', c.may_request, 'services', c.services, 'max_open_requests', c.max_open_requests, 'excluded_material_types', c.excluded_material_types)
       FROM reader_profiles r JOIN libraries l ON l.id = r.library_id
       LEFT JOIN reader_category_limits c ON c.library_id = r.library_id AND c.category = r.category
      WHERE r.user_id = ${user} AND l.symbol = ${library})`;

/** The standing {@link readerStandingSql} read (null or undefined: no reader there). */
export function standingOf(json: unknown, userId: number, library: string): ReaderStanding | undefined {
  if (json === null || json === undefined) return undefined;
  const r = (typeof json === 'string' ? JSON.parse(json) : json) as LimitRow & { blocked: boolean; blocked_reason: string | null; has_limits: boolean };
  return { userId, library, category: r.category, blocked: r.blocked, blockedReason: r.blocked_reason, illLimits: r.has_limits ? limitsOf(r) : null };
}

/**
 * The reader's standing in `library`, or undefined when the account is no reader there. For other
 * modules (through identity's index): not audited by itself — the caller acts for the reader.
 */
export async function readerStanding(db: Queryable, userId: number, library: string): Promise<ReaderStanding | undefined> {
  const { rows } = await db.query<{ standing: unknown }>(`SELECT ${readerStandingSql('$1::bigint', '$2::text')} AS standing`, [userId, library]);
  return standingOf(rows[0]?.standing, userId, library);
}

/** Every category of the library with its limits (null where none are set). */
export async function categoryLimits(db: Queryable, library: string): Promise<{ category: ReaderCategory; illLimits: IllLimits | null }[]> {
  const { rows } = await db.query<LimitRow>(
    `SELECT c.category, c.may_request, c.services, c.max_open_requests, c.excluded_material_types
       FROM reader_category_limits c JOIN libraries l ON l.id = c.library_id WHERE l.symbol = $1`,
    [library],
  );
  return readerCategories.map((category) => {
    const row = rows.find((r) => r.category === category);
    return { category, illLimits: row ? limitsOf(row) : null };
  });
}

/** Sets (or with null removes) a category's limits; audited. The route checked library-admin. */
export async function setCategoryLimits(db: Db, ctx: RequestContext, library: string, category: ReaderCategory, limits: IllLimits | null) {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM libraries WHERE symbol = $1', [library]);
    if (!rows[0]) throw IdentityErrors.SCOPE_NOT_FOUND({ kind: 'library', name: library });
    if (limits === null) await tx.query('DELETE FROM reader_category_limits WHERE library_id = $1 AND category = $2', [rows[0].id, category]);
    else {
      await tx.query(
        `INSERT INTO reader_category_limits (library_id, category, may_request, services, max_open_requests, excluded_material_types) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (library_id, category) DO UPDATE SET may_request = EXCLUDED.may_request, services = EXCLUDED.services,
           max_open_requests = EXCLUDED.max_open_requests, excluded_material_types = EXCLUDED.excluded_material_types, updated_at = now()`,
        [rows[0].id, category, limits.mayRequest, [...new Set(limits.services)], limits.maxOpenRequests, limits.excludedMaterialTypes],
      );
    }
    await recordAudit(tx, { actor: ctx.actor, action: 'reader-category.update', target: `reader-category:${library}:${category}`, library, details: { illLimits: limits }, ip: ctx.ip, requestId: ctx.requestId });
  });
  return (await categoryLimits(db, library)).find((c) => c.category === category)!;
}
