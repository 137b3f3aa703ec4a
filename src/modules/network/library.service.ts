import { isSqlState, SqlState, type Db } from '../../platform/db/index.js';
import { recordNetworkAudit } from './audit.js';
import { canonicalLibrary } from './domain/canonical.js';
import { libraryProblems } from './domain/checks.js';
import type { LibraryDoc } from './domain/document.js';
import { renderProblems } from './domain/problems.js';
import { changedFields } from './domain/same.js';
import { NetworkErrors } from './errors.js';
import { libraryStore, type LibraryFilter, type LibraryRecord } from './library.store.js';
import { inUse, merged, refuse, type ChangeContext } from './service-support.js';

/** What a library's own administrators may change of its entry; the rest is the network's. */
export const librarySelfServiceFields = ['contacts', 'endpoints', 'lendingPolicy', 'closedDays'] as const satisfies readonly (keyof LibraryDoc)[];

/** A change to a library entry: the whole entry (PUT) or some of its fields (PATCH, null clears). */
export type LibraryChange = { replace: Omit<LibraryDoc, 'symbol'> & { symbol?: string } } | { patch: Record<string, unknown> };

export async function findLibrary(db: Db, symbol: string): Promise<LibraryRecord> {
  const found = await libraryStore.bySymbol(db, symbol);
  if (!found) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
  return found;
}

export function listLibraries(db: Db, filter: LibraryFilter) {
  return libraryStore.list(db, filter);
}

/** Adds a library to the directory. */
export async function createLibrary(db: Db, input: LibraryDoc, ctx: ChangeContext): Promise<LibraryRecord> {
  const doc = canonicalLibrary(input);
  const problems = libraryProblems(doc, []);
  if (problems.length) refuse(problems, ctx.locale);
  return db.transaction(async (tx) => {
    try {
      await libraryStore.insert(tx, doc);
    } catch (err) {
      if (isSqlState(err, SqlState.uniqueViolation)) {
        throw NetworkErrors.LIBRARY_EXISTS({ symbol: doc.symbol }, renderProblems([{ path: ['symbol'], code: 'exists', params: { value: doc.symbol } }], ctx.locale), err);
      }
      throw err;
    }
    await recordNetworkAudit(tx, ctx.actor, { action: 'library.create', target: `library:${doc.symbol}`, library: doc.symbol });
    return (await libraryStore.bySymbol(tx, doc.symbol))!;
  });
}

/**
 * Changes a library entry. `mayChange` lists the fields the caller may change (a library
 * administrator: contacts, endpoints, lending policy, closed days); a change to any other field
 * is refused as a whole, naming each field. An unchanged entry is not written.
 */
export async function changeLibrary(
  db: Db,
  symbol: string,
  change: LibraryChange,
  ctx: ChangeContext & { mayChange?: readonly string[] },
): Promise<LibraryRecord> {
  return db.transaction(async (tx) => {
    const current = (await libraryStore.bySymbols(tx, [symbol])).get(symbol);
    if (!current) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
    const next = canonicalLibrary('replace' in change ? ({ ...change.replace, symbol: change.replace.symbol ?? symbol } as LibraryDoc) : merged(current.doc, change.patch));
    if (next.symbol !== symbol) {
      const params = { field: 'symbol', from: symbol, to: next.symbol };
      throw NetworkErrors.KEY_CHANGE(params, renderProblems([{ path: ['symbol'], code: 'key-change', params }], ctx.locale));
    }
    const problems = libraryProblems(next, []);
    if (problems.length) refuse(problems, ctx.locale);

    const changed = changedFields(current.doc, next);
    if (!changed.length) return (await libraryStore.bySymbol(tx, symbol))!;
    const forbidden = ctx.mayChange ? changed.filter((f) => !ctx.mayChange!.includes(f)) : [];
    if (forbidden.length) {
      const fields = renderProblems(forbidden.map((f) => ({ path: [f], code: 'restricted' as const })), ctx.locale);
      throw NetworkErrors.FIELDS_RESTRICTED({ allowed: ctx.mayChange!.join(', ') }, fields);
    }
    await libraryStore.update(tx, current.id, next);
    await recordNetworkAudit(tx, ctx.actor, { action: 'library.update', target: `library:${symbol}`, library: symbol, details: { changed } });
    return (await libraryStore.bySymbol(tx, symbol))!;
  });
}

/** Removes a library and its memberships; refused while an alliance, seat, agreement or other record refers to it. */
export async function deleteLibrary(db: Db, symbol: string, ctx: ChangeContext): Promise<void> {
  await db.transaction(async (tx) => {
    const current = (await libraryStore.bySymbols(tx, [symbol])).get(symbol);
    if (!current) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
    await recordNetworkAudit(tx, ctx.actor, { action: 'library.delete', target: `library:${symbol}`, library: symbol, details: { entry: current.doc } });
    try {
      await libraryStore.delete(tx, current.id);
    } catch (err) {
      throw inUse(err, symbol) ?? err;
    }
  });
}
