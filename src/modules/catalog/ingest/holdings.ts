/** Holdings of the records a batch writes, read by HOLDINGS' `extractHoldings` under the library's profile. */
import { extractHoldings, type HoldingsResult, type ItemMapping, type ItemProfile, type ItemProfileName } from '../domain/holdings/index.js';
import type { MarcRecord } from '../domain/marc/index.js';

/** The holdings of one record of a batch, as `complete` made them (prepare.ts). */
export interface HoldingsFor {
  recordId: number;
  clusterId: number;
  /** Each holding as the end of a JSON object (`"location":…,"items":[…]}`). */
  holdings: string[];
  /** The barcodes of its copies. */
  barcodes: string[];
}

/** The item profile of a library, from catalog_profiles.item_profile and item_mapping. */
export function itemProfileOf(name: string, mapping: Record<string, unknown>): ItemProfile {
  const p: ItemProfile = { name: name as ItemProfileName };
  if (Object.keys(mapping).length > 0) p.mapping = mapping as ItemMapping;
  return p;
}

/**
 * The holdings of one record, and the values that could not be read: those do not reject the
 * record (the copy is kept); the importer keeps them with the batch as warnings.
 */
export function holdingsOf(record: MarcRecord, profile: ItemProfile): HoldingsResult {
  return extractHoldings(record, profile);
}
