/**
 * Item-level exports (Koha 952, UNIMARC 995, Aleph Z30, Innovative 945): one field per copy.
 * Copies are gathered into holdings by location and call number, in the order first met.
 */
import type { MarcRecord } from '../marc/record.js';
import { dataFields } from './fields.js';
import { newReadContext, readItem, tagOf, type ProfileDefinition, type ReadContext } from './item-reader.js';
import type { HoldingDraft, HoldingsResult, ItemMapping } from './types.js';

export function extractItemFields(record: MarcRecord, profile: ProfileDefinition, mapping: ItemMapping = {}, ctx: ReadContext = newReadContext()): HoldingsResult {
  const byPlace = new Map<string, HoldingDraft>();
  dataFields(record, tagOf(profile, mapping)).forEach((field, index) => {
    const item = readItem(field, index + 1, profile, mapping, ctx);
    const key = `${item.location ?? ''}\u0000${item.callNumber ?? ''}`;
    let holding = byPlace.get(key);
    if (!holding) {
      holding = { items: [] };
      if (item.location !== undefined) holding.location = item.location;
      if (item.callNumber !== undefined) holding.callNumber = item.callNumber;
      byPlace.set(key, holding);
    }
    holding.items.push(item);
  });
  return { holdings: [...byPlace.values()], problems: ctx.problems };
}
