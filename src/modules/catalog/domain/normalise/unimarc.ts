/**
 * Normalising a UNIMARC / CNMARC bibliographic record by its own fields (IFLA UNIMARC
 * Bibliographic; CNMARC follows its tags): 010 ISBN, 011 ISSN, 100 general processing data,
 * 101 language, 200 title, 205 edition, 210/214 publication, 215 extent, 225 series, 7XX names.
 */
import type { MarcRecord } from '../marc/record.js';
import { languageCode, readIdentifiers, type IsbnSubfield } from './common.js';
import { unimarcCarrier } from './carrier.js';
import { normaliseDesignation } from './designation.js';
import { normaliseEdition } from './edition.js';
import { dataFields, firstSubfield, joined, subfield, subfieldValues } from './fields.js';
import { unimarcFormat } from './format.js';
import { normaliseLccn } from './identifiers.js';
import { codedYear, pageCount, publisherWords, transcribedYear, volumeCount } from './imprint.js';
import { seriesNumbers } from './marc21.js';
import { mainNameKey, nameKeys, type NameEntry } from './names.js';
import { foldText } from './text.js';
import type { NormalisedRecord } from './types.js';

function names(record: MarcRecord, tags: string[]): NameEntry[] {
  const out: NameEntry[] = [];
  for (const f of dataFields(record, ...tags)) {
    const a = subfield(f, 'a') ?? '';
    if (a.trim() === '') continue;
    // 70X: $a entry element, $b rest of the name; 71X: $a body, $b subdivision; 72X: family.
    const personal = f.tag[1] === '0';
    const b = subfield(f, 'b');
    const name = personal ? (b ? `${a}, ${b}` : a) : joined(f, 'ab');
    out.push({ name, personal, ...(personal ? { entryElement: a } : {}) });
  }
  return out;
}

function year(record: MarcRecord): number | null {
  // 100 $a/8 type of date, /9–12 Date 1 ("19961119d1996    …").
  const general = firstSubfield(record, '100', 'a') ?? '';
  if (general.length >= 13) {
    const y = codedYear(general.slice(9, 13));
    if (y !== null) return y;
  }
  for (const f of dataFields(record, '210', '214')) {
    const y = transcribedYear(subfieldValues(f, 'd').join(' '));
    if (y !== null) return y;
  }
  return null;
}

function lccn(record: MarcRecord): string | null {
  // 020: national bibliography number, $a country code, $b number; the US one is an LCCN.
  for (const f of dataFields(record, '020')) {
    const b = subfield(f, 'b');
    if ((subfield(f, 'a') ?? '').trim().toUpperCase() === 'US' && b) return normaliseLccn(b);
  }
  return null;
}

/** The UNIMARC / CNMARC record as matching sees it. */
export function normaliseUnimarc(record: MarcRecord): NormalisedRecord {
  const isbnSubfields: IsbnSubfield[] = dataFields(record, '010').map((f) => ({
    valid: subfieldValues(f, 'a'),
    cancelled: subfieldValues(f, 'z'),
    qualifier: subfieldValues(f, 'b').join(' ') || null,
  }));
  const ids = readIdentifiers(
    isbnSubfields,
    dataFields(record, '011').flatMap((f) => subfieldValues(f, 'a')),
    dataFields(record, '035').flatMap((f) => subfieldValues(f, 'a')),
  );
  const f200 = dataFields(record, '200')[0];
  const extent = dataFields(record, '215').map((f) => subfieldValues(f, 'a').join(' ')).join(' ');
  // 70X/71X/72X 0: the main responsibility; without one, the first alternative (701/711/721).
  const main = names(record, ['700', '710', '720'])[0] ?? names(record, ['701', '711', '721'])[0];
  const publishing = dataFields(record, '210')[0] ?? dataFields(record, '214')[0];

  return {
    flavour: 'unimarc',
    ...unimarcFormat(record),
    carrier: unimarcCarrier(record),
    ...ids,
    lccn: lccn(record),
    title: f200 ? foldText(subfield(f200, 'a') ?? '') : '',
    subtitle: f200 ? foldText(subfieldValues(f200, 'e').join(' ')) : '',
    titleVariants: [],
    uniformTitle: foldText(firstSubfield(record, '500', 'a') ?? '') || null,
    part: f200 ? normaliseDesignation(subfieldValues(f200, 'hi').join(' ')) : null,
    seriesNumbers: seriesNumbers(dataFields(record, '225', '410')),
    mainAuthor: mainNameKey(main),
    authorKeys: [...new Set(names(record, ['700', '701', '702', '710', '711', '712', '720', '721', '722']).flatMap(nameKeys))],
    vernacularAuthorKeys: [],
    edition: normaliseEdition(dataFields(record, '205').map((f) => subfield(f, 'a') ?? '').join(' ')),
    publisher: publisherWords(publishing ? subfield(publishing, 'c') : null),
    vernacularPublisher: [],
    year: year(record),
    pages: pageCount(extent),
    volumes: volumeCount(extent),
    extent: foldText(extent) || null,
    language: languageCode(firstSubfield(record, '101', 'a')),
  };
}
