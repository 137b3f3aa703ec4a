/**
 * Holdings and items as read from a member record's item fields (issue 3, "Holdings and items"):
 * the drafts that ingest stores in the `holdings` and `items` tables.
 */

/** What a reader at the counter can expect of a copy; every system's codes come down to these. */
export type ItemStatus =
  | 'available'
  | 'on-loan'
  | 'in-transit'
  | 'missing'
  | 'lost'
  | 'reference-only'
  | 'unavailable';

export const ITEM_STATUSES = ['available', 'on-loan', 'in-transit', 'missing', 'lost', 'reference-only', 'unavailable'] as const satisfies readonly ItemStatus[];

/** One copy (a physical item) as exported by the library's system. */
export interface ItemDraft {
  barcode?: string;
  location?: string;
  callNumber?: string;
  materialType?: string;
  status: ItemStatus;
  /** ISO date (YYYY-MM-DD), only when the copy is on loan. */
  dueDate?: string;
}

/** A holding: one location and call number of a record in a library, with its copies. */
export interface HoldingDraft {
  location?: string;
  callNumber?: string;
  /** Textual holdings of a serial (866/867/868 $a), e.g. "v.1-20 (1990-2009)". */
  summary?: string;
  items: ItemDraft[];
}

/** A value that could not be read; the item is kept (status 'unavailable' or the value left out). */
export interface HoldingsProblem {
  /** Tag, occurrence and subfield, e.g. "952[2]$q". */
  field: string;
  reason: string;
}

export interface HoldingsResult {
  holdings: HoldingDraft[];
  problems: HoldingsProblem[];
}

/** The item-field conventions Anylib knows (catalog_profiles.item_profile). */
export type ItemProfileName = 'auto' | 'marc21-852' | 'koha-952' | 'aleph-z30' | 'iii-945' | 'unimarc-995' | 'none';

export const ITEM_PROFILE_NAMES = ['auto', 'marc21-852', 'koha-952', 'aleph-z30', 'iii-945', 'unimarc-995', 'none'] as const satisfies readonly ItemProfileName[];

/**
 * A library's overrides of its profile (catalog_profiles.item_mapping): which tag and subfields
 * hold what, and how its own status codes read. Subfield lists are tried in order; the first
 * present wins (call numbers: all present, joined by a space).
 */
export interface ItemMapping {
  tag?: string;
  barcode?: string[];
  location?: string[];
  callNumber?: string[];
  materialType?: string[];
  status?: string[];
  dueDate?: string[];
  /** The library's status codes → Anylib statuses; consulted before the profile's own table. */
  statusMap?: Record<string, ItemStatus>;
}

/** How to read a library's items: the profile, and its overrides. */
export interface ItemProfile {
  name: ItemProfileName;
  mapping?: ItemMapping;
}
