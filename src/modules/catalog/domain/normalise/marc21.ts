/**
 * Normalising a MARC 21 bibliographic record (https://www.loc.gov/marc/bibliographic/).
 */
import type { DataField, MarcRecord } from '../marc/record.js';
import { marc21Carrier } from './carrier.js';
import { normaliseDesignation } from './designation.js';
import { normaliseEdition } from './edition.js';
import { controlValue, dataFields, joined, linkedVernacular, subfield, subfieldValues } from './fields.js';
import { marc21Format } from './format.js';
import { normaliseLccn } from './identifiers.js';
import { codedYear, pageCount, publisherWords, transcribedYear, volumeCount } from './imprint.js';
import { languageCode, readIdentifiers, type IsbnSubfield } from './common.js';
import { mainNameKey, nameKeys, type NameEntry } from './names.js';
import { foldText } from './text.js';
import type { NormalisedRecord } from './types.js';

/** Title proper without its non-filing characters (245 second indicator: "4" skips "The "). */
function titleProper(f: DataField): string {
  const a = subfieldValues(f, 'a').join(' ');
  const skip = /^\d$/.test(f.ind2) ? Number(f.ind2) : 0;
  return a.slice(skip);
}

function names(record: MarcRecord, tags: string[], vernacular = false): NameEntry[] {
  const out: NameEntry[] = [];
  const fields = vernacular ? tags.flatMap((t) => linkedVernacular(record, t)) : dataFields(record, ...tags);
  for (const f of fields) {
    const tag = f.tag === '880' ? (subfield(f, '6') ?? '').slice(0, 3) : f.tag;
    const name = tag.endsWith('10') ? joined(f, 'ab') : joined(f, 'a');
    if (name.trim() !== '') out.push({ name, personal: tag.endsWith('00') });
  }
  return out;
}

function year(record: MarcRecord): number | null {
  const f008 = controlValue(record, '008') ?? '';
  // 008/06 "b" (B.C.), "n" (unknown) and "|" carry no usable Date 1.
  if (f008.length >= 11 && !'bn|'.includes(f008[6] ?? '|')) {
    const y = codedYear(f008.slice(7, 11));
    if (y !== null) return y;
  }
  const imprint = [...dataFields(record, '264').filter((f) => f.ind2 === '1'), ...dataFields(record, '260', '264')];
  for (const f of imprint) {
    const y = transcribedYear(joined(f, 'c'));
    if (y !== null) return y;
  }
  return null;
}

/** The publisher of the first publication statement (264 with 2nd indicator 1, else 260, else 264). */
function publisher(record: MarcRecord, vernacular: boolean): string[] {
  const tags = ['264', '260'];
  const fields = vernacular ? tags.flatMap((t) => linkedVernacular(record, t)) : dataFields(record, ...tags);
  const tagOf = (f: DataField) => (f.tag === '880' ? (subfield(f, '6') ?? '').slice(0, 3) : f.tag);
  const main =
    fields.find((f) => tagOf(f) === '264' && f.ind2 === '1') ?? fields.find((f) => tagOf(f) === '260') ?? fields[0];
  return publisherWords(main ? subfield(main, 'b') : null);
}

function language(record: MarcRecord): string | null {
  const f008 = controlValue(record, '008') ?? '';
  return languageCode(f008.slice(35, 38)) ?? languageCode(dataFields(record, '041').map((f) => subfield(f, 'a') ?? '')[0]?.slice(0, 3));
}

function oclcFromControlNumber(record: MarcRecord): string | null {
  const id = (controlValue(record, '001') ?? '').trim();
  const source = (controlValue(record, '003') ?? '').trim().toLowerCase();
  const prefixed = /^(?:ocm|ocn|on)0*(\d+)$/.exec(id);
  if (prefixed) return prefixed[1]!;
  return source === 'ocolc' && /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : null;
}

/** The MARC 21 record as matching sees it. */
export function normaliseMarc21(record: MarcRecord): NormalisedRecord {
  const isbnSubfields: IsbnSubfield[] = dataFields(record, '020').map((f) => ({
    valid: subfieldValues(f, 'a'),
    cancelled: subfieldValues(f, 'z'),
    qualifier: subfieldValues(f, 'q').join(' ') || null,
  }));
  const ids = readIdentifiers(
    isbnSubfields,
    dataFields(record, '022').flatMap((f) => subfieldValues(f, 'a')),
    dataFields(record, '035').flatMap((f) => subfieldValues(f, 'a')),
  );
  const controlOclc = oclcFromControlNumber(record);
  if (controlOclc !== null && !ids.oclcNumbers.includes(controlOclc)) ids.oclcNumbers.push(controlOclc);

  const f245 = dataFields(record, '245')[0];
  const variants = linkedVernacular(record, '245').map((f) => foldText(titleProper(f))).filter((t) => t !== '');
  const uniform = dataFields(record, '130', '240')[0];
  const extent = dataFields(record, '300').map((f) => subfieldValues(f, 'a').join(' ')).join(' ');
  const main = names(record, ['100', '110', '111'])[0] ?? names(record, ['100', '110', '111'], true)[0];
  const responsible = ['100', '110', '111', '700', '710', '711'];
  const lccn = dataFields(record, '010').map((f) => subfield(f, 'a')).find((a) => a !== undefined);

  return {
    flavour: 'marc21',
    ...marc21Format(record),
    carrier: marc21Carrier(record),
    ...ids,
    lccn: lccn === undefined ? null : normaliseLccn(lccn),
    title: f245 ? foldText(titleProper(f245)) : '',
    subtitle: f245 ? foldText(subfieldValues(f245, 'b').join(' ')) : '',
    titleVariants: [...new Set(variants)],
    uniformTitle: uniform ? foldText(subfieldValues(uniform, 'a').join(' ')) || null : null,
    part: f245 ? normaliseDesignation(subfieldValues(f245, 'np').join(' ')) : null,
    seriesNumbers: seriesNumbers(dataFields(record, '490', '830', '440')),
    mainAuthor: mainNameKey(main),
    authorKeys: [...new Set(names(record, responsible).flatMap(nameKeys))],
    vernacularAuthorKeys: [...new Set(names(record, responsible, true).flatMap(nameKeys))],
    edition: normaliseEdition(dataFields(record, '250').map((f) => subfield(f, 'a') ?? '').join(' ')),
    publisher: publisher(record, false),
    vernacularPublisher: publisher(record, true),
    year: year(record),
    pages: pageCount(extent),
    volumes: volumeCount(extent),
    extent: foldText(extent) || null,
    language: language(record),
  };
}

/** Normalised series numbers ($v) of series statements and added entries. */
export function seriesNumbers(fields: DataField[]): string[] {
  const out = new Set<string>();
  for (const f of fields) {
    for (const v of subfieldValues(f, 'v')) {
      const n = normaliseDesignation(v);
      if (n !== null) out.add(n);
    }
  }
  return [...out];
}
