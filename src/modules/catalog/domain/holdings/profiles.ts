/** The item profiles by name, and how 'auto' chooses one for a record. */
import type { MarcRecord } from '../marc/record.js';
import { alephZ30 } from './aleph-z30.js';
import { dataFields } from './fields.js';
import { iii945 } from './iii-945.js';
import { looksLike, type ProfileDefinition } from './item-reader.js';
import { extractItemFields } from './item-fields.js';
import { koha952, unimarc995 } from './koha.js';
import { extract852, marc21852 } from './marc21-852.js';
import type { HoldingsResult, ItemMapping, ItemProfileName } from './types.js';

type Extractor = (record: MarcRecord, mapping: ItemMapping) => HoldingsResult;

const itemLevel = (profile: ProfileDefinition): Extractor => (record, mapping) => extractItemFields(record, profile, mapping);

const EXTRACTORS: Record<Exclude<ItemProfileName, 'auto' | 'none'>, Extractor> = {
  'marc21-852': extract852,
  'koha-952': itemLevel(koha952),
  'aleph-z30': itemLevel(alephZ30),
  'iii-945': itemLevel(iii945),
  'unimarc-995': itemLevel(unimarc995),
};

/**
 * Item-level fields first (they carry status), in the order of how unmistakable the tag is;
 * 852 last. A field counts only when it has the system's own subfields: LC and others put free
 * text in 952 $a or 995 $a ("Library has 2 copies.", "OCLC Recl. 2008") — those are not items.
 */
const AUTO_ORDER: readonly ProfileDefinition[] = [alephZ30, koha952, unimarc995, iii945, marc21852];

/** The profile 'auto' reads a record with, or undefined when it has no item fields. */
export function detectItemProfile(record: MarcRecord): Exclude<ItemProfileName, 'auto' | 'none'> | undefined {
  return AUTO_ORDER.find((p) => dataFields(record, p.tag).some((f) => looksLike(f, p)))?.name;
}

export function profileFor(record: MarcRecord, name: ItemProfileName): Extractor | undefined {
  if (name === 'none') return undefined;
  if (name !== 'auto') return EXTRACTORS[name];
  const detected = detectItemProfile(record);
  return detected && EXTRACTORS[detected];
}
