/**
 * The "where are you from?" service: the libraries matching what a reader types, each with the
 * ways to sign in there (its enabled providers, with start URLs that carry a checked returnTo),
 * and the library the browser chose last time (a cookie, remembered when a sign-in starts here).
 */
import type { Queryable } from '../../../platform/db/index.js';
import { findLibraries, indexLibrary, type IndexedLibrary, type MatchKind } from '../domain/library-finder.js';
import { safeReturnTo } from './mapping.js';
import type { ProviderKind } from './provider-store.js';

/** The cookie that remembers the reader's library (its symbol): a year, readable by the web application. */
export const homeLibraryCookie = 'anylib_home_library';
export const homeLibraryMaxAge = 365 * 24 * 3600;

/** Per database (tests run several in one process): the directory's version and its index. */
const caches = new WeakMap<Queryable, { version: string; libraries: IndexedLibrary[] }>();

/** Every library, indexed once per change of the directory (pinyin is worth not computing per request). */
async function indexedLibraries(db: Queryable): Promise<IndexedLibrary[]> {
  const { rows: v } = await db.query<{ version: string }>(`SELECT count(*) || '|' || coalesce(max(updated_at)::text, '') || '|' || coalesce(max(id), 0) AS version FROM libraries`);
  const cache = caches.get(db);
  if (cache?.version === v[0]!.version) return cache.libraries;
  const { rows } = await db.query<{ symbol: string; name_zh: string; name_en: string }>('SELECT symbol, name_zh, name_en FROM libraries ORDER BY symbol');
  const libraries = rows.map((r) => indexLibrary({ symbol: r.symbol, nameZh: r.name_zh, nameEn: r.name_en }));
  caches.set(db, { version: v[0]!.version, libraries });
  return libraries;
}

export interface SignInOption {
  id: number;
  kind: ProviderKind;
  name: string;
  /** Relative: starts the sign-in and remembers the library. */
  startUrl: string;
}

export interface LibraryChoice {
  symbol: string;
  name: { zh: string; en: string };
  match: MatchKind | 'remembered';
  signIn: SignInOption[];
}

async function optionsOf(db: Queryable, symbols: string[], returnTo: string): Promise<Map<string, SignInOption[]>> {
  const { rows } = await db.query<{ id: number; kind: ProviderKind; name: string; library: string }>(
    `SELECT p.id, p.kind, p.name, l.symbol AS library FROM identity_providers p JOIN libraries l ON l.id = p.library_id
      WHERE l.symbol = ANY($1) AND p.enabled ORDER BY p.id`,
    [symbols],
  );
  const out = new Map<string, SignInOption[]>();
  for (const r of rows) {
    const start = `/api/v1/auth/libraries/${encodeURIComponent(r.library)}/sign-in/${r.id}?returnTo=${encodeURIComponent(returnTo)}`;
    (out.get(r.library) ?? out.set(r.library, []).get(r.library)!).push({ id: r.id, kind: r.kind, name: r.name, startUrl: start });
  }
  return out;
}

/** Libraries matching `q` (best first), and the remembered one (when the cookie names a library). */
export async function findSignInLibraries(
  db: Queryable,
  r: { q: string | undefined; limit: number; returnTo: string | undefined; remembered: string | undefined },
): Promise<{ items: LibraryChoice[]; remembered: LibraryChoice | null; returnTo: string }> {
  const returnTo = safeReturnTo(r.returnTo);
  const libraries = await indexedLibraries(db);
  const found = r.q ? findLibraries(libraries, r.q, r.limit) : [];
  const remembered = r.remembered ? libraries.find((l) => l.symbol === r.remembered) : undefined;
  const options = await optionsOf(db, [...found.map((f) => f.library.symbol), ...(remembered ? [remembered.symbol] : [])], returnTo);
  const choice = (l: IndexedLibrary, match: LibraryChoice['match']): LibraryChoice => ({ symbol: l.symbol, name: { zh: l.nameZh, en: l.nameEn }, match, signIn: options.get(l.symbol) ?? [] });
  return { items: found.map((f) => choice(f.library, f.match)), remembered: remembered ? choice(remembered, 'remembered') : null, returnTo };
}

/** The enabled provider `id` of library `symbol`, or undefined. */
export async function providerOfLibrary(db: Queryable, symbol: string, id: number): Promise<{ id: number; kind: ProviderKind } | undefined> {
  const { rows } = await db.query<{ id: number; kind: ProviderKind }>(
    'SELECT p.id, p.kind FROM identity_providers p JOIN libraries l ON l.id = p.library_id WHERE l.symbol = $1 AND p.id = $2 AND p.enabled',
    [symbol, id],
  );
  return rows[0];
}
