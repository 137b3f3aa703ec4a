import { isSqlState, SqlState, type Queryable } from '../../platform/db/index.js';
import { PlatformErrors, type AppError } from '../../platform/errors/index.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor } from './audit.js';
import type { References } from './domain/checks.js';
import type { AllianceDoc } from './domain/document.js';
import { renderProblems, type Problem } from './domain/problems.js';
import { NetworkErrors } from './errors.js';
import { allianceStore } from './alliance.store.js';
import { libraryStore } from './library.store.js';

/** Who asks for a change, and in which language to explain a refusal. */
export interface ChangeContext {
  actor: Actor;
  locale: Locale;
}

// Any fixed number: changes to the alliance hierarchy (and imports) take this lock for their
// transaction, so two concurrent changes cannot together close a cycle that each alone would not.
const HIERARCHY_LOCK = 7_231_102;

export async function lockHierarchy(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [HIERARCHY_LOCK]);
}

const referenceCodes = new Set(['unknown-library', 'unknown-alliance']);

/**
 * Refuses a change for the problems found, all of them named: malformed input 400, a cycle 409,
 * a repeated entry 409, a reference to nothing 404.
 */
export function refuse(problems: readonly Problem[], locale: Locale): never {
  const fields = renderProblems(problems, locale);
  const count = fields.length;
  const codes = new Set(problems.map((p) => p.code));
  if ([...codes].some((c) => c !== 'cycle' && c !== 'duplicate' && !referenceCodes.has(c))) throw PlatformErrors.VALIDATION_FAILED({ count }, fields);
  if (codes.has('cycle')) throw NetworkErrors.ALLIANCE_CYCLE({ count }, fields);
  if (codes.has('duplicate')) throw NetworkErrors.DUPLICATE_ENTRY({ count }, fields);
  throw NetworkErrors.REFERENCE_NOT_FOUND({ count }, fields);
}

/** A delete refused by a foreign key (an alliance still managed by the library, a seat, an agreement, another module's rows). */
export function inUse(err: unknown, target: string): AppError | undefined {
  // ON DELETE RESTRICT answers restrict_violation (23001), NO ACTION foreign_key_violation (23503).
  if (!isSqlState(err, SqlState.foreignKeyViolation) && !isSqlState(err, '23001')) return undefined;
  const table = /from table "([\w]+)"/.exec(err.detail ?? err.message)?.[1] ?? 'another entry';
  return NetworkErrors.IN_USE({ target, by: table.replace(/_/g, ' ') }, [], err);
}

/** The libraries an alliance entry names: management centre, members, seat holders. */
export function librariesNamedBy(a: Partial<AllianceDoc>): string[] {
  const named = new Set<string>();
  if (a.managementCentre) named.add(a.managementCentre);
  for (const m of a.members ?? []) named.add(m.library);
  for (const b of a.governance ?? []) for (const s of b.seats ?? []) if (s.library) named.add(s.library);
  return [...named];
}

/**
 * What the database says about the references of one change, with the alliance hierarchy as it
 * would be after the change (`code`'s parent replaced).
 */
export async function referencesFor(tx: Queryable, symbols: readonly string[], change?: { code: string; parent: string | undefined }): Promise<References> {
  const existing = await libraryStore.existing(tx, symbols);
  const parents = await allianceStore.hierarchy(tx);
  const hierarchy = new Map<string, string | null | undefined>(parents);
  if (change) hierarchy.set(change.code, change.parent ?? null);
  return { hasLibrary: (s) => existing.has(s), hasAlliance: (c) => hierarchy.has(c), parents: hierarchy };
}

/** Applies a JSON merge patch at the top level: a field set to null is removed, others replaced whole. */
export function merged<T extends object>(current: T, patch: Record<string, unknown>): T {
  const next = { ...current } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next as T;
}
