/**
 * Holdings and items from member records (issue 3, "Holdings and items"): pure extraction from
 * the item fields real systems export — MARC 21 852/866-868, Koha 952, Aleph Z30, Innovative 945,
 * UNIMARC/CNMARC 995 — under a per-library profile and overrides. No I/O. See docs/holdings.md.
 */
import type { MarcRecord } from '../marc/record.js';
import { itemMappingSchema } from './mapping.js';
import { profileFor } from './profiles.js';
import type { HoldingsProblem, HoldingsResult, ItemMapping, ItemProfile, ItemProfileName } from './types.js';

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
export { itemMappingSchema, itemProfileNameSchema, itemStatusSchema } from './mapping.js';
export { detectItemProfile } from './profiles.js';

/**
 * The holdings and copies a member record carries, read by the library's item profile
 * (catalog_profiles.item_profile and item_mapping); 'auto' picks the profile by the item fields
 * the record has. Unreadable values are reported as problems naming the field (`952[2]$q`);
 * the copy is kept, counted 'unavailable' when its status cannot be read.
 */
export function extractHoldings(record: MarcRecord, profile: ItemProfile | ItemProfileName): HoldingsResult {
  const p: ItemProfile = typeof profile === 'string' ? { name: profile } : profile;
  const extract = profileFor(record, p.name);
  if (!extract) return { holdings: [], problems: [] };
  const { mapping, problem } = checkedMapping(p.mapping);
  const result = extract(record, mapping);
  if (problem) result.problems.unshift(problem);
  return result;
}

/**
 * A stored mapping that does not validate (written around the API) is not used: the profile's
 * own reading applies and every record says why. Checked once per mapping object.
 */
const checked = new WeakMap<object, { mapping: ItemMapping; problem?: HoldingsProblem }>();
function checkedMapping(mapping: ItemMapping | undefined): { mapping: ItemMapping; problem?: HoldingsProblem } {
  if (mapping === undefined) return { mapping: {} };
  let c = checked.get(mapping);
  if (!c) {
    const parsed = itemMappingSchema.safeParse(mapping);
    c = parsed.success
      ? { mapping }
      : { mapping: {}, problem: { field: 'item_mapping', reason: `the library's item mapping is not valid (${parsed.error.issues.map((i) => i.path.join('.') || 'mapping').join(', ')}); read without it` } };
    checked.set(mapping, c);
  }
  return c;
}
export { readAvailabilityChanges, MAX_BARCODE_LENGTH, type AvailabilityChange, type InvalidChange, type ReadChanges } from './availability-push.js';
