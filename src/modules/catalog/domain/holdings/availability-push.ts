/**
 * Reading a member's circulation push (POST /libraries/{symbol}/availability): each change
 * `{barcode, status, dueDate?}` is checked on its own, so one bad row does not hold back the
 * rest (partial success, docs/holdings.md). Pure: rows in, good changes and reasons out.
 */
import { readDueDate } from './dates.js';
import { ITEM_STATUSES, type ItemStatus } from './types.js';

/** A change that can be applied. */
export interface AvailabilityChange {
  barcode: string;
  status: ItemStatus;
  /** ISO date; only with 'on-loan'. */
  dueDate: string | null;
}

/** A row left out, with the field (`changes[3].status`) and why. */
export interface InvalidChange {
  row: number;
  barcode?: string;
  field: string;
  reason: string;
}

export interface ReadChanges {
  changes: AvailabilityChange[];
  invalid: InvalidChange[];
  /** Earlier rows for a barcode that a later row of the same request replaced. */
  superseded: number;
}

const FIELDS = new Set(['barcode', 'status', 'dueDate']);
export const MAX_BARCODE_LENGTH = 100;

/**
 * The changes of a push, in order. For a barcode named twice the last row wins (a push may
 * replay a day's circulation: lent, then returned); the earlier ones count as superseded.
 */
export function readAvailabilityChanges(rows: readonly unknown[]): ReadChanges {
  const invalid: InvalidChange[] = [];
  const byBarcode = new Map<string, AvailabilityChange>();
  let superseded = 0;
  rows.forEach((row, index) => {
    const at = (field?: string) => `changes[${index}]${field ? `.${field}` : ''}`;
    const bad = (field: string | undefined, reason: string, barcode?: string) =>
      invalid.push({ row: index, ...(barcode !== undefined ? { barcode } : {}), field: at(field), reason });
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return bad(undefined, 'a change is an object {barcode, status, dueDate?}');
    const r = row as Record<string, unknown>;
    const barcode = typeof r.barcode === 'string' ? r.barcode.trim() : undefined;
    const unknown = Object.keys(r).find((k) => !FIELDS.has(k));
    if (unknown !== undefined) return bad(unknown, 'not a field of a change', barcode);
    if (barcode === undefined || barcode === '') return bad('barcode', 'a barcode is required');
    if (barcode.length > MAX_BARCODE_LENGTH) return bad('barcode', `a barcode has at most ${MAX_BARCODE_LENGTH} characters`, barcode);
    if (typeof r.status !== 'string' || !(ITEM_STATUSES as readonly string[]).includes(r.status)) {
      return bad('status', `the status is one of ${ITEM_STATUSES.join(', ')}`, barcode);
    }
    const status = r.status as ItemStatus;
    let dueDate: string | null = null;
    if (r.dueDate !== undefined && r.dueDate !== null) {
      if (status !== 'on-loan') return bad('dueDate', 'a due date goes only with the status on-loan', barcode);
      const iso = typeof r.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.dueDate) ? readDueDate(r.dueDate) : undefined;
      if (iso === undefined) return bad('dueDate', 'the due date is a calendar date YYYY-MM-DD', barcode);
      dueDate = iso;
    }
    if (byBarcode.delete(barcode)) superseded += 1;
    byBarcode.set(barcode, { barcode, status, dueDate });
  });
  return { changes: [...byBarcode.values()], invalid, superseded };
}
