/**
 * The common reading of one item field: a profile says which subfields hold what; a library's
 * mapping overrides it. Status rules peculiar to a system live in the profile's `readStatus`.
 */
import type { DataField } from '../marc/record.js';
import { readDueDate } from './dates.js';
import { firstOf, joinOf, where } from './fields.js';
import { ITEM_STATUSES, type HoldingsProblem, type ItemDraft, type ItemMapping, type ItemProfileName, type ItemStatus } from './types.js';

/** What a status reading gives: the status, and a due date when on loan. */
export interface StatusReading {
  status: ItemStatus;
  dueDate?: string;
}

export interface ProfileDefinition {
  name: Exclude<ItemProfileName, 'auto' | 'none'>;
  tag: string;
  barcode: string[];
  location: string[];
  /** All present joined by a space (prefix, class, cutter, suffix). */
  callNumber: string[];
  /** Tried when none of `callNumber` is present. */
  callNumberFallback?: string[];
  materialType: string[];
  status: string[];
  dueDate: string[];
  /** The system's status codes (as exported, case-sensitive) → Anylib statuses. */
  statusMap: Record<string, ItemStatus>;
  /**
   * A system's own rules (Koha's several status subfields, for instance). Called with the
   * mapped status code (if any) and the due date read; reports problems itself.
   */
  readStatus?: (ctx: StatusContext) => StatusReading;
}

export interface StatusContext {
  field: DataField;
  occurrence: number;
  tag: string;
  mapping: ItemMapping;
  profile: ProfileDefinition;
  dueDate: string | undefined;
  problems: HoldingsProblem[];
}

export const isItemStatus = (s: unknown): s is ItemStatus => typeof s === 'string' && (ITEM_STATUSES as readonly string[]).includes(s);

/** The status code's subfield and value under the mapping, if any. */
export function statusCode(ctx: StatusContext): { code: string; value: string } | undefined {
  for (const code of ctx.mapping.status ?? ctx.profile.status) {
    const sf = ctx.field.subfields.find((s) => s.code === code && s.value.trim() !== '');
    if (sf) return { code, value: sf.value.trim() };
  }
  return undefined;
}

/** A code looked up in the library's map, then the profile's; undefined when neither knows it. */
export function lookUpStatus(ctx: StatusContext, value: string): ItemStatus | undefined {
  const own = ctx.mapping.statusMap?.[value];
  if (own !== undefined) return own;
  return Object.hasOwn(ctx.profile.statusMap, value) ? ctx.profile.statusMap[value] : undefined;
}

/**
 * The generic rule: the status code read through the maps; no code means available; an unknown
 * code is reported and the copy counted 'unavailable' (we cannot promise it on the shelf).
 * A due date makes the copy on loan unless the code says otherwise.
 */
export function genericStatus(ctx: StatusContext): StatusReading {
  const found = statusCode(ctx);
  let status: ItemStatus = 'available';
  if (found) {
    const known = lookUpStatus(ctx, found.value);
    if (known === undefined) {
      ctx.problems.push({ field: where(ctx.tag, ctx.occurrence, found.code), reason: `unknown status code "${found.value}"` });
      status = 'unavailable';
    } else status = known;
  }
  if (ctx.dueDate && (status === 'available' || found === undefined)) status = 'on-loan';
  return status === 'on-loan' && ctx.dueDate ? { status, dueDate: ctx.dueDate } : { status };
}

/** One item from one field under a profile and a library's mapping; problems go to `problems`. */
export function readItem(
  field: DataField,
  occurrence: number,
  profile: ProfileDefinition,
  mapping: ItemMapping,
  problems: HoldingsProblem[],
): ItemDraft {
  const tag = mapping.tag ?? profile.tag;
  const callNumber = mapping.callNumber
    ? joinOf(field, mapping.callNumber)
    : (joinOf(field, profile.callNumber) ?? firstOf(field, profile.callNumberFallback));

  let dueDate: string | undefined;
  for (const code of mapping.dueDate ?? profile.dueDate) {
    const raw = firstOf(field, [code]);
    if (raw === undefined) continue;
    dueDate = readDueDate(raw);
    if (dueDate === undefined) problems.push({ field: where(tag, occurrence, code), reason: `unreadable due date "${raw}"` });
    break;
  }

  const ctx: StatusContext = { field, occurrence, tag, mapping, profile, dueDate, problems };
  const reading = (profile.readStatus ?? genericStatus)(ctx);
  const item: ItemDraft = { status: reading.status };
  const barcode = firstOf(field, mapping.barcode ?? profile.barcode);
  const location = firstOf(field, mapping.location ?? profile.location);
  const materialType = firstOf(field, mapping.materialType ?? profile.materialType);
  if (barcode !== undefined) item.barcode = barcode;
  if (location !== undefined) item.location = location;
  if (callNumber !== undefined) item.callNumber = callNumber;
  if (materialType !== undefined) item.materialType = materialType;
  if (reading.dueDate !== undefined) item.dueDate = reading.dueDate;
  return item;
}
