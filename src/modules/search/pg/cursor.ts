/**
 * Stable deep paging (issue 4): a page's cursor holds the last hit's sort key and id, so the next
 * page starts after it however many documents were added or removed before it meanwhile. It is
 * tied to its search by a fingerprint; another search's cursor is refused.
 */
import { createHash } from 'node:crypto';
import { SearchErrors } from '../errors.js';

export interface CursorPosition {
  /** The last hit's sort key: its score, its year key or its title key. */
  key: number | string;
  id: number;
}

export function fingerprint(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 10);
}

export function encodeCursor(print: string, at: CursorPosition): string {
  return Buffer.from(JSON.stringify({ f: print, k: at.key, i: at.id })).toString('base64url');
}

/** The position in a cursor; CURSOR_INVALID when it is not this search's. */
export function decodeCursor(print: string, cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw SearchErrors.CURSOR_INVALID();
  }
  const c = parsed as { f?: unknown; k?: unknown; i?: unknown };
  const keyOk = typeof c.k === 'number' || typeof c.k === 'string';
  if (c.f !== print || !keyOk || typeof c.i !== 'number' || !Number.isInteger(c.i)) throw SearchErrors.CURSOR_INVALID();
  return { key: c.k as number | string, id: c.i };
}
