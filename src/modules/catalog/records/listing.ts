import type { Queryable } from '../../../platform/db/index.js';
import { PlatformErrors } from '../../../platform/errors/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { NetworkErrors } from '../../network/index.js';
import { libraryIdOf } from '../export/export.store.js';
import { libraryRecords, type HeldRecord } from './store.js';

/** The cursor of a page: where the next one starts (updated_at and id of the last record), opaque to clients. */
const encodeCursor = (r: { position: string; id: number }): string => Buffer.from(JSON.stringify([r.position, r.id])).toString('base64url');

/** A timestamptz as PostgreSQL writes it: `2026-11-23 15:44:28.123456+00`. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

function decodeCursor(s: string): { updatedAt: string; id: number } | undefined {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [unknown, unknown];
    return typeof updatedAt === 'string' && TIMESTAMP.test(updatedAt) && Number.isInteger(id) ? { updatedAt, id: id as number } : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a library's records in the order they changed; `next` continues it (null at the end). */
export async function listLibraryRecords(
  db: Queryable,
  symbol: string,
  q: { since?: string; after?: string; includeDeleted: boolean; limit: number },
  locale: Locale = 'en',
): Promise<{ items: HeldRecord[]; next: string | null }> {
  const libraryId = await libraryIdOf(db, symbol);
  if (libraryId === undefined) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
  const after = q.after === undefined ? undefined : decodeCursor(q.after);
  if (q.after !== undefined && !after) {
    const message = locale === 'zh-CN' ? '不是本列表给出的 next 游标。' : 'This is not a `next` cursor this list gave.';
    throw PlatformErrors.VALIDATION_FAILED({ count: 1 }, [{ field: 'querystring.after', message }]);
  }
  const items = await libraryRecords(db, { libraryId, since: q.since ? new Date(q.since) : undefined, after, includeDeleted: q.includeDeleted, limit: q.limit });
  return { items, next: items.length === q.limit ? encodeCursor(items[items.length - 1]!) : null };
}
