/**
 * The common reading of one item field: a profile says which subfields hold what and how its
 * system's codes read; a library's mapping overrides it (issue 3: "configurable per library").
 */
import type { DataField } from '../marc/record.js';
import { readDueDate } from './dates.js';
import { firstOf, joinOf, valueOf, where } from './fields.js';
import { gravest, lookUp, statusTable } from './status.js';
import type { HoldingsProblem, ItemDraft, ItemMapping, ItemProfileName, ItemStatus } from './types.js';

/**
 * A subfield that says something about availability in the system's own terms (Koha's lost,
 * withdrawn and not-for-loan values). `read` gives a status, `null` for "nothing to say", or
 * `undefined` when the value cannot be read (reported; the copy counts as unavailable).
 */
export interface StatusSignal {
  code: string;
  /** What the subfield is, for problem reports: "lost status". */
  what: string;
  read(value: string): ItemStatus | null | undefined;
}

export interface ProfileDefinition {
  name: Exclude<ItemProfileName, 'auto' | 'none'>;
  tag: string;
  barcode: string[];
  /** All present, joined with " / " (branch / shelving location). */
  location: string[];
  /** Tried when none of `location` is present. */
  locationFallback?: string[];
  /** All present, joined by a space (prefix, class, cutter, suffix, volume). */
  callNumber: string[];
  callNumberFallback?: string[];
  materialType: string[];
  /** Subfields holding a status code, read through `statusMap`; an unknown code is a problem. */
  status: string[];
  /** The system's status codes → Anylib statuses (matched exactly, then ignoring case). */
  statusMap: Record<string, ItemStatus>;
  signals: StatusSignal[];
  dueDate: string[];
  /** Whether the due-date subfield being there at all means the copy is out (Koha's onloan). */
  dueDateMeansOnLoan: boolean;
  /** Subfields by which 'auto' recognises the system's item fields (a bare $a says nothing). */
  markers: string[];
}

/** What reading a record's item fields shares: problems found, and barcodes seen so far. */
export interface ReadContext {
  problems: HoldingsProblem[];
  barcodes: Set<string>;
}

export const newReadContext = (): ReadContext => ({ problems: [], barcodes: new Set() });

/** The tag a library's items are read from: its mapping's, else the profile's. */
export const tagOf = (profile: ProfileDefinition, mapping: ItemMapping): string => mapping.tag ?? profile.tag;

// Status tables built once per profile and per library mapping (a batch reads thousands of records with one).
const tables = new WeakMap<object, Record<string, ItemStatus>>();
function tableOf(map: Record<string, ItemStatus>): Record<string, ItemStatus> {
  let t = tables.get(map);
  if (!t) tables.set(map, (t = statusTable(map)));
  return t;
}

const keyedMaps = new WeakMap<object, boolean>();
function hasKeyed(map: Record<string, ItemStatus>): boolean {
  let k = keyedMaps.get(map);
  if (k === undefined) keyedMaps.set(map, (k = Object.keys(map).some((key) => key.startsWith('$'))));
  return k;
}

function readStatus(field: DataField, at: (code?: string) => string, profile: ProfileDefinition, mapping: ItemMapping, ctx: ReadContext) {
  const found: ItemStatus[] = [];
  const library = mapping.statusMap ? tableOf(mapping.statusMap) : undefined;
  const keyedMap = mapping.statusMap !== undefined && hasKeyed(mapping.statusMap);
  const own = tableOf(profile.statusMap);
  const statusCodes = mapping.status ?? profile.status;
  for (const sf of field.subfields) {
    const value = sf.value.trim();
    if (value === '') continue;
    // "$7=2": a library's reading of one subfield's value, before anything the profile says.
    const keyed = keyedMap ? lookUp(library, `$${sf.code}=${value}`) : undefined;
    if (keyed !== undefined) {
      found.push(keyed);
      continue;
    }
    if (statusCodes.includes(sf.code)) {
      const status = lookUp(library, value) ?? lookUp(own, value);
      if (status === undefined) {
        ctx.problems.push({ field: at(sf.code), reason: `unknown status code "${value}"` });
        found.push('unavailable');
      } else found.push(status);
      continue;
    }
    const signal = profile.signals.find((s) => s.code === sf.code);
    if (!signal) continue;
    const status = signal.read(value);
    if (status === undefined) {
      ctx.problems.push({ field: at(sf.code), reason: `unreadable ${signal.what} "${value}"` });
      found.push('unavailable');
    } else if (status !== null) found.push(status);
  }

  let dueDate: string | undefined;
  const due = firstOf(field, mapping.dueDate ?? profile.dueDate);
  if (due) {
    dueDate = readDueDate(due.value);
    if (dueDate === undefined) ctx.problems.push({ field: at(due.code), reason: `unreadable due date "${due.value}"` });
    if (dueDate !== undefined || profile.dueDateMeansOnLoan) found.push('on-loan');
  }
  const status = gravest(found);
  return status === 'on-loan' && dueDate !== undefined ? { status, dueDate } : { status };
}

/** One copy from one item field, under a profile and a library's mapping. */
export function readItem(field: DataField, occurrence: number, profile: ProfileDefinition, mapping: ItemMapping, ctx: ReadContext): ItemDraft {
  const tag = tagOf(profile, mapping);
  const at = (code?: string) => where(tag, occurrence, code);
  const item: ItemDraft = readStatus(field, at, profile, mapping, ctx);

  const barcode = firstOf(field, mapping.barcode ?? profile.barcode);
  if (barcode) {
    // items_barcode is unique per library: a second copy with the same barcode keeps no barcode.
    if (ctx.barcodes.has(barcode.value)) ctx.problems.push({ field: at(barcode.code), reason: `barcode "${barcode.value}" repeated in this record` });
    else {
      ctx.barcodes.add(barcode.value);
      item.barcode = barcode.value;
    }
  }
  const location = mapping.location
    ? joinOf(field, mapping.location, ' / ')
    : (joinOf(field, profile.location, ' / ') ?? joinOf(field, profile.locationFallback, ' / '));
  const callNumber = mapping.callNumber
    ? joinOf(field, mapping.callNumber, ' ')
    : (joinOf(field, profile.callNumber, ' ') ?? valueOf(field, profile.callNumberFallback));
  const materialType = valueOf(field, mapping.materialType ?? profile.materialType);
  if (location !== undefined) item.location = location;
  if (callNumber !== undefined) item.callNumber = callNumber;
  if (materialType !== undefined) item.materialType = materialType;
  return item;
}

/** Whether a field looks like the profile's item field (for 'auto'). */
export const looksLike = (field: DataField, profile: ProfileDefinition): boolean =>
  field.subfields.some((s) => profile.markers.includes(s.code) && s.value.trim() !== '');
