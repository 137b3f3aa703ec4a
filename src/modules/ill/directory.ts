/**
 * What interlibrary loan reads of the directory — a library (place, alliances, lending policy,
 * closed days) and the agreements between two libraries — kept in this process between requests.
 * The directory changes rarely and a request reads it several times (sourcing reads every holder
 * and the agreements with each), so each look-up is asked of the database once per directory
 * version. The version (migrations/0025_ill_speed.sql) moves on with every write to the
 * directory's tables, whichever server made it; the caller reads it in the same statement as
 * the data it needs anyway (the cluster's copies), so the cache costs no round trip of its own.
 */
import type { Queryable } from '../../platform/db/index.js';
import { agreementsBetween, getLibrary, type AgreementDoc } from '../network/index.js';

export type Library = NonNullable<Awaited<ReturnType<typeof getLibrary>>>;

/** The directory as of one version of one database. */
export interface DirectoryVersion {
  databaseId: string;
  version: string;
}

interface Kept {
  libraries: Map<string, Promise<Library | undefined>>;
  agreements: Map<string, Promise<AgreementDoc[]>>;
}

/** Past this many look-ups kept for one database, the cache starts again (a directory of thousands of libraries has millions of pairs). */
const MAX_ENTRIES = 20_000;
/** Databases kept at once (tests and the federation's two servers share a process). */
const MAX_DATABASES = 8;

const kept = new Map<string, { version: string; data: Kept }>();

function keptFor(at: DirectoryVersion): Kept {
  const k = kept.get(at.databaseId);
  if (k && k.version === at.version && k.data.libraries.size + k.data.agreements.size < MAX_ENTRIES) return k.data;
  // Another version (newer, or older: a reader whose statement began before a change committed,
  // or after a change rolled back that we had seen inside its transaction): start again. What is
  // looked up from now on is read after the version was, so never older than it.
  if (!k && kept.size >= MAX_DATABASES) kept.delete(kept.keys().next().value!);
  const data: Kept = { libraries: new Map(), agreements: new Map() };
  kept.set(at.databaseId, { version: at.version, data });
  return data;
}

/** Memoises one look-up; a failed one is not kept. */
function remember<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const found = map.get(key);
  if (found) return found;
  const p = load();
  map.set(key, p);
  p.catch(() => map.delete(key));
  return p;
}

/**
 * The directory's look-ups at a version read in the current statement. The data may be newer
 * than that version (read after it), never older: a look-up is done after its version was read.
 */
export interface Directory {
  library(symbol: string): Promise<Library | undefined>;
  /** The agreements between two libraries valid on `day` (YYYY-MM-DD), as the network module's agreementsBetween. */
  agreements(a: string, b: string, day: string): Promise<AgreementDoc[]>;
}

/** The look-ups at version `at`, kept for the next caller at that version; read straight from the database when no version is at hand. */
export function directoryAt(db: Queryable, at: DirectoryVersion | undefined): Directory {
  if (at === undefined) return uncachedDirectory(db);
  const data = keptFor(at);
  return {
    library: (symbol) => remember(data.libraries, symbol, () => getLibrary(db, symbol)),
    agreements: (a, b, day) => remember(data.agreements, `${a}\n${b}\n${day}`, () => agreementsBetween(db, a, b, day)),
  };
}

/** The directory read straight from the database (no version at hand). */
export function uncachedDirectory(db: Queryable): Directory {
  return { library: (symbol) => getLibrary(db, symbol), agreements: (a, b, day) => agreementsBetween(db, a, b, day) };
}
