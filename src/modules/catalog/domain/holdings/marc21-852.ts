/**
 * MARC 21 holdings embedded in a bibliographic record: 852 (location) with 866/867/868 (textual
 * holdings: basic unit, supplements, indexes) linked to it by $8 (MARC 21 Holdings, 852 and
 * 866-868; linkage "1" in 852 $8, "1" or "1.2" in 866 $8).
 *
 * 852 $b sublocation, $c shelving location, $k/$h/$i/$m call number (prefix, classification,
 * item part, suffix) or $j shelving control number, $p piece designation (barcode), $t copy.
 * 852 has no status subfield: a copy is 'available' unless the library's mapping names one.
 */
import type { DataField, MarcRecord } from '../marc/record.js';
import { dataFields, firstOf, joinOf } from './fields.js';
import { readItem, type ProfileDefinition } from './item-reader.js';
import type { HoldingDraft, HoldingsProblem, HoldingsResult, ItemMapping } from './types.js';

export const marc21852: ProfileDefinition = {
  name: 'marc21-852',
  tag: '852',
  barcode: ['p'],
  location: ['b', 'c', 'a'],
  callNumber: ['k', 'h', 'i', 'm'],
  callNumberFallback: ['j'],
  materialType: [],
  status: [],
  dueDate: [],
  statusMap: {},
};

const SUMMARY_TAGS = ['866', '867', '868'] as const;

/** The link number of a $8 ("1.2" → "1"); 852 and its 866s share it. */
function linkOf(field: DataField): string | undefined {
  const link = firstOf(field, ['8']);
  return link?.split(/[.\\]/)[0];
}

/**
 * One holding per 852. A copy (item) is made when the 852 names one ($p barcode or $t copy), or
 * when no textual holdings are linked to it (a monograph's location line stands for one copy);
 * a serial's 852 with only an 866 summary has no countable copies.
 */
export function extract852(record: MarcRecord, mapping: ItemMapping = {}): HoldingsResult {
  const tag = mapping.tag ?? marc21852.tag;
  const problems: HoldingsProblem[] = [];
  const summaries = new Map<string, string[]>();
  const unlinked: string[] = [];
  for (const summaryTag of SUMMARY_TAGS) {
    for (const f of dataFields(record, summaryTag)) {
      const text = joinOf(f, ['a']);
      if (!text) continue;
      const label = summaryTag === '867' ? `Supplements: ${text}` : summaryTag === '868' ? `Indexes: ${text}` : text;
      const link = linkOf(f);
      if (link === undefined) unlinked.push(label);
      else summaries.set(link, [...(summaries.get(link) ?? []), label]);
    }
  }

  const holdings: HoldingDraft[] = [];
  const fields = dataFields(record, tag);
  fields.forEach((field, index) => {
    const link = linkOf(field);
    let lines = link !== undefined ? summaries.get(link) : undefined;
    if (link !== undefined) summaries.delete(link);
    // A lone 852 owns the summaries that name no link: common in simple exports.
    if (!lines && fields.length === 1 && unlinked.length > 0) lines = unlinked.splice(0);
    const item = readItem(field, index + 1, marc21852, mapping, problems);
    const namesACopy = firstOf(field, mapping.barcode ?? marc21852.barcode) !== undefined || firstOf(field, ['t']) !== undefined;
    const holding: HoldingDraft = { items: namesACopy || !lines ? [item] : [] };
    if (item.location !== undefined) holding.location = item.location;
    if (item.callNumber !== undefined) holding.callNumber = item.callNumber;
    if (lines) holding.summary = lines.join('; ');
    holdings.push(holding);
  });

  // Summaries with no 852 to hang on still tell a reader what the library has.
  const orphans = [...[...summaries.values()].flat(), ...unlinked];
  if (orphans.length > 0) holdings.push({ summary: orphans.join('; '), items: [] });
  return { holdings, problems };
}
