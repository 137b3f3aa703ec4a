/** Combining the signals an item field gives about a copy into one status. */
import type { ItemStatus } from './types.js';

/**
 * When signals disagree the gravest wins: a lost copy that also carries a due date is lost;
 * a reference copy lent out anyway is on loan (readers cannot have it now either way).
 */
const GRAVITY: readonly ItemStatus[] = ['lost', 'missing', 'unavailable', 'in-transit', 'on-loan', 'reference-only', 'available'];

export function gravest(statuses: readonly ItemStatus[]): ItemStatus {
  let best: ItemStatus = 'available';
  for (const s of statuses) if (GRAVITY.indexOf(s) < GRAVITY.indexOf(best)) best = s;
  return best;
}

/** A status table keyed case-insensitively (exports write 'Available', 'AVAILABLE', 'available'). */
export function statusTable(entries: Record<string, ItemStatus>): Record<string, ItemStatus> {
  const table: Record<string, ItemStatus> = Object.create(null) as Record<string, ItemStatus>;
  for (const [k, v] of Object.entries(entries)) table[k] = v;
  for (const [k, v] of Object.entries(entries)) if (!(k.toLowerCase() in table)) table[k.toLowerCase()] = v;
  return table;
}

/** A value looked up exactly, then in lower case. */
export function lookUp(table: Record<string, ItemStatus> | undefined, value: string): ItemStatus | undefined {
  if (!table) return undefined;
  if (Object.hasOwn(table, value)) return table[value];
  const lower = value.toLowerCase();
  return Object.hasOwn(table, lower) ? table[lower] : undefined;
}

/** Koha's numeric authorised values: '' and '0' mean "no", anything else a code; NaN unreadable. */
export function kohaNumber(value: string): number | undefined {
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}
