/** Test records: `aBook({ id: 'b1', title: 'Dream of the red chamber', isbn: '9787020002207' })`. */
import type { DataField, MarcField, MarcRecord } from '../../src/modules/catalog/domain/marc/index.js';
import { toIso2709 } from '../../src/modules/catalog/domain/marc/index.js';
import type { ParsedInput } from '../../src/modules/catalog/index.js';

export interface BookSpec {
  id: string;
  title: string;
  author?: string;
  year?: number;
  isbn?: string;
  edition?: string;
  publisher?: string;
  pages?: number;
  /** 852 $a $b $h: the holding library's location and call number. */
  holding?: { library: string; location?: string; callNumber?: string; barcode?: string };
  deleted?: boolean;
  /** Leave out 001 (a record without a local id). */
  noId?: boolean;
}

const df = (tag: string, subfields: [string, string][], ind1 = ' ', ind2 = ' '): DataField => ({ tag, ind1, ind2, subfields: subfields.map(([code, value]) => ({ code, value })) });

/** A MARC 21 book record with the usual fields. */
export function aBook(s: BookSpec): MarcRecord {
  const year = s.year ?? 2001;
  const fields: MarcField[] = [];
  if (!s.noId) fields.push({ tag: '001', value: s.id });
  fields.push({ tag: '008', value: `010101s${year}    cc            000 0 chi d` });
  if (s.isbn) fields.push(df('020', [['a', s.isbn]]));
  if (s.author) fields.push(df('100', [['a', s.author]], '1'));
  if (s.title !== '') fields.push(df('245', [['a', s.title]], '1', '0'));
  if (s.edition) fields.push(df('250', [['a', s.edition]]));
  fields.push(df('260', [['a', 'Beijing :'], ['b', s.publisher ?? 'Renmin wenxue chubanshe,'], ['c', String(year)]]));
  fields.push(df('300', [['a', `${s.pages ?? 300} p.`]]));
  if (s.holding) {
    const h: [string, string][] = [['a', s.holding.library], ['b', s.holding.location ?? 'Stacks'], ['h', s.holding.callNumber ?? 'I242.4']];
    if (s.holding.barcode) h.push(['p', s.holding.barcode]);
    fields.push(df('852', h));
  }
  return { leader: `00000${s.deleted ? 'd' : 'n'}am a2200000 a 4500`, fields };
}

/** As an input of `ingestRecords`. */
export const asInput = (record: MarcRecord): ParsedInput => ({ record, flavour: 'marc21', sourceFormat: 'api' });

/** An ISO 2709 file of records. */
export function iso2709(records: MarcRecord[]): Buffer {
  return Buffer.concat(records.map((r) => toIso2709(r)!));
}
