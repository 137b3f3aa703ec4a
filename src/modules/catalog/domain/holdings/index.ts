/**
 * Holdings and items from member records (issue 3, "Holdings and items"): pure extraction from
 * the item fields real systems export — MARC 21 852/866-868, Koha 952, Aleph Z30, Innovative 945,
 * UNIMARC/CNMARC 995 — under a per-library profile and overrides. No I/O.
 */
import type { MarcRecord } from '../marc/record.js';
import { extract852 } from './marc21-852.js';
import type { HoldingsResult, ItemProfile, ItemProfileName } from './types.js';

export type {
  HoldingDraft,
  HoldingsProblem,
  HoldingsResult,
  ItemDraft,
  ItemMapping,
  ItemProfile,
  ItemProfileName,
  ItemStatus,
} from './types.js';
export { ITEM_PROFILE_NAMES, ITEM_STATUSES } from './types.js';
export { readDueDate } from './dates.js';

/**
 * The holdings and copies a member record carries, read by the library's item profile
 * (catalog_profiles.item_profile and item_mapping). Unreadable values are reported as problems
 * with the field they sit in; the copy is kept.
 */
export function extractHoldings(record: MarcRecord, profile: ItemProfile | ItemProfileName): HoldingsResult {
  const p: ItemProfile = typeof profile === 'string' ? { name: profile } : profile;
  switch (p.name) {
    case 'none':
      return { holdings: [], problems: [] };
    default:
      return extract852(record, p.mapping);
  }
}
