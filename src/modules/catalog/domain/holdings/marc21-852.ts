/**
 * MARC 21 holdings embedded in a bibliographic record: 852 (location) with 866/867/868 (textual
 * holdings: basic unit, supplements, indexes) linked to it by $8 (MARC 21 Format for Holdings
 * Data, 852 and 866-868: linkage number "1" in 852 $8, "1" or "1.2" in 866 $8).
 *
 * 852 $b sublocation and $c shelving location ($a institution when neither), $k/$h/$i/$m call
 * number (prefix, classification part, item part, suffix) or $j shelving control number,
 * $p piece designation (barcode), $t copy number. MARC 21 gives 852 no status: a copy is
 * 'available' unless the library maps a status subfield. Evergreen's item export writes its
 * copy status names in $z (evergreen/map_data.mrc): `{ status: ['z'] }` reads them with the
 * table below.
 */
import type { DataField, MarcRecord } from '../marc/record.js';
import { dataFields, joinOf, valueOf } from './fields.js';
import { newReadContext, readItem, tagOf, type ProfileDefinition, type ReadContext } from './item-reader.js';
import type { HoldingDraft, HoldingsResult, ItemMapping } from './types.js';

export const marc21852: ProfileDefinition = {
  name: 'marc21-852',
  tag: '852',
  barcode: ['p'],
  location: ['b', 'c'],
  locationFallback: ['a'],
  callNumber: ['k', 'h', 'i', 'm'],
  callNumberFallback: ['j'],
  materialType: [],
  status: [],
  // Evergreen's stock copy statuses (config.copy_status), used when a library maps its status subfield.
  statusMap: {
    Available: 'available',
    'Checked out': 'on-loan',
    Bindery: 'unavailable',
    Lost: 'lost',
    'Lost and paid': 'lost',
    'Long overdue': 'lost',
    Missing: 'missing',
    'In process': 'unavailable',
    'In transit': 'in-transit',
    Reshelving: 'available',
    'On holds shelf': 'unavailable',
    'On order': 'unavailable',
    ILL: 'unavailable',
    Cataloging: 'unavailable',
    Reserves: 'reference-only',
    'Discard/Weed': 'unavailable',
    Damaged: 'unavailable',
    'On reservation shelf': 'unavailable',
    'Canceled transit': 'in-transit',
  },
  signals: [],
  dueDate: [],
  dueDateMeansOnLoan: false,
  markers: ['a', 'b', 'c', 'h', 'j', 'p'],
};

const SUMMARY_TAGS = ['866', '867', '868'] as const;
const SUMMARY_LABEL: Record<string, string> = { '866': '', '867': 'Supplements: ', '868': 'Indexes: ' };

/** The link number of a $8 ("1.2" → "1"); an 852 and its 866s share it. */
function linkOf(field: DataField): string | undefined {
  return valueOf(field, ['8'])?.split(/[.\\]/)[0];
}

/**
 * One holding per 852. It has a copy when the 852 names one ($p barcode or $t copy number), or
 * when no textual holdings hang on it (a monograph's location line stands for its copy); a
 * serial's 852 that only carries an 866 summary has no countable copies.
 */
export function extract852(record: MarcRecord, mapping: ItemMapping = {}, ctx: ReadContext = newReadContext()): HoldingsResult {
  const summaries = new Map<string, string[]>();
  const unlinked: string[] = [];
  for (const tag of SUMMARY_TAGS) {
    for (const f of dataFields(record, tag)) {
      const text = joinOf(f, ['a'], ' ');
      if (!text) continue;
      const line = `${SUMMARY_LABEL[tag]}${text}`;
      const link = linkOf(f);
      if (link === undefined) unlinked.push(line);
      else summaries.set(link, [...(summaries.get(link) ?? []), line]);
    }
  }

  const holdings: HoldingDraft[] = [];
  const fields = dataFields(record, tagOf(marc21852, mapping));
  fields.forEach((field, index) => {
    const link = linkOf(field);
    let lines = link !== undefined ? summaries.get(link) : undefined;
    if (link !== undefined) summaries.delete(link);
    // A lone 852 owns the summaries that name no link: common in simple exports.
    if (!lines && fields.length === 1 && unlinked.length > 0) lines = unlinked.splice(0);
    const item = readItem(field, index + 1, marc21852, mapping, ctx);
    const namesACopy = valueOf(field, mapping.barcode ?? marc21852.barcode) !== undefined || valueOf(field, ['t']) !== undefined;
    const holding: HoldingDraft = { items: namesACopy || !lines ? [item] : [] };
    if (item.location !== undefined) holding.location = item.location;
    if (item.callNumber !== undefined) holding.callNumber = item.callNumber;
    if (lines) holding.summary = lines.join('; ');
    holdings.push(holding);
  });

  // Summaries with no 852 to hang on still tell a reader what the library has.
  const orphans = [...[...summaries.values()].flat(), ...unlinked];
  if (orphans.length > 0) holdings.push({ summary: orphans.join('; '), items: [] });
  return { holdings, problems: ctx.problems };
}
