/**
 * Availability of the union catalogue's copies (issue 3, "Holdings and items"): counts per
 * cluster and library for the cluster view and search, circulation pushes from members, and
 * item look-ups by barcode.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { NetworkErrors, getLibrary } from '../../network/index.js';
import { ITEM_STATUSES, readAvailabilityChanges, type InvalidChange, type ItemStatus } from '../domain/holdings/index.js';
import { RecordErrors } from '../records/errors.js';
import { holdingsStore, type ItemRow, type LibraryAvailabilityRow } from './holdings.store.js';

/** One library's copies of a cluster. */
export interface LibraryAvailability {
  symbol: string;
  copies: number;
  available: number;
  onLoan: number;
  inTransit: number;
  referenceOnly: number;
  /** The earliest due date of its copies on loan (YYYY-MM-DD), or null. */
  nextDue: string | null;
}

/** A cluster's copies across the alliance, library by library (in symbol order). */
export interface ClusterAvailability {
  libraries: LibraryAvailability[];
  copies: number;
  available: number;
  onLoan: number;
  nextDue: string | null;
}

const earlier = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

const libraryOf = (r: LibraryAvailabilityRow): LibraryAvailability => ({
  symbol: r.symbol,
  copies: Number(r.copies),
  available: Number(r.available),
  onLoan: Number(r.on_loan),
  inTransit: Number(r.in_transit),
  referenceOnly: Number(r.reference_only),
  nextDue: r.next_due,
});

/**
 * Availability of clusters in one query: every requested id has an entry (empty when no live
 * member record holds it). The query the cluster view and the search module use.
 */
export async function availabilityOfClusters(db: Queryable, clusterIds: readonly number[]): Promise<Map<number, ClusterAvailability>> {
  const out = new Map<number, ClusterAvailability>();
  for (const id of clusterIds) out.set(id, { libraries: [], copies: 0, available: 0, onLoan: 0, nextDue: null });
  if (clusterIds.length === 0) return out;
  for (const row of await holdingsStore.availabilityByLibrary(db, clusterIds)) {
    const c = out.get(Number(row.cluster_id));
    if (!c) continue;
    const lib = libraryOf(row);
    c.libraries.push(lib);
    c.copies += lib.copies;
    c.available += lib.available;
    c.onLoan += lib.onLoan;
    c.nextDue = earlier(c.nextDue, lib.nextDue);
  }
  return out;
}

/** One cluster's availability; a cluster merged by staff answers for the one it became. Throws CLUSTER_NOT_FOUND. */
export async function clusterAvailability(db: Queryable, clusterId: number): Promise<ClusterAvailability & { clusterId: number }> {
  const current = await holdingsStore.currentCluster(db, clusterId);
  if (current === null) throw RecordErrors.CLUSTER_NOT_FOUND({ id: clusterId });
  return { clusterId: current, ...(await availabilityOfClusters(db, [current])).get(current)! };
}

async function libraryId(db: Queryable, symbol: string): Promise<number> {
  const library = await getLibrary(db, symbol);
  if (!library) throw NetworkErrors.LIBRARY_NOT_FOUND({ symbol });
  return library.id;
}

/** What a circulation push did. */
export interface PushReport {
  received: number;
  /** Copies whose status or due date changed. */
  updated: number;
  /** Copies that already had that status and due date. */
  unchanged: number;
  /** Earlier rows for a barcode replaced by a later row of the same push. */
  superseded: number;
  /** Barcodes the library has no copy with (not imported yet, or withdrawn). */
  unknown: string[];
  invalid: InvalidChange[];
}

/**
 * Applies a member's circulation changes `{barcode, status, dueDate?}` to its copies, all valid
 * rows in one transaction and one statement; invalid rows are reported and left out (partial
 * success: a push from a circulation system should not stall on one bad row). Throws LIBRARY_NOT_FOUND.
 */
export async function pushAvailability(db: Db, symbol: string, rows: readonly unknown[]): Promise<PushReport> {
  const id = await libraryId(db, symbol);
  const read = readAvailabilityChanges(rows);
  const { known, changed } = await db.transaction((tx) => holdingsStore.applyChanges(tx, id, read.changes));
  const knownSet = new Set(known);
  return {
    received: rows.length,
    updated: changed.length,
    unchanged: known.length - changed.length,
    superseded: read.superseded,
    unknown: read.changes.filter((c) => !knownSet.has(c.barcode)).map((c) => c.barcode),
    invalid: read.invalid,
  };
}

/** A library's copy as the item look-up shows it. */
export interface ItemView {
  barcode: string;
  status: ItemStatus;
  dueDate: string | null;
  location: string | null;
  callNumber: string | null;
  materialType: string | null;
  statusChangedAt: string;
  localId: string;
  clusterId: number | null;
}

const itemView = (r: ItemRow): ItemView => ({
  barcode: r.barcode,
  status: r.status as ItemStatus, // the items table's CHECK allows only these
  dueDate: r.due_date,
  location: r.location,
  callNumber: r.call_number,
  materialType: r.material_type,
  statusChangedAt: new Date(r.status_changed_at).toISOString(),
  localId: r.local_id,
  clusterId: r.cluster_id === null ? null : Number(r.cluster_id),
});

/** The library's copies with these barcodes (those it has; the rest are simply absent). Throws LIBRARY_NOT_FOUND. */
export async function itemsOfLibrary(db: Queryable, symbol: string, barcodes: readonly string[]): Promise<ItemView[]> {
  const id = await libraryId(db, symbol);
  return (await holdingsStore.itemsByBarcode(db, id, barcodes)).map(itemView);
}

/** A library's copies at a glance: live records held, copies by status, overdue loans, last status change. */
export interface LibraryAvailabilitySummary {
  library: string;
  records: number;
  copies: number;
  byStatus: Record<ItemStatus, number>;
  overdue: number;
  lastStatusChange: string | null;
}

/** The library's availability summary. Throws LIBRARY_NOT_FOUND. */
export async function libraryAvailability(db: Queryable, symbol: string): Promise<LibraryAvailabilitySummary> {
  const id = await libraryId(db, symbol);
  const s = await holdingsStore.librarySummary(db, id);
  const byStatus = Object.fromEntries(ITEM_STATUSES.map((st) => [st, Number(s.by_status[st] ?? 0)])) as Record<ItemStatus, number>;
  return {
    library: symbol,
    records: s.records,
    copies: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    overdue: s.overdue,
    lastStatusChange: s.last_change === null ? null : new Date(s.last_change).toISOString(),
  };
}
